// Every story: the elements registered, their manifest for controls and docs, MSW's service
// worker (each story installs its own mock backend's handlers), axe on every story as a test
// (`a11y.test: 'error'`), and the toolbar's locale (zh-Hant | en) and colour scheme (light | dark).
import { html } from 'lit';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import manifest from '../custom-elements.json';
import '../src/components/index.ts';
import { applyScheme, type Scheme } from './color-scheme.ts';
import './preview.css';

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({
  categoryOrder: ['attributes', 'properties', 'events', 'slots', 'cssParts', 'cssProps', 'methods'],
  hideArgRef: true,
  // A story renders and plays; the element's own changes of its attributes are no edits of its args.
  disableArgObserver: true,
});

/** Every element of the manifest (the colour scheme is switched in their style sheets). */
const tags = (manifest.modules as { declarations?: { tagName?: string }[] }[]).flatMap((m) => (m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : [])));

/** The story inside a wrapper that carries the locale (the elements take the nearest ancestor's), in the scheme. */
const withLocaleAndScheme: Decorator = (story, context) => {
  const locale = context.globals['locale'] === 'en' ? 'en' : 'zh-Hant';
  const scheme: Scheme = context.globals['scheme'] === 'dark' ? 'dark' : 'light';
  applyScheme(scheme, tags);
  return html`<div class="cert-story" locale=${locale} lang=${locale}>${story()}</div>`;
};

/**
 * One story plays at a time in this browser: a docs page shows each story in a frame of its own,
 * and plays that type and click in several frames at once would take the focus from each other.
 */
const oneAtATime: NonNullable<Preview['beforeEach']> = async () => {
  if (!navigator.locks) return undefined;
  let release = () => {};
  await new Promise<void>((acquired) => {
    void navigator.locks.request('cert-center-story', () => new Promise<void>((done) => ((release = done), acquired())));
  });
  playing = release;
  // A play that fails never reaches afterEach: the next story waits a minute at most.
  const limit = setTimeout(release, 60_000);
  return () => {
    clearTimeout(limit);
    release();
  };
};
let playing = () => {};

const preview: Preview = {
  // msw-storybook-addon 3: the loader starts the worker once (our own set-up: MSW 3 names the
  // option onUnhandledFrame; Storybook's own files pass through) and resets the handlers before each story.
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        quiet: true,
        onUnhandledFrame: 'bypass',
        // Beside iframe.html in Storybook; at the root of the test server under Vitest.
        serviceWorker: { url: import.meta.env['VITEST_STORYBOOK'] === undefined ? './mockServiceWorker.js' : '/mockServiceWorker.js' },
      });
      return worker;
    }),
  ],
  decorators: [withLocaleAndScheme],
  beforeEach: oneAtATime,
  afterEach: () => playing(),
  globalTypes: {
    locale: {
      description: 'The locale of the elements',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'zh-Hant', title: '繁體中文 (zh-Hant)', right: 'default' },
          { value: 'en', title: 'English (en)' },
        ],
        dynamicTitle: true,
      },
    },
    scheme: {
      description: 'The colour scheme (the elements follow prefers-color-scheme)',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-Hant', scheme: 'light' },
  tags: ['autodocs'],
  parameters: {
    layout: 'padded',
    // Any axe violation in any story fails its test.
    a11y: { test: 'error' },
    controls: { expanded: true },
    backgrounds: { disable: true },
    // The narrow screen of the stories (the elements stack their tables below 40rem, the center collapses its menu).
    viewport: { options: { phone: { name: 'Phone (390 px)', styles: { width: '390px', height: '844px' }, type: 'mobile' } } },
    docs: {
      // Each story in its own frame: its own page, so its own mock backend behind the worker.
      story: { inline: false, iframeHeight: 720 },
      source: { excludeDecorators: true },
    },
    options: {
      storySort: { order: ['Introduction', 'Journey', 'Theming', 'Elements', ['cert-center', '*']] },
    },
  },
};

export default preview;
