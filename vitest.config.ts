import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import type { BrowserCommand } from 'vitest/node';
import { runOpenssl, type OpensslRequest } from './test/support/openssl-runner.ts';
import { bundleComponents as bundle, type BundleRequest } from './test/support/bundle-components.ts';
import { buildLazyPage as lazyPage, lazyPagePlugin } from './test/support/lazy-page.ts';
import { pageShimPlugin } from './test/support/page-shim.ts';
import { propertyTestSettings } from './test/support/property-tests.ts';

if (Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`Node ${process.version} is too old: run the tests through "npm test" (it uses the project's Node 24)`);
}

// Element tests save screenshots here when run with VITE_SCREENSHOTS=1 (test/components/support.ts).
process.env.VITE_SCREENSHOTS_DIR ??= fileURLToPath(new URL('./shots', import.meta.url));

const openssl: BrowserCommand<[OpensslRequest]> = (_context, request) => runOpenssl(request);
const bundleComponents: BrowserCommand<[BundleRequest]> = (_context, request) => bundle(request);
// The page built with the browser bundle as shipped, for the test of what the first paint fetches.
const buildLazyPage: BrowserCommand<[]> = () => lazyPage();

/** The strict CSP of the elements' promise, sent as a real header with the test page that checks it. */
export const strictCsp = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:";
const strictCspPage: Plugin = {
  name: 'strict-csp-page',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url?.split('?')[0]?.endsWith('/test/components/csp/page.html')) res.setHeader('Content-Security-Policy', strictCsp);
      next();
    });
  },
};

// One seed for every property test of the run (FC_SEED, else a fixed one), FUZZ_RUNS for longer runs.
const propertyTests = { provide: { propertyTests: propertyTestSettings(process.env) }, setupFiles: ['./test/support/fast-check-setup.ts'] };

const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          ...propertyTests,
        },
      },
      {
        publicDir: 'public',
        plugins: [strictCspPage, lazyPagePlugin(), pageShimPlugin()],
        // Every dependency the browser tests load, bundled once before the run: a dependency found
        // mid-run makes Vite re-bundle and reload, and the test file loading then fails.
        optimizeDeps: {
          include: [
            'lit', 'lit/decorators.js', 'lit/directives/live.js', 'lit/directives/keyed.js', '@lit/task', 'axe-core',
            'msw', 'msw/browser', 'ky', 'idb', 'des.js', 'fast-check', '@peculiar/x509', 'pkijs', 'asn1js',
          ],
        },
        test: {
          name: 'browser',
          // The crypto runs in both: its tests are included here as well as in Node.
          include: ['test/**/*.browser.test.ts', 'test/core/crypto/**/*.test.ts'],
          exclude: ['test/**/*.node.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          ...propertyTests,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
            }),
            commands: { openssl, bundleComponents, buildLazyPage },
          },
        },
      },
      {
        // Every story of stories/ as a test: its play function in Chromium, then axe (a11y test: 'error').
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
            }),
          },
        },
      },
    ],
  },
});
