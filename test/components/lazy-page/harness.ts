// The mock CA behind MSW's service worker for the page of the lazy-loading test, bundled on its own
// (test/support/lazy-page.ts): the page loads it first, then the browser bundle as a host would.
import { createMockBackend, type ScenarioName } from '../../../mocks/index.ts';
import { setupMockWorker } from '../../../mocks/browser.ts';

const scenario = (new URLSearchParams(location.search).get('scenario') ?? 'new-customer') as ScenarioName;

(window as unknown as { lazyHarness: Promise<unknown> }).lazyHarness = (async () => {
  const backend = createMockBackend({ now: new Date('2026-03-01T02:00:00.000Z'), scenario });
  await setupMockWorker(backend).start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  await backend.ready;
  const customer = backend.customers[0]!;
  return { backend, token: customer.token, lastCode: () => backend.inbox.last(customer.idNumber)?.code };
})();
