import { html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { CertCenterError, maskIdNumber, maxPkcs12Bytes, type CertCenterErrorCode, type LocalCredential } from '../../core';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { textField } from '../shared/field';
import { CertImportedEvent } from '../shared/events';
import { progressLine, shared } from '../shared/styles';
import { styles } from './cert-import.styles';

/** Failures that are the file's (shown at the file field); a wrong password is the password field's. */
const fileCodes: ReadonlySet<CertCenterErrorCode> = new Set([
  'PFX_MALFORMED',
  'PFX_TOO_LARGE',
  'PFX_TOO_COSTLY',
  'PFX_UNSUPPORTED_ALGORITHM',
  'KEY_MISMATCH',
  'CERT_NOT_YOURS',
  'CERT_EXPIRED',
  'CERT_REVOKED',
]);

type FieldError = 'missing' | CertCenterError;

/**
 * @summary 憑證匯入: imports a certificate backup (.pfx / .p12) into this browser — chosen with the
 * file picker or dropped on the drop zone, opened with its password, checked to be the customer's,
 * current and whole — and says 匯入成功 with its serial number and validity.
 *
 * @event {CertImportedEvent} cert-imported - The credential was stored in this browser: `detail` `{ credential }`.
 * @event {CertErrorEvent} cert-error - Something failed (also fired for errors the element shows): `detail` `{ error }`.
 *
 * @csspart base - The whole element.
 * @csspart heading - The page heading.
 * @csspart intro - The opening line.
 * @csspart form - The form.
 * @csspart drop-zone - The area a file can be dropped on; it holds the file picker.
 * @csspart input - The file picker and the password field.
 * @csspart button - Each button.
 * @csspart submit - 確定.
 * @csspart progress - The polite progress line while the file is opened.
 * @csspart message - Error and success messages.
 * @csspart result - 匯入成功, with the certificate's serial number and validity.
 *
 * @cssproperty --cert-color-primary - Buttons and the drop zone while a file is dragged over it.
 * @cssproperty --cert-color-border - The drop zone's dashed border.
 */
export class CertImport extends CertElement {
  static override styles = [...shared, progressLine, styles];

  @state() private file: File | undefined;
  @state() private password = '';
  @state() private fileError: FieldError | undefined;
  @state() private passwordError: FieldError | undefined;
  @state() private generalError: CertCenterError | undefined;
  @state() private imported: LocalCredential | undefined;
  @state() private dragging = false;

  @query('#file') private fileInput?: HTMLInputElement;
  @query('#password') private passwordInput?: HTMLInputElement;
  @query('#result-heading') private resultHeading?: HTMLElement;
  @query('h2') private heading?: HTMLElement;

  private readonly importing = new Task(this, {
    autoRun: false,
    task: async ([file, password]: readonly [File, string], { signal }) => {
      try {
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (cause) {
          throw new CertCenterError('PFX_MALFORMED', 'cert-import: the file could not be read', { cause });
        }
        return await this.certCenter.importBackup(bytes, password, { signal });
      } catch (error) {
        this.reportError(error);
        throw this.asCertCenterError(error);
      }
    },
  });

  /** Moves focus to the heading. */
  override focus(options?: FocusOptions): void {
    (this.heading ?? this).focus(options);
  }

  private get busy(): boolean {
    return this.importing.status === TaskStatus.PENDING;
  }

  protected override render() {
    const t = this.localize.t;
    return html`<section part="base" aria-busy=${this.busy ? 'true' : 'false'} lang=${t.$lang}>
      <h2 part="heading" tabindex="-1">${t.import.heading}</h2>
      <p part="intro">${t.import.intro}</p>
      ${this.imported ? this.renderResult(this.imported) : this.renderForm()}
    </section>`;
  }

  private fieldErrorText(error: FieldError, missing: string): string {
    return error === 'missing' ? missing : this.localize.error(error);
  }

  private renderForm() {
    const t = this.localize.t;
    const busy = this.busy;
    const fileError = this.fileError;
    const passwordError = this.passwordError;
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <div
        part="drop-zone"
        class=${[this.dragging ? 'dragging' : '', fileError ? 'invalid' : ''].join(' ').trim()}
        @dragenter=${this.onDragOver}
        @dragover=${this.onDragOver}
        @dragleave=${this.onDragLeave}
        @drop=${this.onDrop}
      >
        <label for="file">${t.import.file}</label>
        <input
          id="file"
          part="input"
          type="file"
          accept=".pfx,.p12"
          aria-invalid=${fileError ? 'true' : 'false'}
          aria-describedby=${fileError ? 'file-hint file-error' : 'file-hint'}
          ?disabled=${busy}
          @change=${this.onFileChange}
        />
        <span class="hint" id="file-hint">${t.import.fileHint}</span>
        <p class="drop-text muted">${t.import.dropZone}</p>
        ${this.file ? html`<p class="chosen">${t.import.chosen(this.file.name)}</p>` : nothing}
        ${fileError ? html`<span class="field-error" id="file-error" role="alert">${this.fieldErrorText(fileError, t.import.noFile)}</span>` : nothing}
      </div>
      ${textField({
        id: 'password',
        label: t.import.password,
        type: 'password',
        autocomplete: 'off',
        value: this.password,
        describedBy: '',
        hint: t.import.passwordHint,
        ...(passwordError ? { error: this.fieldErrorText(passwordError, t.import.noPassword) } : {}),
        onInput: (value) => {
          this.password = value;
          this.passwordError = undefined;
        },
      })}
      <div class="row">
        <button part="button submit" type="submit" ?disabled=${busy}>${t.import.submit}</button>
      </div>
      <p part="progress" role="status" aria-live="polite">${busy ? t.import.working : ''}</p>
      ${this.generalError ? html`<div part="message" class="error" role="alert"><p>${this.localize.error(this.generalError)}</p></div>` : nothing}
    </form>`;
  }

  private renderResult(credential: LocalCredential) {
    const t = this.localize.t;
    return html`<div part="message result" class="success" role="status">
        <h3 id="result-heading" tabindex="-1">${t.import.success}</h3>
        <p>${t.import.successText}</p>
        <dl>
          <dt>${t.common.idNumber}</dt>
          <dd>${maskIdNumber(credential.idNumber)}</dd>
          <dt>${t.common.serialNumber}</dt>
          <dd>${credential.serialNumber}</dd>
          <dt>${t.common.validity}</dt>
          <dd>${this.localize.range(credential.certificate.notBefore, credential.certificate.notAfter)}</dd>
        </dl>
      </div>
      <div class="row">
        <button part="button" class="secondary" type="button" @click=${this.startOver}>${t.import.importAnother}</button>
      </div>`;
  }

  private onFileChange(event: Event): void {
    this.choose((event.target as HTMLInputElement).files?.[0]);
  }

  /** A file was chosen or dropped: one over the size a backup can have is refused before it is read. */
  private choose(file: File | undefined): void {
    this.generalError = undefined;
    if (!file) {
      this.file = undefined;
      return;
    }
    if (file.size > maxPkcs12Bytes) {
      const error = new CertCenterError('PFX_TOO_LARGE', `cert-import: ${file.size} bytes is larger than a backup can be (${maxPkcs12Bytes})`);
      this.reportError(error);
      this.file = undefined;
      this.fileError = error;
      if (this.fileInput) this.fileInput.value = '';
      return;
    }
    this.file = file;
    this.fileError = undefined;
  }

  private onDragOver(event: DragEvent): void {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = this.busy ? 'none' : 'copy';
    this.dragging = true;
  }

  private onDragLeave(event: DragEvent): void {
    const zone = event.currentTarget as HTMLElement;
    if (event.relatedTarget instanceof Node && zone.contains(event.relatedTarget)) return;
    this.dragging = false;
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    if (this.busy) return;
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    // The picker shows the dropped file too, so both ways end in the same state.
    try {
      const one = new DataTransfer();
      one.items.add(file);
      if (this.fileInput) this.fileInput.files = one.files;
    } catch {
      // A browser that cannot set a file input's files still has the file in this.file.
    }
    this.choose(file);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    this.generalError = undefined;
    const file = this.file;
    const password = this.password;
    this.fileError = file ? (this.fileError === 'missing' ? undefined : this.fileError) : 'missing';
    this.passwordError = password === '' ? 'missing' : undefined;
    if (!file || password === '') {
      void this.updateComplete.then(() => (!file ? this.fileInput : this.passwordInput)?.focus());
      return;
    }
    this.fileError = undefined;
    void this.importing.run([file, password]).then(() => this.finish());
  }

  private async finish(): Promise<void> {
    // The password never outlives the attempt.
    this.password = '';
    if (this.importing.status === TaskStatus.COMPLETE && this.importing.value) {
      const credential = this.importing.value;
      this.imported = credential;
      this.dispatchEvent(new CertImportedEvent({ credential }));
      await this.updateComplete;
      this.resultHeading?.focus();
      return;
    }
    const error = this.asCertCenterError(this.importing.error);
    let target: HTMLElement | undefined;
    if (error.code === 'PFX_BAD_PASSWORD') {
      this.passwordError = error;
      await this.updateComplete;
      target = this.passwordInput;
    } else if (fileCodes.has(error.code)) {
      this.fileError = error;
      await this.updateComplete;
      target = this.fileInput;
    } else {
      this.generalError = error;
      await this.updateComplete;
      target = this.renderRoot.querySelector<HTMLElement>('[part~="submit"]') ?? undefined;
    }
    target?.focus();
  }

  private async startOver(): Promise<void> {
    this.imported = undefined;
    this.file = undefined;
    this.fileError = undefined;
    this.passwordError = undefined;
    this.generalError = undefined;
    await this.updateComplete;
    this.fileInput?.focus();
  }
}

define('cert-import', CertImport);

declare global {
  interface HTMLElementTagNameMap {
    'cert-import': CertImport;
  }
}
