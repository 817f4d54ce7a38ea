import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CertCenterError, ServerCertificate } from '../../core';
import { styles as tableStyles } from '../cert-check/cert-check.styles';
import { renderServerTable } from '../cert-check/cert-tables';
import '../cert-dialog/cert-dialog';
import { CertOtpFlow } from '../shared/cert-otp-flow';
import { define } from '../shared/define';
import { CertRevokedEvent, type CertDialogCloseEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-revoke.styles';

/**
 * Where the page stands: `none` (no PC certificate in force), `limit` (no online revocation left),
 * `otp` (the code, then the two questions), `revoking`, `failed`, `done` (註銷成功).
 */
type Phase = 'starting' | 'load-failed' | 'none' | 'limit' | 'otp' | 'revoking' | 'failed' | 'done';

/** A certificate that can still be revoked: on the server, not revoked, not expired. */
const inForce = (item: ServerCertificate) => item.status === 'valid' || item.status === 'renewal-due';

/**
 * @summary 憑證註銷: revokes the customer's PC certificate on the server — its row of 本公司主機端,
 * 「若要註銷此憑證，請進行認證」, the note on the online revocation limit with how many remain this
 * year, the one-time code, then 「認證成功」 (確定) and 「確定要註銷憑證嗎?」 (確定 / 取消), then
 * 「註銷成功」 with the count left. At the limit the branch / customer-service message replaces
 * the code step; with no certificate in force it says there is nothing to revoke. A certificate
 * this browser stores then shows 無效 (revoked) with 移除 on the check page.
 *
 * @event {CertRevokedEvent} cert-revoked - The certificate was revoked on the server: `detail` `{ serialNumber, revocationsLeft }`.
 * @event {CertOtpVerifiedEvent} cert-otp-verified - From the code step: the code was right (`detail.otpToken`, `detail.expiresAt`).
 * @event {CertErrorEvent} cert-error - A failure the element shows, as a CertCenterError (`detail.error`).
 *
 * @csspart base - The whole element.
 * @csspart title - The page heading (憑證註銷).
 * @csspart table - The certificate's row of 本公司主機端 (also `server-table`).
 * @csspart row - Its rows (`header`, `none`).
 * @csspart intro - 「若要註銷此憑證，請進行認證」.
 * @csspart notes - The note on the revocation limit, with the count left.
 * @csspart otp-step - The `<cert-otp-step>`.
 * @csspart heading - The heading of the last screen (註銷成功) and of a stopped revocation.
 * @csspart button - Every button (also `retry-button`, `confirm-button`, `cancel-button`).
 * @csspart message - What happened (the limit, nothing to revoke, a failure, 註銷成功).
 * @csspart dialog - 「認證成功」 and 「確定要註銷憑證嗎?」 (also `dialog-title`, `dialog-body`, `dialog-actions`).
 *
 * @cssproperty --cert-color-danger - 確定 of the question, and 已註銷.
 *
 * @property timers - The timers of the code's countdown (default the page's own).
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertRevoke extends CertOtpFlow {
  static override styles = [...shared, tableStyles, styles];

  @state() private phase: Phase = 'starting';
  /** The server's rows shown: the certificate to revoke, or (when none is in force) every PC certificate. */
  @state() private rows: ServerCertificate[] = [];
  /** The certificate to revoke. */
  @state() private certificate: ServerCertificate | undefined;
  @state() private revocationsLeft: number | undefined;
  @state() private dialog: 'verified' | 'confirm' | undefined;

  protected readonly purpose = 'revoke';
  /** What the question's buttons chose; Escape is 取消. */
  private choice: 'revoke' | 'cancel' = 'cancel';

  private readonly loadTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly [], { signal }) => {
      this.phase = 'starting';
      try {
        const overview = await this.certCenter.overview({ signal });
        if (signal.aborted) return;
        this.show(overview.server, overview.policy.revocationsLeft);
      } catch (error) {
        if (signal.aborted) return;
        this.phase = 'load-failed';
        this.message = this.failure(error);
      }
    },
  });

  private readonly revokeTask = new Task(this, {
    autoRun: false,
    task: async (_args: readonly []) => {
      const otpToken = this.otpToken;
      const certificate = this.certificate;
      if (!otpToken || !certificate) return;
      this.phase = 'revoking';
      this.message = undefined;
      void this.focusAfterUpdate('#revoking');
      try {
        // No signal: a revocation under way is not taken back when the element leaves the page.
        const result = await this.certCenter.revoke({ otpToken, serialNumber: certificate.serialNumber });
        this.otpToken = undefined;
        const { revocationsLeft, ...revoked } = result;
        this.certificate = revoked;
        this.rows = [revoked];
        this.revocationsLeft = revocationsLeft;
        this.phase = 'done';
        this.dispatchEvent(new CertRevokedEvent({ serialNumber: certificate.serialNumber, revocationsLeft }));
        await this.focusAfterUpdate('#done-heading');
      } catch (error) {
        await this.revokeFailed(error);
      }
    },
  });

  protected override busy(): boolean {
    return this.phase === 'revoking';
  }

  protected start(): void {
    this.otpToken = undefined;
    this.message = undefined;
    this.dialog = undefined;
    this.otpStep?.reset();
    void this.loadTask.run([]);
  }

  /** The server's certificates and the count left: what the page offers. */
  private show(server: ServerCertificate[], revocationsLeft: number): void {
    const active = server.filter(inForce).sort((a, b) => b.notBefore.localeCompare(a.notBefore))[0];
    this.certificate = active;
    this.rows = active ? [active] : server;
    this.revocationsLeft = revocationsLeft;
    if (!active) {
      this.phase = 'none';
      this.message = { kind: 'info', text: () => this.localize.t.revoke.none };
    } else if (revocationsLeft <= 0) {
      this.atLimit();
    } else {
      this.phase = 'otp';
      this.message = undefined;
    }
  }

  private atLimit(): void {
    this.phase = 'limit';
    this.revocationsLeft = 0;
    this.otpToken = undefined;
    this.message = { kind: 'warning', text: () => this.localize.t.revoke.limitReached };
  }

  private async revokeFailed(error: unknown): Promise<void> {
    const certError: CertCenterError = this.asCertCenterError(error);
    const message = this.failure(certError);
    switch (certError.code) {
      case 'REVOCATION_LIMIT':
        this.atLimit();
        await this.focusAfterUpdate('#state-message');
        return;
      case 'OTP_TOKEN_INVALID':
        // The code's token lived out its 5 minutes: verify a new code.
        await this.backToCode(message);
        return;
      case 'CERT_NOT_ACTIVE':
      case 'NOT_FOUND': {
        // Revoked meanwhile (another tab, or an earlier try whose answer was lost): the server's rows as they are now.
        this.otpToken = undefined;
        await this.loadTask.run([]);
        this.message = message;
        await this.focusAfterUpdate('#state-message');
        return;
      }
      default:
        // The token is used only by a revocation that took place: the same one can be sent again.
        this.phase = 'failed';
        this.message = message;
        await this.focusAfterUpdate('#failed-heading');
    }
  }

  protected showCode(): void {
    this.phase = 'otp';
  }

  /** The code was right: 「認證成功」 first. */
  protected verified(): void {
    this.dialog = 'verified';
  }

  /** 「認證成功」 closed (確定, or Escape): the question comes next. */
  private onVerifiedClosed(): void {
    // A dialog also closes when the page takes the element away: then nothing follows.
    if (!this.isConnected || this.phase !== 'otp' || !this.otpToken) return;
    this.choice = 'cancel';
    this.dialog = 'confirm';
  }

  private choose(choice: 'revoke' | 'cancel'): void {
    this.choice = choice;
    this.dialog = undefined;
  }

  /** The question closed: 確定 revokes; 取消 or Escape revokes nothing and goes back to the code. */
  private async onConfirmClosed(event: CertDialogCloseEvent): Promise<void> {
    const choice = event.detail.reason === 'cancel' ? 'cancel' : this.choice;
    this.choice = 'cancel';
    this.dialog = undefined;
    if (!this.isConnected || this.phase !== 'otp' || !this.otpToken) return;
    if (choice === 'revoke') {
      if (this.revokeTask.status !== TaskStatus.PENDING) void this.revokeTask.run([]);
      return;
    }
    await this.backToCode({ kind: 'info', text: () => this.localize.t.revoke.cancelled });
  }

  private onRetry(): void {
    if (this.revokeTask.status === TaskStatus.PENDING) return;
    if (this.otpToken) void this.revokeTask.run([]);
  }

  protected override render() {
    const t = this.localize.t;
    const phase = this.phase;
    const offered = phase === 'otp' || phase === 'limit' || phase === 'revoking' || phase === 'failed';
    return html`<div part="base">
      <h2 part="title">${t.revoke.heading}</h2>
      ${phase === 'starting' ? html`<p class="muted" role="status">${t.common.loading}</p>` : nothing}
      ${phase === 'load-failed' ? this.renderLoadFailed() : nothing}
      ${this.rows.length > 0 && phase !== 'starting' && phase !== 'load-failed'
        ? html`<section>${renderServerTable(this.localize, this.rows)}</section>`
        : nothing}
      ${phase === 'none' ? this.renderMessage('state-message') : nothing}
      ${offered ? this.renderOffer() : nothing} ${phase === 'done' ? this.renderDone() : nothing} ${this.renderDialogs()}
    </div>`;
  }

  private renderLoadFailed(): TemplateResult {
    return html`${this.renderMessage('state-message')}
      <div class="row actions">
        <button type="button" part="button retry-button" class="secondary" @click=${() => void this.loadTask.run([])}>${this.localize.t.common.retry}</button>
      </div>`;
  }

  /** What the page offers for the certificate in force: the note, then the code step (or the limit's message). */
  private renderOffer(): TemplateResult {
    const t = this.localize.t;
    const phase = this.phase;
    return html`${phase === 'otp' ? html`<p part="intro" class="intro">${t.revoke.intro}</p>` : nothing}
      <div part="notes" class="notes limit-note">
        <p>${t.revoke.limitNote}</p>
        ${this.revocationsLeft === undefined ? nothing : html`<p class="left">${t.revoke.left(this.revocationsLeft)}</p>`}
        <p>${t.revoke.backupAdvice}</p>
      </div>
      ${phase === 'limit' ? this.renderMessage('state-message') : nothing} ${phase === 'otp' && this.message ? this.renderMessage() : nothing}
      ${phase === 'otp' ? this.renderCodeStep() : nothing}
      ${phase === 'revoking' ? html`<p id="revoking" class="muted" role="status" tabindex="-1">${t.revoke.revoking}</p>` : nothing}
      ${phase === 'failed' ? this.renderFailed() : nothing}`;
  }

  private renderFailed(): TemplateResult {
    const t = this.localize.t;
    const retrying = this.revokeTask.status === TaskStatus.PENDING;
    return html`<div class="step">
      <h3 id="failed-heading" part="heading" tabindex="-1">${t.revoke.failedHeading}</h3>
      ${this.renderMessage()}
      <div class="row actions">
        <button type="button" part="button retry-button" aria-disabled=${retrying ? 'true' : 'false'} @click=${this.onRetry}>${t.common.retry}</button>
      </div>
    </div>`;
  }

  private renderDone(): TemplateResult {
    const t = this.localize.t;
    const serialNumber = this.certificate?.serialNumber ?? '';
    return html`<div part="message" class="success done" role="status">
      <h3 id="done-heading" part="heading" tabindex="-1">${t.revoke.success}</h3>
      <p>${t.revoke.successText(serialNumber)}</p>
      ${this.revocationsLeft === undefined ? nothing : html`<p>${t.revoke.left(this.revocationsLeft)}</p>`}
    </div>`;
  }

  /** 「認證成功」 (確定), then 「確定要註銷憑證嗎?」 (確定 / 取消), as the manual's pop-ups (網頁訊息). */
  private renderDialogs(): TemplateResult {
    const t = this.localize.t;
    const serialNumber = this.certificate?.serialNumber ?? '';
    return html`<cert-dialog
        exportparts="dialog, dialog-title, dialog-body, dialog-actions"
        label=${t.common.dialogTitle}
        .open=${this.dialog === 'verified'}
        @cert-dialog-close=${this.onVerifiedClosed}
      >
        <p>${t.otp.verified}</p>
        <button type="button" slot="actions" part="button" @click=${() => (this.dialog = undefined)}>${t.common.ok}</button>
      </cert-dialog>
      <cert-dialog
        exportparts="dialog, dialog-title, dialog-body, dialog-actions"
        label=${t.common.dialogTitle}
        .open=${this.dialog === 'confirm'}
        @cert-dialog-close=${this.onConfirmClosed}
      >
        <p class="question">${t.revoke.confirm}</p>
        <p>${t.revoke.confirmDetail(serialNumber)}</p>
        <button type="button" slot="actions" part="button confirm-button" class="danger" @click=${() => this.choose('revoke')}>${t.common.ok}</button>
        <button type="button" slot="actions" part="button cancel-button" class="secondary" autofocus @click=${() => this.choose('cancel')}>
          ${t.common.cancel}
        </button>
      </cert-dialog>`;
  }
}

define('cert-revoke', CertRevoke);

declare global {
  interface HTMLElementTagNameMap {
    'cert-revoke': CertRevoke;
  }
}
