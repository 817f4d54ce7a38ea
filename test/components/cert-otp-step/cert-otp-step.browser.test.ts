// <cert-otp-step>: 取得認證碼 → where the code went (網頁訊息) → the countdown on timers the test
// drives → the code → 確認 → cert-otp-verified; a resend, three wrong entries and 0 秒 void the code.
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CertCenter, CertCenterError } from '../../../src/core/index.ts';
import '../../../src/components/cert-otp-step/cert-otp-step.ts';
import type { CertOtpStep } from '../../../src/components/cert-otp-step/cert-otp-step.ts';
import type { OtpInput } from '../../../src/components/otp-input/otp-input.ts';
import type { CertOtpVerifiedEvent } from '../../../src/components/shared/events.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { expectAccessible, mount, setup, useMockWorker } from '../support.ts';
import { snapLocales } from '../support/shots.ts';
import { createManualTimers, type ManualTimers } from '../support/manual-timers.ts';

useMockWorker();

/** Waits on what the mock answers are given: as long as the test may take, never a measure of speed. */
const wait = { timeout: 30_000 };

const t = zhHant;

interface Mounted {
  el: CertOtpStep;
  timers: ManualTimers;
  errors: CertCenterError[];
  verified: CertOtpVerifiedEvent['detail'][];
}

async function mountStep(center: CertCenter, purpose = 'apply', locale?: string): Promise<Mounted> {
  const timers = createManualTimers();
  const el = await mount<CertOtpStep>(
    html`<cert-otp-step .center=${center} .timers=${timers} purpose=${purpose} locale=${locale ?? 'zh-Hant'}></cert-otp-step>`,
  );
  const errors: CertCenterError[] = [];
  const verified: CertOtpVerifiedEvent['detail'][] = [];
  el.addEventListener('cert-error', (e) => errors.push(e.detail.error));
  el.addEventListener('cert-otp-verified', (e) => verified.push(e.detail));
  return { el, timers, errors, verified };
}

const root = (el: CertOtpStep) => el.shadowRoot!;
const countdown = (el: CertOtpStep) => root(el).querySelector('[part~="countdown"]')?.textContent?.trim() ?? null;
const message = (el: CertOtpStep) => root(el).querySelector('[part~="message"]');
const otpInput = (el: CertOtpStep) => root(el).querySelector('otp-input') as OtpInput | null;
const announcement = (el: CertOtpStep) => root(el).querySelector('[aria-live="polite"]')!.textContent!.trim();

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** 取得認證碼, the dialog, 確定: the code is on its way and the countdown runs. */
async function requestCode(el: CertOtpStep, words = t): Promise<void> {
  await userEvent.click(page.getByRole('button', { name: words.otp.request }));
  await expect.element(page.getByRole('alertdialog'), wait).toBeVisible();
  await userEvent.click(page.getByRole('button', { name: words.common.ok }));
  await expect.poll(() => deepActive()?.closest('otp-input') ?? deepActive(), wait).toBe(otpInput(el)!.shadowRoot!.querySelector('input'));
}

async function enterCode(code: string, words = t): Promise<void> {
  await userEvent.fill(page.getByRole('textbox', { name: words.otp.inputLabel }), code);
  await userEvent.click(page.getByRole('button', { name: words.otp.submit }));
}

const wrongFor = (code: string) => (code === '0000' ? '1111' : '0000');

describe('cert-otp-step', () => {
  it('取得認證碼 sends a code, the dialog names where it went (masked as the server sent it), 確定 moves to the code, 確認 verifies it', async () => {
    const { center, lastCode, backend } = await setup();
    const { el, timers, verified } = await mountStep(center);
    await expectAccessible(el);
    await snapLocales('otp-step-idle', el);

    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    const dialog = page.getByRole('alertdialog', { name: '網頁訊息' });
    await expect.element(dialog, wait).toBeVisible();
    expect(root(el).querySelector('cert-dialog')!.textContent).toContain('已將認證碼傳送至行動電話：0966****06；E-mail：c*****n@i.com，請輸入認證碼進行認證。');
    await expectAccessible(el);
    await snapLocales('otp-step-dialog', el, document.body);
    await userEvent.click(page.getByRole('button', { name: '確定' }));
    await expect.poll(() => deepActive(), wait).toBe(otpInput(el)!.shadowRoot!.querySelector('input'));
    expect(countdown(el)).toBe('60秒');
    timers.advance(1000);
    await el.updateComplete;
    expect(countdown(el)).toBe('59秒');
    await expectAccessible(el);
    await snapLocales('otp-step-counting', el);

    expect(backend.inbox.last()!.purpose).toBe('apply');
    await enterCode(lastCode());
    await expect.poll(() => verified.length, wait).toBe(1);
    expect(verified[0]!.otpToken).toMatch(/\S/);
    expect(verified[0]!.expiresAt).toBeInstanceOf(Date);
    await expect.poll(() => message(el)?.textContent?.trim(), wait).toBe('認證成功');
    expect(countdown(el)).toBeNull();
    expect(timers.pending()).toBe(0);
    await expectAccessible(el);
    await snapLocales('otp-step-verified', el);
  });

  it('asks for the code of its purpose', async () => {
    const { center, backend, lastCode } = await setup({ scenario: 'valid' });
    const { el, verified } = await mountStep(center, 'revoke');
    await requestCode(el);
    expect(backend.inbox.last()!.purpose).toBe('revoke');
    await enterCode(lastCode());
    await expect.poll(() => verified.length, wait).toBe(1);
  });

  it('the countdown is announced politely, at most every 10 seconds, and at 0 秒 the code is void and the step says so', async () => {
    const { center, backend } = await setup();
    const { el, timers } = await mountStep(center);
    await requestCode(el);
    const region = root(el).querySelector('[aria-live="polite"]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    const heard: { at: number; text: string }[] = [];
    let last = announcement(el);
    for (let second = 1; second <= 60; second++) {
      timers.advance(1000);
      await el.updateComplete;
      const now = announcement(el);
      if (now !== last && now !== '') heard.push({ at: second, text: now });
      last = now;
      if (second < 60) expect(countdown(el)).toBe(`${60 - second}秒`);
    }
    expect(heard.map((h) => h.at)).toEqual([10, 20, 30, 40, 50]);
    for (let i = 1; i < heard.length; i++) expect(heard[i]!.at - heard[i - 1]!.at).toBeGreaterThanOrEqual(10);
    expect(heard[0]!.text).toBe(t.otp.secondsLeft(50));

    await expect.poll(() => message(el)?.textContent?.trim(), wait).toBe(t.otp.expired);
    expect(message(el)!.getAttribute('role')).toBe('alert');
    expect(otpInput(el)!.disabled).toBe(true);
    await expect.element(page.getByRole('button', { name: '確認' }), wait).toBeDisabled();
    expect(countdown(el)).toBeNull();
    // The focus was in the field: it goes to 取得認證碼, the way on.
    expect(deepActive()?.textContent?.trim()).toBe('取得認證碼');
    // The server agrees: the code is void at its own clock too.
    backend.clock.advance(61_000);
    await expectAccessible(el);
    await snapLocales('otp-step-expired', el);
  });

  it('the core’s otp-expired event voids the code too', async () => {
    const { center } = await setup();
    const { el } = await mountStep(center);
    await requestCode(el);
    const otpId = (el as unknown as { challenge: { otpId: string } }).challenge.otpId;
    center.events.dispatchEvent(new CustomEvent('otp-expired', { detail: { otpId: 'another', purpose: 'apply' } }));
    await el.updateComplete;
    expect(message(el)).toBeNull();
    center.events.dispatchEvent(new CustomEvent('otp-expired', { detail: { otpId, purpose: 'apply' } }));
    await expect.poll(() => message(el)?.textContent?.trim(), wait).toBe(t.otp.expired);
    expect(otpInput(el)!.disabled).toBe(true);
  });

  it('asking again voids the earlier code and starts the countdown over', async () => {
    const { center, backend, lastCode } = await setup();
    const { el, timers, verified } = await mountStep(center);
    await requestCode(el);
    const first = backend.inbox.last()!;
    timers.advance(30_000);
    await el.updateComplete;
    expect(countdown(el)).toBe('30秒');
    await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), '12');
    await requestCode(el);
    expect(backend.inbox.all()).toHaveLength(2);
    expect(countdown(el)).toBe('60秒');
    expect(otpInput(el)!.value).toBe('');
    // The earlier code is void at the server.
    await expect(center.verifyOtp(first.otpId, first.code)).rejects.toMatchObject({ code: 'OTP_EXPIRED' });
    // Only the new deadline counts: 30 more seconds do not end it.
    timers.advance(30_000);
    await el.updateComplete;
    expect(countdown(el)).toBe('30秒');
    await enterCode(lastCode());
    await expect.poll(() => verified.length, wait).toBe(1);
  });

  it('a wrong code says how many tries remain; the third locks the code and says to ask for a new one', async () => {
    const { center, lastCode } = await setup();
    const { el, errors } = await mountStep(center);
    await requestCode(el);
    const wrong = wrongFor(lastCode());
    const field = () => otpInput(el)!.shadowRoot!.querySelector('input')!;
    const fieldError = () => otpInput(el)!.shadowRoot!.getElementById(field().getAttribute('aria-describedby') ?? '')?.textContent?.trim();

    await enterCode(wrong);
    await expect.poll(fieldError, wait).toBe(t.otp.wrongCode(2));
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(errors.at(-1)).toMatchObject({ code: 'OTP_INVALID', problem: { attemptsLeft: 2 } });
    expect(deepActive()).toBe(field());
    await expectAccessible(el);
    await snapLocales('otp-step-wrong', el);

    await enterCode(wrong);
    await expect.poll(fieldError, wait).toBe(t.otp.wrongCode(1));
    expect(errors.at(-1)).toMatchObject({ code: 'OTP_INVALID', problem: { attemptsLeft: 1 } });

    await enterCode(wrong);
    await expect.poll(() => message(el)?.textContent?.trim(), wait).toBe(t.otp.locked);
    expect(errors.at(-1)!.code).toBe('OTP_LOCKED');
    expect(otpInput(el)!.disabled).toBe(true);
    expect(countdown(el)).toBeNull();
    expect(deepActive()?.textContent?.trim()).toBe('取得認證碼');
    await expectAccessible(el);
    await snapLocales('otp-step-locked', el);

    // A new code works again.
    await requestCode(el);
    expect(message(el)).toBeNull();
    expect(otpInput(el)!.disabled).toBe(false);
  });

  it('an incomplete code is stopped at the field, without a request', async () => {
    const { center, backend } = await setup();
    const { el } = await mountStep(center);
    await requestCode(el);
    const sent = backend.inbox.last()!;
    await enterCode('12');
    const input = otpInput(el)!;
    await expect.poll(() => input.error, wait).toBe(t.otp.incomplete(4));
    // The code was not spent: it still verifies.
    await expect(center.verifyOtp(sent.otpId, sent.code)).resolves.toMatchObject({ otpToken: expect.any(String) });
  });

  it('RATE_LIMITED shows its wait', async () => {
    const { center } = await setup({ otpCooldownSeconds: 30 });
    const { el, errors } = await mountStep(center);
    await requestCode(el);
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await expect.poll(() => errors.at(-1)?.code, wait).toBe('RATE_LIMITED');
    expect(errors.at(-1)!.problem?.retryAfterSeconds).toBe(30);
    await expect.poll(() => message(el)?.textContent, wait).toContain('30');
    expect(message(el)!.getAttribute('role')).toBe('alert');
    // The code in hand is still good: its countdown goes on.
    expect(countdown(el)).toBe('60秒');
    await expectAccessible(el);
    await snapLocales('otp-step-rate-limited', el);
  });

  it('a server failure when asking says so, and asking again works', async () => {
    // The first try and both retries fail.
    const { center, backend } = await setup();
    const { el, errors } = await mountStep(center);
    for (let i = 0; i < 3; i++) backend.faults.next('http-500', { method: 'POST', path: '/otp' });
    await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
    await expect.poll(() => errors.at(-1)?.code, wait).toBe('INTERNAL');
    expect(message(el)!.classList.contains('error')).toBe(true);
    await expectAccessible(el);
    await snapLocales('otp-step-server-error', el);
    await requestCode(el);
    expect(message(el)).toBeNull();
  });

  it('a lost answer to 確認 keeps the code, to send again', async () => {
    const { center, lastCode, backend } = await setup({}, { retry: { limit: 0 } });
    const { el, errors, verified } = await mountStep(center);
    await requestCode(el);
    backend.faults.next('drop', { method: 'POST', path: /verification$/ });
    await enterCode(lastCode());
    await expect.poll(() => errors.at(-1)?.code, wait).toBe('NETWORK');
    expect(otpInput(el)!.value).toBe(lastCode());
    await userEvent.click(page.getByRole('button', { name: '確認' }));
    await expect.poll(() => verified.length, wait).toBe(1);
  });

  it('shows the 【注意事項】 notes below', async () => {
    const { center } = await setup();
    const { el } = await mountStep(center);
    const notes = root(el).querySelector('[part~="notes"]')!;
    expect(notes.querySelector('h4')!.textContent).toBe('【注意事項】');
    expect([...notes.querySelectorAll('li')].map((li) => li.textContent)).toEqual(t.otp.notesList);
  });

  it('switches its words live when the locale changes, the dialog and the code field included', async () => {
    const { center } = await setup();
    const { el } = await mountStep(center);
    await requestCode(el);
    el.locale = 'en';
    await expect.element(page.getByRole('button', { name: en.otp.request }), wait).toBeVisible();
    await expect.element(page.getByRole('textbox', { name: en.otp.inputLabel }), wait).toBeVisible();
    expect(countdown(el)).toBe(en.otp.seconds(60));
    await expectAccessible(el);
    await userEvent.click(page.getByRole('button', { name: en.otp.request }));
    const dialog = page.getByRole('alertdialog', { name: en.common.dialogTitle });
    await expect.element(dialog, wait).toBeVisible();
    expect(root(el).querySelector('cert-dialog')!.textContent).toContain(en.otp.sent({ sms: '0966****06', email: 'c*****n@i.com' }));
    await userEvent.click(page.getByRole('button', { name: en.common.ok }));
    el.locale = 'zh-Hant';
    await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
  });
});

