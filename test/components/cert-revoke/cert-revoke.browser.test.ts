// <cert-revoke>: the server's certificate, the limit's note with the count left, the code, 認證成功,
// 確定要註銷憑證嗎?, 註銷成功 — 取消 revokes nothing, the limit replaces the code step, and the
// revoked certificate then shows 無效 with 移除 on the check page.
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CertCenter, CertCenterError } from '../../../src/core/index.ts';
import '../../../src/components/cert-revoke/cert-revoke.ts';
import '../../../src/components/cert-check/cert-check.ts';
import type { CertRevoke } from '../../../src/components/cert-revoke/cert-revoke.ts';
import type { CertCheck } from '../../../src/components/cert-check/cert-check.ts';
import type { CertRevokedEvent } from '../../../src/components/shared/events.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { expectAccessible, mount, setup, useMockWorker, type Setup } from '../support.ts';
import { importedSeed, tableRows, tablesSetup } from '../cert-check/tables-support.ts';
import { createGate } from '../support/gate.ts';
import { deepActive, enterCode, messages, next, root, settle, step, text, wait } from '../support/flow.ts';
import { createManualTimers } from '../support/manual-timers.ts';
import { snapLocales } from '../support/shots.ts';

useMockWorker();

const t = zhHant;

interface Mounted {
  el: CertRevoke;
  errors: CertCenterError[];
  revoked: CertRevokedEvent['detail'][];
}

async function mountRevoke(center: CertCenter): Promise<Mounted> {
  const errors: CertCenterError[] = [];
  const revoked: CertRevokedEvent['detail'][] = [];
  const el = await mount<CertRevoke>(html`<cert-revoke .center=${center} .timers=${createManualTimers()}></cert-revoke>`);
  el.addEventListener('cert-error', (e) => errors.push(e.detail.error));
  el.addEventListener('cert-revoked', (e) => revoked.push(e.detail));
  current = el;
  return { el, errors, revoked };
}

const shots = (name: string, el: CertRevoke, target: Element = el) => snapLocales(`revoke-${name}`, el, target);
/** The open dialog (網頁訊息). */
const dialog = () => page.getByRole('alertdialog', { name: '網頁訊息' });
let current: CertRevoke | undefined;
/** What the element's open dialog says ('' when none is open). */
const dialogText = () => text(current && root(current).querySelector('cert-dialog[open]'));
const revocationPost = (r: string) => r.startsWith('POST ') && r.endsWith('/revocation');
/** The server's record of the scenario's certificate. */
const seeded = (s: Setup) => s.backend.certificates(s.backend.customers[0]!.idNumber).at(-1)!;

/** From the code to the question 確定要註銷憑證嗎? (認證成功 and its 確定 on the way). */
async function toQuestion(el: CertRevoke, s: Setup): Promise<void> {
  await enterCode(el, s);
  await expect.element(dialog(), wait).toBeVisible();
  expect(dialogText()).toContain('認證成功');
  await userEvent.click(page.getByRole('button', { name: '確定' }));
  await expect.poll(dialogText, wait).toContain('確定要註銷憑證嗎?');
}

describe('cert-revoke', () => {
  it('revokes as the manual shows: the row, the note with the count left, the code, 認證成功, 確定要註銷憑證嗎?, 註銷成功 with one fewer; the check page then shows it 無效 with 移除', async () => {
    const gate = createGate();
    const s = await setup({ scenario: 'valid' }, { fetch: gate.fetch });
    const stored = await importedSeed(s);
    const { el, revoked, errors } = await mountRevoke(s.center);
    await expect.element(page.getByRole('heading', { name: '憑證註銷', level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    const [row] = tableRows(el, '本公司主機端');
    expect(row).toHaveLength(6);
    expect(row![1]).toBe(stored.serialNumber);
    expect(row![4]).toBe('正常');
    const headers = [...root(el).querySelectorAll('th')].map((th) => text(th));
    expect(headers).toEqual(['身分證字號/統編', '憑證序號', '憑證格式', '憑證效期', '憑證狀態', '可更新區間']);
    expect(messages(el)).toEqual([]);
    expect(text(root(el).querySelector('[part~="intro"]'))).toBe('若要註銷此憑證，請進行認證');
    const note = text(root(el).querySelector('[part~="notes"]'));
    expect(note).toContain('為確保交易安全，線上註銷憑證有次數限制，當達次數上限，請洽分公司或客服辦理。');
    expect(note).toContain(t.revoke.left(3));
    await expectAccessible(el);
    await shots('start', el);

    await enterCode(el, s);
    expect(s.backend.inbox.last()!.purpose).toBe('revoke');
    await expect.element(dialog(), wait).toBeVisible();
    expect(dialogText()).toContain('認證成功');
    await expectAccessible(el);
    await shots('verified', el, document.body);
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await expect.poll(dialogText, wait).toContain('確定要註銷憑證嗎?');
    expect(text(deepActive())).toBe('取消');
    await expectAccessible(el);
    await shots('question', el, document.body);
    expect(seeded(s).revokedAt).toBeUndefined();

    // The revocation is held at the door so the wait can be seen.
    gate.hold((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith('/revocation'));
    const done = next(el, 'cert-revoked');
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await expect.poll(() => gate.held, wait).toBe(1);
    await expect.element(page.getByText(t.revoke.revoking), wait).toBeVisible();
    await expect.poll(() => deepActive()?.id, wait).toBe('revoking');
    await expectAccessible(el);
    await shots('revoking', el);
    await gate.release('answer');
    expect((await done).detail).toEqual({ serialNumber: stored.serialNumber, revocationsLeft: 2 });
    await expect.element(page.getByRole('heading', { name: '註銷成功' }), wait).toBeVisible();
    await expect.poll(() => deepActive()?.id, wait).toBe('done-heading');
    expect(messages(el)).toContain(t.revoke.left(2));
    expect(tableRows(el, '本公司主機端')[0]![4]).toBe('已註銷');
    expect(seeded(s).revokedAt).toBeDefined();
    expect(revoked).toHaveLength(1);
    expect(errors).toEqual([]);
    await expectAccessible(el);
    await shots('done', el);

    // 檢查憑證 on the same center: the certificate stored here is 無效 (revoked), with 移除.
    const check = await mount<CertCheck>(html`<cert-check .center=${s.center}></cert-check>`);
    await expect.poll(() => tableRows(check, '檢核此台電腦匯入的憑證狀況')[0]?.[5], wait).toBe(t.check.invalidBecause('無效', '憑證已註銷'));
    await expect.element(page.getByRole('button', { name: `移除憑證 ${stored.serialNumber}` }), wait).toBeVisible();

    // A new visit finds nothing left to revoke.
    el.remove();
    const again = await mountRevoke(s.center);
    await expect.poll(() => messages(again.el), wait).toContain(t.revoke.none);
  });

  it('取消 (or Escape) at 確定要註銷憑證嗎? revokes nothing and goes back to the code', async () => {
    const gate = createGate();
    const s = await setup({ scenario: 'valid' }, { fetch: gate.fetch });
    const { el, revoked } = await mountRevoke(s.center);
    await toQuestion(el, s);
    await userEvent.click(page.getByRole('button', { name: '取消' }));
    await settle(el);
    await expect.poll(() => messages(el), wait).toContain(t.revoke.cancelled);
    await expect.poll(() => deepActive()?.id, wait).toBe('heading');
    expect(step(el)!.shadowRoot!.querySelector('otp-input')).toBeNull();
    await expectAccessible(el);
    await shots('cancelled', el);

    await toQuestion(el, s);
    await userEvent.keyboard('{Escape}');
    await settle(el);
    await expect.poll(() => messages(el), wait).toContain(t.revoke.cancelled);

    expect(gate.seen.filter(revocationPost)).toEqual([]);
    expect(seeded(s).revokedAt).toBeUndefined();
    expect(revoked).toEqual([]);
    expect((await s.center.overview()).policy.revocationsLeft).toBe(3);
  });

  it('at the limit the branch / customer-service message replaces the code step', async () => {
    const s = await setup({ scenario: 'revocation-limit' });
    const { el } = await mountRevoke(s.center);
    await expect.poll(() => messages(el), wait).toContain(t.revoke.limitReached);
    expect(step(el)).toBeNull();
    await expect.element(page.getByRole('button', { name: '取得認證碼' })).not.toBeInTheDocument();
    expect(text(root(el).querySelector('[part~="notes"]'))).toContain(t.revoke.left(0));
    expect(tableRows(el, '本公司主機端')[0]![4]).toBe('正常');
    await expectAccessible(el);
    await shots('limit', el);
  });

  it('REVOCATION_LIMIT from the server (the count was used up meanwhile) gives the same message in place of the code step', async () => {
    const s = await setup({ scenario: 'revocation-limit' });
    // The page read the count before another tab used the last one.
    const stale: CertCenter = {
      ...s.center,
      overview: async (o) => {
        const view = await s.center.overview(o);
        return { ...view, policy: { ...view.policy, revocationsLeft: 1 } };
      },
    };
    const { el, errors } = await mountRevoke(stale);
    await toQuestion(el, s);
    const failed = next(el, 'cert-error');
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    expect((await failed).detail.error.code).toBe('REVOCATION_LIMIT');
    await settle(el);
    expect(messages(el)).toContain(t.revoke.limitReached);
    expect(step(el)).toBeNull();
    expect(text(root(el).querySelector('[part~="notes"]'))).toContain(t.revoke.left(0));
    await expect.poll(() => deepActive()?.id, wait).toBe('state-message');
    expect(seeded(s).revokedAt).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(['REVOCATION_LIMIT']);
  });

  for (const [scenario, status] of [
    ['revoked', '已註銷'],
    ['expired', '已過期'],
  ] as const) {
    it(`with no certificate in force (${scenario}) it says there is nothing to revoke, shows the row, and offers no code`, async () => {
      const s = await setup({ scenario });
      const { el } = await mountRevoke(s.center);
      await expect.poll(() => messages(el), wait).toContain(t.revoke.none);
      expect(tableRows(el, '本公司主機端').map((r) => r[4])).toEqual([status]);
      expect(step(el)).toBeNull();
      await expectAccessible(el);
      await shots(`none-${scenario}`, el);
    });
  }

  it('a server that cannot be reached says so with 重試, which shows the certificate once it can', async () => {
    const s = await tablesSetup({ scenario: 'valid' });
    s.net.down = true;
    const { el, errors } = await mountRevoke(s.center);
    await expect.poll(() => errors.map((e) => e.code), wait).toEqual(['NETWORK']);
    await settle(el);
    expect(messages(el)).toContain(t.errors.NETWORK as string);
    expect(step(el)).toBeNull();
    await expectAccessible(el);
    await shots('unreachable', el);
    s.net.down = false;
    await userEvent.click(page.getByRole('button', { name: '重試' }));
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    expect(tableRows(el, '本公司主機端')).toHaveLength(1);
  });

  it('a code token that lived out its 5 minutes at the question sends the customer back to the code, revoking nothing', async () => {
    const s = await setup({ scenario: 'valid' });
    const { el, errors } = await mountRevoke(s.center);
    await toQuestion(el, s);
    s.backend.clock.advance(6 * 60_000);
    const failed = next(el, 'cert-error');
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    expect((await failed).detail.error.code).toBe('OTP_TOKEN_INVALID');
    await settle(el);
    expect(messages(el)).toContain(t.errors.OTP_TOKEN_INVALID as string);
    await expect.poll(() => deepActive()?.id, wait).toBe('heading');
    expect(seeded(s).revokedAt).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(['OTP_TOKEN_INVALID']);
    await expectAccessible(el);
    await shots('token-expired', el);
  });

  it('a server failure says so, and 重試 revokes with the same verified code', async () => {
    const s = await setup({ scenario: 'valid' });
    const { el, revoked } = await mountRevoke(s.center);
    await toQuestion(el, s);
    for (let i = 0; i < 3; i++) s.backend.faults.next('http-500', { method: 'POST', path: /\/revocation$/ });
    const failed = next(el, 'cert-error');
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    expect((await failed).detail.error.code).toBe('INTERNAL');
    await settle(el);
    await expect.poll(() => deepActive()?.id, wait).toBe('failed-heading');
    expect(seeded(s).revokedAt).toBeUndefined();
    await expectAccessible(el);
    await shots('server-error', el);
    const done = next(el, 'cert-revoked');
    await userEvent.click(page.getByRole('button', { name: '重試' }));
    expect((await done).detail.revocationsLeft).toBe(2);
    expect(revoked).toHaveLength(1);
  });

  it('revokes with the keyboard alone: Tab, Enter, the code typed, Shift+Tab from 取消 to 確定', async () => {
    const s = await setup({ scenario: 'valid' });
    const { el, revoked } = await mountRevoke(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(text(deepActive())).toBe('取得認證碼');
    await userEvent.keyboard('{Enter}');
    await expect.element(dialog(), wait).toBeVisible();
    expect(text(deepActive())).toBe('確定');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => deepActive()?.getAttribute('autocomplete'), wait).toBe('one-time-code');
    await userEvent.keyboard(s.lastCode());
    await userEvent.keyboard('{Enter}');
    await expect.poll(dialogText, wait).toContain('認證成功');
    expect(text(deepActive())).toBe('確定');
    await userEvent.keyboard('{Enter}');
    await expect.poll(dialogText, wait).toContain('確定要註銷憑證嗎?');
    expect(text(deepActive())).toBe('取消');
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    expect(text(deepActive())).toBe('確定');
    const done = next(el, 'cert-revoked');
    await userEvent.keyboard('{Enter}');
    await done;
    await expect.poll(() => deepActive()?.id, wait).toBe('done-heading');
    expect(revoked).toHaveLength(1);
  });

  it('switches its words live when the locale changes: the table, the note with its count and the inner step', async () => {
    const s = await setup({ scenario: 'valid' });
    const { el } = await mountRevoke(s.center);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
    el.locale = 'en';
    await settle(el);
    await expect.element(page.getByRole('heading', { name: en.revoke.heading, level: 2 }), wait).toBeVisible();
    await expect.element(page.getByRole('button', { name: en.otp.request }), wait).toBeVisible();
    expect(tableRows(el, en.overview.server)[0]![4]).toBe(en.common.serverStatus.valid);
    expect(text(root(el).querySelector('[part~="notes"]'))).toContain(en.revoke.left(3));
    el.locale = 'zh-Hant';
    await settle(el);
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
  });
});
