import { css } from 'lit';

export const styles = css`
  a {
    color: var(--cert-color-primary);
  }
  a:hover {
    color: var(--cert-color-primary-hover);
  }
  .contents {
    margin: var(--cert-spacing) 0 calc(var(--cert-spacing) * 1.5);
    padding: 0.75em 1em;
    border: 1px solid var(--cert-color-border);
    border-radius: var(--cert-radius);
    background: var(--cert-color-surface-alt);
  }
  .contents h3 {
    margin-bottom: 0.4em;
    scroll-margin-top: calc(var(--cert-spacing) * 2);
  }
  .contents ol {
    margin: 0;
    padding-left: 1.6em;
    columns: 2 14rem;
    column-gap: 2rem;
  }
  .contents li {
    padding: 0.15em 0;
    break-inside: avoid;
  }
  .contents a[aria-current='location'] {
    font-weight: 700;
  }
  .section {
    padding: var(--cert-spacing) 0 var(--cert-spacing) var(--cert-spacing);
    border-top: 1px solid var(--cert-color-border);
    border-left: 4px solid transparent;
    scroll-margin-top: var(--cert-spacing);
  }
  .section.current {
    border-left-color: var(--cert-color-primary);
  }
  .steps {
    counter-reset: step;
    list-style: none;
    margin: 0.5em 0;
    padding: 0;
  }
  .steps li {
    counter-increment: step;
    position: relative;
    padding-left: 2.4em;
    min-height: 1.8em;
  }
  .steps li + li {
    margin-top: 0.45em;
  }
  .steps li::before {
    content: counter(step);
    position: absolute;
    left: 0;
    top: 0.05em;
    width: 1.7em;
    height: 1.7em;
    border-radius: 50%;
    background: var(--cert-color-primary);
    color: var(--cert-color-on-primary);
    font-size: 0.85em;
    font-weight: 700;
    line-height: 1.7em;
    text-align: center;
  }
  .notes {
    margin-top: 0.75em;
  }
  .notes h4 {
    margin: 0 0 0.25em;
    font-size: 1em;
  }
  .back {
    margin: 0.75em 0 0;
    font-size: 0.92em;
  }
`;
