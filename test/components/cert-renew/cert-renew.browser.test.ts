// <cert-renew>: offered only for a valid certificate stored here and in its window; the code, the
// wait with its steps, the backup of the new certificate, success — and nothing lost on the way.
import { html, nothing } from 'lit';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createCertCenter, type CertCenter, type CertCenterError, type LocalCredential } from '../../../src/core/index.ts';
import '../../../src/components/cert-renew/cert-renew.ts';
import '../../../src/components/cert-overview/cert-overview.ts';
import type { CertRenew } from '../../../src/components/cert-renew/cert-renew.ts';
import type { CertOverview } from '../../../src/components/cert-overview/cert-overview.ts';
import type { OtpInput } from '../../../src/components/otp-input/otp-input.ts';
import type { CertRenewedEvent } from '../../../src/components/shared/events.ts';
import { formatDateTime } from '../../../src/components/shared/localize.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { expectAccessible, mount, setup, useMockWorker, type Setup } from '../support.ts';
import { fakeSaveTarget, stubSavePicker } from '../backup-support.ts';
import { importedSeed, tableRows } from '../cert-check/tables-support.ts';
import { createGate } from '../support/gate.ts';
import { deepActive, enterCode, messages, next, root, settle, step, text, wait } from '../support/flow.ts';
import { createManualTimers } from '../support/manual-timers.ts';
import { snapLocales } from '../support/shots.ts';

useMockWorker();

const t = zhHant;
const dayMs = 24 * 60 * 60 * 1000;

interface Mounted {
  el: CertRenew;
  errors: CertCenterError[];
  renewed: CertRenewedEvent['detail'][];
}

async function mountRenew(center: CertCenter, serialNumber?: string): Promise<Mounted> {
  const errors: CertCenterError[] = [];
  const renewed: CertRenewedEvent['detail'][] = [];
  const el = await mount<CertRenew>(
    html`<cert-renew .center=${center} .timers=${createManualTimers()} serial-number=${serialNumber ?? nothing}></cert-renew>`,
  );
  el.addEventListener('cert-error', (e) => errors.push(e.detail.error));
  el.addEventListener('cert-renewed', (e) => renewed.push(e.detail));
  return { el, errors, renewed };
}

/** 「2026-… ~ 2026-…」: the window of a stored credential, as the customer reads it. */
const windowOf = (c: LocalCredential) => t.common.range(formatDateTime(c.renewFrom), formatDateTime(c.renewUntil));
/** What a refusal says: why, then 「可更新區間 …」 with the dates. */
const refusal = (why: string, c: LocalCredential) => [why, `可更新區間 ${windowOf(c)}`];

const exportElement = (el: CertRenew) => root(el).querySelector('cert-export');
const renewalPost = (r: Request) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/renewal');
const shots = (name: string, el: CertRenew, target: Element = el) => snapLocales(`renew-${name}`, el, target);

/** A center on the same store as an earlier page: the next visit. */
function nextVisit(s: Setup, name: string): CertCenter {
  return createCertCenter({ getAccessToken: () => s.backend.customers[0]!.token, clock: () => s.backend.clock.now(), name, keyAlgorithm: 'ECDSA-P256' });
}

/** The server's record of a serial number. */
const onServer = (s: Setup, serialNumber: string) => s.backend.certificates().find((c) => c.serialNumber === serialNumber);

describe('cert-renew', () => {
  it('renews in the window as the manual shows: the certificate and its window, the code, the wait with its steps, the backup of the new certificate, both success texts; the old one is revoked on the server and replaced here', async () => {
    const gate = createGate();
    const s = await setup({ scenario: 'renewal-due' }, { fetch: gate.fetch });
    const old = await importedSeed(s);
    const { el, renewed, errors } = await mountRenew(s.center);
    await expect.element(page.getByRole('heading', { name: '憑證更新', level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    const certificate = root(el).querySelector('[part~="certificate"]');
    expect(text(certificate)).toContain(old.serialNumber);
    expect(text(certificate)).toContain(`可更新區間 ${windowOf(old)}`);
    await expectAccessible(el);
    await shots('start', el);

    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await expect.element(page.getByRole('alertdialog', { name: '網頁訊息' }), wait).toBeVisible();
    expect(s.backend.inbox.last()!.purpose).toBe('renew');
    await expectAccessible(el);
    await shots('dialog', el, document.body);
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode());
    await expectAccessible(el);
    await shots('code', el);

    // The wait: the renewal request is held at the door so its state can be seen.
    gate.hold(renewalPost);
    const steps: string[] = [];
    s.center.events.addEventListener('progress', (e) => steps.push((e as CustomEvent<{ step: string }>).detail.step));
    await userEvent.click(page.getByRole('button', { name: '確認' }));
    await expect.element(page.getByRole('heading', { name: '憑證資料下載中，請稍候約5~20秒...' }), wait).toBeVisible();
    await expect.poll(() => gate.held, wait).toBe(1);
    await settle(el);
    const listed = [...root(el).querySelectorAll('[part~="progress"] li')].map((li) => text(li));
    expect(listed).toEqual(['generating-key', 'signing-proof', 'storing-key', 'sending-request', 'storing-certificate'].map((k) => t.common.progress[k as 'done']));
    expect(text(root(el).querySelector('[aria-current="step"]'))).toBe(t.common.progress['sending-request']);
    expect(root(el).querySelectorAll('[part~="progress"] li.done')).toHaveLength(3);
    expect(renewed).toEqual([]);
    await expectAccessible(el);
    await shots('renewing', el);

    const event = next(el, 'cert-renewed');
    await gate.release('answer');
    const { detail } = await event;
    expect(steps).toEqual(['generating-key', 'signing-proof', 'storing-key', 'sending-request', 'storing-certificate', 'done']);
    expect(detail.previousSerialNumber).toBe(old.serialNumber);
    expect(detail.credential.serialNumber).not.toBe(old.serialNumber);
    // The new one replaced the old one here; the server revoked the old one and issued one new.
    expect((await s.center.credentials()).map((c) => c.serialNumber)).toEqual([detail.credential.serialNumber]);
    expect(onServer(s, old.serialNumber)!.revokedAt).toBeDefined();
    expect(s.backend.issued().map((c) => [c.serialNumber, c.source])).toEqual([[detail.credential.serialNumber, 'renewal']]);

    // The backup step: <cert-export> for the new certificate, filled in and saved as a customer does.
    await settle(el);
    const backup = exportElement(el)!;
    expect(backup.getAttribute('serial-number')).toBe(detail.credential.serialNumber);
    expect(backup.hasAttribute('embedded')).toBe(true);
    expect(messages(el)).toContain(t.renew.backupIntro);
    await expect.poll(() => deepActive()?.id, wait).toBe('backup-heading');
    await expectAccessible(el);
    await shots('backup', el);
    const target = fakeSaveTarget('renewed.pfx');
    stubSavePicker(async () => target.handle);
    await userEvent.fill(page.getByLabelText(t.export.password), 'abcd1234');
    await userEvent.fill(page.getByLabelText(t.export.confirmPassword), 'abcd1234');
    const exported = next(el, 'cert-exported');
    await userEvent.click(page.getByRole('button', { name: t.export.submit }));
    expect((await exported).detail.serialNumber).toBe(detail.credential.serialNumber);
    expect(target.record.closed).toBe(true);

    await expect.element(page.getByText('您的憑證已更新成功且匯入此台電腦，您可在此台電腦進行下單。'), wait).toBeVisible();
    await expect.element(page.getByText('若您之前在其它台電腦有匯入憑證，請務必將更新後的憑證，重新匯入，才可進行下單。'), wait).toBeVisible();
    await expect.poll(() => deepActive()?.id, wait).toBe('done-heading');
    expect(renewed).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(gate.seen.filter((r) => r.endsWith('/renewal'))).toHaveLength(1);
    await expectAccessible(el);
    await shots('done', el);
  });

  it('is not offered outside the window: it gives the window’s dates, and offers the code once the clock is inside it', async () => {
    const s = await setup({ scenario: 'valid' });
    const stored = await importedSeed(s);
    const first = await mountRenew(s.center);
    await expect.poll(() => messages(first.el).slice(1), wait).toEqual(refusal(t.renew.notOpen, stored));
    expect(step(first.el)).toBeNull();
    await expect.element(page.getByRole('button', { name: '取得認證碼' })).not.toBeInTheDocument();
    await expectAccessible(first.el);
    await shots('not-open', first.el);
    first.el.remove();

    // Into the window (the mock's clock, which the center reads too).
    s.backend.clock.set(new Date(stored.renewFrom.getTime() + dayMs));
    const inside = await mountRenew(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    expect(text(root(inside.el).querySelector('[part~="certificate"]'))).toContain(stored.serialNumber);
    inside.el.remove();

    // And past it: the certificate has expired and its window closed.
    s.backend.clock.set(new Date(stored.renewUntil.getTime() + dayMs));
    const after = await mountRenew(s.center);
    await expect.poll(() => messages(after.el).slice(1), wait).toEqual(refusal(t.renew.passed, stored));
    expect(step(after.el)).toBeNull();
    await expectAccessible(after.el);
    await shots('passed', after.el);
  });

  it('RENEWAL_NOT_OPEN from the core after the code (the clock moved back out of the window) gives the window’s dates and sends nothing', async () => {
    const gate = createGate();
    const s = await setup({ scenario: 'valid' }, { fetch: gate.fetch });
    const stored = await importedSeed(s);
    s.backend.clock.set(new Date(stored.renewFrom.getTime() + dayMs));
    const { el, errors } = await mountRenew(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    s.backend.clock.set(new Date(stored.renewFrom.getTime() - dayMs));
    const failed = next(el, 'cert-error');
    await enterCode(el, s);
    expect((await failed).detail.error.code).toBe('RENEWAL_NOT_OPEN');
    await settle(el);
    await expect.poll(() => messages(el).slice(1), wait).toEqual(refusal(t.renew.notOpen, stored));
    await expect.poll(() => deepActive()?.id, wait).toBe('blocked-message');
    expect(step(el)).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['RENEWAL_NOT_OPEN']);
    expect(gate.seen.filter((r) => r.endsWith('/renewal'))).toEqual([]);
    expect(s.backend.issuedCount()).toBe(0);
  });

  it('with no certificate stored in this browser it says so and what to do, and offers no code', async () => {
    // The server holds an expired certificate (still renewable there); this browser holds none.
    const s = await setup({ scenario: 'expired' });
    const { el } = await mountRenew(s.center);
    await expect.poll(() => messages(el), wait).toContain(t.renew.noLocal);
    expect(step(el)).toBeNull();
    await expectAccessible(el);
    await shots('no-local', el);
  });

  it('serial-number names the certificate to renew: one that is not stored here is not offered', async () => {
    const s = await setup({ scenario: 'renewal-due' });
    const stored = await importedSeed(s);
    const { el } = await mountRenew(s.center, 'ABCDEF0123');
    await expect.poll(() => messages(el), wait).toContain(t.renew.noLocal);
    el.serialNumber = stored.serialNumber;
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    expect(text(root(el).querySelector('[part~="certificate"]'))).toContain(stored.serialNumber);
  });

  it('a lost answer keeps the renewal; the next visit finishes it (resume on connect) and says so, with exactly one new certificate', async () => {
    const name = `cert-renew-lost-${Date.now()}`;
    const s = await setup({ scenario: 'renewal-due' }, { name, retry: { limit: 0 } });
    const old = await importedSeed(s);
    const first = await mountRenew(s.center);
    s.backend.faults.next('commit-then-drop', { method: 'POST', path: /\/renewal$/ });
    const failed = next(first.el, 'cert-error');
    await enterCode(first.el, s);
    expect((await failed).detail.error.code).toBe('NETWORK');
    await settle(first.el);
    expect(messages(first.el)).toContain(t.renew.kept);
    await expect.poll(() => deepActive()?.id, wait).toBe('failed-message');
    // The server took it; this browser does not know yet.
    expect(s.backend.issuedCount()).toBe(1);
    expect((await s.center.credentials()).map((c) => c.serialNumber)).toEqual([old.serialNumber]);
    await expectAccessible(first.el);
    await shots('lost-answer', first.el);
    first.el.remove();
    s.center.close();

    const again = nextVisit(s, name);
    try {
      const renewed = new Promise<CertRenewedEvent['detail']>((resolve) => document.addEventListener('cert-renewed', (e) => resolve(e.detail), { once: true }));
      const el = await mount<CertRenew>(html`<cert-renew .center=${again} .timers=${createManualTimers()}></cert-renew>`);
      const detail = await renewed;
      expect(detail.credential.serialNumber).toBe(s.backend.issued()[0]!.serialNumber);
      expect(detail.previousSerialNumber).toBe(old.serialNumber);
      await settle(el);
      expect(messages(el)).toContain(t.renew.resumed);
      expect(exportElement(el)!.getAttribute('serial-number')).toBe(detail.credential.serialNumber);
      expect(s.backend.issuedCount()).toBe(1);
      expect((await again.credentials()).map((c) => c.serialNumber)).toEqual([detail.credential.serialNumber]);
      expect(onServer(s, old.serialNumber)!.revokedAt).toBeDefined();
      expect(await again.resume()).toEqual([]);
      await expectAccessible(el);
      await shots('resumed', el);
    } finally {
      again.close();
    }
  });

  it('a server failure keeps the renewal; 重試 finishes it with the same request and one new certificate', async () => {
    const s = await setup({ scenario: 'renewal-due' });
    await importedSeed(s);
    const { el, renewed, errors } = await mountRenew(s.center);
    for (let i = 0; i < 3; i++) s.backend.faults.next('http-500', { method: 'POST', path: /\/renewal$/ });
    const failed = next(el, 'cert-error');
    await enterCode(el, s);
    expect((await failed).detail.error.code).toBe('INTERNAL');
    await settle(el);
    expect(messages(el)).toContain(t.renew.kept);
    expect(root(el).querySelector('[part~="progress"] .stopped')).not.toBeNull();
    await expectAccessible(el);
    await shots('server-error', el);
    const done = next(el, 'cert-renewed');
    await userEvent.click(page.getByRole('button', { name: '重試' }));
    await done;
    expect(s.backend.issuedCount()).toBe(1);
    expect(renewed).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(['INTERNAL']);
  });

  it('a wrong code is the shared step’s: it says how many tries remain, and the right one carries on', async () => {
    const s = await setup({ scenario: 'renewal-due' });
    await importedSeed(s);
    const { el, errors } = await mountRenew(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode() === '0000' ? '1111' : '0000');
    await userEvent.click(page.getByRole('button', { name: '確認' }));
    await expect.poll(() => errors.map((e) => e.code), wait).toEqual(['OTP_INVALID']);
    await settle(el);
    expect((step(el)!.shadowRoot!.querySelector('otp-input') as OtpInput).error).toBe(t.otp.wrongCode(2));
    await expectAccessible(el);
    await shots('wrong-code', el);
    const done = next(el, 'cert-renewed');
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode());
    await userEvent.click(page.getByRole('button', { name: '確認' }));
    await done;
  });

  it('更新 on 憑證查詢及申請 opens it in place for that certificate, with the same center, and renews it there', async () => {
    const s = await setup({ scenario: 'renewal-due' });
    const stored = await importedSeed(s);
    const overview = await mount<CertOverview>(html`<cert-overview .center=${s.center}></cert-overview>`);
    await expect.poll(() => tableRows(overview, '本公司主機端').length, wait).toBe(1);
    await userEvent.click(page.getByRole('button', { name: `更新憑證 ${stored.serialNumber}` }));
    await expect.poll(() => overview.shadowRoot!.querySelector('cert-renew'), wait).not.toBeNull();
    const el = overview.shadowRoot!.querySelector('cert-renew')!;
    expect(el.serialNumber).toBe(stored.serialNumber);
    el.timers = createManualTimers();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    const renewed = next(el, 'cert-renewed');
    await enterCode(el, s);
    expect((await renewed).detail.previousSerialNumber).toBe(stored.serialNumber);
    await expectAccessible(overview);
  });

  it('switches its words live when the locale changes, the inner step and the window’s line included', async () => {
    const s = await setup({ scenario: 'renewal-due' });
    const stored = await importedSeed(s);
    const { el } = await mountRenew(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    el.locale = 'en';
    await settle(el);
    await expect.element(page.getByRole('heading', { name: en.renew.heading, level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: en.otp.request }), wait).toBeVisible();
    expect(text(root(el).querySelector('[part~="certificate"]'))).toContain(
      `${en.common.renewalWindow} ${en.common.range(formatDateTime(stored.renewFrom), formatDateTime(stored.renewUntil))}`,
    );
    el.locale = 'zh-Hant';
    await settle(el);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
  });
});
