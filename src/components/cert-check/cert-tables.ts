// What 檢查憑證 and 憑證查詢及申請 share: loading the tables (the check's rows, and the server's
// view beside them), the table 檢核此台電腦匯入的憑證狀況 with its rows, 移除 with its
// confirmation, and the screens a table's action opens in place (匯出, 匯入, 申請, 更新).
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { maskIdNumber, type CertCenter, type CertCenterError, type CheckRow, type Overview, type ServerCertificate } from '../../core';
import '../cert-dialog/cert-dialog';
import '../cert-export/cert-export';
import '../cert-import/cert-import';
import { CertElement } from '../shared/cert-element';
import { CertErrorEvent, CertNavigateEvent, CertRemovedEvent } from '../shared/events';
import type { LocalizeController } from '../shared/localize';

/** What the tables show: the check's rows, and the server's view when it could be asked. */
export interface CertTablesData {
  rows: CheckRow[];
  overview?: Overview;
  /** Why the server's view is missing; the rows were then judged on this computer alone. */
  serverError?: CertCenterError;
}

/** A screen a table's action opens in place of the tables. */
export type CertTablesScreen =
  | { page: 'export'; serialNumber: string }
  | { page: 'import' }
  | { page: 'apply' }
  | { page: 'renew'; serialNumber: string };

/** Codes that mean the server could not be reached at all (rather than refused). */
const unreachableCodes = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'INTERNAL']);

type Message = { kind: 'removed'; serialNumber: string } | { kind: 'error'; error: CertCenterError };

/** The class of each server status (正常 / 需更新 / 已過期 / 已註銷). */
export const serverStatusClass: Record<ServerCertificate['status'], string> = {
  valid: 'status-valid',
  'renewal-due': 'status-warning',
  expired: 'status-invalid',
  revoked: 'status-invalid',
};

/** A cell the server's record does not fill: a dash, with words for screen readers. */
export function unknownCell(localize: LocalizeController): TemplateResult {
  // One element: a stacked row's cell is a grid of its label and one item.
  return html`<span class="unknown"><span aria-hidden="true">—</span><span class="visually-hidden">${localize.t.check.unknown}</span></span>`;
}

/** 「2021-10-15 13:53:31 ~ 2021-10-29 23:59:59」 in the customer's time zone, breaking only at the tilde. */
export function dateRange(localize: LocalizeController, from: Date | string, to: Date | string): TemplateResult {
  const [a, b] = [localize.dateTime(from), localize.dateTime(to)];
  const text = localize.t.common.range(a, b);
  const at = text.indexOf(b, a.length);
  if (!a || !b || at < 0 || !text.startsWith(a)) return html`<span class="range">${text}</span>`;
  return html`<span class="range"><span class="date">${a}</span>${text.slice(a.length, at)}<span class="date">${b}</span></span>`;
}

/** What 本公司主機端 shows besides its six columns: 您要進行 (one cell per row), and a row when there is none. */
export interface ServerTableOptions {
  /** The last column (您要進行); without it the table has none. */
  action?: (item: ServerCertificate) => TemplateResult;
  /** The row shown when there is no certificate: its words, and its 您要進行 cell. */
  empty?: { text: string; action?: TemplateResult };
}

/**
 * 本公司主機端: the customer's PC certificates on the server — 身分證字號/統編, 憑證序號, 憑證格式,
 * 憑證效期, 憑證狀態, 可更新區間 (and 您要進行 when `action` is given), as 憑證查詢及申請 and
 * 憑證註銷 show them.
 */
export function renderServerTable(localize: LocalizeController, items: ServerCertificate[], options: ServerTableOptions = {}): TemplateResult {
  const { common: c, overview: o } = localize.t;
  const { action, empty } = options;
  const columns = [c.idNumber, c.serialNumber, c.format, c.validity, c.status, c.renewalWindow, ...(action ? [c.action] : [])];
  const label = (i: number) => columns[i] ?? '';
  return html`<table part="table server-table">
    <caption>${o.server}</caption>
    <thead>
      <tr part="row header">${columns.map((name) => html`<th scope="col">${name}</th>`)}</tr>
    </thead>
    <tbody>
      ${items.length === 0
        ? html`<tr part="row none">
            <td class="message-cell" colspan="6">${empty?.text ?? o.noCertificate}</td>
            ${action ? html`<td data-label=${label(6)} class="action">${empty?.action ?? unknownCell(localize)}</td>` : nothing}
          </tr>`
        : items.map(
            (item) => html`<tr part="row">
              <td data-label=${label(0)}>${item.idNumber}</td>
              <td data-label=${label(1)} class="serial">${item.serialNumber}</td>
              <td data-label=${label(2)} class="label">${item.format}</td>
              <td data-label=${label(3)}>${dateRange(localize, item.notBefore, item.notAfter)}</td>
              <td data-label=${label(4)}><span class=${serverStatusClass[item.status]}>${c.serverStatus[item.status]}</span></td>
              <td data-label=${label(5)}>${dateRange(localize, item.renewFrom, item.renewUntil)}</td>
              ${action ? html`<td data-label=${label(6)} class="action">${action(item)}</td>` : nothing}
            </tr>`,
          )}
    </tbody>
  </table>`;
}

/**
 * The base of `<cert-check>` and `<cert-overview>`. Not registered itself.
 */
export class CertTables extends CertElement {
  /** The screen opened in place of the tables, if any. */
  @state() protected screen: CertTablesScreen | undefined;
  /** The serial number 移除 asks about. */
  @state() private removing: string | undefined;
  @state() private message: Message | undefined;
  /** The last tables loaded: shown while they are loaded again. */
  @state() protected loaded: CertTablesData | undefined;

  private resumed = false;
  private listeningTo: EventTarget | undefined;
  private readonly onStoreChanged = () => void this.tables.run();
  private focusHeadingAfterUpdate = false;

  protected readonly tables = new Task(this, {
    task: ([center], { signal }) => this.load(center, signal),
    args: () => [this.certCenter] as const,
    onComplete: (value) => (this.loaded = value),
  });

  /** Loads the rows of 檢查憑證 and, beside them, the server's tables (which may fail alone). */
  private async load(center: CertCenter, signal: AbortSignal): Promise<CertTablesData> {
    if (!this.resumed) {
      this.resumed = true;
      // An apply or renewal a closed tab interrupted shows in the tables once finished.
      await center.resume({ signal }).catch(() => undefined);
    }
    const [rows, overview] = await Promise.allSettled([center.check({ signal }), center.overview({ signal })]);
    if (rows.status === 'rejected') {
      const error = this.asCertCenterError(rows.reason);
      if (error.code !== 'ABORTED') this.dispatchEvent(new CertErrorEvent({ error }));
      throw error;
    }
    if (overview.status === 'rejected') {
      const error = this.asCertCenterError(overview.reason);
      if (error.code === 'ABORTED') throw error;
      this.dispatchEvent(new CertErrorEvent({ error }));
      return { rows: rows.value, serverError: error };
    }
    return { rows: rows.value, overview: overview.value };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) {
      // Back in the page: the center may have been rebuilt, and the store may have changed.
      this.listen();
      void this.tables.run();
    }
  }

  override disconnectedCallback(): void {
    this.listeningTo?.removeEventListener('store-changed', this.onStoreChanged);
    this.listeningTo = undefined;
    super.disconnectedCallback();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.listen();
    if (this.focusHeadingAfterUpdate) {
      this.focusHeadingAfterUpdate = false;
      this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
    }
  }

  /** Follows the store of the center in use: another tab's change shows here too. */
  private listen(): void {
    const events = this.certCenter.events;
    if (events === this.listeningTo) return;
    this.listeningTo?.removeEventListener('store-changed', this.onStoreChanged);
    events.addEventListener('store-changed', this.onStoreChanged);
    this.listeningTo = events;
  }

  /**
   * Fires `cert-navigate`; unless the host prevents it, opens the screen in place (更新 only
   * when `<cert-renew>` is defined: otherwise the host routes it).
   */
  protected navigate(screen: CertTablesScreen): void {
    const event = new CertNavigateEvent({ page: screen.page, ...('serialNumber' in screen ? { serialNumber: screen.serialNumber } : {}) });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    if (screen.page === 'renew' && !customElements.get('cert-renew')) return;
    this.message = undefined;
    this.screen = screen;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-back]')?.focus());
  }

  private back(): void {
    this.screen = undefined;
    this.focusHeadingAfterUpdate = true;
    void this.tables.run();
  }

  /** The screen opened in place, with the way back to the tables. */
  protected renderScreen(screen: CertTablesScreen): TemplateResult {
    const center = this.certCenter;
    let content: TemplateResult;
    switch (screen.page) {
      case 'export':
        content = html`<cert-export part="screen" serial-number=${screen.serialNumber} .center=${center}></cert-export>`;
        break;
      case 'import':
        content = html`<cert-import part="screen" .center=${center}></cert-import>`;
        break;
      case 'apply':
        content = html`<cert-apply part="screen" .center=${center}></cert-apply>`;
        break;
      case 'renew':
        content = html`<cert-renew part="screen" serial-number=${screen.serialNumber} .center=${center}></cert-renew>`;
        break;
    }
    return html`<div part="base" class="screen">
      <p><button type="button" part="button back" class="secondary" data-back @click=${this.back}>${this.localize.t.check.back}</button></p>
      ${content}
    </div>`;
  }

  /** Loading, a failure to load, or nothing (the tables are there). */
  protected renderStatus(): TemplateResult | typeof nothing {
    const t = this.localize.t;
    if (this.loaded) return nothing;
    if (this.tables.status === TaskStatus.ERROR) {
      return html`<div part="message" class="error" role="alert">
        <p>${this.localize.error(this.tables.error)}</p>
        <button type="button" part="button retry" class="secondary" @click=${() => void this.tables.run()}>${t.common.retry}</button>
      </div>`;
    }
    return html`<p part="message loading" role="status">${t.common.loading}</p>`;
  }

  /** The server could not be asked: says so, and why, with 重試. */
  protected renderServerNotice(data: CertTablesData, extra?: string): TemplateResult | typeof nothing {
    const error = data.serverError;
    if (!error) return nothing;
    const t = this.localize.t;
    const why = unreachableCodes.has(error.code) ? t.check.unreachable : this.localize.error(error);
    return html`<div part="message" class="warning server-notice" role="alert">
      <p>${t.check.sentences([why, ...(extra ? [extra] : []), t.check.judgedLocally])}</p>
      <button type="button" part="button retry" class="secondary" @click=${() => void this.tables.run()}>${t.common.retry}</button>
    </div>`;
  }

  /** What the last action said (移除 done or failed), announced politely. */
  protected renderMessage(): TemplateResult {
    const message = this.message;
    let content: TemplateResult | typeof nothing = nothing;
    if (message?.kind === 'removed') content = html`<p part="message" class="success">${this.localize.t.check.removed(message.serialNumber)}</p>`;
    else if (message?.kind === 'error') content = html`<p part="message" class="error">${this.localize.error(message.error)}</p>`;
    return html`<div class="live" role="status" aria-live="polite">${content}</div>`;
  }

  /** A cell the server's record does not fill: a dash, with words for screen readers. */
  protected unknown(): TemplateResult {
    return unknownCell(this.localize);
  }

  /** 「2021-10-15 13:53:31 ~ 2021-10-29 23:59:59」 in the customer's time zone, breaking only at the tilde. */
  protected range(from: Date | string, to: Date | string): TemplateResult {
    return dateRange(this.localize, from, to);
  }

  /** 檢核此台電腦匯入的憑證狀況: the one table both elements show. */
  protected renderLocalTable(rows: CheckRow[]): TemplateResult {
    const { common: c, check } = this.localize.t;
    const columns = [c.idNumber, c.format, c.usage, c.serialNumber, c.validity, c.status, c.renewalWindow, c.action];
    return html`<table part="table local-table">
      <caption>${check.caption}</caption>
      <thead>
        <tr part="row header">${columns.map((name) => html`<th scope="col">${name}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.map((row) => this.renderLocalRow(row, columns))}
      </tbody>
    </table>`;
  }

  private renderLocalRow(row: CheckRow, columns: string[]): TemplateResult {
    const { common: c, check } = this.localize.t;
    const label = (i: number) => columns[i] ?? '';
    if (row.serialNumber === null) {
      return html`<tr part="row none">
        <td class="message-cell" colspan="7">${check.noneValid}</td>
        <td data-label=${label(7)} class="action">
          <button type="button" part="button import" @click=${() => this.navigate({ page: 'import' })}>${check.import}</button>
        </td>
      </tr>`;
    }
    const serial = row.serialNumber;
    const credential = row.credential;
    const status =
      row.status === 'valid'
        ? html`<span class="status-valid">${c.localStatus.valid}</span>`
        : html`<span class="status-invalid">${row.reason ? check.invalidBecause(c.localStatus.invalid, c.invalidReason[row.reason]) : c.localStatus.invalid}</span>`;
    const action =
      row.action === 'export'
        ? html`<button type="button" part="button export" aria-label=${check.rowAction(check.export, serial)} @click=${() => this.navigate({ page: 'export', serialNumber: serial })}>
            ${check.export}
          </button>`
        : html`<button type="button" part="button remove" class="danger" aria-label=${check.rowAction(check.remove, serial)} @click=${() => this.askRemove(serial)}>
            ${check.remove}
          </button>`;
    return html`<tr part="row">
      <td data-label=${label(0)}>${credential ? maskIdNumber(credential.idNumber) : this.unknown()}</td>
      <td data-label=${label(1)} class="label">${credential?.format ?? this.unknown()}</td>
      <td data-label=${label(2)} class="label">${credential?.usage ? (c.usages[credential.usage] ?? credential.usage) : this.unknown()}</td>
      <td data-label=${label(3)} class="serial">${serial}</td>
      <td data-label=${label(4)}>${credential ? this.range(credential.certificate.notBefore, credential.certificate.notAfter) : this.unknown()}</td>
      <td data-label=${label(5)}>${status}</td>
      <td data-label=${label(6)}>${credential ? this.range(credential.renewFrom, credential.renewUntil) : this.unknown()}</td>
      <td data-label=${label(7)} class="action">${action}</td>
    </tr>`;
  }

  private askRemove(serialNumber: string): void {
    this.message = undefined;
    this.removing = serialNumber;
  }

  private async confirmRemove(): Promise<void> {
    const serialNumber = this.removing;
    this.removing = undefined;
    if (serialNumber === undefined) return;
    try {
      await this.certCenter.remove(serialNumber);
    } catch (error) {
      this.reportError(error);
      this.message = { kind: 'error', error: this.asCertCenterError(error) };
      return;
    }
    this.dispatchEvent(new CertRemovedEvent({ serialNumber }));
    this.message = { kind: 'removed', serialNumber };
    await this.tables.run();
    // The button went with its row (and the dialog gave the focus back to it): the focus goes to the heading.
    this.focusHeadingAfterUpdate = true;
    this.requestUpdate();
  }

  /** 移除's question (網頁訊息), 確定 / 取消. */
  protected renderRemoveDialog(): TemplateResult {
    const t = this.localize.t;
    const serialNumber = this.removing;
    return html`<cert-dialog
      exportparts="dialog, dialog-title, dialog-body, dialog-actions"
      label=${t.common.dialogTitle}
      .open=${serialNumber !== undefined}
      @cert-dialog-close=${() => (this.removing = undefined)}
    >
      <p>${serialNumber === undefined ? nothing : t.check.removeConfirm(serialNumber)}</p>
      <button type="button" slot="actions" class="danger" @click=${() => void this.confirmRemove()}>${t.common.ok}</button>
      <button type="button" slot="actions" class="secondary" @click=${() => (this.removing = undefined)}>${t.common.cancel}</button>
    </cert-dialog>`;
  }
}
