import { css } from 'lit';

export const styles = css`
  .certificate {
    padding: 0.6em 0.9em;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface-alt);
    /* A serial number is one long word: it breaks rather than leave the box. */
    overflow-wrap: anywhere;
  }
  .certificate p:last-child {
    margin-bottom: 0;
  }
  .label {
    font-weight: 600;
  }
  .date {
    white-space: nowrap;
  }
`;
