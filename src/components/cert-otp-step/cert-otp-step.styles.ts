import { css } from 'lit';

export const styles = css`
  [part~='base'] > * + * {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  .countdown {
    min-width: 3.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    color: var(--cert-color-danger);
  }
  form.code {
    display: grid;
    justify-items: start;
    gap: calc(var(--cert-spacing) * 0.75);
  }
  .notes h4 {
    margin: 0;
    font-size: 1em;
  }
`;
