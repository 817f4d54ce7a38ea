// What the flows that begin with the one-time code share (申請, 更新, 註銷): the code step with
// the page's timers, the token it gives, going back to a fresh code, the message of the moment
// and moving the focus to each new step.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OtpPurpose } from '../../core';
import '../cert-otp-step/cert-otp-step';
import { pageTimers, type CertOtpStep, type CountdownTimers } from '../cert-otp-step/cert-otp-step';
import { CertElement } from './cert-element';
import type { CertOtpVerifiedEvent } from './events';

/**
 * A message in words of the locale in force when it is shown (the locale can change meanwhile),
 * with a second paragraph where it has one (the window's dates).
 */
export type FlowMessage = { kind: 'error' | 'warning' | 'success' | 'info'; text: () => string; detail?: () => TemplateResult | string };

/** The base of `<cert-apply>`, `<cert-renew>` and `<cert-revoke>`. Not registered itself. */
export abstract class CertOtpFlow extends CertElement {
  /** The timers of the code's countdown; default the page's own (tests and stories pass ones they drive). */
  @property({ attribute: false }) timers: CountdownTimers = pageTimers;

  @state() protected message: FlowMessage | undefined;

  /** The verified code's token, until the operation it authorises has used it. */
  protected otpToken: string | undefined;
  private started = false;

  /** What the code is for. */
  protected abstract readonly purpose: OtpPurpose;
  /** From the beginning: the first update, and whenever the center changes (unless `busy()`). */
  protected abstract start(): void;
  /** Shows the code step (the element's phase for it). */
  protected abstract showCode(): void;
  /** The code was right (its token is in `otpToken`): what comes next. */
  protected abstract verified(): void;

  /** Whether a request is under way that another center must not cut short. */
  protected busy(): boolean {
    return false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The first update, not connectedCallback: a host that sets `center` right after appending
    // the element has set it by then.
    const centerChanged = changed.has('center') || changed.has('apiBase') || changed.has('credentials');
    if (!this.started || (centerChanged && !this.busy())) {
      this.started = true;
      this.start();
    }
  }

  /** Fires cert-error and keeps the customer's message of the error. */
  protected failure(error: unknown): FlowMessage {
    const certError = this.asCertCenterError(error);
    this.reportError(certError);
    return { kind: 'error', text: () => this.localize.error(certError) };
  }

  /** Back to a fresh code step, with a message above it (or none), the focus on its heading. */
  protected async backToCode(message?: FlowMessage): Promise<void> {
    this.otpToken = undefined;
    this.showCode();
    this.otpStep?.reset();
    this.message = message;
    await this.updateComplete;
    this.otpStep?.focusHeading();
  }

  protected get otpStep(): CertOtpStep | null {
    return this.renderRoot?.querySelector('cert-otp-step') ?? null;
  }

  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private onVerified(event: CertOtpVerifiedEvent): void {
    this.otpToken = event.detail.otpToken;
    this.message = undefined;
    this.verified();
  }

  /** The code step (`<cert-otp-step>`) for this element's purpose. */
  protected renderCodeStep(): TemplateResult {
    return html`<cert-otp-step
      part="otp-step"
      purpose=${this.purpose}
      .center=${this.certCenter}
      .timers=${this.timers}
      @cert-otp-verified=${this.onVerified}
    ></cert-otp-step>`;
  }

  /** The message of the moment; with an `id` it can take the focus, with `more` a second paragraph. */
  protected renderMessage(id?: string, more?: string): TemplateResult | typeof nothing {
    const message = this.message;
    if (!message) return nothing;
    const role = message.kind === 'error' || message.kind === 'warning' ? 'alert' : 'status';
    const second = more ?? message.detail?.();
    return html`<div part="message" id=${id ?? nothing} class=${message.kind} role=${role} tabindex=${id ? '-1' : nothing}>
      ${second === undefined ? message.text() : html`<p>${message.text()}</p><p>${second}</p>`}
    </div>`;
  }
}
