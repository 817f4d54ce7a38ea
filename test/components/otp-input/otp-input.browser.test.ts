// <otp-input>: one native input for the whole code — typed, pasted, autofilled or read by WebOTP
// — form-associated, and named 輸入認證碼.
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../../src/components/otp-input/otp-input.ts';
import { codeDigits, type OtpInput } from '../../../src/components/otp-input/otp-input.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import type { OtpCompleteEvent } from '../../../src/components/shared/events.ts';
import { expectAccessible, mount } from '../support.ts';
import { snapLocales } from '../support/shots.ts';
import { runFormControlTests, type FormControl } from '../support/form-control.ts';

const inner = (el: OtpInput) => el.shadowRoot!.querySelector('input')!;

runFormControlTests('otp-input', {
  validValue: '1234',
  otherValue: '5678',
  attributes: { 'code-length': '4' },
  fill: async (control: FormControl, value: string) => {
    await userEvent.fill(inner(control as unknown as OtpInput), value);
  },
});

afterEach(() => vi.restoreAllMocks());

/** Records the codes of otp-complete. */
function completions(el: Element): string[] {
  const codes: string[] = [];
  el.addEventListener('otp-complete', (e) => codes.push((e as OtpCompleteEvent).detail.code));
  return codes;
}

describe('otp-input', () => {
  it('is one native text input named 輸入認證碼, with the numeric keyboard and one-time-code autofill', async () => {
    const el = await mount<OtpInput>(html`<otp-input></otp-input>`);
    const box = page.getByRole('textbox', { name: '輸入認證碼' });
    await expect.element(box).toBeVisible();
    expect(el.shadowRoot!.querySelectorAll('input')).toHaveLength(1);
    const input = inner(el);
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.type).toBe('text');
    await expectAccessible(el);
    await snapLocales('otp-input-empty', el);
  });

  it('typing the digits one by one fires otp-complete once, when the code is whole', async () => {
    const el = await mount<OtpInput>(html`<otp-input code-length="4"></otp-input>`);
    const codes = completions(el);
    await userEvent.click(inner(el));
    await userEvent.keyboard('12');
    expect(codes).toEqual([]);
    expect(el.value).toBe('12');
    await userEvent.keyboard('345');
    expect(el.value).toBe('1234');
    expect(codes).toEqual(['1234']);
    await snapLocales('otp-input-filled', el);
  });

  it('a pasted code keeps its digits only: spaces and dashes are dropped', async () => {
    const el = await mount<OtpInput>(html`<div><textarea aria-label="source">12 - 3 4</textarea><otp-input code-length="4"></otp-input></div>`);
    const otp = el.querySelector('otp-input') as OtpInput;
    const codes = completions(otp);
    const source = el.querySelector('textarea')!;
    source.select();
    await userEvent.copy();
    await userEvent.click(inner(otp));
    await userEvent.paste();
    expect(otp.value).toBe('1234');
    expect(inner(otp).value).toBe('1234');
    expect(codes).toEqual(['1234']);
  });

  it('an autofilled code (one input event, no paste) is taken whole, full-width digits included', async () => {
    const el = await mount<OtpInput>(html`<otp-input code-length="6"></otp-input>`);
    const codes = completions(el);
    await userEvent.fill(inner(el), '１２３-４５６');
    expect(el.value).toBe('123456');
    expect(codes).toEqual(['123456']);
  });

  it('keeps at most code-length digits and takes no letters', async () => {
    const el = await mount<OtpInput>(html`<otp-input code-length="4"></otp-input>`);
    await userEvent.click(inner(el));
    await userEvent.keyboard('1a2b34567');
    expect(el.value).toBe('1234');
    el.value = 'x9-8 7 6 5';
    await el.updateComplete;
    expect(inner(el).value).toBe('9876');
  });

  it('the digits of a code are its digits whatever surrounds them', () => {
    // Every code of 1 to 8 digits survives any mix of spaces, dashes and full-width forms.
    for (let length = 1; length <= 8; length++) {
      for (let n = 0; n < 200; n++) {
        const code = String(n * 7919 + length).padStart(length, '0').slice(-length);
        const noisy = [...code].map((d, i) => (i % 2 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d)).join(n % 3 ? ' - ' : ' ');
        expect(codeDigits(noisy, length)).toBe(code);
      }
    }
  });

  it('Enter submits its form', async () => {
    const form = await mount<HTMLFormElement>(html`<form><otp-input name="code"></otp-input></form>`);
    const el = form.querySelector('otp-input') as OtpInput;
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    await userEvent.click(inner(el));
    await userEvent.keyboard('1234{Enter}');
    expect(submitted).toBe(1);
  });

  it('the validation message comes from the catalogue, in the element’s locale', async () => {
    const el = await mount<OtpInput>(html`<otp-input required code-length="6"></otp-input>`);
    expect(el.validationMessage).toBe(zhHant.otp.incomplete(6));
    el.value = '12';
    await el.updateComplete;
    expect(el.validity.tooShort).toBe(true);
    el.locale = 'en';
    await el.updateComplete;
    expect(el.validationMessage).toBe(en.otp.incomplete(6));
    await expect.element(page.getByRole('textbox', { name: en.otp.inputLabel })).toBeVisible();
  });

  it('an error is shown under the field and tied to it', async () => {
    const el = await mount<OtpInput>(html`<otp-input error="認證碼錯誤，您還可以再輸入 2 次。"></otp-input>`);
    const input = inner(el);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')!;
    expect(el.shadowRoot!.getElementById(describedBy)?.textContent).toBe('認證碼錯誤，您還可以再輸入 2 次。');
    await expectAccessible(el);
    await snapLocales('otp-input-error', el);
  });
});

describe('otp-input and WebOTP', () => {
  /** A stand-in for navigator.credentials.get({ otp }) that the test answers. */
  function fakeWebOtp() {
    const calls: { signal: AbortSignal; resolve: (v: { code: string; type: string }) => void; reject: (e: unknown) => void }[] = [];
    if (!('OTPCredential' in window)) vi.stubGlobal('OTPCredential', class {});
    vi.spyOn(navigator.credentials, 'get').mockImplementation((options?: CredentialRequestOptions) => {
      return new Promise((resolve, reject) => {
        const signal = options!.signal!;
        calls.push({ signal, resolve: (v) => resolve(v as unknown as Credential), reject });
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }) as Promise<Credential | null>;
    });
    return calls;
  }
  afterEach(() => vi.unstubAllGlobals());

  it('fills the code from the SMS and fires otp-complete', async () => {
    const calls = fakeWebOtp();
    const el = await mount<OtpInput>(html`<otp-input code-length="4"></otp-input>`);
    const codes = completions(el);
    expect(calls).toHaveLength(1);
    expect((navigator.credentials.get as unknown as { mock: { calls: [CredentialRequestOptions & { otp?: unknown }][] } }).mock.calls[0]![0].otp).toEqual({ transport: ['sms'] });
    calls[0]!.resolve({ code: '4321', type: 'otp' });
    await expect.poll(() => el.value).toBe('4321');
    expect(codes).toEqual(['4321']);
  });

  it('is aborted when the element leaves the page, and its AbortError is swallowed', async () => {
    const calls = fakeWebOtp();
    const rejections: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent) => rejections.push(e.reason);
    window.addEventListener('unhandledrejection', onRejection);
    const el = await mount<OtpInput>(html`<otp-input></otp-input>`);
    el.remove();
    expect(calls[0]!.signal.aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    window.removeEventListener('unhandledrejection', onRejection);
    expect(rejections).toEqual([]);
  });

  it('is aborted when its form is submitted', async () => {
    const calls = fakeWebOtp();
    const form = await mount<HTMLFormElement>(html`<form><otp-input name="code"></otp-input></form>`);
    form.addEventListener('submit', (e) => e.preventDefault());
    form.requestSubmit();
    expect(calls[0]!.signal.aborted).toBe(true);
  });

  it('a refusal of WebOTP leaves typing as it was', async () => {
    const calls = fakeWebOtp();
    const el = await mount<OtpInput>(html`<otp-input></otp-input>`);
    calls[0]!.reject(new DOMException('no', 'NotAllowedError'));
    await userEvent.click(inner(el));
    await userEvent.keyboard('1234');
    expect(el.value).toBe('1234');
  });

  it('is not asked while the field is disabled', async () => {
    const calls = fakeWebOtp();
    await mount<OtpInput>(html`<otp-input disabled></otp-input>`);
    expect(calls).toHaveLength(0);
  });
});
