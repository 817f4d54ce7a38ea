import { css } from 'lit';

export const styles = css`
  [part~='base'] > * + * {
    margin-top: var(--cert-spacing);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: none;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.35em;
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.35em 0;
  }
  .choice input {
    margin-top: 0.35em;
    flex: none;
  }
  .choice label {
    display: inline;
    font-weight: 400;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .choice .muted {
    display: block;
    font-size: 0.9em;
  }
  [part~='certificate'] {
    margin: 0;
  }
  [part~='certificate'] .label {
    font-weight: 600;
  }
  [part~='certificate'] .value {
    overflow-wrap: anywhere;
  }
  form > * + * {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  [part~='compatibility'] .options {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1.5em;
  }
  [part~='compatibility'] .hint {
    margin-top: 0.35em;
  }
  [part~='notes'] h3 {
    font-size: 1em;
    margin-bottom: 0.25em;
    color: var(--cert-color-text);
  }
  .file-name {
    overflow-wrap: anywhere;
  }
`;
