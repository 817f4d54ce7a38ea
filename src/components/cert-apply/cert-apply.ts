import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CertCenterError, Consent, LocalCredential, ProgressStep } from '../../core';
import { CertEnrollment, type EnrollmentMessage, type EnrollmentWords } from '../shared/cert-enrollment';
import { enrollmentStyles } from '../shared/cert-enrollment.styles';
import { define } from '../shared/define';
import { CertAppliedEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-apply.styles';

/** The progress steps apply() reports, in order ('signing-proof' is renewal's). */
const applySteps: readonly ProgressStep[] = ['generating-key', 'storing-key', 'sending-request', 'storing-certificate'];

/**
 * @summary 申請: apply for the certificate — the one-time code, the consent form (申請同意書) with
 * 確認 / 取消, 「憑證資料下載中，請稍候約5~20秒...」 with the steps of the key and the request, the
 * backup (`<cert-export embedded>`), then 「您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。」
 * When it connects it first finishes an apply an earlier visit left unfinished (`center.resume()`),
 * and says so; a customer who already has a certificate is told what to do instead.
 *
 * @event {CertAppliedEvent} cert-applied - The certificate was issued and stored in this browser: `detail.credential`.
 * @event {CertOtpVerifiedEvent} cert-otp-verified - From the code step: the code was right (`detail.otpToken`, `detail.expiresAt`).
 * @event {CertExportedEvent} cert-exported - From the backup step: the backup file was written (`detail.serialNumber`, `detail.fileName`).
 * @event {CertErrorEvent} cert-error - A failure the element shows, as a CertCenterError (`detail.error`).
 *
 * @csspart base - The whole element.
 * @csspart title - The page heading (憑證申請).
 * @csspart heading - The heading of each step.
 * @csspart otp-step - The `<cert-otp-step>`.
 * @csspart consent - The consent form.
 * @csspart consent-text - The scrollable text of the consent form.
 * @csspart button - Every button (also `confirm-button`, `cancel-button`, `retry-button`, `start-over-button`).
 * @csspart progress - The steps while the certificate is made and stored.
 * @csspart message - What happened (success, a failure, what to do).
 * @csspart backup - The backup step (`<cert-export>`).
 * @csspart success - The last screen.
 *
 * @cssproperty [--cert-consent-max-height=16rem] - Height of the consent text before it scrolls.
 */
export class CertApply extends CertEnrollment {
  static override styles = [...shared, enrollmentStyles, styles];

  @state() private consent: Consent | undefined;

  protected readonly purpose = 'apply';
  protected readonly steps = applySteps;
  protected readonly origin = 'applied';

  private readonly consentTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }) => {
      try {
        this.consent = await this.certCenter.consent({ signal });
        if (signal.aborted) return;
        this.message = undefined;
        await this.focusAfterUpdate('#consent-heading');
      } catch (error) {
        if (signal.aborted) return;
        this.message = this.failure(error);
      }
    },
  });

  protected words(): EnrollmentWords {
    const a = this.localize.t.apply;
    return {
      heading: a.heading,
      working: a.applying,
      progressLabel: a.progressLabel,
      failedHeading: a.failedHeading,
      kept: a.kept,
      startOver: a.startOver,
      backupIntro: a.backupIntro,
      resumed: a.resumed,
      successHeading: a.successHeading,
      success: [a.success],
    };
  }

  protected override clear(): void {
    this.consentTask.abort();
  }

  /** A customer who already has a certificate is told what to do instead. */
  protected async admit(signal: AbortSignal): Promise<EnrollmentMessage | undefined> {
    try {
      const overview = await this.certCenter.overview({ signal });
      if (!overview.canApply) return this.exists();
    } catch {
      // Only a look ahead: the server says CERT_EXISTS itself when the customer has one.
    }
    return undefined;
  }

  protected enroll(otpToken: string, onProgress: (step: ProgressStep) => void): Promise<LocalCredential> {
    return this.certCenter.apply({ otpToken, consentVersion: this.consent?.version ?? '', onProgress });
  }

  protected announce(credential: LocalCredential): void {
    this.dispatchEvent(new CertAppliedEvent({ credential }));
  }

  private exists(): EnrollmentMessage {
    return { kind: 'warning', text: () => this.localize.t.apply.exists };
  }

  protected override async refused(error: CertCenterError, message: EnrollmentMessage): Promise<boolean> {
    switch (error.code) {
      case 'CERT_EXISTS':
        this.phase = 'blocked';
        this.message = this.exists();
        return true;
      case 'CONSENT_REQUIRED':
        // The form changed meanwhile: read the new one.
        this.phase = 'consent';
        this.consent = undefined;
        await this.consentTask.run([]);
        this.message = message;
        return true;
      default:
        return false;
    }
  }

  protected verified(): void {
    this.phase = 'consent';
    if (this.consent) void this.focusAfterUpdate('#consent-heading');
    else void this.consentTask.run([]);
  }

  private onConfirm(): void {
    if (!this.consent) return;
    this.runEnrollment();
  }

  /** 取消: nothing was sent and nothing stored; back to the code step. */
  private async onCancel(): Promise<void> {
    this.consentTask.abort();
    await this.backToCode({ kind: 'info', text: () => this.localize.t.apply.cancelled });
  }

  protected override renderAfterStep() {
    return this.phase === 'consent' ? this.renderConsent() : nothing;
  }

  private renderConsent() {
    const t = this.localize.t;
    const consent = this.consent;
    const loading = this.consentTask.status === TaskStatus.PENDING;
    return html`<div part="consent" class="step">
      ${consent
        ? html`<h3 id="consent-heading" part="heading" tabindex="-1">${consent.title}</h3>
            <p>${t.apply.consentIntro}</p>
            <div part="consent-text" class="consent-text" role="region" aria-labelledby="consent-heading" tabindex="0">
              ${consent.text.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}
            </div>
            <div class="row actions">
              <button type="button" part="button confirm-button" @click=${this.onConfirm}>${t.common.confirm}</button>
              <button type="button" part="button cancel-button" class="secondary" @click=${this.onCancel}>${t.common.cancel}</button>
            </div>`
        : loading
          ? html`<p class="muted" role="status">${t.common.loading}</p>`
          : html`${this.renderMessage()}
              <div class="row actions">
                <button type="button" part="button retry-button" @click=${() => void this.consentTask.run([])}>${t.common.retry}</button>
                <button type="button" part="button cancel-button" class="secondary" @click=${this.onCancel}>${t.common.cancel}</button>
              </div>`}
      ${consent && this.message ? this.renderMessage() : nothing}
    </div>`;
  }
}

define('cert-apply', CertApply);

declare global {
  interface HTMLElementTagNameMap {
    'cert-apply': CertApply;
  }
}
