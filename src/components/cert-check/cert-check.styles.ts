import { css } from 'lit';

/** The tables of 檢查憑證 and 憑證查詢及申請 (both elements use these). */
export const styles = css`
  [part~='base'] > * + * {
    margin-top: var(--cert-spacing);
  }
  section + section {
    margin-top: calc(var(--cert-spacing) * 1.75);
  }
  th,
  :is(.status-valid, .status-invalid, .status-warning) {
    /* Break where words do (身分證字號/統編 at the slash, 無效（…） before the bracket), not inside 憑證格式. */
    word-break: keep-all;
  }
  .date,
  td.label {
    white-space: nowrap;
  }
  td.serial {
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  td.action {
    white-space: nowrap;
  }
  td.action button {
    min-width: 4.5em;
  }
  td.message-cell {
    color: var(--cert-color-text-muted);
  }
  tr[part~='none'] td {
    vertical-align: middle;
  }
  [part~='message'] p:last-child {
    margin-bottom: 0;
  }
  .server-notice {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--cert-spacing) * 0.5) var(--cert-spacing);
    align-items: center;
    justify-content: space-between;
  }
  .server-notice p {
    flex: 1 1 20rem;
    margin: 0;
  }
  cert-dialog p,
  [part~='message'] {
    /* A serial number is one long word: it breaks rather than leave the box. */
    overflow-wrap: anywhere;
  }
  .live:empty {
    display: none;
  }
  @container (max-width: 60rem) {
    caption {
      display: block;
    }
    td.action button {
      justify-self: start;
    }
    td.message-cell {
      grid-template-columns: 1fr;
    }
    td.message-cell::before {
      content: none;
    }
    .date {
      white-space: normal;
    }
  }
`;
