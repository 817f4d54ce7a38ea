import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { maskIdNumber, type CertCenterError, type LocalCredential, type ProgressStep } from '../../core';
import { dateRange } from '../cert-check/cert-tables';
import { CertEnrollment, type EnrollmentMessage, type EnrollmentWords } from '../shared/cert-enrollment';
import { enrollmentStyles } from '../shared/cert-enrollment.styles';
import { define } from '../shared/define';
import { CertRenewedEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-renew.styles';

/** The progress steps renew() reports, in order. */
const renewSteps: readonly ProgressStep[] = ['generating-key', 'signing-proof', 'storing-key', 'sending-request', 'storing-certificate'];

/** Refusals that mean the stored certificate cannot be renewed (now): the element says why, with the dates. */
const notRenewableCodes = new Set(['RENEWAL_NOT_OPEN', 'NO_VALID_CREDENTIAL', 'CERT_NOT_ACTIVE']);

const newestFirst = (a: LocalCredential, b: LocalCredential) => b.certificate.notAfter.getTime() - a.certificate.notAfter.getTime();

/**
 * @summary 憑證更新: renews the certificate stored in this browser in its renewal window — the
 * one-time code, 「憑證資料下載中，請稍候約5~20秒...」 with the steps of the new key, the proof signed
 * with the current certificate and the request, the backup of the new certificate
 * (`<cert-export embedded>`), then 「您的憑證已更新成功且匯入此台電腦，您可在此台電腦進行下單。」 with the
 * advice to import it again on other computers. The old certificate is revoked on the server.
 * Offered only when a valid stored certificate is in its window; otherwise it says why (no
 * certificate here, or the window's dates). When it connects it first finishes a renewal an earlier
 * visit left unfinished (`center.resume()`), and says so.
 *
 * @event {CertRenewedEvent} cert-renewed - The new certificate was issued and stored in this browser: `detail` `{ credential, previousSerialNumber }` (`previousSerialNumber` is '' when a finished earlier renewal's old certificate cannot be told).
 * @event {CertOtpVerifiedEvent} cert-otp-verified - From the code step: the code was right (`detail.otpToken`, `detail.expiresAt`).
 * @event {CertExportedEvent} cert-exported - From the backup step: the backup file was written (`detail.serialNumber`, `detail.fileName`).
 * @event {CertErrorEvent} cert-error - A failure the element shows, as a CertCenterError (`detail.error`).
 *
 * @csspart base - The whole element.
 * @csspart title - The page heading (憑證更新).
 * @csspart certificate - The certificate being renewed and its renewal window (above the code step).
 * @csspart heading - The heading of each step.
 * @csspart otp-step - The `<cert-otp-step>`.
 * @csspart button - Every button (also `retry-button`, `start-over-button`).
 * @csspart progress - The steps while the new certificate is made and stored.
 * @csspart message - What happened (success, a failure, why renewal is not offered).
 * @csspart backup - The backup step (`<cert-export>`).
 * @csspart success - The last screen.
 *
 * @cssproperty --cert-color-primary - Buttons and the progress steps.
 *
 * @property serialNumber - `serial-number`: the stored certificate to renew; default the one in its window.
 * @property timers - The timers of the code's countdown (default the page's own).
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertRenew extends CertEnrollment {
  static override styles = [...shared, enrollmentStyles, styles];

  /** The stored certificate to renew; default the one in its renewal window. */
  @property({ attribute: 'serial-number' }) serialNumber?: string;

  /** The stored certificate to renew, once it is known. */
  @state() private current: LocalCredential | undefined;

  protected readonly purpose = 'renew';
  protected readonly steps = renewSteps;
  protected readonly origin = 'renewed';

  /** The certificate the new one replaced in this browser, for cert-renewed. */
  private previousSerialNumber: string | undefined;

  protected words(): EnrollmentWords {
    return this.localize.t.renew;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another certificate asked for: from the beginning (the first update has started already).
    if (this.hasUpdated && changed.has('serialNumber') && this.phase !== 'working') this.start();
  }

  protected override clear(): void {
    this.current = undefined;
    this.previousSerialNumber = undefined;
  }

  /**
   * Offered only for a valid stored certificate in its window (SPEC rule 3); otherwise why not:
   * nothing valid here, or the window's dates.
   */
  protected async admit(signal: AbortSignal): Promise<EnrollmentMessage | undefined> {
    const center = this.certCenter;
    let local: LocalCredential[];
    try {
      // The server's word first: its policy sets the window, and it knows what is revoked.
      local = (await center.overview({ signal })).local;
    } catch {
      if (signal.aborted) return undefined;
      local = await center.credentials().catch(() => []);
    }
    const wanted = this.serialNumber || undefined;
    const mine = local.filter((c) => wanted === undefined || c.serialNumber === wanted).sort(newestFirst);
    const renewable = mine.find((c) => c.renewable);
    if (renewable) {
      this.current = renewable;
      return undefined;
    }
    this.current = undefined;
    const waiting = mine.find((c) => c.status === 'valid');
    if (waiting) return this.windowMessage('notOpen', waiting);
    // Expired and not renewable: past its window.
    const passed = mine.find((c) => c.reason === 'expired');
    if (passed) return this.windowMessage('passed', passed);
    return { kind: 'warning', text: () => this.localize.t.renew.noLocal };
  }

  private windowMessage(which: 'notOpen' | 'passed', credential: LocalCredential): EnrollmentMessage {
    return { kind: 'warning', text: () => this.localize.t.renew[which], detail: () => this.renderWindow(credential) };
  }

  /** 「可更新區間 2021-10-15 13:53:31 ~ 2021-11-28 23:59:59」, breaking only at the tilde. */
  private renderWindow(credential: LocalCredential) {
    return html`<span class="label">${this.localize.t.common.renewalWindow}</span> ${dateRange(this.localize, credential.renewFrom, credential.renewUntil)}`;
  }

  protected verified(): void {
    this.runEnrollment();
  }

  protected async enroll(otpToken: string, onProgress: (step: ProgressStep) => void): Promise<LocalCredential> {
    const before = await this.storedSerials();
    const serialNumber = this.current?.serialNumber ?? (this.serialNumber || undefined);
    const credential = await this.certCenter.renew({ otpToken, ...(serialNumber ? { serialNumber } : {}), onProgress });
    this.previousSerialNumber = (await this.replaced(before, credential)) ?? serialNumber;
    return credential;
  }

  protected override async finishInterrupted(signal: AbortSignal): Promise<LocalCredential | undefined> {
    const before = await this.storedSerials();
    const finished = await super.finishInterrupted(signal);
    if (finished) this.previousSerialNumber = await this.replaced(before, finished);
    return finished;
  }

  /** The stored serial numbers now (none when the store cannot be read). */
  private async storedSerials(): Promise<string[]> {
    try {
      return (await this.certCenter.credentials()).map((c) => c.serialNumber);
    } catch {
      return [];
    }
  }

  /** The serial number a renewal took out of the store: the renewed certificate's. */
  private async replaced(before: string[], credential: LocalCredential): Promise<string | undefined> {
    const after = new Set(await this.storedSerials());
    return before.find((serial) => !after.has(serial) && serial !== credential.serialNumber);
  }

  protected announce(credential: LocalCredential): void {
    this.dispatchEvent(new CertRenewedEvent({ credential, previousSerialNumber: this.previousSerialNumber ?? '' }));
  }

  protected override async refused(error: CertCenterError, message: EnrollmentMessage): Promise<boolean> {
    if (!notRenewableCodes.has(error.code)) return false;
    // Why, as the store and the server tell it now (the window's dates); else the error's own words.
    const known = this.current;
    const why = (await this.admit(new AbortController().signal)) ?? (known && error.code === 'RENEWAL_NOT_OPEN' ? this.windowMessage('notOpen', known) : message);
    this.current = undefined;
    this.phase = 'blocked';
    this.message = why;
    await this.focusAfterUpdate('#blocked-message');
    return true;
  }

  protected override renderBeforeStep() {
    const credential = this.current;
    if (this.phase !== 'otp' || !credential) return nothing;
    const r = this.localize.t.renew;
    return html`<div part="certificate" class="certificate">
      <p><span class="label">${r.certificate}</span>${r.certificateValue(maskIdNumber(credential.idNumber), credential.serialNumber)}</p>
      <p>${this.renderWindow(credential)}</p>
    </div>`;
  }
}

define('cert-renew', CertRenew);

declare global {
  interface HTMLElementTagNameMap {
    'cert-renew': CertRenew;
  }
}
