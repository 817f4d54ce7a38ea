import { html } from 'lit';
import { define } from '../shared/define';
import { shared } from '../shared/styles';
import { styles } from './cert-check.styles';
import { CertTables } from './cert-tables';

/**
 * @summary 檢查憑證: what this browser holds (檢核此台電腦匯入的憑證狀況). A valid certificate offers
 * 匯出, an invalid one (expired, revoked, not yet valid, not its key's, damaged) 移除 after a
 * question, and none valid 匯入. Follows the store, also when another tab changes it.
 *
 * @event {CertRemovedEvent} cert-removed - A stored credential was removed from this browser: `{ serialNumber }`.
 * @event {CertNavigateEvent} cert-navigate - 匯出 (`{ page: 'export', serialNumber }`) or 匯入 (`{ page: 'import' }`). Cancelable: when prevented, the element does not open `<cert-export>` / `<cert-import>` in place.
 * @event {CertErrorEvent} cert-error - Loading, the server's view or 移除 failed: `{ error }` (also when the element shows it).
 * @event {CertExportedEvent} cert-exported - From `<cert-export>` opened in place: `{ serialNumber, fileName }`.
 * @event {CertImportedEvent} cert-imported - From `<cert-import>` opened in place: `{ credential }`.
 *
 * @csspart base - The page.
 * @csspart heading - The page's heading.
 * @csspart table - The table (also `local-table`).
 * @csspart row - Each row (`header`, `none` for the row without a valid certificate).
 * @csspart button - Every button (also `export`, `remove`, `import`, `retry`, `back`).
 * @csspart message - Loading, the server's notice, and what 移除 said.
 * @csspart screen - The `<cert-export>` or `<cert-import>` opened in place.
 * @csspart dialog - 移除's question (also `dialog-title`, `dialog-body`, `dialog-actions`).
 *
 * @cssproperty --cert-color-primary - Buttons and links.
 * @cssproperty --cert-color-danger - 移除 and 無效.
 * @cssproperty --cert-color-success - 有效.
 * @cssproperty --cert-color-border - The table's lines.
 * @cssproperty --cert-spacing - The space between blocks.
 *
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertCheck extends CertTables {
  static override styles = [...shared, styles];

  protected override render() {
    if (this.screen) return this.renderScreen(this.screen);
    const t = this.localize.t;
    const data = this.loaded;
    return html`<div part="base">
      <h2 part="heading" tabindex="-1" data-heading>${t.check.heading}</h2>
      <p class="muted">${t.check.intro}</p>
      ${this.renderStatus()} ${data ? this.renderServerNotice(data) : ''} ${this.renderMessage()}
      ${data ? this.renderLocalTable(data.rows) : ''} ${this.renderRemoveDialog()}
    </div>`;
  }
}

define('cert-check', CertCheck);

declare global {
  interface HTMLElementTagNameMap {
    'cert-check': CertCheck;
  }
}
