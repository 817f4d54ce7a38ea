import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import {
  CertCenterError,
  checkBackupFileName,
  checkBackupPassword,
  maskIdNumber,
  type BackupFileNameReason,
  type CertCenter,
  type LocalCredential,
} from '../../core';
import '../cert-dialog/cert-dialog';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertExportedEvent } from '../shared/events';
import { textField } from '../shared/field';
import { progressLine, shared } from '../shared/styles';
import { styles } from './cert-export.styles';

/** What `showSaveFilePicker` gives (the File System Access API), as far as this element uses it. */
interface SaveTarget {
  readonly name?: string;
  createWritable(): Promise<{ write(data: BufferSource | Blob): Promise<void>; close(): Promise<void>; abort?(reason?: unknown): Promise<void> }>;
  /** Chromium: deletes the file the picker created, when the backup could not be made. */
  remove?(): Promise<void>;
}

type SaveFilePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<SaveTarget>;

/** Where the file goes: the handle the customer chose, a download, or nowhere (the save dialog was cancelled). */
type Destination = { kind: 'handle'; handle: SaveTarget } | { kind: 'download' } | { kind: 'cancelled' };

interface ExportJob {
  credential: LocalCredential;
  fileName: string;
  password: string;
  compatibility: 'modern' | 'legacy';
  destination: Promise<Destination>;
}

interface Loaded {
  credentials: LocalCredential[];
  /** The center's default file name of each listed credential ('' when its rule gave none usable). */
  names: Map<string, string>;
}

type PasswordProblem = 'empty' | 'invalid-characters' | 'too-short' | 'too-long';
type ConfirmProblem = 'empty' | 'mismatch';

const isAbortError = (error: unknown) => typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';

/**
 * @summary 匯出憑證，進行備份: backs a stored certificate up as a password-protected .pfx — the file
 * name (the center's rule by default), the export password twice with the rule checked live, the
 * notes, and 確定匯出, which opens the browser's save dialog where it has one (else downloads).
 *
 * @event {CertExportedEvent} cert-exported - The backup file was written: `detail` `{ serialNumber, fileName }`.
 * @event {CertErrorEvent} cert-error - Something failed (also fired for errors the element shows): `detail` `{ error }`.
 *
 * @csspart base - The whole element.
 * @csspart heading - The page heading (not shown when `embedded`).
 * @csspart intro - The opening line.
 * @csspart choices - The list of stored certificates to choose from (without `serial-number`).
 * @csspart certificate - 匯出的憑證: the masked ID and serial number.
 * @csspart form - The form.
 * @csspart input - Each text field.
 * @csspart compatibility - The file format choice.
 * @csspart notes - 《重要說明》.
 * @csspart advice - The online revocation limit advice.
 * @csspart button - Each button.
 * @csspart submit - 確定匯出.
 * @csspart progress - The polite progress line while the backup is made.
 * @csspart message - Error, warning and success messages.
 * @csspart dialog - The 網頁訊息 shown when the file is written (not when `embedded`).
 *
 * @cssproperty --cert-color-primary - Buttons and links.
 * @cssproperty --cert-spacing - The space between blocks.
 */
export class CertExport extends CertElement {
  static override styles = [...shared, progressLine, styles];

  /** The stored credential to export; without it the element lists the exportable ones to choose from. */
  @property({ attribute: 'serial-number' }) serialNumber?: string;

  /** Shown inside apply or renew as their backup step: no page heading of its own. */
  @property({ type: Boolean, reflect: true }) embedded = false;

  /** The file name the field starts with; default the center's rule (`<ID>_cert.pfx`). */
  @property({ attribute: 'file-name' }) fileName?: string;

  /** The file format: `modern` (AES-256) or `legacy` (3DES, for macOS Keychain and older Windows); follows the customer's choice. */
  @property() compatibility: 'modern' | 'legacy' = 'modern';

  @state() private chosen: string | undefined;
  @state() private nameValue = '';
  @state() private password = '';
  @state() private confirm = '';
  @state() private touched = { name: false, password: false, confirm: false };
  @state() private submitted = false;
  @state() private savedName: string | undefined;
  @state() private dialogOpen = false;
  private nameEdited = false;

  @query('h2') private heading?: HTMLElement;
  @query('#file-name') private nameInput?: HTMLInputElement;
  @query('#password') private passwordInput?: HTMLInputElement;
  @query('#confirm') private confirmInput?: HTMLInputElement;
  @query('[part~="submit"]') private submitButton?: HTMLButtonElement;
  @query('#saved') private savedMessage?: HTMLElement;

  private readonly load = new Task(this, {
    task: async ([serialNumber, center]: readonly [string | undefined, CertCenter]): Promise<Loaded> => {
      try {
        const all = await center.credentials();
        const credentials = serialNumber
          ? all.filter((c) => c.serialNumber === serialNumber)
          : all.filter((c) => c.exportable && c.status === 'valid').sort((a, b) => b.certificate.notAfter.getTime() - a.certificate.notAfter.getTime());
        if (serialNumber && credentials.length === 0) {
          throw new CertCenterError('NO_VALID_CREDENTIAL', 'cert-export: this browser stores no certificate with that serial number');
        }
        if (serialNumber && !credentials[0]!.exportable) {
          throw new CertCenterError('KEY_NOT_EXTRACTABLE', 'cert-export: this certificate was stored as not exportable');
        }
        const names = new Map<string, string>();
        for (const c of credentials) names.set(c.serialNumber, await center.backupFileName(c.serialNumber).catch(() => ''));
        return { credentials, names };
      } catch (error) {
        this.reportError(error);
        throw this.asCertCenterError(error);
      }
    },
    args: () => [this.serialNumber, this.certCenter] as const,
    onComplete: (loaded) => {
      const keep = loaded.credentials.some((c) => c.serialNumber === this.chosen);
      this.choose(keep ? this.chosen : loaded.credentials[0]?.serialNumber, loaded);
    },
  });

  private readonly exporting = new Task(this, {
    autoRun: false,
    task: async ([job]: readonly [ExportJob], { signal }) => this.runExport(job, signal),
  });

  /** Moves focus to the heading, or to the first field when `embedded`. */
  override focus(options?: FocusOptions): void {
    if (this.heading) this.heading.focus(options);
    else (this.renderRoot.querySelector<HTMLElement>('input, button') ?? this).focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('fileName') && !this.nameEdited && this.load.value) this.choose(this.chosen);
  }

  /** The credential being exported, and the file name field's default for it. */
  private choose(serialNumber: string | undefined, loaded: Loaded | undefined = this.load.value): void {
    this.chosen = serialNumber;
    if (!this.nameEdited) this.nameValue = this.fileName ?? (serialNumber ? loaded?.names.get(serialNumber) ?? '' : '');
  }

  private get chosenCredential(): LocalCredential | undefined {
    return this.load.value?.credentials.find((c) => c.serialNumber === this.chosen);
  }

  private get busy(): boolean {
    return this.exporting.status === TaskStatus.PENDING;
  }

  // The problems of each field, and whether they show yet: a problem that typing on cannot mend
  // (a forbidden character, too long, a confirmation that already differs) shows at once; the
  // others once the field was left or the form was sent.
  private nameProblem(): BackupFileNameReason | undefined {
    const checked = checkBackupFileName(this.nameValue);
    return checked.ok ? undefined : checked.reason;
  }

  private passwordProblem(): PasswordProblem | undefined {
    const checked = checkBackupPassword(this.password);
    return checked.ok || checked.reason === 'mismatch' ? undefined : checked.reason;
  }

  private confirmProblem(): ConfirmProblem | undefined {
    if (this.confirm === '') return 'empty';
    return this.confirm === this.password ? undefined : 'mismatch';
  }

  private shownNameProblem(): BackupFileNameReason | undefined {
    const problem = this.nameProblem();
    return problem && (this.submitted || this.touched.name || problem !== 'empty') ? problem : undefined;
  }

  private shownPasswordProblem(): PasswordProblem | undefined {
    const problem = this.passwordProblem();
    return problem && (this.submitted || this.touched.password || problem === 'invalid-characters' || problem === 'too-long') ? problem : undefined;
  }

  private shownConfirmProblem(): ConfirmProblem | undefined {
    const problem = this.confirmProblem();
    if (!problem) return undefined;
    if (this.submitted || this.touched.confirm) return problem;
    return problem === 'mismatch' && !this.password.startsWith(this.confirm) ? problem : undefined;
  }

  protected override render() {
    const t = this.localize.t;
    return html`<section part="base" aria-busy=${this.busy ? 'true' : 'false'} lang=${t.$lang}>
      ${this.embedded ? nothing : html`<h2 part="heading" tabindex="-1">${t.export.heading}</h2>`}
      <p part="intro">${this.embedded ? t.export.introEmbedded : t.export.intro}</p>
      ${this.load.render({
        initial: () => html`<p role="status">${t.common.loading}</p>`,
        pending: () => html`<p role="status">${t.common.loading}</p>`,
        error: (error) => html`<div part="message" class="error" role="alert">
            <p>${this.localize.error(error)}</p>
            ${this.serialNumber ? nothing : html`<button part="button" class="secondary" type="button" @click=${() => this.load.run()}>${t.common.retry}</button>`}
          </div>`,
        complete: ({ credentials }) =>
          credentials.length === 0 ? html`<div part="message" class="warning" role="status"><p>${t.export.none}</p></div>` : this.renderForm(credentials),
      })}
    </section>`;
  }

  private renderForm(credentials: LocalCredential[]) {
    const t = this.localize.t;
    const nameProblem = this.shownNameProblem();
    const passwordProblem = this.shownPasswordProblem();
    const confirmProblem = this.shownConfirmProblem();
    const busy = this.busy;
    const failed = this.exporting.status === TaskStatus.ERROR ? this.exporting.error : undefined;
    const chosen = this.chosenCredential;
    return html`
      ${credentials.length > 1
        ? html`<fieldset part="choices">
            <legend>${t.export.chooseLegend}</legend>
            ${credentials.map(
              (c, i) => html`<div class="choice">
                <input
                  type="radio"
                  name="credential"
                  id=${`credential-${i}`}
                  .value=${c.serialNumber}
                  .checked=${c.serialNumber === this.chosen}
                  aria-describedby=${`credential-${i}-validity`}
                  @change=${() => this.choose(c.serialNumber)}
                />
                <span class="choice-text">
                  <label for=${`credential-${i}`}>${t.export.choice(maskIdNumber(c.idNumber), c.serialNumber)}</label>
                  <span class="muted" id=${`credential-${i}-validity`}>${t.export.choiceValidity(this.localize.range(c.certificate.notBefore, c.certificate.notAfter))}</span>
                </span>
              </div>`,
            )}
          </fieldset>`
        : chosen
          ? html`<p part="certificate">
              <span class="label">${t.export.certificate}</span><span class="value">${t.export.certificateValue(maskIdNumber(chosen.idNumber), chosen.serialNumber)}</span>
            </p>`
          : nothing}
      <form part="form" novalidate @submit=${this.onSubmit}>
        ${textField({
          id: 'file-name',
          label: t.export.fileName,
          type: 'text',
          autocomplete: 'off',
          spellcheck: false,
          value: this.nameValue,
          describedBy: '',
          hint: t.export.fileNameHint,
          ...(nameProblem ? { error: t.export.fileNameErrors[nameProblem] } : {}),
          onInput: (value) => {
            this.nameEdited = true;
            this.nameValue = value;
          },
          onBlur: () => (this.touched = { ...this.touched, name: true }),
        })}
        ${textField({
          id: 'password',
          label: t.export.password,
          type: 'password',
          autocomplete: 'new-password',
          value: this.password,
          describedBy: 'password-rule',
          ...(passwordProblem ? { error: t.export.passwordErrors[passwordProblem] } : {}),
          onInput: (value) => (this.password = value),
          onBlur: () => (this.touched = { ...this.touched, password: true }),
        })}
        ${textField({
          id: 'confirm',
          label: t.export.confirmPassword,
          type: 'password',
          autocomplete: 'new-password',
          value: this.confirm,
          describedBy: 'password-rule',
          ...(confirmProblem ? { error: t.export.confirmErrors[confirmProblem] } : {}),
          onInput: (value) => (this.confirm = value),
          onBlur: () => (this.touched = { ...this.touched, confirm: true }),
          trailing: html`<span class="hint" id="password-rule">${t.export.passwordRule}</span>`,
        })}
        <fieldset part="compatibility">
          <legend>${t.export.compatibility}</legend>
          <div class="options">
            ${(['modern', 'legacy'] as const).map(
              (value) => html`<span class="choice">
                <input
                  type="radio"
                  name="compatibility"
                  id=${`compatibility-${value}`}
                  .value=${value}
                  .checked=${this.compatibility === value}
                  aria-describedby="compatibility-hint"
                  @change=${() => (this.compatibility = value)}
                />
                <label for=${`compatibility-${value}`}>${value === 'modern' ? t.export.compatibilityModern : t.export.compatibilityLegacy}</label>
              </span>`,
            )}
          </div>
          <span class="hint" id="compatibility-hint">${t.export.compatibilityHint}</span>
        </fieldset>
        <div part="notes" class="notes">
          <h3>${t.common.importantNotes}</h3>
          <ol>
            ${t.export.importantNotesList.map((note) => html`<li>${note}</li>`)}
          </ol>
        </div>
        <div class="row">
          <button part="button submit" type="submit" ?disabled=${busy}>${t.export.submit}</button>
        </div>
        <p part="progress" role="status" aria-live="polite">${busy ? t.export.working : ''}</p>
        ${failed ? html`<div part="message" class="error" role="alert"><p>${this.failureText(failed)}</p></div>` : nothing}
        ${this.savedName && !busy
          ? html`<div part="message" class="success" role="status" id="saved" tabindex="-1">
              <p>${t.export.done}</p>
              <p class="file-name">${t.export.savedAs(this.savedName)}</p>
            </div>`
          : nothing}
      </form>
      <p part="advice" class="notes">${t.export.revocationAdvice}</p>
      ${this.embedded
        ? nothing
        : html`<cert-dialog exportparts="dialog" label=${t.common.dialogTitle} .open=${this.dialogOpen} @cert-dialog-close=${this.onDialogClose}>
            <p>${t.export.done}</p>
            <p class="file-name">${this.savedName ? t.export.savedAs(this.savedName) : ''}</p>
            <button part="button" slot="actions" type="button" @click=${() => (this.dialogOpen = false)}>${t.common.ok}</button>
          </cert-dialog>`}
    `;
  }

  private failureText(error: unknown): string {
    const code = this.asCertCenterError(error).code;
    return code === 'KEY_MISMATCH' ? this.localize.t.export.keyMismatch : this.localize.error(error);
  }

  /**
   * 確定匯出. Synchronous up to the save dialog: `showSaveFilePicker` needs the click's user
   * activation, which the 600,000-iteration export would use up.
   */
  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const credential = this.chosenCredential;
    if (!credential) return;
    this.submitted = true;
    const name = checkBackupFileName(this.nameValue);
    const problems = [!name.ok && this.nameInput, this.passwordProblem() && this.passwordInput, this.confirmProblem() && this.confirmInput];
    const first = problems.find((p): p is HTMLInputElement => p instanceof HTMLInputElement);
    if (!name.ok || first) {
      void this.updateComplete.then(() => first?.focus());
      return;
    }
    const destination = this.openSaveDialog(name.fileName);
    this.savedName = undefined;
    void this.exporting
      .run([{ credential, fileName: name.fileName, password: this.password, compatibility: this.compatibility, destination }])
      .then(() => this.updateComplete)
      .then(() => this.keepFocus());
  }

  /** Opens the save dialog now, in the click; a browser without one, or refusing it, gets a download. */
  private openSaveDialog(fileName: string): Promise<Destination> {
    const picker = (window as Window & { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
    if (typeof picker !== 'function') return Promise.resolve({ kind: 'download' });
    const refused = (error: unknown): Destination => (isAbortError(error) ? { kind: 'cancelled' } : { kind: 'download' });
    try {
      return picker
        .call(window, {
          suggestedName: fileName,
          types: [{ description: this.localize.t.export.heading, accept: { 'application/x-pkcs12': ['.pfx', '.p12'] } }],
        })
        .then((handle): Destination => ({ kind: 'handle', handle }), refused);
    } catch (error) {
      return Promise.resolve(refused(error));
    }
  }

  private async runExport(job: ExportJob, signal: AbortSignal): Promise<string | undefined> {
    try {
      const destination = await job.destination;
      // Cancelling the save dialog is the customer's choice: no backup is made, nothing is said.
      if (destination.kind === 'cancelled') return undefined;
      let bytes: Uint8Array;
      let fileName = job.fileName;
      try {
        ({ bytes, fileName } = await this.certCenter.exportBackup({
          serialNumber: job.credential.serialNumber,
          password: job.password,
          confirmPassword: job.password,
          fileName: job.fileName,
          compatibility: job.compatibility,
          signal,
        }));
      } catch (error) {
        if (destination.kind === 'handle') await destination.handle.remove?.().catch(() => undefined);
        throw error;
      }
      if (destination.kind === 'handle' && (await write(destination.handle, bytes))) fileName = destination.handle.name || fileName;
      else this.download(bytes, fileName);
      this.password = '';
      this.confirm = '';
      this.touched = { ...this.touched, password: false, confirm: false };
      this.submitted = false;
      this.savedName = fileName;
      this.dispatchEvent(new CertExportedEvent({ serialNumber: job.credential.serialNumber, fileName }));
      if (!this.embedded) this.dialogOpen = true;
      return fileName;
    } catch (error) {
      this.reportError(error);
      throw this.asCertCenterError(error);
    }
  }

  /** The button was disabled while the backup was made: give the focus back to it. */
  private keepFocus(): void {
    if (this.dialogOpen) return;
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) this.submitButton?.focus();
  }

  private onDialogClose(): void {
    this.dialogOpen = false;
    void this.updateComplete.then(() => (this.savedMessage ?? this.submitButton)?.focus());
  }

  /** The download of a browser without the save dialog: a blob: link (navigation, which a strict CSP allows). */
  private download(bytes: Uint8Array, fileName: string): void {
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-pkcs12' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Some browsers read the blob after click() returns; a minute is ample.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** Writes the backup into the chosen file; false when the browser refused (the caller downloads instead). */
async function write(handle: SaveTarget, bytes: Uint8Array): Promise<boolean> {
  let writable: Awaited<ReturnType<SaveTarget['createWritable']>> | undefined;
  try {
    writable = await handle.createWritable();
    await writable.write(bytes as Uint8Array<ArrayBuffer>);
    await writable.close();
    return true;
  } catch {
    await writable?.abort?.().catch(() => undefined);
    return false;
  }
}

define('cert-export', CertExport);

declare global {
  interface HTMLElementTagNameMap {
    'cert-export': CertExport;
  }
}
