// <cert-overview> in Chromium against the mock CA behind the service worker: 憑證查詢及申請, its
// three tables in every scenario of the mock, and the screens its actions open.
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/cert-overview/cert-overview.ts';
import type { CertOverview } from '../../../src/components/cert-overview/cert-overview.ts';
import { formatDateTime } from '../../../src/components/shared/index.ts';
import type { CertNavigateEvent, CertRemovedEvent } from '../../../src/components/shared/index.ts';
import { createCertCenter, maskIdNumber, type LocalCredential } from '../../../src/core/index.ts';
import type { IssuedCertificate } from '../../../mocks/index.ts';
import { expectAccessible, mount, useMockWorker } from '../support.ts';
import { applied, captions, importedSeed, revoked, shots, tableRows, tablesSetup, withStrangerKey } from '../cert-check/tables-support.ts';

useMockWorker();

const dayMs = 86_400_000;
const server = (el: CertOverview) => tableRows(el, '本公司主機端');
const local = (el: CertOverview) => tableRows(el, '檢核此台電腦匯入的憑證狀況');
const others = (el: CertOverview) => tableRows(el, '其他裝置憑證');
const range = (from: Date, to: Date) => `${formatDateTime(from)} ~ ${formatDateTime(to)}`;
const renewalRange = (c: { notAfter: Date }) => range(new Date(c.notAfter.getTime() - 30 * dayMs), new Date(c.notAfter.getTime() + 30 * dayMs));
const noneLocal = ['此台電腦瀏覽器，查無您有效憑證', '匯入'];
const emptyServer = ['您尚未申請憑證，請點 申請，以進行申請作業。', '申請'];
const noOthers = ['查無其他裝置的憑證。'];

async function mountOverview(center: unknown): Promise<CertOverview> {
  const el = await mount<CertOverview>(html`<cert-overview .center=${center}></cert-overview>`);
  await expect.poll(() => local(el).length).toBeGreaterThan(0);
  return el;
}

/** A row of 本公司主機端 as the manual writes it. */
function serverRow(c: IssuedCertificate, idNumber: string, status: string, action: string): string[] {
  return [maskIdNumber(idNumber), c.serialNumber, 'EC+', range(c.notBefore, c.notAfter), status, renewalRange(c), action];
}

function localRow(c: LocalCredential, status: string, action: string): string[] {
  return [maskIdNumber(c.idNumber), 'EC+', '電子交易', c.serialNumber, range(c.certificate.notBefore, c.certificate.notAfter), status, range(c.renewFrom, c.renewUntil), action];
}

describe('<cert-overview> tables', () => {
  it('shows the manual’s three tables in order', async () => {
    const s = await tablesSetup();
    const el = await mountOverview(s.center);
    await expect.element(page.getByRole('heading', { name: '憑證查詢及申請' })).toBeVisible();
    expect(captions(el)).toEqual(['本公司主機端', '檢核此台電腦匯入的憑證狀況', '其他裝置憑證']);
    const headers = [...el.shadowRoot!.querySelectorAll('table')].map((t) => [...t.querySelectorAll('th')].map((th) => th.textContent!.trim()));
    expect(headers).toEqual([
      ['身分證字號/統編', '憑證序號', '憑證格式', '憑證效期', '憑證狀態', '可更新區間', '您要進行'],
      ['身分證字號/統編', '憑證格式', '憑證用途', '憑證序號', '憑證效期', '憑證狀態', '可更新區間', '您要進行'],
      ['身分證字號/統編', '憑證格式', '憑證用途', '憑證序號', '憑證效期', '憑證狀態', '可更新區間', '裝置'],
    ]);
  });

  it('new customer: 「您尚未申請憑證，請點 申請，以進行申請作業。」 with 申請, nothing stored, nothing elsewhere', async () => {
    const s = await tablesSetup({ scenario: 'new-customer' });
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([emptyServer]);
    expect(local(el)).toEqual([noneLocal]);
    expect(others(el)).toEqual([noOthers]);
    await expectAccessible(el);
    await shots('overview-new-customer', el);
  });

  it('valid, stored here: 正常 with no action on the server, 有效 with 匯出 here; the server’s masked ID as sent', async () => {
    const s = await tablesSetup({ scenario: 'valid' });
    const credential = await importedSeed(s);
    const [seed] = s.backend.certificates(s.backend.customers[0]!.idNumber);
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([serverRow(seed!, credential.idNumber, '正常', '—')]);
    expect(server(el)[0]![0]).toMatch(/^[A-Z]\d{3}\*{6}$/);
    expect(local(el)).toEqual([localRow(credential, '有效', '匯出')]);
    expect(others(el)).toEqual([noOthers]);
    await expectAccessible(el);
    await shots('overview-valid', el);
  });

  it('applied here: the manual’s dates (2021-10-15 13:53:31 ~ …) in the customer’s time zone on every table', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountOverview(s.center);
    const pattern = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ~ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    expect(server(el)[0]![3]).toBe(range(credential.certificate.notBefore, credential.certificate.notAfter));
    expect(server(el)[0]![3]).toMatch(pattern);
    expect(local(el)[0]![4]).toMatch(pattern);
    expect(server(el)[0]![5]).toBe(local(el)[0]![6]);
  });

  it('renewal due: 需更新 with 更新; 更新 fires cert-navigate { page: renew, serialNumber } and, with no <cert-renew>, leaves it to the host', async () => {
    const s = await tablesSetup({ scenario: 'renewal-due' });
    const credential = await importedSeed(s);
    const [seed] = s.backend.certificates(s.backend.customers[0]!.idNumber);
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([serverRow(seed!, credential.idNumber, '需更新', '更新')]);
    expect(local(el)).toEqual([localRow(credential, '有效', '匯出')]);
    await expectAccessible(el);
    await shots('overview-renewal-due', el);
    const asked: CertNavigateEvent['detail'][] = [];
    el.addEventListener('cert-navigate', (e) => asked.push(e.detail));
    expect(customElements.get('cert-renew')).toBeUndefined();
    await page.getByRole('button', { name: `更新憑證 ${seed!.serialNumber}` }).click();
    expect(asked).toEqual([{ page: 'renew', serialNumber: seed!.serialNumber }]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('cert-renew')).toBeNull();
    expect(server(el)).toHaveLength(1);
  });

  it('expired but still in the window: 已過期 with 更新; past the window: 申請', async () => {
    const s = await tablesSetup({ scenario: 'expired' });
    const [seed] = s.backend.certificates(s.backend.customers[0]!.idNumber);
    const id = s.backend.customers[0]!.idNumber;
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([serverRow(seed!, id, '已過期', '更新')]);
    expect(local(el)).toEqual([noneLocal]);
    await expectAccessible(el);
    await shots('overview-expired', el);
    el.remove();

    s.backend.clock.advance(31 * dayMs);
    const later = await mountOverview(s.center);
    expect(server(later)).toEqual([serverRow(seed!, id, '已過期', '申請')]);
  });

  it('revoked: 已註銷, and 申請 again', async () => {
    const s = await tablesSetup({ scenario: 'revoked' });
    const id = s.backend.customers[0]!.idNumber;
    const [seed] = s.backend.certificates(id);
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([serverRow(seed!, id, '已註銷', '申請')]);
    expect(local(el)).toEqual([noneLocal]);
    await expectAccessible(el);
    await shots('overview-revoked', el);
  });

  it('a certificate revoked after it was stored here: 已註銷 on the server, 無效 (憑證已註銷) with 移除 here', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await revoked(s, credential.serialNumber);
    const el = await mountOverview(s.center);
    expect(server(el)[0]!.slice(4)).toEqual(['已註銷', range(credential.renewFrom, credential.renewUntil), '申請']);
    expect(local(el)).toEqual([localRow(credential, '無效（憑證已註銷）', '移除'), noneLocal]);
    await expectAccessible(el);
    await shots('overview-revoked-here', el);
  });

  it('revocation limit: three revoked and one valid, each with its status; 申請 is not offered', async () => {
    const s = await tablesSetup({ scenario: 'revocation-limit' });
    const el = await mountOverview(s.center);
    expect(server(el).map((r) => r[4]).sort()).toEqual(['已註銷', '已註銷', '已註銷', '正常']);
    expect(server(el).map((r) => r[6])).toEqual(['—', '—', '—', '—']);
    await expectAccessible(el);
    await shots('overview-revocation-limit', el);
  });

  it('other device: the mobile certificate in 其他裝置憑證, read-only, with the device; 申請 for this computer', async () => {
    const s = await tablesSetup({ scenario: 'other-device' });
    const id = s.backend.customers[0]!.idNumber;
    const [mobile] = s.backend.certificates(id);
    const el = await mountOverview(s.center);
    expect(server(el)).toEqual([emptyServer]);
    expect(others(el)).toEqual([[maskIdNumber(id), 'EC+', '電子交易', mobile!.serialNumber, range(mobile!.notBefore, mobile!.notAfter), '正常', renewalRange(mobile!), '行動版 (iPhone)']]);
    const otherTable = [...el.shadowRoot!.querySelectorAll('table')][2]!;
    expect(otherTable.querySelectorAll('button')).toHaveLength(0);
    await expectAccessible(el);
    await shots('overview-other-device', el);
  });
});

describe('<cert-overview> actions', () => {
  it('申請 fires cert-navigate { page: apply } and opens <cert-apply> in place, with a way back', async () => {
    const s = await tablesSetup();
    const el = await mountOverview(s.center);
    const asked: CertNavigateEvent['detail'][] = [];
    el.addEventListener('cert-navigate', (e) => asked.push(e.detail));
    await page.getByRole('button', { name: '申請' }).click();
    expect(asked).toEqual([{ page: 'apply' }]);
    await expect.poll(() => el.shadowRoot!.querySelector('cert-apply')).not.toBeNull();
    expect((el.shadowRoot!.querySelector('cert-apply') as unknown as { center: unknown }).center).toBe(s.center);
    expect(el.shadowRoot!.querySelector('table')).toBeNull();
    await expectAccessible(el);
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => captions(el)).toHaveLength(3);
    await expect.poll(() => el.shadowRoot!.activeElement?.textContent).toBe('憑證查詢及申請');
  });

  it('a host that routes itself (preventDefault) keeps the tables', async () => {
    const s = await tablesSetup();
    const el = await mountOverview(s.center);
    el.addEventListener('cert-navigate', (e) => e.preventDefault());
    await page.getByRole('button', { name: '申請' }).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('cert-apply')).toBeNull();
    expect(captions(el)).toHaveLength(3);
  });

  it('the local table is cert-check’s: 匯出 opens <cert-export serial-number>, 移除 asks and removes', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountOverview(s.center);
    await page.getByRole('button', { name: `匯出憑證 ${credential.serialNumber}` }).click();
    await expect.poll(() => el.shadowRoot!.querySelector('cert-export')?.getAttribute('serial-number')).toBe(credential.serialNumber);
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => local(el)).toEqual([localRow(credential, '有效', '匯出')]);

    await withStrangerKey(s.name, credential.serialNumber);
    el.remove();
    const again = await mountOverview(s.center);
    expect(local(again)[0]![5]).toBe('無效（憑證與私鑰不相符）');
    const removed: string[] = [];
    again.addEventListener('cert-removed', (e: CertRemovedEvent) => removed.push(e.detail.serialNumber));
    await page.getByRole('button', { name: `移除憑證 ${credential.serialNumber}` }).click();
    await page.getByRole('button', { name: '確定' }).click();
    await expect.poll(() => local(again)).toEqual([noneLocal]);
    expect(removed).toEqual([credential.serialNumber]);
  });

  it('another tab’s change (a second center on the same store) updates the local table', async () => {
    const s = await tablesSetup();
    const el = await mountOverview(s.center);
    expect(local(el)).toEqual([noneLocal]);
    const customer = s.backend.customers[0]!;
    const other = createCertCenter({ name: s.name, getAccessToken: () => customer.token, clock: () => s.backend.clock.now(), keyAlgorithm: 'ECDSA-P256', retry: { limit: 0 } });
    try {
      const sent = await other.requestOtp('apply');
      const { otpToken } = await other.verifyOtp(sent.otpId, s.lastCode());
      const credential = await other.apply({ otpToken, consentVersion: (await other.consent()).version });
      await expect.poll(() => local(el)).toEqual([localRow(credential, '有效', '匯出')]);
      expect(server(el)[0]![1]).toBe(credential.serialNumber);
    } finally {
      other.close();
    }
  });
});

describe('<cert-overview> when the server cannot be reached', () => {
  it('the server’s tables give way to a notice; the stored rows still show, judged here', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.net.down = true;
    const el = await mountOverview(s.center);
    expect(captions(el)).toEqual(['檢核此台電腦匯入的憑證狀況']);
    expect(local(el)).toEqual([localRow(credential, '有效', '匯出')]);
    await expect.element(page.getByRole('alert')).toBeVisible();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toMatch(/無法連線至憑證中心.*本公司主機端/);
    await expectAccessible(el);
    await shots('overview-server-down', el);
    s.net.down = false;
    await page.getByRole('button', { name: '重試' }).click();
    await expect.poll(() => captions(el)).toHaveLength(3);
  });

  it('an expired session says so instead of "cannot be reached"', async () => {
    await tablesSetup();
    // Its own center, from api-base, with no session: the server answers 401.
    const el = await mount<CertOverview>(html`<cert-overview api-base="/api/cert-center/v1"></cert-overview>`);
    await expect.element(page.getByRole('alert')).toBeVisible();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toMatch(/登入已逾時/);
    await expectAccessible(el);
  });
});

describe('<cert-overview> on a narrow screen and in English', () => {
  it('at 375 px every table is stacked and every cell still shows its column’s name', async () => {
    const s = await tablesSetup({ scenario: 'other-device' });
    await page.viewport(375, 900);
    const el = await mountOverview(s.center);
    for (const table of el.shadowRoot!.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => JSON.stringify(th.textContent!.trim()));
      for (const row of table.tBodies[0]!.rows) {
        expect(getComputedStyle(row).display).toBe('block');
        for (const td of row.cells) {
          const label = getComputedStyle(td, '::before').content;
          if (td.classList.contains('message-cell')) expect(label).toBe('none');
          else expect(headers).toContain(label);
          expect(td.getBoundingClientRect().right).toBeLessThanOrEqual(375);
        }
      }
    }
    await expectAccessible(el);
  });

  it('no table is ever wider than the element, at any width from 320 to 1280 px, in both locales', async () => {
    // The widest rows: a revoked certificate on the server (申請 beside it) and stored here (無效（憑證已註銷）).
    const s = await tablesSetup({ scenario: 'valid' });
    const credential = await importedSeed(s);
    await revoked(s, credential.serialNumber);
    await page.viewport(1400, 900);
    const el = await mountOverview(s.center);
    await expect.poll(() => local(el)[0]?.[5]).toBe('無效（憑證已註銷）');
    for (const locale of ['zh-Hant', 'en'] as const) {
      el.locale = locale;
      for (let width = 320; width <= 1280; width += 20) {
        el.style.width = `${width}px`;
        await el.updateComplete;
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        const box = el.getBoundingClientRect();
        const sticksOut = [...el.shadowRoot!.querySelectorAll('table, td')].filter((part) => part.getBoundingClientRect().right > box.right + 0.5);
        expect({ locale, width, sticksOut: sticksOut.length }).toEqual({ locale, width, sticksOut: 0 });
      }
    }
  });

  it('switches its words when its locale changes while mounted', async () => {
    const s = await tablesSetup({ scenario: 'renewal-due' });
    const el = await mountOverview(s.center);
    el.locale = 'en';
    await expect.poll(() => captions(el)).toEqual(['On our servers', 'Certificates imported into this computer', 'Certificates on other devices']);
    expect(tableRows(el, 'On our servers')[0]!.slice(4, 5)).toEqual(['Renewal due']);
    expect(tableRows(el, 'On our servers')[0]![6]).toBe('Renew');
    expect(tableRows(el, 'Certificates on other devices')).toEqual([['No certificates on other devices.']]);
    await expect.element(page.getByRole('heading', { name: 'Certificates', exact: true })).toBeVisible();
    await expectAccessible(el);
    el.locale = 'zh-Hant';
    await expect.poll(() => captions(el)[0]).toBe('本公司主機端');
  });
});
