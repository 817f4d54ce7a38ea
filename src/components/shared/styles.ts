// The look every element shares: design tokens as --cert-* custom properties with defaults on
// :host, a dark scheme, reduced motion, and the building blocks (buttons, fields, tables,
// messages). Adopted style sheets only: a strict CSP (style-src 'self') allows nothing else.
import { css, unsafeCSS } from 'lit';

/** The design tokens (their defaults are on :host below). */
const tokenNames = [
  '--cert-color-primary', '--cert-color-primary-hover', '--cert-color-on-primary', '--cert-color-text', '--cert-color-text-muted',
  '--cert-color-surface', '--cert-color-surface-alt', '--cert-color-border', '--cert-color-focus', '--cert-color-danger',
  '--cert-color-danger-surface', '--cert-color-success', '--cert-color-success-surface', '--cert-color-warning',
  '--cert-color-warning-surface', '--cert-font-family', '--cert-font-size', '--cert-line-height', '--cert-radius',
  '--cert-spacing', '--cert-transition',
];

/**
 * The design tokens, on every element's `:host` (the dark scheme and reduced motion change some).
 * Set them on an element or an ancestor to theme the center.
 *
 * @cssproperty --cert-color-primary - Buttons, links and the marks of the current step or page.
 * @cssproperty --cert-color-primary-hover - A button or link under the pointer.
 * @cssproperty --cert-color-on-primary - Text on a primary button and on the current menu item.
 * @cssproperty --cert-color-text - Body text.
 * @cssproperty --cert-color-text-muted - Secondary text: notes, dates, hints.
 * @cssproperty --cert-color-surface - The background of fields, tables and dialogs.
 * @cssproperty --cert-color-surface-alt - Messages, table headers, notes and other set-off blocks.
 * @cssproperty --cert-color-border - Lines of fields, tables and boxes.
 * @cssproperty --cert-color-focus - The focus ring.
 * @cssproperty --cert-color-danger - Errors, 無效 / 已註銷 / 已過期, and destructive buttons (移除, 註銷).
 * @cssproperty --cert-color-danger-surface - The background of an error message.
 * @cssproperty --cert-color-success - Success, 有效 / 正常 and 通過.
 * @cssproperty --cert-color-success-surface - The background of a success message.
 * @cssproperty --cert-color-warning - Warnings, 需更新 and 注意.
 * @cssproperty --cert-color-warning-surface - The background of a warning message.
 * @cssproperty --cert-font-family - The text's font (Traditional Chinese fonts included).
 * @cssproperty --cert-font-size - The base font size.
 * @cssproperty --cert-line-height - The base line height.
 * @cssproperty --cert-radius - Corner radius of buttons, fields and boxes.
 * @cssproperty --cert-spacing - The space between blocks (and, in fractions, inside them).
 * @cssproperty --cert-transition - Hover and focus transitions (0s under reduced motion).
 */
export const tokens = css`
  :host {
    --cert-color-primary: #0b5cad;
    --cert-color-primary-hover: #094a8c;
    --cert-color-on-primary: #ffffff;
    --cert-color-text: #1f2933;
    --cert-color-text-muted: #52606d;
    --cert-color-surface: #ffffff;
    --cert-color-surface-alt: #f3f6f9;
    --cert-color-border: #c7d0d9;
    --cert-color-focus: #1a73e8;
    --cert-color-danger: #b3261e;
    --cert-color-danger-surface: #fdecea;
    --cert-color-success: #1e7b34;
    --cert-color-success-surface: #e7f5ea;
    --cert-color-warning: #8a5a00;
    --cert-color-warning-surface: #fff4d6;
    --cert-font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif;
    --cert-font-size: 1rem;
    --cert-line-height: 1.6;
    --cert-radius: 6px;
    --cert-spacing: 1rem;
    --cert-transition: 150ms ease;

    display: block;
    container-type: inline-size;
    color: var(--cert-color-text);
    font-family: var(--cert-font-family);
    font-size: var(--cert-font-size);
    line-height: var(--cert-line-height);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --cert-color-primary: #7ab3f0;
      --cert-color-primary-hover: #9cc7f5;
      --cert-color-on-primary: #0b1a2b;
      --cert-color-text: #e4e9ee;
      --cert-color-text-muted: #a9b4c0;
      --cert-color-surface: #16191d;
      --cert-color-surface-alt: #20252b;
      --cert-color-border: #3b444e;
      --cert-color-focus: #8ab4f8;
      --cert-color-danger: #f2948a;
      --cert-color-danger-surface: #3a1a17;
      --cert-color-success: #7fd18f;
      --cert-color-success-surface: #15301b;
      --cert-color-warning: #f0c36a;
      --cert-color-warning-surface: #33290f;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --cert-transition: 0s;
    }
  }
  :host([hidden]) {
    display: none;
  }
  /* An element inside this one's shadow root (the code step in 申請, its code field, a pop-up)
     takes this one's tokens rather than its own defaults, so a theme set on this element reaches it. */
  * {
    ${unsafeCSS(tokenNames.map((name) => `${name}: inherit;`).join('\n    '))}
  }
`;

export const base = css`
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [part~='base'] {
    background: var(--cert-color-surface);
    color: var(--cert-color-text);
  }
  h2,
  h3,
  h4 {
    margin: 0 0 calc(var(--cert-spacing) * 0.75);
    line-height: 1.3;
  }
  h2 {
    font-size: 1.35em;
  }
  h3 {
    font-size: 1.1em;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  p {
    margin: 0 0 calc(var(--cert-spacing) * 0.5);
  }
  .stack > * + * {
    margin-top: var(--cert-spacing);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--cert-spacing) * 0.5);
    align-items: center;
  }
  .muted {
    color: var(--cert-color-text-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button,
  .button {
    appearance: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-height: 2.5rem;
    padding: 0.45em 1.1em;
    border: 1px solid var(--cert-color-primary);
    border-radius: var(--cert-radius);
    background: var(--cert-color-primary);
    color: var(--cert-color-on-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition:
      background var(--cert-transition),
      border-color var(--cert-transition);
  }
  button:hover:not(:disabled) {
    background: var(--cert-color-primary-hover);
    border-color: var(--cert-color-primary-hover);
  }
  button.secondary {
    background: transparent;
    color: var(--cert-color-primary);
  }
  button.secondary:hover:not(:disabled) {
    background: var(--cert-color-surface-alt);
  }
  button.danger {
    background: var(--cert-color-danger);
    border-color: var(--cert-color-danger);
    color: var(--cert-color-surface);
  }
  button.link {
    min-height: auto;
    padding: 0;
    border: none;
    background: none;
    color: var(--cert-color-primary);
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :is(button, input, select, textarea, a, [tabindex]):focus-visible {
    outline: 3px solid var(--cert-color-focus);
    outline-offset: 2px;
  }

  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  input:not([type='checkbox'], [type='radio'], [type='file']),
  select {
    width: 100%;
    max-width: 22rem;
    min-height: 2.5rem;
    padding: 0.4em 0.6em;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface);
    color: var(--cert-color-text);
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--cert-color-danger);
  }
  .field + .field {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  .hint {
    display: block;
    margin-top: 0.25em;
    font-size: 0.9em;
    color: var(--cert-color-text-muted);
  }
  .field-error {
    display: block;
    margin-top: 0.25em;
    font-size: 0.9em;
    color: var(--cert-color-danger);
  }

  [part~='message'] {
    padding: 0.6em 0.9em;
    border-radius: var(--cert-radius);
    border-left: 4px solid var(--cert-color-primary);
    background: var(--cert-color-surface-alt);
  }
  [part~='message'].error {
    border-color: var(--cert-color-danger);
    background: var(--cert-color-danger-surface);
    color: var(--cert-color-danger);
  }
  [part~='message'].success {
    border-color: var(--cert-color-success);
    background: var(--cert-color-success-surface);
    color: var(--cert-color-success);
  }
  [part~='message'].warning {
    border-color: var(--cert-color-warning);
    background: var(--cert-color-warning-surface);
    color: var(--cert-color-warning);
  }

  .notes {
    font-size: 0.92em;
    color: var(--cert-color-text-muted);
  }
  .notes ul,
  .notes ol {
    margin: 0.25em 0 0;
    padding-left: 1.4em;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.95em;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding-bottom: 0.4em;
  }
  th,
  td {
    padding: 0.5em 0.6em;
    border: 1px solid var(--cert-color-border);
    text-align: left;
    vertical-align: top;
  }
  th {
    background: var(--cert-color-surface-alt);
    font-weight: 600;
  }
  .status-valid {
    color: var(--cert-color-success);
    font-weight: 600;
  }
  .status-invalid {
    color: var(--cert-color-danger);
    font-weight: 600;
  }
  .status-warning {
    color: var(--cert-color-warning);
    font-weight: 600;
  }

  /* Tables become stacked rows on narrow screens: each cell shows its column's name. */
  @container (max-width: 60rem) {
    table,
    caption,
    thead,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    thead tr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      border: 1px solid var(--cert-color-border);
      border-radius: var(--cert-radius);
      margin-bottom: calc(var(--cert-spacing) * 0.5);
    }
    td {
      border: none;
      border-bottom: 1px solid var(--cert-color-border);
      display: grid;
      grid-template-columns: minmax(6.5em, 35%) 1fr;
      gap: 0.5em;
    }
    td:last-child {
      border-bottom: none;
    }
    td::before {
      content: attr(data-label);
      font-weight: 600;
      color: var(--cert-color-text-muted);
      /* 身分證字號/統編 breaks at the slash, not inside 統編. */
      word-break: keep-all;
    }
  }

  dialog {
    max-width: min(32rem, calc(100vw - 2rem));
    padding: 0;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface);
    color: var(--cert-color-text);
    box-shadow: 0 10px 30px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog [part~='dialog-body'] {
    padding: var(--cert-spacing);
  }
  dialog [part~='dialog-actions'] {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    padding: 0 var(--cert-spacing) var(--cert-spacing);
  }
`;

/** A line that says work is under way (`part="progress"`), with a spinner that stops under reduced motion. */
export const progressLine = css`
  [part~='progress']:empty {
    display: none;
  }
  [part~='progress'] {
    margin-bottom: 0;
    color: var(--cert-color-text-muted);
  }
  [part~='progress']:not(:empty)::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.9em;
    margin-right: 0.5em;
    vertical-align: -0.1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: cert-spin 0.8s linear infinite;
  }
  @keyframes cert-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='progress']:not(:empty)::before {
      animation: none;
    }
  }
  [part~='message'] p:last-child {
    margin-bottom: 0;
  }
`;

/** Tokens and building blocks: the first entries of every element's `static styles`. */
export const shared = [tokens, base];
