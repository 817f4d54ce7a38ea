import { css } from 'lit';

// One <input>, drawn as boxes by its own background: one box per digit (a tile of 3ch, the box
// 2.4ch of it), the digits spaced by letter-spacing to sit in them; a wrapper as wide as the boxes
// clips what lies past the last one. --otp-length and --otp-active (the box of the next digit) are
// set by the element through this.style.setProperty.
export const styles = css`
  :host {
    --cert-otp-font-size: 1.5rem;
    --cert-otp-box-color: var(--cert-color-surface);
    --cert-otp-box-border: var(--cert-color-border);
    --otp-length: 4;
    --otp-active: 0;
    /* A container of its own would have no width in a flex row. */
    container-type: normal;
  }
  [part~='base'] {
    background: transparent;
  }
  label {
    font-weight: 600;
  }
  .boxes {
    display: block;
    width: calc((var(--otp-length) * 3 - 0.6) * 1ch);
    /* clip, not hidden: a hidden overflow still scrolls to show the caret after the last digit. */
    overflow: hidden;
    overflow: clip;
    font-family: ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
    font-size: var(--cert-otp-font-size);
    font-variant-numeric: tabular-nums;
    border-radius: 2px;
  }
  .boxes:focus-within {
    outline: 3px solid var(--cert-color-focus);
    outline-offset: 3px;
  }
  input[part~='input'] {
    box-sizing: border-box;
    display: block;
    /* Wider than its boxes by the space after the last digit, which the wrapper clips: the text never scrolls. */
    width: calc((var(--otp-length) * 3 + 1.2) * 1ch);
    max-width: none;
    min-height: 0;
    height: 2.1em;
    margin: 0;
    padding: 0 0 0 0.7ch;
    border: none;
    border-radius: 0;
    font: inherit;
    letter-spacing: 2ch;
    line-height: 2.1em;
    color: var(--cert-color-text);
    caret-color: var(--cert-color-primary);
    background-color: transparent;
    background-image:
      /* top and bottom edges */
      linear-gradient(to right, var(--cert-otp-box-border) 0 2.4ch, transparent 2.4ch),
      linear-gradient(to right, var(--cert-otp-box-border) 0 2.4ch, transparent 2.4ch),
      /* left and right edges */
      linear-gradient(
        to right,
        var(--cert-otp-box-border) 0 1px,
        transparent 1px calc(2.4ch - 1px),
        var(--cert-otp-box-border) calc(2.4ch - 1px) 2.4ch,
        transparent 2.4ch
      ),
      /* the boxes */
      linear-gradient(to right, var(--cert-otp-box-color) 0 2.4ch, transparent 2.4ch);
    background-size:
      3ch 1px,
      3ch 1px,
      3ch 100%,
      3ch 100%;
    background-position:
      0 0,
      0 100%,
      0 0,
      0 0;
    background-repeat: repeat-x;
  }
  input[part~='input']:focus-visible {
    outline: none;
  }
  input[part~='input']:focus {
    /* The box the next digit goes into is underlined while the field has the focus. */
    background-image:
      linear-gradient(var(--cert-color-primary), var(--cert-color-primary)),
      linear-gradient(to right, var(--cert-otp-box-border) 0 2.4ch, transparent 2.4ch),
      linear-gradient(to right, var(--cert-otp-box-border) 0 2.4ch, transparent 2.4ch),
      linear-gradient(
        to right,
        var(--cert-otp-box-border) 0 1px,
        transparent 1px calc(2.4ch - 1px),
        var(--cert-otp-box-border) calc(2.4ch - 1px) 2.4ch,
        transparent 2.4ch
      ),
      linear-gradient(to right, var(--cert-otp-box-color) 0 2.4ch, transparent 2.4ch);
    background-size:
      2.4ch 3px,
      3ch 1px,
      3ch 1px,
      3ch 100%,
      3ch 100%;
    background-position:
      calc(var(--otp-active) * 3ch) 100%,
      0 0,
      0 100%,
      0 0,
      0 0;
    background-repeat: no-repeat, repeat-x, repeat-x, repeat-x, repeat-x;
  }
  input[part~='input'][aria-invalid='true'] {
    --cert-otp-box-border: var(--cert-color-danger);
  }
  input[part~='input']:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  @media (max-width: 30rem) {
    :host {
      --cert-otp-font-size: 1.25rem;
    }
  }
  @media (forced-colors: active) {
    .boxes {
      width: auto;
    }
    input[part~='input'] {
      border: 1px solid CanvasText;
      letter-spacing: 0.5ch;
    }
  }
`;
