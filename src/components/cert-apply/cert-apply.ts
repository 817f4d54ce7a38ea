import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { Consent, LocalCredential, ProgressStep } from '../../core';
import '../cert-otp-step/cert-otp-step';
import '../cert-export/cert-export';
import { pageTimers, type CertOtpStep, type CountdownTimers } from '../cert-otp-step/cert-otp-step';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertAppliedEvent, type CertOtpVerifiedEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-apply.styles';

type Phase = 'starting' | 'exists' | 'otp' | 'consent' | 'applying' | 'failed' | 'backup' | 'done';
/** A message in words of the locale in force when it is shown (the locale can change meanwhile). */
type Message = { kind: 'error' | 'warning' | 'success' | 'info'; text: () => string };

/** The progress steps apply() reports, in order ('signing-proof' is renewal's). */
const applySteps: ProgressStep[] = ['generating-key', 'storing-key', 'sending-request', 'storing-certificate'];

/** Failures after which the request may have reached the server, or can be sent again as it is. */
const keptCodes = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'INTERNAL', 'ABORTED', 'UNAUTHENTICATED', 'STORAGE']);

/**
 * @summary 申請: apply for the certificate — the one-time code, the consent form (申請同意書) with
 * 確認 / 取消, 「憑證資料下載中，請稍候約5~20秒...」 with the steps of the key and the request, the
 * backup (`<cert-export embedded>`), then 「您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。」
 * When it connects it first finishes an apply an earlier visit left unfinished (`center.resume()`),
 * and says so; a customer who already has a certificate is told what to do instead.
 *
 * @event cert-applied - The certificate was issued and stored in this browser: `detail.credential`.
 * @event cert-otp-verified - From the code step: the code was right.
 * @event cert-exported - From the backup step: the backup file was written.
 * @event cert-error - A failure the element shows, as a CertCenterError.
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
 * @cssproperty --cert-consent-max-height - Height of the consent text before it scrolls (default 16rem).
 */
export class CertApply extends CertElement {
  static override styles = [...shared, styles];

  /** The timers of the code's countdown; default the page's own (tests and stories pass ones they drive). */
  @property({ attribute: false }) timers: CountdownTimers = pageTimers;

  @state() private phase: Phase = 'starting';
  @state() private message: Message | undefined;
  @state() private consent: Consent | undefined;
  @state() private reached: ProgressStep[] = [];
  @state() private credential: LocalCredential | undefined;
  @state() private resumed = false;
  @state() private failedKept = false;

  private otpToken: string | undefined;
  private started = false;

  private readonly startTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }) => {
      const center = this.certCenter;
      this.phase = 'starting';
      let completed: LocalCredential[] = [];
      try {
        completed = (await center.resume({ signal })).filter((c) => c.origin === 'applied');
      } catch {
        // Still unreachable: the enrollment stays stored, and apply() finishes it before a new one.
      }
      if (signal.aborted) return;
      const finished = completed.at(-1);
      if (finished) {
        this.resumed = true;
        this.stored(finished);
        return;
      }
      try {
        const overview = await center.overview({ signal });
        if (signal.aborted) return;
        if (!overview.canApply) {
          this.phase = 'exists';
          this.message = this.exists();
          return;
        }
      } catch {
        // Only a look ahead: the server says CERT_EXISTS itself when the customer has one.
        if (signal.aborted) return;
      }
      this.phase = 'otp';
    },
  });

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

  private readonly applyTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly []) => {
      const otpToken = this.otpToken;
      const consent = this.consent;
      if (!otpToken || !consent) return;
      this.phase = 'applying';
      this.message = undefined;
      this.reached = [];
      void this.focusAfterUpdate('#applying-heading');
      try {
        // No signal: an apply under way is finished even when the element leaves the page.
        const credential = await this.certCenter.apply({
          otpToken,
          consentVersion: consent.version,
          onProgress: (step) => (this.reached = [...this.reached, step]),
        });
        this.stored(credential);
      } catch (error) {
        await this.applyFailed(error);
      }
    },
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The first update, not connectedCallback: a host that sets `center` right after appending
    // the element has set it by then.
    const centerChanged = changed.has('center') || changed.has('apiBase') || changed.has('credentials');
    if (!this.started || centerChanged) this.start();
  }

  /** From the beginning: finish what an earlier visit left, then see whether the customer may apply. */
  private start(): void {
    this.started = true;
    this.consentTask.abort();
    this.otpToken = undefined;
    this.message = undefined;
    this.credential = undefined;
    this.resumed = false;
    this.otpStep?.reset();
    void this.startTask.run([]);
  }

  /** The credential is in the store: tell the host, then the backup. */
  private stored(credential: LocalCredential): void {
    this.credential = credential;
    this.otpToken = undefined;
    this.dispatchEvent(new CertAppliedEvent({ credential }));
    this.phase = 'backup';
    this.message = undefined;
    void this.focusAfterUpdate('#backup-heading');
  }

  private exists(): Message {
    return { kind: 'warning', text: () => this.localize.t.apply.exists };
  }

  /** Fires cert-error and keeps the customer's message of the error. */
  private failure(error: unknown): Message {
    const certError = this.asCertCenterError(error);
    this.reportError(certError);
    return { kind: 'error', text: () => this.localize.error(certError) };
  }

  private async applyFailed(error: unknown): Promise<void> {
    const certError = this.asCertCenterError(error);
    const message = this.failure(certError);
    switch (certError.code) {
      case 'OTP_TOKEN_INVALID':
        // The code's token lived out its 5 minutes: verify a new code.
        this.otpToken = undefined;
        this.phase = 'otp';
        this.otpStep?.reset();
        this.message = message;
        await this.updateComplete;
        this.otpStep?.focusHeading();
        return;
      case 'CERT_EXISTS':
        this.phase = 'exists';
        this.message = this.exists();
        return;
      case 'CONSENT_REQUIRED':
        // The form changed meanwhile: read the new one.
        this.phase = 'consent';
        this.consent = undefined;
        await this.consentTask.run([]);
        this.message = message;
        return;
      default:
        this.phase = 'failed';
        this.failedKept = keptCodes.has(certError.code);
        this.message = message;
        await this.focusAfterUpdate('#failed-message');
    }
  }

  private get otpStep(): CertOtpStep | null {
    return this.renderRoot?.querySelector('cert-otp-step') ?? null;
  }

  private async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private onVerified(event: CertOtpVerifiedEvent): void {
    this.otpToken = event.detail.otpToken;
    this.message = undefined;
    this.phase = 'consent';
    if (this.consent) void this.focusAfterUpdate('#consent-heading');
    else void this.consentTask.run([]);
  }

  private onConfirm(): void {
    if (this.applyTask.status === TaskStatus.PENDING || !this.consent) return;
    void this.applyTask.run([]);
  }

  /** 取消: nothing was sent and nothing stored; back to the code step. */
  private async onCancel(): Promise<void> {
    this.consentTask.abort();
    this.otpToken = undefined;
    this.phase = 'otp';
    this.otpStep?.reset();
    this.message = { kind: 'info', text: () => this.localize.t.apply.cancelled };
    await this.updateComplete;
    this.otpStep?.focusHeading();
  }

  private onRetry(): void {
    if (this.applyTask.status === TaskStatus.PENDING) return;
    void this.applyTask.run([]);
  }

  private async onStartOver(): Promise<void> {
    this.otpToken = undefined;
    this.message = undefined;
    this.phase = 'otp';
    this.otpStep?.reset();
    await this.updateComplete;
    this.otpStep?.focusHeading();
  }

  private onExported(): void {
    this.phase = 'done';
    void this.focusAfterUpdate('#done-heading');
  }

  protected override render() {
    const t = this.localize.t;
    const showStep = this.phase === 'otp' || this.phase === 'consent';
    return html`<div part="base">
      <h2 part="title">${t.apply.heading}</h2>
      ${this.phase === 'starting' ? html`<p class="muted" role="status">${t.common.loading}</p>` : nothing}
      ${this.phase === 'exists' || (this.phase === 'otp' && this.message) ? this.renderMessage() : nothing}
      ${showStep
        ? html`<cert-otp-step
            part="otp-step"
            purpose="apply"
            .center=${this.certCenter}
            .timers=${this.timers}
            @cert-otp-verified=${this.onVerified}
          ></cert-otp-step>`
        : nothing}
      ${this.phase === 'consent' ? this.renderConsent() : nothing}
      ${this.phase === 'applying' || this.phase === 'failed' ? this.renderProgress() : nothing}
      ${this.phase === 'backup' ? this.renderBackup() : nothing}
      ${this.phase === 'done' ? this.renderDone() : nothing}
    </div>`;
  }

  private renderMessage(id?: string, more?: string) {
    const message = this.message;
    if (!message) return nothing;
    const role = message.kind === 'error' || message.kind === 'warning' ? 'alert' : 'status';
    return html`<div part="message" id=${id ?? nothing} class=${message.kind} role=${role} tabindex=${id ? '-1' : nothing}>
      ${more ? html`<p>${message.text()}</p><p>${more}</p>` : message.text()}
    </div>`;
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

  private renderProgress() {
    const t = this.localize.t;
    const reached = this.reached;
    const current = reached.at(-1);
    const failed = this.phase === 'failed';
    const retrying = this.applyTask.status === TaskStatus.PENDING;
    return html`<div part="progress" class="step">
      <h3 id="applying-heading" part="heading" tabindex="-1">${failed ? t.apply.failedHeading : t.apply.applying}</h3>
      <ol aria-label=${t.apply.progressLabel} class="steps">
        ${applySteps.map((step, index) => {
          // A step is done once a later one (or 'done') was reached; the last one reached is under way.
          const done = reached.some((r) => r === 'done' || applySteps.indexOf(r) > index);
          const now = step === current && !done;
          return html`<li class=${done ? 'done' : now ? (failed ? 'stopped' : 'current') : 'waiting'} aria-current=${now ? 'step' : nothing}>
            ${t.common.progress[step]}
          </li>`;
        })}
      </ol>
      <p class="visually-hidden" role="status">${!failed && current ? t.common.progress[current] : ''}</p>
      ${failed
        ? html`${this.renderMessage('failed-message', this.failedKept ? t.apply.kept : undefined)}
            <div class="row actions">
              ${this.failedKept
                ? html`<button type="button" part="button retry-button" aria-disabled=${retrying ? 'true' : 'false'} @click=${this.onRetry}>${t.common.retry}</button>`
                : html`<button type="button" part="button start-over-button" @click=${this.onStartOver}>${t.apply.startOver}</button>`}
            </div>`
        : nothing}
    </div>`;
  }

  private renderBackup() {
    const t = this.localize.t;
    const credential = this.credential;
    return html`<div part="backup" class="step">
      <h3 id="backup-heading" part="heading" tabindex="-1">${t.export.heading}</h3>
      <p part="message" class="success">${this.resumed ? t.apply.resumed : t.apply.backupIntro}</p>
      ${credential
        ? html`<cert-export embedded serial-number=${credential.serialNumber} .center=${this.certCenter} @cert-exported=${this.onExported}></cert-export>`
        : nothing}
    </div>`;
  }

  private renderDone() {
    const t = this.localize.t;
    return html`<div part="success" class="step">
      <h3 id="done-heading" part="heading" tabindex="-1">${t.apply.successHeading}</h3>
      <p part="message" class="success">${t.apply.success}</p>
    </div>`;
  }
}

define('cert-apply', CertApply);

declare global {
  interface HTMLElementTagNameMap {
    'cert-apply': CertApply;
  }
}
