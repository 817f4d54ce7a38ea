import { css } from 'lit';

export const styles = css`
  .limit-note p:last-child,
  .done p:last-child {
    margin-bottom: 0;
  }
  .limit-note .left {
    color: var(--cert-color-text);
    font-weight: 600;
  }
  .intro {
    font-weight: 600;
  }
  .done h3 {
    color: inherit;
  }
  .step > * + * {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  cert-dialog .question {
    font-weight: 600;
  }
  cert-dialog::part(dialog) {
    /* 「認證成功」 alone would make a dialog narrower than its title bar looks right at. */
    min-width: min(20rem, calc(100vw - 2rem));
  }
`;
