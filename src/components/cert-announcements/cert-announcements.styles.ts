import { css } from 'lit';

export const styles = css`
  .live {
    margin-bottom: var(--cert-spacing);
  }
  /* Kept in the page when empty, so that what it says next is announced. */
  .live:empty {
    margin: 0;
  }
  [part~='message'].error {
    margin-bottom: var(--cert-spacing);
  }
  [part~='message'].error p {
    margin-bottom: 0.5em;
  }
  .announcements {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .announcement {
    padding: 0.8em 1em;
    border: 1px solid var(--cert-color-border);
    border-left: 4px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
  }
  .announcement + .announcement {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  .announcement.warning {
    border-left-color: var(--cert-color-warning);
  }
  .announcement h3 {
    margin-bottom: 0.25em;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    margin-right: 0.4em;
    padding: 0.05em 0.5em;
    border: 1px solid var(--cert-color-warning);
    border-radius: 999px;
    background: var(--cert-color-warning-surface);
    color: var(--cert-color-warning);
    font-size: 0.85em;
    vertical-align: 0.1em;
    white-space: nowrap;
  }
  .icon {
    flex: none;
    width: 1em;
    height: 1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .meta {
    font-size: 0.9em;
    color: var(--cert-color-text-muted);
    margin-bottom: 0.4em;
  }
  .body {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
`;
