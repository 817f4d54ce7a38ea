import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertLogoutEvent, CertNavigateEvent, type CertPage } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-center.styles';
import '../cert-overview/cert-overview';
import '../cert-apply/cert-apply';
import '../cert-renew/cert-renew';
import '../cert-import/cert-import';
import '../cert-export/cert-export';
import '../cert-check/cert-check';
import '../cert-revoke/cert-revoke';
import '../env-check/env-check';
import '../cert-help/cert-help';
import '../cert-announcements/cert-announcements';

/** The manual's menu, in its order; 登出 follows. */
const menu = ['overview', 'import', 'export', 'check', 'revoke', 'environment', 'help', 'announcements'] as const;
const pages: readonly CertPage[] = [...menu, 'apply', 'renew'];

const isPage = (value: unknown): value is CertPage => typeof value === 'string' && (pages as readonly string[]).includes(value);

/**
 * @summary The Certificate Center (憑證中心): the manual's menu and, beside it, the page chosen —
 * every element of the center with one `center` handed to all of them.
 *
 * @event {CertNavigateEvent} cert-navigate - The customer chose another page (from the menu or a page's action). Cancel it to route yourself, then set `page`.
 * @event {CertLogoutEvent} cert-logout - The customer chose 登出; the host logs out.
 * @event {CertAppliedEvent} cert-applied - From 申請: the certificate was issued and stored in this browser (`detail.credential`).
 * @event {CertRenewedEvent} cert-renewed - From 更新: the new certificate was stored, the old one revoked (`detail.credential`, `detail.previousSerialNumber`).
 * @event {CertRevokedEvent} cert-revoked - From 憑證註銷: the certificate was revoked (`detail.serialNumber`, `detail.revocationsLeft`).
 * @event {CertExportedEvent} cert-exported - From 匯出 or a backup step: the file was written (`detail.serialNumber`, `detail.fileName`).
 * @event {CertImportedEvent} cert-imported - From 匯入: the backup was stored in this browser (`detail.credential`).
 * @event {CertRemovedEvent} cert-removed - From 移除: a stored credential was removed (`detail.serialNumber`).
 * @event {CertOtpVerifiedEvent} cert-otp-verified - From a code step: the code was right (`detail.otpToken`, `detail.expiresAt`).
 * @event {CertErrorEvent} cert-error - A failure a page shows, as a CertCenterError (`detail.error`).
 *
 * @csspart base - The whole center.
 * @csspart nav - The menu.
 * @csspart menu-button - The button that opens the menu on narrow screens.
 * @csspart menu-item - A menu link.
 * @csspart logout - 登出.
 * @csspart page - The page's region.
 * @csspart message - The notice of an interrupted request finished on opening.
 *
 * @cssproperty [--cert-center-nav-width=14rem] - The menu's width beside the page.
 */
export class CertCenterElement extends CertElement {
  static override styles = [...shared, styles];

  /** The page shown: `overview` (default), `import`, `export`, `check`, `revoke`, `environment`, `help`, `announcements`, `apply` or `renew`. */
  @property({ reflect: true }) page: CertPage = 'overview';

  /** The certificate a page works on (export, renew), when one was chosen. */
  @property({ attribute: 'serial-number' }) serialNumber?: string;

  @state() private menuOpen = false;
  @state() private notice: { kind: 'success' | 'warning'; text: () => string } | undefined;
  @query('[part~="page"]') private pageRegion!: HTMLElement;
  private resumed = false;
  private focusPage = false;

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    root.addEventListener('cert-navigate', this.onInnerNavigate as EventListener);
    return root;
  }

  protected override firstUpdated(): void {
    void this.resume();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('page') && !isPage(this.page)) this.page = 'overview';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('page') && this.focusPage) {
      this.focusPage = false;
      this.pageRegion?.focus();
    }
  }

  /** Finishes, once, an apply or renewal that a closed tab or a lost answer interrupted. */
  private async resume(): Promise<void> {
    if (this.resumed) return;
    this.resumed = true;
    try {
      const done = await this.certCenter.resume();
      if (done.length > 0) {
        const serials = done.map((c) => c.serialNumber);
        this.notice = { kind: 'success', text: () => this.localize.t.center.resumed(serials) };
      }
    } catch (error) {
      this.reportError(error);
      this.notice = { kind: 'warning', text: () => this.localize.t.center.resumeFailed };
    }
  }

  /** A page's action (匯出, 匯入, 申請, 更新) asks for another page: shown here, unless the host routes. */
  private onInnerNavigate = (event: CertNavigateEvent): void => {
    if (event.target === this) return;
    event.preventDefault();
    event.stopPropagation();
    this.go(event.detail.page, event.detail.serialNumber);
  };

  private go(page: CertPage, serialNumber?: string): void {
    const request = new CertNavigateEvent(serialNumber === undefined ? { page } : { page, serialNumber });
    this.dispatchEvent(request);
    this.menuOpen = false;
    if (request.defaultPrevented) return;
    this.serialNumber = serialNumber;
    this.focusPage = true;
    this.page = page;
  }

  private onMenuClick(event: MouseEvent, page: CertPage): void {
    // A plain click stays in the center; modified clicks keep the browser's own behaviour.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.go(page);
  }

  private logout(): void {
    this.menuOpen = false;
    this.dispatchEvent(new CertLogoutEvent());
  }

  private renderPage(): TemplateResult {
    const center = this.certCenter;
    const serial = this.serialNumber ?? nothing;
    switch (this.page) {
      case 'apply':
        return html`<cert-apply .center=${center}></cert-apply>`;
      case 'renew':
        return html`<cert-renew .center=${center} serial-number=${serial}></cert-renew>`;
      case 'import':
        return html`<cert-import .center=${center}></cert-import>`;
      case 'export':
        return html`<cert-export .center=${center} serial-number=${serial}></cert-export>`;
      case 'check':
        return html`<cert-check .center=${center}></cert-check>`;
      case 'revoke':
        return html`<cert-revoke .center=${center}></cert-revoke>`;
      case 'environment':
        return html`<env-check .center=${center}></env-check>`;
      case 'help':
        return html`<cert-help></cert-help>`;
      case 'announcements':
        return html`<cert-announcements .center=${center}></cert-announcements>`;
      default:
        return html`<cert-overview .center=${center}></cert-overview>`;
    }
  }

  protected override render() {
    const t = this.localize.t.center;
    const current = this.page === 'apply' || this.page === 'renew' ? 'overview' : this.page;
    return html`<div part="base" class="center ${this.menuOpen ? 'menu-open' : ''}" lang=${this.localize.t.$lang}>
      <header class="bar">
        <p class="title">${t.heading}</p>
        <button
          part="menu-button"
          class="menu-button secondary"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          ${t.menuButton}
        </button>
      </header>
      <nav part="nav" id="menu" aria-label=${t.menuLabel}>
        <ul>
          ${menu.map(
            (page) => html`<li>
              <a
                part="menu-item"
                href=${`#${page}`}
                aria-current=${current === page ? 'page' : nothing}
                @click=${(e: MouseEvent) => this.onMenuClick(e, page)}
                >${t.pages[page]}</a
              >
            </li>`,
          )}
          <li><button part="logout" class="link logout" @click=${this.logout}>${t.logout}</button></li>
        </ul>
      </nav>
      <section part="page" class="page" tabindex="-1" aria-label=${t.pages[this.page]}>
        ${this.notice
          ? html`<p part="message" class=${this.notice.kind} role="status">${this.notice.text()}</p>`
          : nothing}
        ${this.renderPage()}
      </section>
    </div>`;
  }
}

define('cert-center', CertCenterElement);

declare global {
  interface HTMLElementTagNameMap {
    'cert-center': CertCenterElement;
  }
}
