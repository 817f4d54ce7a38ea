import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { CertCenter, CheckStatus, EnvironmentCheck, EnvironmentReport } from '../../core';
import { CertElement } from '../shared/cert-element';
import { define } from '../shared/define';
import { CertErrorEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './env-check.styles';
import { statusIcon } from './status-icons';

/** What needs the customer comes first: failures, then warnings, then the rest in report order. */
const severity: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 };

/**
 * @summary 電腦檢測: whether this computer and browser can apply for, store and use the
 * certificate — a summary line first, then each check, failures and warnings first (secure context, WebCrypto, backup
 * encryption, storage, the clock against the server, cookies, the browser, tabs, workers) with
 * 通過 / 注意 / 未通過 / 未檢測 in words and icon, what it means and what to do; 重新檢測 runs it
 * again. Runs once when it connects.
 *
 * @event {CertErrorEvent} cert-error - The check could not run: `{ error }` (also shown).
 *
 * @csspart base - The page.
 * @csspart heading - The page's heading.
 * @csspart summary - The summary line (a polite live region: 檢測中 while checking).
 * @csspart button - 重新檢測 (also `rerun`).
 * @csspart list - The list of checks (`aria-busy` while checking).
 * @csspart check - Each check (also `check-pass`, `check-warn`, `check-fail`, `check-skip`).
 * @csspart status - A check's status, in words and icon.
 * @csspart advice - What to do about a check that warned or failed.
 * @csspart reason - Why the check could not run (inside the summary).
 *
 * @cssproperty --cert-color-success - 通過.
 * @cssproperty --cert-color-warning - 注意.
 * @cssproperty --cert-color-danger - 未通過.
 * @cssproperty --cert-color-border - The lines between checks.
 * @cssproperty --cert-spacing - The space between blocks.
 *
 * @property center - The certificate center to work with (else one built from `api-base` and `credentials`).
 * @property apiBase - `api-base`: the contract's base URL, for the center the element builds itself.
 * @property credentials - `include` sends the host's session cookie, for the center the element builds itself.
 * @property locale - `zh-Hant` (default) or `en`; without it, the nearest ancestor's.
 */
export class EnvCheck extends CertElement {
  static override styles = [...shared, styles];

  /** The last report: still shown (marked busy) while the check runs again. */
  @state() private report: EnvironmentReport | undefined;

  private readonly checking = new Task(this, {
    task: ([center]: readonly [CertCenter], { signal }) => center.environment({ signal }),
    args: () => [this.certCenter] as const,
    onComplete: (report) => (this.report = report),
    onError: (error) => {
      const certError = this.asCertCenterError(error);
      if (certError.code !== 'ABORTED') this.dispatchEvent(new CertErrorEvent({ error: certError }));
    },
  });

  /** Runs the computer check again (重新檢測); resolves when it has finished. */
  async rerun(): Promise<void> {
    if (this.busy) return;
    await this.checking.run();
  }

  private get busy(): boolean {
    return this.checking.status === TaskStatus.PENDING || this.checking.status === TaskStatus.INITIAL;
  }

  protected override render() {
    const t = this.localize.t.environment;
    const busy = this.busy;
    const failed = this.checking.status === TaskStatus.ERROR;
    const report = failed ? undefined : this.report;
    return html`<div part="base">
      <h2 part="heading" tabindex="-1" data-heading>${t.heading}</h2>
      <p class="muted">${t.intro}</p>
      <div class="summary-row">
        ${this.renderSummary(busy, failed, report)}
        <button type="button" part="button rerun" class="secondary" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.rerun()}>
          ${t.rerun}
        </button>
      </div>
      ${report ? this.renderReport(report, busy) : nothing}
    </div>`;
  }

  /** The summary line, first: a polite live region, so 檢測中 and the result are announced. */
  private renderSummary(busy: boolean, failed: boolean, report: EnvironmentReport | undefined): TemplateResult {
    const t = this.localize.t.environment;
    let status: CheckStatus | 'busy' = 'busy';
    let text = t.checking;
    if (!busy && failed) [status, text] = ['fail', t.notRun];
    else if (!busy && report) {
      const count = (s: CheckStatus) => report.items.filter((item) => item.status === s).length;
      const [fails, warns] = [count('fail'), count('warn')];
      if (fails > 0) [status, text] = ['fail', t.failed(fails, warns)];
      else if (warns > 0) [status, text] = ['warn', t.attention(warns)];
      else [status, text] = ['pass', t.allPassed];
    }
    // Why the check could not run, in the same announcement.
    const reason = !busy && failed ? html`<span part="reason" class="reason">${this.localize.error(this.checking.error)}</span>` : nothing;
    return html`<div part="summary" class="summary ${status}" role="status">
      ${status === 'busy' ? html`<span class="spinner" aria-hidden="true"></span>` : statusIcon(status)}<span class="summary-text"><span>${text}</span>${reason}</span>
    </div>`;
  }

  private renderReport(report: EnvironmentReport, busy: boolean): TemplateResult {
    const t = this.localize.t.environment;
    return html`<p class="muted checked-at">${t.checkedAt(this.localize.dateTime(report.checkedAt))}</p>
      <ul part="list" class="checks" aria-label=${t.listLabel} aria-busy=${busy ? 'true' : 'false'}>
        ${[...report.items].sort((a, b) => severity[a.status] - severity[b.status]).map((item) => this.renderCheck(item))}
      </ul>`;
  }

  private renderCheck(item: EnvironmentCheck): TemplateResult {
    const t = this.localize.t.environment;
    const words = t.checks[item.id];
    const measure = this.measure(item);
    let todo: TemplateResult | typeof nothing = nothing;
    if (item.status === 'warn' || item.status === 'fail') {
      const advice = item.advice ? t.advice[item.advice] : t.noAdvice;
      todo = html`<p part="advice" class="advice"><strong>${t.whatToDo}</strong>${advice}</p>`;
    } else if (item.status === 'skip') {
      todo = html`<p class="muted">${t.skipped}</p>`;
    }
    return html`<li part="check check-${item.status}" class="check ${item.status}" data-check=${item.id}>
      <div class="check-head">
        <h3 class="check-name">${words.name}</h3>
        <span part="status" class="status ${item.status}">${statusIcon(item.status)}<span>${t.status[item.status]}</span></span>
      </div>
      <p class="about">${words.about}</p>
      ${measure ? html`<p class="measure">${measure}</p>` : nothing} ${todo}
    </li>`;
  }

  /** The check's number in words, where it tells the customer something. */
  private measure(item: EnvironmentCheck): string | undefined {
    const t = this.localize.t.environment;
    const value = item.measured;
    if (typeof value !== 'number' || !Number.isFinite(value) || item.status === 'skip') return undefined;
    if (item.id === 'clock-skew') {
      const seconds = Math.round(Math.abs(value) / 1000);
      if (seconds < 1) return undefined;
      return value > 0 ? t.clockAhead(seconds) : t.clockBehind(seconds);
    }
    if (item.id === 'browser') return t.browserVersion(value);
    return undefined;
  }
}

define('env-check', EnvCheck);

declare global {
  interface HTMLElementTagNameMap {
    'env-check': EnvCheck;
  }
}
