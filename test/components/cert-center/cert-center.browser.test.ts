// <cert-center>: the manual's menu, the page attribute a host router can bind, navigation from
// the pages handled in place (or left to the host), 登出, the locale of every page, and an
// interrupted apply finished once when the center opens.
import { html } from 'lit';
import { beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../../src/components/cert-center/cert-center.ts';
import type { CertCenterElement } from '../../../src/components/cert-center/cert-center.ts';
import { CertNavigateEvent } from '../../../src/components/shared/events.ts';
import { expectAccessible, mount, setup, snap, useMockWorker } from '../support.ts';

useMockWorker();
// A desktop's width: below 48rem the menu collapses (tested on its own at 375 px).
beforeEach(() => page.viewport(1280, 900));

const menuItems = ['憑證查詢及申請', '憑證匯入', '憑證匯出', '檢查憑證', '憑證註銷', '電腦檢測', '操作說明', '公告'];
const pageTags: Record<string, string> = {
  overview: 'cert-overview',
  import: 'cert-import',
  export: 'cert-export',
  check: 'cert-check',
  revoke: 'cert-revoke',
  environment: 'env-check',
  help: 'cert-help',
  announcements: 'cert-announcements',
  apply: 'cert-apply',
  renew: 'cert-renew',
};

const shown = (el: CertCenterElement) => el.shadowRoot!.querySelector('[part~="page"]')!.lastElementChild!.localName;

async function center(locale = 'zh-Hant', scenario: Parameters<typeof setup>[0] = {}) {
  const s = await setup(scenario);
  const el = await mount<CertCenterElement>(html`<cert-center locale=${locale} .center=${s.center}></cert-center>`);
  return { ...s, el };
}

describe('<cert-center>', () => {
  it('shows the manual’s menu as links, 登出 last, and marks the current page', async () => {
    const { el } = await center();
    const nav = page.getByRole('navigation', { name: '憑證中心選單' });
    await expect.element(nav).toBeVisible();
    const links = nav.getByRole('link').elements().map((a) => a.textContent?.trim());
    expect(links).toEqual(menuItems);
    await expect.element(nav.getByRole('button', { name: '登出' })).toBeVisible();
    expect(nav.getByRole('link', { name: '憑證查詢及申請' }).element().getAttribute('aria-current')).toBe('page');
    expect(shown(el)).toBe('cert-overview');
  });

  it.each(Object.entries(pageTags))('page="%s" shows %s', async (name, tag) => {
    const s = await setup();
    const el = await mount<CertCenterElement>(html`<cert-center page=${name} .center=${s.center}></cert-center>`);
    expect(shown(el)).toBe(tag);
    // The inner page gets the one center (操作說明 is bundled and needs none).
    if (tag !== 'cert-help') expect((el.shadowRoot!.querySelector(tag) as unknown as { center: unknown }).center).toBe(s.center);
  });

  it('an unknown page shows the query page', async () => {
    const s = await setup();
    const el = await mount<CertCenterElement>(html`<cert-center page="nowhere" .center=${s.center}></cert-center>`);
    await el.updateComplete;
    expect(el.page).toBe('overview');
    expect(shown(el)).toBe('cert-overview');
  });

  it('a menu click shows that page in place, fires cert-navigate, and moves focus to the page', async () => {
    const { el } = await center();
    const seen: string[] = [];
    el.addEventListener('cert-navigate', (e) => seen.push(e.detail.page));
    await page.getByRole('link', { name: '檢查憑證' }).click();
    await el.updateComplete;
    expect([el.page, el.getAttribute('page'), shown(el), seen.join()]).toEqual(['check', 'check', 'cert-check', 'check']);
    expect(page.getByRole('link', { name: '檢查憑證' }).element().getAttribute('aria-current')).toBe('page');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).toBe('page');
  });

  it('a host that cancels cert-navigate routes itself: the page stays until the host sets it', async () => {
    const { el } = await center();
    el.addEventListener('cert-navigate', (e) => e.preventDefault());
    await page.getByRole('link', { name: '公告' }).click();
    await el.updateComplete;
    expect(el.page).toBe('overview');
    el.page = 'announcements';
    await el.updateComplete;
    expect(shown(el)).toBe('cert-announcements');
  });

  it('a page’s cert-navigate (匯出, 匯入, 申請, 更新) is handled by the shell, with the serial number', async () => {
    const { el } = await center();
    const inner = el.shadowRoot!.querySelector('cert-overview')!;
    const request = new CertNavigateEvent({ page: 'export', serialNumber: 'ABC123' });
    inner.dispatchEvent(request);
    await el.updateComplete;
    expect(request.defaultPrevented).toBe(true);
    expect([el.page, el.serialNumber, shown(el)]).toEqual(['export', 'ABC123', 'cert-export']);
    expect(el.shadowRoot!.querySelector('cert-export')!.getAttribute('serial-number')).toBe('ABC123');
    // Renew is not in the menu, but the shell takes it; the menu then marks the query page.
    el.shadowRoot!.querySelector('cert-export')!.dispatchEvent(new CertNavigateEvent({ page: 'renew', serialNumber: 'ABC123' }));
    await el.updateComplete;
    expect(shown(el)).toBe('cert-renew');
    expect(page.getByRole('link', { name: '憑證查詢及申請' }).element().getAttribute('aria-current')).toBe('page');
  });

  it('登出 fires cert-logout and changes nothing else', async () => {
    const { el } = await center();
    let logouts = 0;
    el.addEventListener('cert-logout', () => logouts++);
    await page.getByRole('button', { name: '登出' }).click();
    expect([logouts, el.page]).toEqual([1, 'overview']);
  });

  it('locale="en" switches the menu and the page inside, live', async () => {
    const { el } = await center();
    el.locale = 'en';
    await el.updateComplete;
    await expect.element(page.getByRole('link', { name: 'Certificates' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Log out' })).toBeVisible();
    el.setAttribute('locale', 'zh-Hant');
    await el.updateComplete;
    await expect.element(page.getByRole('link', { name: '憑證查詢及申請' })).toBeVisible();
  });

  it('works from the keyboard alone: Tab to a menu item, Enter opens it', async () => {
    const { el } = await center();
    page.getByRole('link', { name: '憑證查詢及申請' }).element().focus();
    await userEvent.keyboard('{Tab}{Tab}{Tab}');
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).toBe('檢查憑證');
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(shown(el)).toBe('cert-check');
  });

  it('collapses the menu behind a button on a narrow screen', async () => {
    await page.viewport(375, 800);
    {
      const { el } = await center();
      const button = page.getByRole('button', { name: '選單' });
      await expect.element(button).toBeVisible();
      expect(button.element().getAttribute('aria-expanded')).toBe('false');
      expect(getComputedStyle(el.shadowRoot!.querySelector('nav')!).display).toBe('none');
      await button.click();
      expect(button.element().getAttribute('aria-expanded')).toBe('true');
      expect(getComputedStyle(el.shadowRoot!.querySelector('nav')!).display).toBe('block');
      await page.getByRole('link', { name: '憑證匯入' }).click();
      await el.updateComplete;
      expect([shown(el), button.element().getAttribute('aria-expanded')]).toEqual(['cert-import', 'false']);
    }
  });

  it('finishes an apply interrupted by a lost answer once, when it opens, and says so', async () => {
    const s = await setup();
    const { otpId } = await s.center.requestOtp('apply');
    const { otpToken } = await s.center.verifyOtp(otpId, s.lastCode());
    const consent = await s.center.consent();
    // Every try of the apply loses its answer after the server committed: the key stays pending.
    for (let i = 0; i < 3; i++) s.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    await expect(s.center.apply({ otpToken, consentVersion: consent.version })).rejects.toMatchObject({ isCertCenterError: true });
    s.backend.faults.clear();
    expect(s.backend.issuedCount()).toBe(1);
    const el = await mount<CertCenterElement>(html`<cert-center .center=${s.center}></cert-center>`);
    const serial = s.backend.issued()[0]!.serialNumber;
    await expect.element(page.getByRole('status').filter({ hasText: serial })).toBeVisible();
    expect((await s.center.credentials()).map((c) => c.serialNumber)).toEqual([serial]);
    expect(s.backend.issuedCount()).toBe(1);
    await el.updateComplete;
  });

  it('builds its own center from api-base when none is handed in, and hands that one center to every page', async () => {
    await setup();
    const el = await mount<CertCenterElement>(html`<cert-center api-base="/api/cert-center/v1"></cert-center>`);
    expect(el.center).toBeUndefined();
    const first = (el.shadowRoot!.querySelector('cert-overview') as unknown as { center: unknown }).center;
    expect(first).toBeTruthy();
    el.page = 'check';
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('cert-check') as unknown as { center: unknown }).center).toBe(first);
  });

  describe.each(['zh-Hant', 'en'])('every page in %s', (locale) => {
    it.each(Object.keys(pageTags))('%s has no axe violation', async (name) => {
      const s = await setup({ scenario: 'valid' });
      const el = await mount<CertCenterElement>(html`<cert-center locale=${locale} page=${name} .center=${s.center}></cert-center>`);
      const inner = el.shadowRoot!.querySelector(pageTags[name]!) as unknown as { updateComplete?: Promise<unknown> };
      await inner.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      await expectAccessible(el);
      await snap(`cert-center-${name}-${locale}`, el);
      await snap(`cert-center-${name}-${locale}-375`, el, 375);
    });
  });
});
