import { css } from 'lit';

export const styles = css`
  :host {
    --cert-center-nav-width: 14rem;
  }
  .center {
    display: grid;
    grid-template-columns: var(--cert-center-nav-width) minmax(0, 1fr);
    grid-template-areas: 'nav page';
    gap: var(--cert-spacing);
  }
  .bar {
    display: none;
  }
  nav {
    grid-area: nav;
    border-right: 1px solid var(--cert-color-border);
    padding-right: calc(var(--cert-spacing) * 0.5);
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  nav a,
  nav .logout {
    display: block;
    width: 100%;
    padding: 0.55em 0.75em;
    border-radius: var(--cert-radius);
    color: var(--cert-color-text);
    text-decoration: none;
    text-align: left;
    font-weight: 500;
  }
  nav a:hover,
  nav .logout:hover {
    background: var(--cert-color-surface-alt);
  }
  nav a[aria-current='page'] {
    background: var(--cert-color-primary);
    color: var(--cert-color-on-primary);
    font-weight: 700;
  }
  nav .logout {
    margin-top: 0.5em;
    border-top: 1px solid var(--cert-color-border);
    border-radius: 0;
    min-height: 2.5rem;
  }
  .page {
    grid-area: page;
    min-width: 0;
  }
  .page:focus {
    outline: none;
  }
  .page > [part~='message'] {
    margin-bottom: var(--cert-spacing);
  }

  /* Narrow screens: the menu collapses behind a button. */
  @container (max-width: 48rem) {
    .center {
      grid-template-columns: minmax(0, 1fr);
      grid-template-areas: 'bar' 'nav' 'page';
      gap: calc(var(--cert-spacing) * 0.5);
    }
    .bar {
      grid-area: bar;
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--cert-spacing);
      border-bottom: 1px solid var(--cert-color-border);
      padding-bottom: calc(var(--cert-spacing) * 0.5);
    }
    .title {
      margin: 0;
      font-weight: 700;
      font-size: 1.1em;
    }
    nav {
      display: none;
      border-right: none;
      padding-right: 0;
    }
    .menu-open nav {
      display: block;
    }
  }
`;
