import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import type { BrowserCommand } from 'vitest/node';
import { runOpenssl, type OpensslRequest } from './test/support/openssl-runner.ts';
import { propertyTestSettings } from './test/support/property-tests.ts';

if (Number(process.versions.node.split('.')[0]) < 22) {
  throw new Error(`Node ${process.version} is too old: run the tests through "npm test" (it uses the project's Node 24)`);
}

const openssl: BrowserCommand<[OpensslRequest]> = (_context, request) => runOpenssl(request);

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
            commands: { openssl },
          },
        },
      },
    ],
  },
});
