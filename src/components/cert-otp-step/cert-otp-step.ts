import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { Task, TaskStatus } from '@lit/task';
import type { OtpPurpose, OtpSent } from '../../core';
import '../cert-dialog/cert-dialog';
import '../otp-input/otp-input';
import type { OtpInput } from '../otp-input/otp-input';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertOtpVerifiedEvent } from '../shared/events';
import { errorDetails } from '../shared/localize';
import { shared } from '../shared/styles';
import { Countdown, pageTimers, type CountdownTimers } from './countdown';
import { styles } from './cert-otp-step.styles';

export { pageTimers, type CountdownTimers } from './countdown';

/** A message in words of the locale in force when it is shown (the locale can change meanwhile). */
type Message = { kind: 'error' | 'warning' | 'success'; text: () => string };

/** The countdown is announced at most this often (WCAG: no chatter every second). */
const announceEverySeconds = 10;

/**
 * @summary The one-time-code step (憑證認證碼) that apply, renew and revoke share: 取得認證碼 →
 * the message naming where the code went (網頁訊息, 確定) → a live countdown from the code's
 * lifetime → the code → 確認. Asking again voids the earlier code and starts the countdown over;
 * a wrong code says how many tries remain; the third, or the countdown reaching 0 秒, voids it.
 *
 * @event {CertOtpVerifiedEvent} cert-otp-verified - The code was right: `detail.otpToken` (for one apply, renewal or revocation) and `detail.expiresAt`.
 * @event {CertErrorEvent} cert-error - A failure the step shows (a wrong code, a locked or expired one, the network), as a CertCenterError (`detail.error`).
 *
 * @csspart base - The step.
 * @csspart heading - The heading (憑證認證碼).
 * @csspart intro - The line under the heading.
 * @csspart request - The row of 取得認證碼 and the countdown.
 * @csspart button - Every button (also `request-button`, `submit-button`).
 * @csspart countdown - The seconds left (「59秒」).
 * @csspart form - The code and 確認.
 * @csspart input - The `<otp-input>`.
 * @csspart message - What happened (verified, a voided code, a failure).
 * @csspart notes - 【注意事項】.
 * @csspart dialog - The pop-up saying where the code was sent (also `dialog-title`, `dialog-body`, `dialog-actions`).
 *
 * @cssproperty --cert-color-primary - Buttons and the countdown.
 */
export class CertOtpStep extends CertElement {
  static override styles = [...shared, styles];

  /** What the code is for: `apply` (the default), `renew` or `revoke`. */
  @property() purpose: OtpPurpose = 'apply';

  /** The timers the countdown runs on; default the page's own (tests and stories pass ones they drive). */
  @property({ attribute: false }) timers: CountdownTimers = pageTimers;

  @state() private challenge: OtpSent | undefined;
  @state() private secondsLeft = 0;
  @state() private voided: 'expired' | 'locked' | undefined;
  @state() private message: Message | undefined;
  @state() private fieldError: (() => string) | undefined;
  @state() private dialogOpen = false;
  @state() private verified: { otpToken: string; expiresAt: Date } | undefined;
  @state() private announcement = '';

  @query('otp-input') private otpInput?: OtpInput;
  @query('[part~="request-button"]') private requestButton?: HTMLButtonElement;
  @query('#heading') private heading?: HTMLElement;

  private readonly countdown = new Countdown((seconds) => this.onTick(seconds));
  private listeningTo: EventTarget | undefined;

  private readonly requestTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }) => {
      // Asking again voids the earlier code: an entry of it still on its way is no longer wanted.
      this.verifyTask.abort();
      try {
        const sent = await this.certCenter.requestOtp(this.purpose, { signal });
        if (signal.aborted) return;
        this.begin(sent);
      } catch (error) {
        if (signal.aborted) return;
        this.message = this.failure(error);
      }
    },
  });

  private readonly verifyTask = new Task(this, {
    autoRun: false,
    task: async ([otpId, code]: readonly [string, string], { signal }) => {
      try {
        const result = await this.certCenter.verifyOtp(otpId, code, { signal });
        if (signal.aborted || otpId !== this.challenge?.otpId) return;
        this.countdown.stop();
        this.verified = result;
        this.message = { kind: 'success', text: () => this.localize.t.otp.verified };
        this.announcement = this.localize.t.otp.verified;
        this.dispatchEvent(new CertOtpVerifiedEvent(result));
      } catch (error) {
        if (signal.aborted || otpId !== this.challenge?.otpId) return;
        await this.onVerifyError(error);
      }
    },
  });

  /** Back to the start (no code asked for), e.g. when the code's token expired before it was used. */
  reset(): void {
    this.requestTask.abort();
    this.verifyTask.abort();
    this.countdown.stop();
    this.challenge = undefined;
    this.voided = undefined;
    this.message = undefined;
    this.fieldError = undefined;
    this.dialogOpen = false;
    this.verified = undefined;
    this.announcement = '';
    this.listen(undefined);
  }

  /** Moves the focus to the step's heading. */
  focusHeading(): void {
    this.heading?.focus();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.countdown.resume();
    if (this.challenge && !this.verified) this.listen(this.certCenter.events);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.countdown.pause();
    this.requestTask.abort();
    this.verifyTask.abort();
    this.listen(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another center (or another purpose) makes the code in hand meaningless.
    if ((changed.has('center') && changed.get('center') !== undefined) || (changed.has('purpose') && changed.get('purpose') !== undefined)) {
      if (this.challenge) this.reset();
    }
  }

  protected override render() {
    const t = this.localize.t;
    const requesting = this.requestTask.status === TaskStatus.PENDING;
    const verifying = this.verifyTask.status === TaskStatus.PENDING;
    const live = this.challenge !== undefined && !this.verified && !this.voided;
    if (this.verified) {
      // Done: what is left to say is that it worked.
      return html`<section part="base" aria-labelledby="heading">
        <h3 id="heading" part="heading" tabindex="-1">${t.otp.heading}</h3>
        ${this.renderMessage()}
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</p>
      </section>`;
    }
    return html`<section part="base" aria-labelledby="heading">
      <h3 id="heading" part="heading" tabindex="-1">${t.otp.heading}</h3>
      <p part="intro">${t.otp.intro}</p>
      <div part="request" class="row">
        <button
          type="button"
          part="button request-button"
          ?disabled=${this.verified !== undefined}
          aria-disabled=${requesting ? 'true' : 'false'}
          @click=${this.onRequest}
        >
          ${t.otp.request}
        </button>
        ${live ? html`<span part="countdown" class="countdown" role="timer" aria-label=${t.otp.countdownLabel}>${t.otp.seconds(this.secondsLeft)}</span>` : nothing}
      </div>
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</p>
      ${this.challenge ? this.renderForm(this.challenge, verifying) : nothing}
      ${this.renderMessage()}
      <div part="notes" class="notes">
        <h4>${t.common.notes}</h4>
        <ul>
          ${t.otp.notesList.map((note) => html`<li>${note}</li>`)}
        </ul>
      </div>
      <cert-dialog exportparts="dialog, dialog-title, dialog-body, dialog-actions" label=${t.common.dialogTitle} .open=${this.dialogOpen} @cert-dialog-close=${this.onDialogClose}>
        <p>${this.challenge ? this.sentText(this.challenge) : nothing}</p>
        <button slot="actions" type="button" @click=${this.closeDialog}>${t.common.ok}</button>
      </cert-dialog>
    </section>`;
  }

  private renderMessage() {
    const message = this.message;
    if (!message) return nothing;
    return html`<div part="message" class=${message.kind} role=${message.kind === 'success' ? nothing : 'alert'}>${message.text()}</div>`;
  }

  private renderForm(challenge: OtpSent, verifying: boolean) {
    const t = this.localize.t;
    const off = this.voided !== undefined;
    // A new element per code: the digits of a voided code, and its WebOTP request, go with it.
    return html`<form part="form" class="code" novalidate @submit=${this.onSubmit}>
      ${keyed(
        challenge.otpId,
        html`<otp-input
          part="input"
          name="code"
          required
          code-length=${challenge.codeLength}
          .error=${this.fieldError?.()}
          ?disabled=${off}
          @input=${this.onCodeInput}
        ></otp-input>`,
      )}
      <button type="submit" part="button submit-button" ?disabled=${off} aria-disabled=${verifying ? 'true' : 'false'}>${t.otp.submit}</button>
    </form>`;
  }

  private sentText(challenge: OtpSent): string {
    const sms = challenge.channels.find((c) => c.kind === 'sms')?.to;
    const email = challenge.channels.find((c) => c.kind === 'email')?.to;
    return this.localize.t.otp.sent({ ...(sms ? { sms } : {}), ...(email ? { email } : {}) });
  }

  private onRequest(): void {
    if (this.requestTask.status === TaskStatus.PENDING || this.verified) return;
    void this.requestTask.run([]);
  }

  /** A code was sent: the earlier one is void, the countdown starts over. */
  private begin(sent: OtpSent): void {
    this.challenge = sent;
    this.voided = undefined;
    this.message = undefined;
    this.fieldError = undefined;
    this.verified = undefined;
    this.announcement = '';
    this.listen(this.certCenter.events);
    this.countdown.start(sent.ttlSeconds, this.timers);
    this.dialogOpen = true;
  }

  private onTick(seconds: number): void {
    this.secondsLeft = seconds;
    if (seconds === 0) {
      this.expire();
      return;
    }
    const ttl = this.challenge?.ttlSeconds ?? 0;
    if (seconds < ttl && seconds % announceEverySeconds === 0) this.announcement = this.localize.t.otp.secondsLeft(seconds);
  }

  /** 0 秒 (or the core's otp-expired): the code is void. */
  private expire(): void {
    if (!this.challenge || this.verified || this.voided) return;
    void this.void('expired');
  }

  private async void(reason: 'expired' | 'locked'): Promise<void> {
    const hadFocus = this.matches(':focus-within');
    this.countdown.stop();
    this.secondsLeft = 0;
    this.voided = reason;
    this.fieldError = undefined;
    // The digits of a void code are of no use any more.
    if (this.otpInput) this.otpInput.value = '';
    this.message = { kind: 'warning', text: () => (reason === 'locked' ? this.localize.t.otp.locked : this.localize.t.otp.expired) };
    this.announcement = '';
    if (hadFocus) {
      await this.updateComplete;
      this.requestButton?.focus();
    }
  }

  private readonly onOtpExpired = (event: Event): void => {
    const detail = (event as CustomEvent<{ otpId?: string }>).detail;
    if (detail?.otpId === this.challenge?.otpId) this.expire();
  };

  private listen(target: EventTarget | undefined): void {
    if (this.listeningTo === target) return;
    this.listeningTo?.removeEventListener('otp-expired', this.onOtpExpired);
    this.listeningTo = target;
    target?.addEventListener('otp-expired', this.onOtpExpired);
  }

  private closeDialog(): void {
    this.dialogOpen = false;
  }

  private async onDialogClose(): Promise<void> {
    this.dialogOpen = false;
    await this.updateComplete;
    if (!this.voided && !this.verified) this.otpInput?.focus();
  }

  private onCodeInput(): void {
    if (this.fieldError) this.fieldError = undefined;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const challenge = this.challenge;
    if (!challenge || this.voided || this.verified || this.verifyTask.status === TaskStatus.PENDING) return;
    const code = this.otpInput?.value ?? '';
    if (code.length !== challenge.codeLength) {
      this.fieldError = () => this.localize.t.otp.incomplete(challenge.codeLength);
      await this.updateComplete;
      this.otpInput?.focus();
      return;
    }
    this.message = undefined;
    this.fieldError = undefined;
    void this.verifyTask.run([challenge.otpId, code]);
  }

  /** Fires cert-error and keeps the customer's message of the error. */
  private failure(error: unknown): Message {
    const certError = this.asCertCenterError(error);
    this.reportError(certError);
    return { kind: 'error', text: () => this.localize.error(certError) };
  }

  private async onVerifyError(error: unknown): Promise<void> {
    const certError = this.asCertCenterError(error);
    switch (certError.code) {
      case 'OTP_INVALID': {
        this.reportError(certError);
        const { attemptsLeft } = errorDetails(certError);
        this.fieldError = () => (attemptsLeft === undefined ? this.localize.error(certError) : this.localize.t.otp.wrongCode(attemptsLeft));
        if (this.otpInput) this.otpInput.value = '';
        await this.updateComplete;
        this.otpInput?.focus();
        return;
      }
      case 'OTP_LOCKED':
        this.reportError(certError);
        await this.void('locked');
        return;
      case 'OTP_EXPIRED':
      case 'NOT_FOUND':
        this.reportError(certError);
        await this.void('expired');
        return;
      default:
        // The code may still be good (the network, the server): it stays, to send again.
        this.message = this.failure(certError);
    }
  }
}

define('cert-otp-step', CertOtpStep);

declare global {
  interface HTMLElementTagNameMap {
    'cert-otp-step': CertOtpStep;
  }
}
