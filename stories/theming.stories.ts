// Theming: the elements take their colours, corners, type and spacing from `--cert-*` custom
// properties (defaults on :host) and their blocks from `::part()`. Four brands side by side, each
// a few lines of the host page's CSS on the elements themselves; the inner elements (the code
// step inside 更新, its code field, its pop-up) follow the theme of the element they are in.
import { html, unsafeCSS } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { importedSeed } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { screenOf } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

/** A brand: its name and the page's CSS for it. */
interface Brand {
  id: string;
  name: string;
  tokens: Record<string, string>;
  parts?: string;
}

const brands: Brand[] = [
  { id: 'default', name: 'Default', tokens: {} },
  {
    id: 'harbour',
    name: 'Harbour (teal, square)',
    tokens: {
      '--cert-color-primary': '#00695c',
      '--cert-color-primary-hover': '#004d40',
      '--cert-color-on-primary': '#ffffff',
      '--cert-color-focus': '#00897b',
      '--cert-radius': '0',
    },
  },
  {
    id: 'crimson',
    name: 'Crimson (red, round, roomy)',
    tokens: {
      '--cert-color-primary': '#9b1c31',
      '--cert-color-primary-hover': '#7a1526',
      '--cert-color-on-primary': '#ffffff',
      '--cert-color-focus': '#c2185b',
      '--cert-radius': '18px',
      '--cert-spacing': '1.4rem',
    },
    parts: `::part(title) { letter-spacing: 0.08em; }`,
  },
  {
    id: 'ink',
    name: 'Ink (a dark brand page)',
    tokens: {
      '--cert-color-primary': '#f5c542',
      '--cert-color-primary-hover': '#ffd966',
      '--cert-color-on-primary': '#1b1b1b',
      '--cert-color-text': '#f1f1f1',
      '--cert-color-text-muted': '#c9c9c9',
      '--cert-color-surface': '#1b1d24',
      '--cert-color-surface-alt': '#262a33',
      '--cert-color-border': '#4a4f5c',
      '--cert-color-focus': '#f5c542',
      '--cert-color-warning': '#f5c542',
      '--cert-color-warning-surface': '#3a3115',
      '--cert-color-success': '#8fd19e',
      '--cert-color-danger': '#ff8a80',
      '--cert-font-size': '0.95rem',
    },
  },
];

/** The host page's stylesheet: each brand's tokens on the elements of its column, and its parts. */
const css = brands
  .map((b) => {
    const tokens = Object.entries(b.tokens).map(([k, v]) => `${k}: ${v};`).join(' ');
    const parts = b.parts ? `.brand-${b.id} cert-renew${b.parts}` : '';
    return `.brand-${b.id} :is(cert-renew, cert-overview) { ${tokens} } ${parts}`;
  })
  .join('\n');

const meta = {
  title: 'Theming',
  tags: ['!autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Four copies of one page side by side name their code steps alike; a page has one each.
    a11y: { config: { rules: [{ id: 'landmark-unique', enabled: false }] } },
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

/**
 * 更新 and 憑證查詢及申請 in four brands: primary colour, corners, spacing, a dark page. Each column is
 * themed by the host page's CSS on the elements (`cert-renew { --cert-color-primary: … }`); the
 * code step inside `<cert-renew>` takes the same theme.
 */
export const Brands: Story = {
  ...scene({ backend: { scenario: 'renewal-due' }, before: async (kit) => void (await importedSeed(kit)) }),
  render: (_args, context) => {
    const kit = kitOf(context);
    return html`<style>
        ${unsafeCSS(css)}
        .brands { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1.5rem; padding: 1.5rem; }
        .brand { border: 1px dashed #8a949e; padding: 1rem; }
        .brand > cert-overview { margin-top: 2rem; }
        .brand-ink { background: #111318; }
        .brand > h2 { margin: 0 0 0.75rem; font: 600 0.9rem system-ui, sans-serif; color: #52606d; }
        .brand-ink > h2,
        html[data-cert-scheme='dark'] .brand > h2 { color: #c9c9c9; }
      </style>
      <div class="brands">
        ${brands.map(
          (b) => html`<section class="brand brand-${b.id}" aria-label=${b.name}>
            <h2>${b.name}</h2>
            <cert-renew .center=${kit.center} .timers=${kit.timers}></cert-renew>
            <cert-overview .center=${kit.center}></cert-overview>
          </section>`,
        )}
      </div>`;
  },
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const buttons = await (async () => {
      await screen.findByRole('region', { name: brands[0]!.name });
      return Promise.all(brands.map(async (b) => screenOf(await screen.findByRole('region', { name: b.name })).findByRole('button', { name: t.otp.request })));
    })();
    // Each brand's primary colour reaches the button inside the code step inside <cert-renew>.
    const colours = buttons.map((button) => getComputedStyle(button).backgroundColor);
    await expect(new Set(colours).size).toBe(brands.length);
    const harbour = buttons[1]!;
    await expect(getComputedStyle(harbour).backgroundColor).toBe('rgb(0, 105, 92)');
    await expect(getComputedStyle(harbour).borderTopLeftRadius).toBe('0px');
  },
};
export const BrandsEnglish = inEnglish(Brands);
export const BrandsDark = inDark(Brands);
