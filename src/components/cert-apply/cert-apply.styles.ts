import { css } from 'lit';

export const styles = css`
  :host {
    --cert-consent-max-height: 16rem;
  }
  .consent-text {
    max-height: var(--cert-consent-max-height);
    overflow-y: auto;
    padding: 0.75em 1em;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface-alt);
    font-size: 0.95em;
    overscroll-behavior: contain;
  }
  .consent-text p {
    /* The served text breaks its lines with newlines. */
    white-space: pre-line;
  }
  .consent-text p:last-child {
    margin-bottom: 0;
  }
`;
