// What 申請 (<cert-apply>) and 更新 (<cert-renew>) share: finishing an enrollment an earlier visit
// left (resume on connect), the one-time-code step, 「憑證資料下載中，請稍候約5~20秒...」 with the
// steps the core reports, a failure that keeps the request (重試) or starts over, the backup
// (<cert-export embedded>) and the last screen. Each element adds what is its own: what it asks
// before the code, the core call, its event and its words.
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CertCenterError, LocalCredential, ProgressStep } from '../../core';
import '../cert-export/cert-export';
import { CertOtpFlow, type FlowMessage } from './cert-otp-flow';
import type { EnrollmentWords } from './translation';

export type { EnrollmentWords } from './translation';

/**
 * Where the flow stands: `blocked` (the customer cannot start here, and the message says why),
 * `otp` (the code), `consent` (apply's form), `working` (the wait), `failed`, `backup`, `done`.
 */
export type EnrollmentPhase = 'starting' | 'blocked' | 'otp' | 'consent' | 'working' | 'failed' | 'backup' | 'done';

/** A message in words of the locale in force when it is shown (the locale can change meanwhile). */
export type EnrollmentMessage = FlowMessage;

/** Failures after which the request may have reached the server, or can be sent again as it is. */
const keptCodes = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'INTERNAL', 'ABORTED', 'UNAUTHENTICATED', 'STORAGE']);

/** The base of `<cert-apply>` and `<cert-renew>`. Not registered itself. */
export abstract class CertEnrollment extends CertOtpFlow {
  @state() protected phase: EnrollmentPhase = 'starting';
  @state() protected reached: ProgressStep[] = [];
  @state() protected credential: LocalCredential | undefined;
  @state() protected resumed = false;
  @state() private failedKept = false;

  /** The progress steps the core call reports, in order. */
  protected abstract readonly steps: readonly ProgressStep[];
  /** Which credentials `resume()` finished are this element's. */
  protected abstract readonly origin: 'applied' | 'renewed';
  protected abstract words(): EnrollmentWords;
  /** Before the code: undefined when the customer may go on, else the message why not. */
  protected abstract admit(signal: AbortSignal): Promise<EnrollmentMessage | undefined>;
  /** The core call, once the customer has said yes. */
  protected abstract enroll(otpToken: string, onProgress: (step: ProgressStep) => void): Promise<LocalCredential>;
  /** Tells the host the credential is stored (cert-applied, cert-renewed). */
  protected abstract announce(credential: LocalCredential): void;

  /** The element's own answer to a refusal; false leaves the shared one (failed, kept or start over). */
  protected async refused(_error: CertCenterError, _message: EnrollmentMessage): Promise<boolean> {
    return false;
  }

  /** Finishes what an earlier visit left, and returns this element's credential of it, if any. */
  protected async finishInterrupted(signal: AbortSignal): Promise<LocalCredential | undefined> {
    try {
      return (await this.certCenter.resume({ signal })).filter((c) => c.origin === this.origin).at(-1);
    } catch {
      // Still unreachable: the enrollment stays stored, and the next call finishes it before a new one.
      return undefined;
    }
  }

  /** Forgets what the element held of an earlier start (the center changed). */
  protected clear(): void {}

  private readonly startTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }) => {
      this.phase = 'starting';
      const finished = await this.finishInterrupted(signal);
      if (signal.aborted) return;
      if (finished) {
        this.resumed = true;
        this.stored(finished);
        return;
      }
      const blocked = await this.admit(signal);
      if (signal.aborted) return;
      if (blocked) {
        this.phase = 'blocked';
        this.message = blocked;
        return;
      }
      this.phase = 'otp';
    },
  });

  private readonly enrollTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly []) => {
      const otpToken = this.otpToken;
      if (!otpToken) return;
      this.phase = 'working';
      this.message = undefined;
      this.reached = [];
      void this.focusAfterUpdate('#progress-heading');
      try {
        // No signal: an enrollment under way is finished even when the element leaves the page.
        this.stored(await this.enroll(otpToken, (step) => (this.reached = [...this.reached, step])));
      } catch (error) {
        await this.enrollFailed(error);
      }
    },
  });

  /** From the beginning: finish what an earlier visit left, then see whether the customer may go on. */
  protected start(): void {
    this.clear();
    this.otpToken = undefined;
    this.message = undefined;
    this.credential = undefined;
    this.resumed = false;
    this.otpStep?.reset();
    void this.startTask.run([]);
  }

  /** Sends the request (after the code, and apply's consent); again, with the same key, after a kept failure. */
  protected runEnrollment(): void {
    if (this.enrollTask.status === TaskStatus.PENDING) return;
    void this.enrollTask.run([]);
  }

  /** The credential is in the store: tell the host, then the backup. */
  private stored(credential: LocalCredential): void {
    this.credential = credential;
    this.otpToken = undefined;
    this.announce(credential);
    this.phase = 'backup';
    this.message = undefined;
    void this.focusAfterUpdate('#backup-heading');
  }

  private async enrollFailed(error: unknown): Promise<void> {
    const certError = this.asCertCenterError(error);
    const message = this.failure(certError);
    if (certError.code === 'OTP_TOKEN_INVALID') {
      // The code's token lived out its 5 minutes: verify a new code.
      await this.backToCode(message);
      return;
    }
    if (await this.refused(certError, message)) return;
    this.phase = 'failed';
    this.failedKept = keptCodes.has(certError.code);
    this.message = message;
    await this.focusAfterUpdate('#failed-message');
  }

  protected showCode(): void {
    this.phase = 'otp';
  }

  private onExported(): void {
    this.phase = 'done';
    void this.focusAfterUpdate('#done-heading');
  }

  protected override render() {
    const t = this.localize.t;
    const phase = this.phase;
    return html`<div part="base">
      <h2 part="title">${this.words().heading}</h2>
      ${phase === 'starting' ? html`<p class="muted" role="status">${t.common.loading}</p>` : nothing}
      ${phase === 'blocked' ? this.renderMessage('blocked-message') : phase === 'otp' && this.message ? this.renderMessage() : nothing}
      ${this.renderBeforeStep()}
      ${phase === 'otp' || phase === 'consent' ? this.renderCodeStep() : nothing}
      ${this.renderAfterStep()} ${phase === 'working' || phase === 'failed' ? this.renderProgress() : nothing}
      ${phase === 'backup' ? this.renderBackup() : nothing} ${phase === 'done' ? this.renderDone() : nothing}
    </div>`;
  }

  /** What the element shows above the code step. */
  protected renderBeforeStep(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** What the element shows below the code step (apply's consent form). */
  protected renderAfterStep(): TemplateResult | typeof nothing {
    return nothing;
  }

  private renderProgress(): TemplateResult {
    const t = this.localize.t;
    const words = this.words();
    const steps = this.steps;
    const reached = this.reached;
    const current = reached.at(-1);
    const failed = this.phase === 'failed';
    const retrying = this.enrollTask.status === TaskStatus.PENDING;
    return html`<div part="progress" class="step">
      <h3 id="progress-heading" part="heading" tabindex="-1">${failed ? words.failedHeading : words.working}</h3>
      <ol aria-label=${words.progressLabel} class="steps">
        ${steps.map((step, index) => {
          // A step is done once a later one (or 'done') was reached; the last one reached is under way.
          const done = reached.some((r) => r === 'done' || steps.indexOf(r) > index);
          const now = step === current && !done;
          return html`<li class=${done ? 'done' : now ? (failed ? 'stopped' : 'current') : 'waiting'} aria-current=${now ? 'step' : nothing}>
            ${t.common.progress[step]}
          </li>`;
        })}
      </ol>
      <p class="visually-hidden" role="status">${!failed && current ? t.common.progress[current] : ''}</p>
      ${failed
        ? html`${this.renderMessage('failed-message', this.failedKept ? words.kept : undefined)}
            <div class="row actions">
              ${this.failedKept
                ? html`<button type="button" part="button retry-button" aria-disabled=${retrying ? 'true' : 'false'} @click=${this.runEnrollment}>
                    ${t.common.retry}
                  </button>`
                : html`<button type="button" part="button start-over-button" @click=${() => void this.backToCode()}>${words.startOver}</button>`}
            </div>`
        : nothing}
    </div>`;
  }

  private renderBackup(): TemplateResult {
    const t = this.localize.t;
    const words = this.words();
    const credential = this.credential;
    return html`<div part="backup" class="step">
      <h3 id="backup-heading" part="heading" tabindex="-1">${t.export.heading}</h3>
      <p part="message" class="success">${this.resumed ? words.resumed : words.backupIntro}</p>
      ${credential
        ? html`<cert-export embedded serial-number=${credential.serialNumber} .center=${this.certCenter} @cert-exported=${this.onExported}></cert-export>`
        : nothing}
    </div>`;
  }

  private renderDone(): TemplateResult {
    const words = this.words();
    return html`<div part="success" class="step">
      <h3 id="done-heading" part="heading" tabindex="-1">${words.successHeading}</h3>
      <div part="message" class="success">${words.success.map((line) => html`<p>${line}</p>`)}</div>
    </div>`;
  }
}
