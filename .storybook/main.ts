// Storybook for designers: every element in every state, against the MSW mock CA.
// `npm run storybook` (dev, port 6006) and `npm run build-storybook` (storybook-static/) run
// `npm run manifest` first: controls and docs come from custom-elements.json.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  // public/mockServiceWorker.js: MSW's service worker, served beside iframe.html.
  staticDirs: ['../public'],
  addons: ['msw-storybook-addon', '@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  docs: { defaultName: 'Docs' },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      // The PKCS#12 worker of the core is a module worker.
      worker: { format: 'es' },
      // Every dependency the stories load, bundled before the first story: one found later makes
      // Vite bundle again and reload the page, and a story (or its test) that was loading fails.
      optimizeDeps: {
        include: [
          'lit', 'lit/decorators.js', 'lit/directives/live.js', 'lit/directives/keyed.js', 'lit/html.js', 'lit/directive.js',
          'lit/async-directive.js', 'lit/directive-helpers.js', 'lit/static-html.js', 'lit/directives/unsafe-html.js',
          '@lit/task', 'msw', 'msw/browser', 'ky', 'idb', 'des.js', '@abraham/reflection', '@peculiar/x509',
          '@wc-toolkit/storybook-helpers',
        ],
      },
    }),
};

export default config;
