import { css } from 'lit';

export const styles = css`
  .summary-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--cert-spacing) * 0.75);
    margin: var(--cert-spacing) 0 calc(var(--cert-spacing) * 0.5);
  }
  .summary {
    flex: 1 1 18rem;
    display: flex;
    align-items: flex-start;
    gap: 0.5em;
    padding: 0.6em 0.9em;
    border-radius: var(--cert-radius);
    border-left: 4px solid var(--cert-color-primary);
    background: var(--cert-color-surface-alt);
    font-weight: 600;
  }
  .summary.pass {
    border-color: var(--cert-color-success);
    background: var(--cert-color-success-surface);
    color: var(--cert-color-success);
  }
  .summary.warn {
    border-color: var(--cert-color-warning);
    background: var(--cert-color-warning-surface);
    color: var(--cert-color-warning);
  }
  .summary.fail {
    border-color: var(--cert-color-danger);
    background: var(--cert-color-danger-surface);
    color: var(--cert-color-danger);
  }
  .summary-text {
    display: flex;
    flex-direction: column;
    gap: 0.2em;
  }
  .reason {
    font-weight: 400;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: progress;
  }

  .icon {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin-top: 0.15em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .spinner {
    flex: none;
    width: 1.1em;
    height: 1.1em;
    margin-top: 0.2em;
    border: 3px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-right-color: currentColor;
      opacity: 0.6;
    }
  }

  .checked-at {
    font-size: 0.9em;
  }
  .checks {
    list-style: none;
    margin: 0;
    padding: 0;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
  }
  /* Re-checking: the last results stay readable (no fading), on the muted surface. */
  .checks[aria-busy='true'] {
    background: var(--cert-color-surface-alt);
    border-style: dashed;
  }
  .check {
    padding: 0.75em 0.9em;
    border-left: 4px solid transparent;
  }
  .check + .check {
    border-top: 1px solid var(--cert-color-border);
  }
  .check.warn {
    border-left-color: var(--cert-color-warning);
  }
  .check.fail {
    border-left-color: var(--cert-color-danger);
  }
  .check-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25em 1em;
    margin-bottom: 0.25em;
  }
  .check-name {
    margin: 0;
    font-size: 1em;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.35em;
    font-weight: 600;
    white-space: nowrap;
  }
  .status .icon {
    margin-top: 0;
  }
  .status.pass {
    color: var(--cert-color-success);
  }
  .status.warn {
    color: var(--cert-color-warning);
  }
  .status.fail {
    color: var(--cert-color-danger);
  }
  .status.skip {
    color: var(--cert-color-text-muted);
  }
  .about,
  .measure,
  .check .muted {
    margin: 0.2em 0 0;
    font-size: 0.95em;
  }
  .about {
    color: var(--cert-color-text-muted);
  }
  .advice {
    margin: 0.4em 0 0;
  }
  .advice strong {
    margin-right: 0.25em;
  }
`;
