import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }
  .title {
    margin: 0;
    padding: var(--cert-spacing) var(--cert-spacing) 0;
    font-size: 1.05em;
  }
`;
