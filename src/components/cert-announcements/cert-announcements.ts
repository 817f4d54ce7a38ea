import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Announcement, CertCenter } from '../../core';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertErrorEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-announcements.styles';

/** Newest first, whatever order the server sent; an unreadable date goes last. */
function newestFirst(items: readonly Announcement[]): Announcement[] {
  const time = (item: Announcement) => {
    const t = Date.parse(item.publishedAt);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...items].sort((a, b) => time(b) - time(a));
}

const warningIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path d="M12 3.5l9.5 16.5h-19z" /><path d="M12 10v4.5" /><path d="M12 17.3v.2" /></svg>`;

/**
 * @summary 公告: the broker's announcements from the server, newest first; `warning` ones are
 * marked 重要 in words and icon (not colour alone); dates in the customer's time zone. A loading
 * state, an empty state, and an error state with 重試.
 *
 * @event {CertErrorEvent} cert-error - The announcements could not be loaded: `{ error }` (also shown).
 *
 * @csspart base - The page.
 * @csspart heading - The page's heading.
 * @csspart list - The list of announcements.
 * @csspart announcement - Each announcement (also `warning` or `info`).
 * @csspart badge - The 重要 mark of a `warning` announcement.
 * @csspart message - Loading, the empty state, and the error (also `loading`, `empty`).
 * @csspart button - 重試 (also `retry`).
 *
 * @cssproperty --cert-color-warning - The mark and edge of a `warning` announcement.
 * @cssproperty --cert-color-border - The lines between announcements.
 * @cssproperty --cert-spacing - The space between blocks.
 *
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class CertAnnouncements extends CertElement {
  static override styles = [...shared, styles];

  private focusHeadingAfterUpdate = false;

  private readonly loading = new Task(this, {
    task: async ([center]: readonly [CertCenter], { signal }) => newestFirst((await center.announcements({ signal })).items),
    args: () => [this.certCenter] as const,
    onError: (error) => {
      const certError = this.asCertCenterError(error);
      if (certError.code !== 'ABORTED') this.dispatchEvent(new CertErrorEvent({ error: certError }));
    },
  });

  /** Loads the announcements again (重試). */
  async reload(): Promise<void> {
    await this.loading.run();
  }

  private retry(): void {
    // 重試 goes away while loading: focus moves to the heading instead of being lost.
    this.focusHeadingAfterUpdate = true;
    void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.focusHeadingAfterUpdate) {
      this.focusHeadingAfterUpdate = false;
      this.renderRoot.querySelector<HTMLElement>('[data-heading]')?.focus();
    }
  }

  protected override render() {
    const t = this.localize.t;
    const status = this.loading.status;
    const items = status === TaskStatus.COMPLETE ? (this.loading.value ?? []) : undefined;
    let live: TemplateResult | typeof nothing = nothing;
    if (status === TaskStatus.INITIAL || status === TaskStatus.PENDING) live = html`<p part="message loading">${t.common.loading}</p>`;
    else if (items?.length === 0) live = html`<p part="message empty">${t.announcements.empty}</p>`;
    return html`<div part="base">
      <h2 part="heading" tabindex="-1" data-heading>${t.announcements.heading}</h2>
      <div class="live" role="status">${live}</div>
      ${status === TaskStatus.ERROR ? this.renderError() : nothing}
      ${items?.length ? html`<ol part="list" class="announcements">${items.map((item, i) => this.renderAnnouncement(item, i))}</ol>` : nothing}
    </div>`;
  }

  private renderError(): TemplateResult {
    return html`<div part="message" class="error" role="alert">
      <p>${this.localize.error(this.loading.error)}</p>
      <button type="button" part="button retry" class="secondary" @click=${this.retry}>${this.localize.t.common.retry}</button>
    </div>`;
  }

  private renderAnnouncement(item: Announcement, index: number): TemplateResult {
    const t = this.localize.t.announcements;
    const warning = item.level === 'warning';
    const when = this.localize.dateTime(item.publishedAt);
    const titleId = `announcement-${index}`;
    return html`<li part="announcement ${warning ? 'warning' : 'info'}" class="announcement ${warning ? 'warning' : 'info'}">
      <article aria-labelledby=${titleId}>
        <h3 id=${titleId}>
          ${warning ? html`<span part="badge" class="badge">${warningIcon}<span>${t.important}</span></span> ` : nothing}<span>${item.title}</span>
        </h3>
        ${when ? html`<p class="meta"><time datetime=${new Date(item.publishedAt).toISOString()}>${t.published(when)}</time></p>` : nothing}
        <p class="body">${item.body}</p>
      </article>
    </li>`;
  }
}

define('cert-announcements', CertAnnouncements);

declare global {
  interface HTMLElementTagNameMap {
    'cert-announcements': CertAnnouncements;
  }
}
