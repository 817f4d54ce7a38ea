import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { shared } from '../shared/styles';
import { helpSectionIds, type HelpSectionId } from '../shared/translation';
import { styles } from './cert-help.styles';

const contentsId = 'help-contents';
const sectionId = (id: HelpSectionId) => `help-${id}`;
const isSection = (value: unknown): value is HelpSectionId => typeof value === 'string' && (helpSectionIds as readonly string[]).includes(value);

/** The section a URL hash names (`#help-revoke`), `contents` for `#help-contents`, else undefined. */
function fromHash(hash: string): HelpSectionId | 'contents' | undefined {
  const name = hash.replace(/^#/, '');
  if (name === contentsId) return 'contents';
  const id = name.startsWith('help-') ? name.slice(5) : '';
  return isSection(id) ? id : undefined;
}

/**
 * @summary 操作說明: the steps of each item of the menu (憑證查詢及申請, 憑證更新, 憑證匯入, 憑證匯出,
 * 檢查憑證, 憑證註銷, 電腦檢測), bundled in both locales, with a table of contents. Each section is
 * linkable: `section` scrolls to it and focuses its heading; the contents' links do the same
 * inside the shadow root (where hash links cannot reach), and with `hash-sync` the page's URL
 * hash (`#help-revoke`) follows and is followed.
 *
 * @csspart base - The page.
 * @csspart heading - The page's heading.
 * @csspart contents - The table of contents (a `nav`).
 * @csspart link - Each link of the contents, and each 回到目錄.
 * @csspart section - Each section (also `current` for the one last opened).
 * @csspart steps - A section's numbered steps.
 * @csspart notes - A section's notes.
 *
 * @cssproperty --cert-color-primary - Links, step numbers and the current section's edge.
 * @cssproperty --cert-color-border - The lines between sections.
 * @cssproperty --cert-spacing - The space between blocks.
 *
 * @property section - The section to show: `overview`, `renew`, `import`, `export`, `check`, `revoke` or `environment`; setting it scrolls to the section and focuses its heading.
 * @property hashSync - `hash-sync`: keep the page's URL hash (`#help-<section>`) in step with the section shown (off by default: the host's router owns the URL).
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertHelp extends CertElement {
  static override styles = [...shared, styles];

  /** The section to show; setting it scrolls to that section and focuses its heading. */
  @property({ reflect: true }) section?: HelpSectionId;

  /** Keep the page's URL hash in step with the section shown. */
  @property({ type: Boolean, attribute: 'hash-sync' }) hashSync = false;

  private readonly onHashChange = () => this.followHash();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('popstate', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('popstate', this.onHashChange);
    super.disconnectedCallback();
  }

  protected override firstUpdated(): void {
    if (this.hashSync && !this.section) this.followHash();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('section') && isSection(this.section)) this.reveal(this.section);
  }

  /** Scrolls to a section (or the contents) and moves focus to its heading. */
  private reveal(target: HelpSectionId | 'contents'): void {
    const heading = this.renderRoot.querySelector<HTMLElement>(target === 'contents' ? `#${contentsId}-title` : `#${sectionId(target)}-title`);
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: 'start' });
  }

  /** With `hash-sync`, shows what the page's hash names. */
  private followHash(): void {
    if (!this.hashSync) return;
    const target = fromHash(location.hash);
    if (target === 'contents') this.reveal('contents');
    else if (target) {
      if (this.section === target) this.reveal(target);
      else this.section = target;
    }
  }

  /** A link of the contents, or 回到目錄: handled here, since hash links do not cross shadow roots. */
  private go(event: MouseEvent, target: HelpSectionId | 'contents'): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (this.hashSync) {
      const hash = `#${target === 'contents' ? contentsId : sectionId(target)}`;
      if (location.hash !== hash) history.pushState(history.state, '', hash);
    }
    if (target === 'contents' || this.section === target) this.reveal(target);
    else this.section = target;
  }

  protected override render() {
    const t = this.localize.t.help;
    return html`<div part="base">
      <h2 part="heading" tabindex="-1" data-heading>${t.heading}</h2>
      <p class="muted">${t.intro}</p>
      <nav part="contents" class="contents" aria-labelledby="${contentsId}-title">
        <h3 id="${contentsId}-title" tabindex="-1">${t.contents}</h3>
        <ol>
          ${helpSectionIds.map(
            (id) => html`<li>
              <a part="link" href="#${sectionId(id)}" aria-current=${this.section === id ? 'location' : 'false'} @click=${(e: MouseEvent) => this.go(e, id)}
                >${t.sections[id].title}</a
              >
            </li>`,
          )}
        </ol>
      </nav>
      ${helpSectionIds.map((id) => this.renderSection(id))}
    </div>`;
  }

  private renderSection(id: HelpSectionId): TemplateResult {
    const t = this.localize.t.help;
    const section = t.sections[id];
    const current = this.section === id;
    return html`<section part="section${current ? ' current' : ''}" class="section${current ? ' current' : ''}" id=${sectionId(id)} aria-labelledby="${sectionId(id)}-title">
      <h3 id="${sectionId(id)}-title" tabindex="-1">${section.title}</h3>
      <p>${section.intro}</p>
      <ol part="steps" class="steps">
        ${section.steps.map((step) => html`<li>${step}</li>`)}
      </ol>
      ${section.notes.length
        ? html`<div part="notes" class="notes">
            <h4>${t.notes}</h4>
            <ul>
              ${section.notes.map((note) => html`<li>${note}</li>`)}
            </ul>
          </div>`
        : ''}
      <p class="back"><a part="link" href="#${contentsId}" @click=${(e: MouseEvent) => this.go(e, 'contents')}>${t.backToContents}</a></p>
    </section>`;
  }
}

define('cert-help', CertHelp);

declare global {
  interface HTMLElementTagNameMap {
    'cert-help': CertHelp;
  }
}
