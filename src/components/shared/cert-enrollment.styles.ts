import { css } from 'lit';

/** The screens apply and renew share: the steps of the wait, the spacing of each step. */
export const enrollmentStyles = css`
  [part~='base'] > * + * {
    margin-top: var(--cert-spacing);
  }
  .step > * + * {
    margin-top: calc(var(--cert-spacing) * 0.75);
  }
  [part~='success'] [part~='message'] p:last-child {
    margin-bottom: 0;
  }
  .steps {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.35em;
  }
  .steps li {
    display: flex;
    gap: 0.6em;
    align-items: baseline;
    color: var(--cert-color-text-muted);
  }
  .steps li::before {
    content: '';
    flex: none;
    width: 0.8em;
    height: 0.8em;
    border-radius: 50%;
    border: 2px solid currentColor;
    transform: translateY(0.1em);
  }
  .steps li.done {
    color: var(--cert-color-success);
  }
  .steps li.done::before {
    background: currentColor;
  }
  .steps li.current {
    color: var(--cert-color-text);
    font-weight: 600;
  }
  .steps li.current::before {
    border-color: var(--cert-color-primary);
    border-right-color: transparent;
    animation: spin 0.9s linear infinite;
  }
  .steps li.stopped {
    color: var(--cert-color-danger);
    font-weight: 600;
  }
  @keyframes spin {
    to {
      transform: translateY(0.1em) rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .steps li.current::before {
      animation: none;
    }
  }
`;
