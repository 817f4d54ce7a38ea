import { html, nothing, type TemplateResult } from 'lit';
import type { Overview, ServerCertificate } from '../../core';
import { styles as tableStyles } from '../cert-check/cert-check.styles';
import { CertTables, renderServerTable, serverStatusClass } from '../cert-check/cert-tables';
import '../cert-apply/cert-apply';
import { define } from '../shared/define';
import { shared } from '../shared/styles';
import { styles } from './cert-overview.styles';

/**
 * @summary 憑證查詢及申請: the three tables of the manual. 本公司主機端 (the customer's PC
 * certificates on the server; 申請 when there is none to keep, 更新 in the renewal window),
 * 檢核此台電腦匯入的憑證狀況 (what this browser holds, as `<cert-check>` shows it: 匯出, 移除,
 * 匯入) and 其他裝置憑證 (read-only, with the device).
 *
 * @event {CertNavigateEvent} cert-navigate - 申請 (`{ page: 'apply' }`), 更新 (`{ page: 'renew', serialNumber }`), 匯出 (`{ page: 'export', serialNumber }`), 匯入 (`{ page: 'import' }`). Cancelable: when prevented, nothing opens in place; 更新 opens `<cert-renew>` only where it is defined, else the host routes it.
 * @event {CertRemovedEvent} cert-removed - A stored credential was removed from this browser: `{ serialNumber }`.
 * @event {CertErrorEvent} cert-error - Loading, the server's tables or 移除 failed: `{ error }` (also when the element shows it).
 * @event {CertAppliedEvent} cert-applied - From `<cert-apply>` opened in place: `{ credential }`.
 * @event {CertRenewedEvent} cert-renewed - From `<cert-renew>` opened in place: `{ credential, previousSerialNumber }`.
 * @event {CertExportedEvent} cert-exported - From `<cert-export>` (or a backup step) opened in place: `{ serialNumber, fileName }`.
 * @event {CertImportedEvent} cert-imported - From `<cert-import>` opened in place: `{ credential }`.
 *
 * @csspart base - The page.
 * @csspart heading - The page's heading.
 * @csspart table - Each table (also `server-table`, `local-table`, `other-devices-table`).
 * @csspart row - Each row (`header`, `none` for a row that says there is nothing).
 * @csspart button - Every button (also `apply`, `renew`, `export`, `remove`, `import`, `retry`, `back`).
 * @csspart message - Loading, the server's notice, and what 移除 said.
 * @csspart screen - The `<cert-apply>`, `<cert-renew>`, `<cert-export>` or `<cert-import>` opened in place.
 * @csspart dialog - 移除's question (also `dialog-title`, `dialog-body`, `dialog-actions`).
 *
 * @cssproperty --cert-color-primary - Buttons and links.
 * @cssproperty --cert-color-danger - 移除, 無效, 已過期 and 已註銷.
 * @cssproperty --cert-color-warning - 需更新.
 * @cssproperty --cert-color-success - 正常 and 有效.
 * @cssproperty --cert-color-border - The tables' lines.
 * @cssproperty --cert-spacing - The space between blocks.
 *
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertOverview extends CertTables {
  static override styles = [...shared, tableStyles, styles];

  protected override render() {
    if (this.screen) return this.renderScreen(this.screen);
    const t = this.localize.t;
    const data = this.loaded;
    return html`<div part="base">
      <h2 part="heading" tabindex="-1" data-heading>${t.overview.heading}</h2>
      ${this.renderStatus()} ${data ? this.renderServerNotice(data, t.overview.serverUnavailable) : nothing} ${this.renderMessage()}
      ${data?.overview ? html`<section>${this.renderServerTable(data.overview)}</section>` : nothing}
      ${data ? html`<section>${this.renderLocalTable(data.rows)}</section>` : nothing}
      ${data?.overview ? html`<section>${this.renderOtherDevices(data.overview)}</section>` : nothing} ${this.renderRemoveDialog()}
    </div>`;
  }

  /** 更新 is open from renewFrom to renewUntil unless revoked: 需更新, or 已過期 while no new application is allowed yet. */
  private renewable(item: ServerCertificate, overview: Overview): boolean {
    return item.status === 'renewal-due' || (item.status === 'expired' && !overview.canApply);
  }

  /** 本公司主機端 */
  private renderServerTable(overview: Overview): TemplateResult {
    const o = this.localize.t.overview;
    const applyButton = html`<button type="button" part="button apply" @click=${() => this.navigate({ page: 'apply' })}>${o.apply}</button>`;
    // 申請 goes on the newest row when every certificate is revoked or past its window.
    const newest = overview.canApply ? [...overview.server].sort((a, b) => b.notBefore.localeCompare(a.notBefore))[0] : undefined;
    return renderServerTable(this.localize, overview.server, {
      empty: { text: o.noCertificate, action: applyButton },
      action: (item) =>
        this.renewable(item, overview)
          ? html`<button
              type="button"
              part="button renew"
              aria-label=${this.localize.t.check.rowAction(o.renew, item.serialNumber)}
              @click=${() => this.navigate({ page: 'renew', serialNumber: item.serialNumber })}
            >
              ${o.renew}
            </button>`
          : item === newest
            ? applyButton
            : this.unknown(),
    });
  }

  /** 其他裝置憑證: read-only, with the device. */
  private renderOtherDevices(overview: Overview): TemplateResult {
    const { common: c, overview: o } = this.localize.t;
    const columns = [c.idNumber, c.format, c.usage, c.serialNumber, c.validity, c.status, c.renewalWindow, c.device];
    const label = (i: number) => columns[i] ?? '';
    return html`<table part="table other-devices-table">
      <caption>${o.otherDevices}</caption>
      <thead>
        <tr part="row header">${columns.map((name) => html`<th scope="col">${name}</th>`)}</tr>
      </thead>
      <tbody>
        ${overview.otherDevices.length === 0
          ? html`<tr part="row none"><td class="message-cell" colspan="8">${o.noOtherDevices}</td></tr>`
          : overview.otherDevices.map(
              (item) => html`<tr part="row">
                <td data-label=${label(0)}>${item.idNumber}</td>
                <td data-label=${label(1)} class="label">${item.format}</td>
                <td data-label=${label(2)} class="label">${c.usages[item.usage] ?? item.usage}</td>
                <td data-label=${label(3)} class="serial">${item.serialNumber}</td>
                <td data-label=${label(4)}>${this.range(item.notBefore, item.notAfter)}</td>
                <td data-label=${label(5)}><span class=${serverStatusClass[item.status]}>${c.serverStatus[item.status]}</span></td>
                <td data-label=${label(6)}>${this.range(item.renewFrom, item.renewUntil)}</td>
                <td data-label=${label(7)}>${item.device.label || c.deviceKind[item.device.kind]}</td>
              </tr>`,
            )}
      </tbody>
    </table>`;
  }
}

define('cert-overview', CertOverview);

declare global {
  interface HTMLElementTagNameMap {
    'cert-overview': CertOverview;
  }
}
