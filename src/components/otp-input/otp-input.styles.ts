import { css } from 'lit';

// One <input>, drawn as boxes by its own background: one box per digit (a tile of 3ch, the box
// 2.4ch of it), the digits spaced by letter-spacing to sit in them. --otp-length and --otp-active
// (the box of the next digit) are set by the element through this.style.setProperty.
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
  input[part~='input'] {
    box-sizing: border-box;
    display: block;
    width: calc((var(--otp-length) * 3 + 1.2) * 1ch);
    max-width: none;
    min-height: 0;
    height: 2.1em;
    margin: 0;
    padding: 0 0 0 0.7ch;
    border: none;
    border-radius: 0;
    font-family: ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace;
    font-size: var(--cert-otp-font-size);
    font-variant-numeric: tabular-nums;
    letter-spacing: 2ch;
    line-height: 2.1em;
    color: var(--cert-color-text);
    caret-color: var(--cert-color-primary);
    background-color: var(--cert-color-surface);
    background-image:
      /* what lies past the last box */
      linear-gradient(var(--cert-color-surface), var(--cert-color-surface)),
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
      1.7ch 100%,
      3ch 1px,
      3ch 1px,
      3ch 100%,
      3ch 100%;
    background-position:
      100% 0,
      0 0,
      0 100%,
      0 0,
      0 0;
    background-repeat: no-repeat, repeat-x, repeat-x, repeat-x, repeat-x;
  }
  input[part~='input']:focus {
    /* The box the next digit goes into is underlined while the field has the focus. */
    background-image:
      linear-gradient(var(--cert-color-surface), var(--cert-color-surface)),
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
      1.7ch 100%,
      2.4ch 3px,
      3ch 1px,
      3ch 1px,
      3ch 100%,
      3ch 100%;
    background-position:
      100% 0,
      calc(var(--otp-active) * 3ch) 100%,
      0 0,
      0 100%,
      0 0,
      0 0;
    background-repeat: no-repeat, no-repeat, repeat-x, repeat-x, repeat-x, repeat-x;
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
    input[part~='input'] {
      border: 1px solid CanvasText;
      letter-spacing: 0.5ch;
    }
  }
`;
