import { css } from 'lit';

export const styles = css`
  [part~='base'] > * + * {
    margin-top: var(--cert-spacing);
  }
  form > * + * {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  [part~='drop-zone'] {
    padding: var(--cert-spacing);
    border: 2px dashed var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface-alt);
    transition: border-color var(--cert-transition), background var(--cert-transition);
  }
  [part~='drop-zone'].dragging {
    border-color: var(--cert-color-primary);
    background: var(--cert-color-surface);
  }
  [part~='drop-zone'].invalid {
    border-color: var(--cert-color-danger);
  }
  input[type='file'] {
    display: block;
    max-width: 100%;
    margin-top: 0.25em;
    font: inherit;
  }
  input[type='file']::file-selector-button {
    margin-right: 0.75em;
    padding: 0.35em 0.9em;
    border: 1px solid var(--cert-color-primary);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface);
    color: var(--cert-color-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .chosen {
    margin: 0.5em 0 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .drop-text {
    margin: 0.5em 0 0;
  }
  [part~='result'] h3:focus {
    outline: none;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25em 1em;
    margin: 0.5em 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @container (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
    dd + dt {
      margin-top: 0.35em;
    }
  }
`;
