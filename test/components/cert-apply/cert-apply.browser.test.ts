// <cert-apply>: the code, the consent form, the wait with its steps, the backup, success — and
// every way it can go wrong, with a clear message and nothing lost.
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createCertCenter, type CertCenter, type CertCenterError, type LocalCredential } from '../../../src/core/index.ts';
import '../../../src/components/cert-apply/cert-apply.ts';
import type { CertApply } from '../../../src/components/cert-apply/cert-apply.ts';
import { CertExportedEvent } from '../../../src/components/shared/events.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { expectAccessible, mount, setup, useMockWorker, type Setup } from '../support.ts';
import { snapLocales } from '../support/shots.ts';
import { createManualTimers, type ManualTimers } from '../support/manual-timers.ts';
import { createGate } from '../support/gate.ts';
import { deepActive, enterCode, messages, next, root, settle, step, text, wait } from '../support/flow.ts';

useMockWorker();

const t = zhHant;

// ---------------------------------------------------------------------------------------------
// Helpers

const applyPost = (r: Request) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/certificates');

interface Mounted {
  el: CertApply;
  timers: ManualTimers;
  errors: CertCenterError[];
  applied: LocalCredential[];
}

async function mountApply(center: CertCenter, locale = 'zh-Hant'): Promise<Mounted> {
  const timers = createManualTimers();
  const errors: CertCenterError[] = [];
  const applied: LocalCredential[] = [];
  const el = await mount<CertApply>(html`<cert-apply .center=${center} .timers=${timers} locale=${locale}></cert-apply>`);
  el.addEventListener('cert-error', (e) => errors.push(e.detail.error));
  el.addEventListener('cert-applied', (e) => applied.push(e.detail.credential));
  return { el, timers, errors, applied };
}

const exportElement = (el: CertApply) => root(el).querySelector('cert-export');

/** Every state's screenshots: both locales, desktop and 375 px (only with VITE_SCREENSHOTS=1). */
const shots = (name: string, el: CertApply, target: Element = el) => snapLocales(`apply-${name}`, el, target);

/** From the start to the consent form: 取得認證碼, 確定, the code, 確認. */
async function toConsent(el: CertApply, s: Setup): Promise<void> {
  await enterCode(el, s);
  await expect.element(page.getByRole('region', { name: '電子交易憑證申請同意書' }), wait).toBeVisible();
}

/** 確認 on the consent form. */
const confirmConsent = () => userEvent.click(page.getByRole('button', { name: '確認', exact: true }));

/** The backup step is done: what <cert-export> fires once the file is written. */
async function exported(el: CertApply, credential: LocalCredential): Promise<void> {
  const element = exportElement(el)!;
  // <cert-export> is built on its own branch; its event is what apply listens to.
  element.dispatchEvent(new CertExportedEvent({ serialNumber: credential.serialNumber, fileName: `${credential.idNumber}_cert.pfx` }));
  await settle(el);
}

// ---------------------------------------------------------------------------------------------

describe('cert-apply', () => {
  it('applies as the manual shows: code, consent, the wait with its steps, the backup, success; cert-applied fires once the credential is stored', async () => {
    const gate = createGate();
    const s = await setup({}, { fetch: gate.fetch });
    const { el, applied } = await mountApply(s.center);
    await expect.element(page.getByRole('heading', { name: '憑證申請', level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    await expectAccessible(el);
    await shots('start', el);

    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await expect.element(page.getByRole('alertdialog', { name: '網頁訊息' }), wait).toBeVisible();
    expect(text(step(el)!.shadowRoot!.querySelector('cert-dialog'))).toContain('已將認證碼傳送至行動電話：0966****06；E-mail：c*****n@i.com，請輸入認證碼進行認證。');
    await expectAccessible(el);
    await shots('dialog', el, document.body);
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode());
    await expectAccessible(el);
    await shots('code', el);
    await userEvent.click(page.getByRole('button', { name: '確認' }));

    // The consent form: its title and text in a scrollable region that takes the focus.
    const region = page.getByRole('region', { name: '電子交易憑證申請同意書' });
    await expect.element(region, wait).toBeVisible();
    const regionEl = region.element() as HTMLElement;
    expect(regionEl.tabIndex).toBe(0);
    expect(regionEl.scrollHeight).toBeGreaterThan(regionEl.clientHeight);
    expect(text(regionEl)).toContain((await s.center.consent()).text.split('\n')[0]);
    await expect.poll(() => deepActive()?.id, wait).toBe('consent-heading');
    await expectAccessible(el);
    await shots('consent', el);

    // The wait: the request is held at the door so its state can be seen.
    gate.hold(applyPost);
    const steps: string[] = [];
    s.center.events.addEventListener('progress', (e) => steps.push((e as CustomEvent<{ step: string }>).detail.step));
    await confirmConsent();
    await expect.element(page.getByRole('heading', { name: '憑證資料下載中，請稍候約5~20秒...' }), wait).toBeVisible();
    await expect.poll(() => gate.held, wait).toBe(1);
    await settle(el);
    const current = root(el).querySelector('[aria-current="step"]');
    expect(text(current)).toBe(t.common.progress['sending-request']);
    expect(text(root(el).querySelector('[part~="progress"] [role="status"]'))).toBe(t.common.progress['sending-request']);
    expect(applied).toEqual([]);
    await expectAccessible(el);
    await shots('applying', el);

    const appliedEvent = next(el, 'cert-applied');
    await gate.release('answer');
    const { detail } = await appliedEvent;
    // Fired as soon as the credential is stored: it is in the store when the host hears of it.
    const stored = await s.center.credentials();
    expect(stored.map((c) => c.serialNumber)).toEqual([detail.credential.serialNumber]);
    expect(steps).toEqual(['generating-key', 'storing-key', 'sending-request', 'storing-certificate', 'done']);

    // The backup step: <cert-export> for the credential just issued.
    await settle(el);
    const backup = exportElement(el)!;
    expect(backup.getAttribute('serial-number')).toBe(detail.credential.serialNumber);
    expect(backup.hasAttribute('embedded')).toBe(true);
    await expect.poll(() => deepActive()?.id, wait).toBe('backup-heading');
    await expectAccessible(el);
    await shots('backup', el);

    await exported(el, detail.credential);
    await expect.element(page.getByText('您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。'), wait).toBeVisible();
    await expect.poll(() => deepActive()?.id, wait).toBe('done-heading');
    expect(applied).toHaveLength(1);
    expect(s.backend.issuedCount()).toBe(1);
    await expectAccessible(el);
    await shots('done', el);
  });

  it('取消 on the consent form leaves nothing behind: no request, nothing stored, back to the code', async () => {
    const gate = createGate();
    const s = await setup({}, { fetch: gate.fetch });
    const { el } = await mountApply(s.center);
    await toConsent(el, s);
    await userEvent.click(page.getByRole('button', { name: '取消' }));
    await settle(el);
    expect(gate.seen.filter((r) => r === 'POST /certificates')).toEqual([]);
    expect(s.backend.issuedCount()).toBe(0);
    expect(await s.center.credentials()).toEqual([]);
    expect(await s.center.resume()).toEqual([]);
    expect(messages(el)).toContain(t.apply.cancelled);
    await expect.element(page.getByRole('region', { name: '電子交易憑證申請同意書' }), wait).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeEnabled();
    expect(step(el)!.shadowRoot!.querySelector('otp-input')).toBeNull();
    await expect.poll(() => deepActive()?.id, wait).toBe('heading');
    await expectAccessible(el);
    await shots('cancelled', el);
  });

  it('wrong codes, a locked code and an expired one each say so, and a new code carries on', async () => {
    const s = await setup();
    const { el, timers, errors } = await mountApply(s.center);
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    const wrong = s.lastCode() === '0000' ? '1111' : '0000';
    for (let i = 0; i < 3; i++) {
      await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), wrong);
      await userEvent.click(page.getByRole('button', { name: '確認' }));
      await expect.poll(() => errors.length, wait).toBe(i + 1);
    }
    expect(errors.map((e) => e.code)).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_LOCKED']);
    await settle(el);
    expect(text(step(el)!.shadowRoot!.querySelector('[part~="message"]'))).toBe(t.otp.locked);
    await expectAccessible(el);
    await shots('otp-locked', el);

    // A new code, left to run out.
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    timers.advance(60_000);
    s.backend.clock.advance(60_000);
    await settle(el);
    expect(text(step(el)!.shadowRoot!.querySelector('[part~="message"]'))).toBe(t.otp.expired);
    await expectAccessible(el);
    await shots('otp-expired', el);

    // And one more, entered in time.
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode());
    await userEvent.click(page.getByRole('button', { name: '確認' }));
    await expect.element(page.getByRole('region', { name: '電子交易憑證申請同意書' }), wait).toBeVisible();
  });

  it('a server failure during apply says so and keeps the request; 重試 finishes it with the same key', async () => {
    const s = await setup();
    const { el, errors, applied } = await mountApply(s.center);
    await toConsent(el, s);
    // The first try and both retries fail.
    for (let i = 0; i < 3; i++) s.backend.faults.next('http-500', { method: 'POST', path: '/certificates' });
    const failed = next(el, 'cert-error');
    await confirmConsent();
    expect((await failed).detail.error.code).toBe('INTERNAL');
    await settle(el);
    expect(messages(el)).toContain(t.apply.kept);
    expect(root(el).querySelector('[part~="progress"] .stopped')).not.toBeNull();
    await expect.poll(() => deepActive()?.id, wait).toBe('failed-message');
    expect(s.backend.issuedCount()).toBe(0);
    await expectAccessible(el);
    await shots('server-error', el);

    const done = next(el, 'cert-applied');
    await userEvent.click(page.getByRole('button', { name: '重試' }));
    await done;
    expect(s.backend.issuedCount()).toBe(1);
    expect(await s.center.credentials()).toHaveLength(1);
    expect(applied).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(['INTERNAL']);
  });

  it('a time-out during apply says so and keeps the request; 重試 stores the one certificate', async () => {
    // The server is slower than the client waits: the client's timer was set first and is the
    // shorter, so it fires first whatever the machine's speed.
    const s = await setup({}, { timeoutMs: 5_000, retry: { limit: 0 } });
    const { el, applied } = await mountApply(s.center);
    await toConsent(el, s);
    s.backend.faults.next('latency', { method: 'POST', path: '/certificates', latencyMs: 10_000 });
    const failed = next(el, 'cert-error');
    await confirmConsent();
    expect((await failed).detail.error.code).toBe('TIMEOUT');
    await settle(el);
    expect(messages(el)).toContain(t.apply.kept);
    expect(await s.center.credentials()).toEqual([]);
    await expectAccessible(el);
    await shots('timeout', el);

    const done = next(el, 'cert-applied');
    await userEvent.click(page.getByRole('button', { name: '重試' }));
    const { detail } = await done;
    expect(s.backend.issuedCount()).toBe(1);
    expect(detail.credential.serialNumber).toBe(s.backend.issued()[0]!.serialNumber);
    expect(applied).toHaveLength(1);
  });

  it('a lost answer shows a clear message, and the next visit finishes the apply (resume on connect) and says so', async () => {
    const name = `cert-apply-lost-${Date.now()}`;
    const s = await setup({}, { name, retry: { limit: 0 } });
    const first = await mountApply(s.center);
    await toConsent(first.el, s);
    s.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    const failed = next(first.el, 'cert-error');
    await confirmConsent();
    expect((await failed).detail.error.code).toBe('NETWORK');
    await settle(first.el);
    expect(messages(first.el)).toContain(t.apply.kept);
    expect(s.backend.issuedCount()).toBe(1);
    expect(await s.center.credentials()).toEqual([]);
    await expectAccessible(first.el);
    await shots('lost-answer', first.el);
    first.el.remove();
    s.center.close();

    // The next visit: a new page, a new center on the same store.
    const again = createCertCenter({
      getAccessToken: () => s.backend.customers[0]!.token,
      clock: () => s.backend.clock.now(),
      name,
      keyAlgorithm: 'ECDSA-P256',
    });
    try {
      const timers = createManualTimers();
      const applied = new Promise<LocalCredential>((resolve) =>
        document.addEventListener('cert-applied', (e) => resolve(e.detail.credential), { once: true }),
      );
      const el = await mount<CertApply>(html`<cert-apply .center=${again} .timers=${timers}></cert-apply>`);
      const credential = await applied;
      expect(credential.serialNumber).toBe(s.backend.issued()[0]!.serialNumber);
      await settle(el);
      expect(messages(el)).toContain(t.apply.resumed);
      expect(exportElement(el)!.getAttribute('serial-number')).toBe(credential.serialNumber);
      expect(s.backend.issuedCount()).toBe(1);
      await expectAccessible(el);
      await shots('resumed', el);
    } finally {
      again.close();
    }
  });

  it('a tab closed while its apply is on its way is finished by the next visit, with one certificate', async () => {
    const name = `cert-apply-closed-${Date.now()}`;
    const gate = createGate();
    const s = await setup({}, { name, fetch: gate.fetch, retry: { limit: 0 } });
    const { el } = await mountApply(s.center);
    await toConsent(el, s);
    gate.hold(applyPost);
    await confirmConsent();
    await expect.poll(() => gate.held, wait).toBe(1);
    // The tab closes: the page is gone; the request had left and reaches the server, its answer nobody.
    el.remove();
    await gate.release('lose');
    expect(s.backend.issuedCount()).toBe(1);

    const again = createCertCenter({
      getAccessToken: () => s.backend.customers[0]!.token,
      clock: () => s.backend.clock.now(),
      name,
      keyAlgorithm: 'ECDSA-P256',
    });
    try {
      const applied = new Promise<LocalCredential>((resolve) =>
        document.addEventListener('cert-applied', (e) => resolve(e.detail.credential), { once: true }),
      );
      const next = await mount<CertApply>(html`<cert-apply .center=${again} .timers=${createManualTimers()}></cert-apply>`);
      const credential = await applied;
      await settle(next);
      expect(messages(next)).toContain(t.apply.resumed);
      expect(s.backend.issuedCount()).toBe(1);
      expect((await again.credentials()).map((c) => c.serialNumber)).toEqual([credential.serialNumber]);
    } finally {
      again.close();
    }
  });

  it('a customer who already has a certificate is told so, with what to do, and is not offered the code', async () => {
    const s = await setup({ scenario: 'valid' });
    const { el } = await mountApply(s.center);
    await expect.poll(() => messages(el), wait).toContain(t.apply.exists);
    expect(step(el)).toBeNull();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).not.toBeInTheDocument();
    await expectAccessible(el);
    await shots('exists', el);
  });

  it('CERT_EXISTS from the server (another tab applied first) says the same and stores nothing here', async () => {
    const s = await setup();
    const { el, errors } = await mountApply(s.center);
    await toConsent(el, s);
    // Another tab of the customer applies meanwhile, with its own store.
    const other = createCertCenter({ getAccessToken: () => s.backend.customers[0]!.token, clock: () => s.backend.clock.now(), name: `cert-apply-other-${Date.now()}`, keyAlgorithm: 'ECDSA-P256' });
    try {
      const sent = await other.requestOtp('apply');
      const token = (await other.verifyOtp(sent.otpId, s.lastCode())).otpToken;
      await other.apply({ otpToken: token, consentVersion: (await other.consent()).version });
    } finally {
      other.close();
    }
    const failed = next(el, 'cert-error');
    await confirmConsent();
    expect((await failed).detail.error.code).toBe('CERT_EXISTS');
    await settle(el);
    expect(messages(el)).toContain(t.apply.exists);
    expect(await s.center.credentials()).toEqual([]);
    expect(await s.center.resume()).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['CERT_EXISTS']);
    await expectAccessible(el);
  });

  it('a code token that lived out its 5 minutes on the consent form sends the customer back to the code, with a message', async () => {
    const s = await setup();
    const { el, errors } = await mountApply(s.center);
    await toConsent(el, s);
    s.backend.clock.advance(6 * 60_000);
    const failed = next(el, 'cert-error');
    await confirmConsent();
    expect((await failed).detail.error.code).toBe('OTP_TOKEN_INVALID');
    await settle(el);
    expect(messages(el)).toContain(t.errors.OTP_TOKEN_INVALID as string);
    expect(step(el)!.shadowRoot!.querySelector('otp-input')).toBeNull();
    await expect.poll(() => deepActive()?.id, wait).toBe('heading');
    expect(s.backend.issuedCount()).toBe(0);
    expect(await s.center.credentials()).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['OTP_TOKEN_INVALID']);
    await expectAccessible(el);
    await shots('token-expired', el);
    // And on again with a new code.
    await toConsent(el, s);
  });

  it('works with the keyboard alone: Tab, Enter and typing from the first button to success', async () => {
    const s = await setup();
    const { el, applied } = await mountApply(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(text(deepActive())).toBe('取得認證碼');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alertdialog'), wait).toBeVisible();
    expect(text(deepActive())).toBe('確定');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => deepActive()?.getAttribute('autocomplete'), wait).toBe('one-time-code');
    await userEvent.keyboard(s.lastCode());
    const verified = next(el, 'cert-otp-verified');
    await userEvent.keyboard('{Enter}');
    await verified;
    await expect.poll(() => deepActive()?.id, wait).toBe('consent-heading');
    await userEvent.keyboard('{Tab}');
    expect(deepActive()?.getAttribute('role')).toBe('region');
    await userEvent.keyboard('{Tab}');
    expect(text(deepActive())).toBe('確認');
    const done = next(el, 'cert-applied');
    await userEvent.keyboard('{Enter}');
    const { detail } = await done;
    await expect.poll(() => deepActive()?.id, wait).toBe('backup-heading');
    await exported(el, detail.credential);
    await expect.poll(() => deepActive()?.id, wait).toBe('done-heading');
    expect(applied).toHaveLength(1);
  });

  it('switches its words live when the locale changes, the inner step included', async () => {
    const s = await setup();
    const { el } = await mountApply(s.center);
    await toConsent(el, s);
    el.locale = 'en';
    await settle(el);
    await expect.element(page.getByRole('heading', { name: en.apply.heading, level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: en.common.confirm, exact: true }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: en.common.cancel }), wait).toBeVisible();
    await expect.element(page.getByRole('heading', { name: en.otp.heading }), wait).toBeVisible();
    expect(text(step(el)!.shadowRoot!.querySelector('[part~="message"]'))).toBe(en.otp.verified);
    el.locale = 'zh-Hant';
    await settle(el);
    await expect.element(page.getByRole('button', { name: '取消' }), wait).toBeVisible();
  });
});
