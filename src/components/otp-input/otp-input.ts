import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { define } from '../shared/define';
import { OtpCompleteEvent } from '../shared/events';
import { LocalizeController, localeChanged } from '../shared/localize';
import { shared } from '../shared/styles';
import type { Locale } from '../shared/translation';
import { styles } from './otp-input.styles';

/** The longest code the element takes (the contract's codes have 4 to 8 digits). */
const maxCodeLength = 12;

/**
 * The digits of a typed, pasted or autofilled code: full-width digits (０–９, as Chinese input
 * methods type them) become ASCII, everything else (spaces, dashes, words around the code) is
 * dropped, and at most `length` digits are kept.
 */
export function codeDigits(text: string, length: number): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9]/g, '')
    .slice(0, Math.max(0, length));
}

/** What WebOTP adds to `navigator.credentials.get` (not in every DOM typing yet). */
interface OtpCredentialRequest extends CredentialRequestOptions {
  otp: { transport: string[] };
}

/**
 * @summary The one-time code (認證碼) as one native text input: one caret, one name, one tab stop.
 * Autofill and password managers insert the whole code in one `input` event, and a pasted code
 * keeps its digits (spaces and dashes dropped); on a phone the WebOTP API fills it from the SMS.
 * The digits are drawn in boxes by CSS alone. Form-associated: it takes part in its `<form>` with
 * `name`, `required`, `disabled`, validity, reset and restore.
 *
 * @event {OtpCompleteEvent} otp-complete - Every digit is in (typed, pasted, autofilled or read from the SMS); `detail.code`.
 * @event {InputEvent} input - The value changed as the customer typed.
 * @event {Event} change - The customer changed the value and left the field.
 *
 * @csspart base - The wrapper of label, field and message.
 * @csspart label - The visible label (輸入認證碼).
 * @csspart boxes - The digits' boxes around the input (it carries the focus ring).
 * @csspart input - The native `<input>`.
 * @csspart error - The message under the field (a wrong code).
 *
 * @cssproperty [--cert-otp-font-size=1.5rem] - Size of the digits (and so of the boxes).
 * @cssproperty [--cert-otp-box-color=var(--cert-color-surface)] - Fill of the digit boxes.
 * @cssproperty [--cert-otp-box-border=var(--cert-color-border)] - Edge of the digit boxes.
 */
export class OtpInput extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [...shared, styles];

  /** The name the code is submitted under in its form. */
  @property({ reflect: true }) name = '';

  /** Whether the form may not be submitted without a complete code. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Whether the field takes no input and is left out of its form's data. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** How many digits the code has (the challenge's `codeLength`); default 4. */
  @property({ type: Number, attribute: 'code-length' }) codeLength = 4;

  /** The visible label; default 輸入認證碼 in the element's locale. */
  @property() label?: string;

  /** A message shown under the field and tied to it (aria-describedby, aria-invalid), e.g. a wrong code. */
  @property() error?: string;

  /** `zh-Hant` (the default) or `en`; without it, the nearest ancestor's `locale`. */
  @property({ reflect: true }) locale?: Locale;

  /** The value the field starts with and goes back to on form reset (the `value` attribute). */
  @property({ attribute: 'value' }) defaultValue = '';

  @query('input') private input?: HTMLInputElement;
  @state() private formDisabled = false;
  @state() private touched = false;

  private readonly localize = new LocalizeController(this);
  private readonly internals: ElementInternals = this.attachInternals();
  private current: string | undefined;
  private customValidity = '';
  private lastCompleted = '';
  private webOtp: AbortController | undefined;
  private owner: HTMLFormElement | null = null;

  /** The digits entered so far (at most `code-length`). */
  get value(): string {
    return this.current ?? codeDigits(this.defaultValue ?? '', this.length);
  }

  set value(next: string) {
    const old = this.value;
    this.current = codeDigits(String(next ?? ''), this.length);
    if (this.current !== old) this.lastCompleted = '';
    this.requestUpdate('value', old);
  }

  /** The form the field belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** The `<label>`s of the document that name this element. */
  get labels(): NodeList {
    return this.internals.labels;
  }

  /** The field's validity (a code shorter than `code-length`, a missing required code, a custom error). */
  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** Why the field is invalid, in the element's locale (empty when valid). */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** Whether the field takes part in its form's validation (not when disabled). */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Whether the field is valid; fires `invalid` when it is not. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** As `checkValidity()`, and shows the browser's message when invalid. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** A message of the page's own that makes the field invalid until it is set to ''. */
  setCustomValidity(message: string): void {
    this.customValidity = String(message ?? '');
    this.syncForm();
  }

  /** Selects the digits, so that typing replaces them. */
  select(): void {
    this.input?.select();
  }

  private get length(): number {
    const n = Math.trunc(Number(this.codeLength));
    return Number.isFinite(n) && n >= 1 ? Math.min(n, maxCodeLength) : 4;
  }

  private get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.startWebOtp();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWebOtp();
    this.watchForm(null);
  }

  /** Called by the browser when the element joins or leaves a form. */
  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.watchForm(form);
  }

  /** Called by the browser when the element or an ancestor `<fieldset>` is disabled or enabled. */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** Called by the browser on the form's reset: back to the `value` attribute. */
  formResetCallback(): void {
    this.current = undefined;
    this.lastCompleted = '';
    this.touched = false;
    this.requestUpdate();
  }

  /** Called by the browser when it restores the form (back/forward, session restore). */
  formStateRestoreCallback(stateValue: string | File | FormData | null): void {
    if (typeof stateValue === 'string') this.value = stateValue;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      // Reflected now rather than after the update, so this very render speaks the new locale.
      if (this.locale) this.setAttribute('locale', this.locale);
      else this.removeAttribute('locale');
      this.localize.refresh();
      if (changed.get('locale') !== undefined || this.locale !== undefined) queueMicrotask(localeChanged);
    }
    if (changed.has('codeLength') && this.current !== undefined) this.current = codeDigits(this.current, this.length);
    if (changed.has('disabled') || changed.has('formDisabled' as keyof OtpInput)) {
      if (this.isDisabled) this.stopWebOtp();
      else if (this.isConnected) this.startWebOtp();
    }
  }

  protected override updated(): void {
    this.style.setProperty('--otp-length', String(this.length));
    this.style.setProperty('--otp-active', String(Math.min(this.value.length, this.length - 1)));
    this.syncForm();
  }

  protected override render() {
    const invalid = Boolean(this.error) || (this.touched && this.value.length > 0 && this.value.length < this.length);
    return html`<div part="base">
      <label part="label" for="input">${this.label || this.localize.t.otp.inputLabel}</label>
      <span part="boxes" class="boxes"><input
        id="input"
        part="input"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        enterkeyhint="done"
        autocapitalize="off"
        spellcheck="false"
        size=${this.length}
        .value=${live(this.value)}
        ?disabled=${this.isDisabled}
        ?required=${this.required}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${this.error ? 'error' : nothing}
        @input=${this.onInput}
        @change=${this.onChange}
        @keydown=${this.onKeydown}
        @blur=${this.onBlur}
      /></span>
      ${this.error ? html`<span id="error" part="error" class="field-error">${this.error}</span>` : nothing}
    </div>`;
  }

  private onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const raw = input.value;
    const digits = codeDigits(raw, this.length);
    if (digits !== raw) {
      // Keep the caret after the same digits it followed.
      const caret = codeDigits(raw.slice(0, input.selectionStart ?? raw.length), this.length).length;
      input.value = digits;
      input.setSelectionRange(caret, caret);
    }
    // A digit too many scrolled the text for a moment: the digits stay in their boxes.
    input.scrollLeft = 0;
    this.accept(digits);
  }

  /** Takes the customer's digits; fires otp-complete when the code is whole. */
  private accept(digits: string): void {
    const old = this.value;
    this.current = digits;
    this.requestUpdate('value', old);
    this.syncForm();
    if (digits.length === this.length && digits !== this.lastCompleted) {
      this.lastCompleted = digits;
      this.dispatchEvent(new OtpCompleteEvent({ code: digits }));
    } else if (digits.length < this.length) {
      this.lastCompleted = '';
    }
  }

  private onChange(): void {
    // The inner input's change does not leave the shadow root: the element fires its own.
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    // The inner input is not in the form's tree, so Enter would not submit it by itself.
    const form = this.internals.form;
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  }

  private onBlur(): void {
    if (this.value.length > 0) this.touched = true;
  }

  private syncForm(): void {
    const value = this.value;
    this.internals.setFormValue(value, value);
    const t = this.localize.t;
    const anchor = this.input;
    if (this.required && value.length === 0) this.internals.setValidity({ valueMissing: true }, t.otp.incomplete(this.length), anchor);
    else if (value.length > 0 && value.length < this.length) this.internals.setValidity({ tooShort: true }, t.otp.incomplete(this.length), anchor);
    else if (this.customValidity) this.internals.setValidity({ customError: true }, this.customValidity, anchor);
    else this.internals.setValidity({});
    this.setState('complete', value.length === this.length);
    this.setState('user-invalid', Boolean(this.error) || (this.touched && !this.internals.validity.valid));
  }

  private setState(name: string, on: boolean): void {
    try {
      if (on) this.internals.states.add(name);
      else this.internals.states.delete(name);
    } catch {
      // Custom states are for styling only; a browser without them loses nothing else.
    }
  }

  private watchForm(form: HTMLFormElement | null): void {
    if (this.owner === form) return;
    this.owner?.removeEventListener('submit', this.onFormSubmit);
    this.owner = form;
    form?.addEventListener('submit', this.onFormSubmit);
  }

  private readonly onFormSubmit = (): void => {
    this.stopWebOtp();
  };

  /** Asks the browser for the code of an incoming SMS (WebOTP), where it has the API. */
  private startWebOtp(): void {
    if (this.webOtp || this.isDisabled || typeof window === 'undefined' || !('OTPCredential' in window)) return;
    const credentials = navigator.credentials;
    if (!credentials?.get) return;
    const controller = new AbortController();
    this.webOtp = controller;
    const request: OtpCredentialRequest = { otp: { transport: ['sms'] }, signal: controller.signal };
    Promise.resolve()
      .then(() => credentials.get(request))
      .then((credential) => {
        const code = (credential as { code?: unknown } | null)?.code;
        if (controller.signal.aborted || typeof code !== 'string' || this.isDisabled) return;
        const digits = codeDigits(code, this.length);
        if (this.input) {
          this.input.value = digits;
          this.input.scrollLeft = 0;
        }
        this.accept(digits);
      })
      .catch(() => {
        // AbortError when the element leaves or its form is submitted; any other refusal leaves
        // the field to typing and autofill, as it was.
      })
      .finally(() => {
        if (this.webOtp === controller) this.webOtp = undefined;
      });
  }

  private stopWebOtp(): void {
    const controller = this.webOtp;
    this.webOtp = undefined;
    controller?.abort();
  }
}

define('otp-input', OtpInput);

declare global {
  interface HTMLElementTagNameMap {
    'otp-input': OtpInput;
  }
}
