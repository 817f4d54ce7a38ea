// A page served with a strict Content-Security-Policy header (vitest.config.ts): every element
// of the center against the mock CA behind MSW's service worker. listen.ts, the first script,
// counts violations; the test drives the elements from the parent frame.
import { createMockBackend, type ScenarioName } from '../../../mocks/index.ts';
import { setupMockWorker } from '../../../mocks/browser.ts';
import { createCertCenter } from '../../../src/core/index.ts';
import '../../../src/components/index.ts';
// Elements the index does not register yet (the integrator adds them there).
import '../../../src/components/cert-renew/cert-renew.ts';
import '../../../src/components/cert-revoke/cert-revoke.ts';
import { violations } from './listen.ts';

const scenario = (new URLSearchParams(location.search).get('scenario') ?? 'new-customer') as ScenarioName;
const backend = createMockBackend({ now: new Date('2026-03-01T02:00:00.000Z'), scenario });
const worker = setupMockWorker(backend);
await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
await backend.ready;
const customer = backend.customers[0]!;
const center = createCertCenter({
  getAccessToken: () => customer.token,
  clock: () => backend.clock.now(),
  name: `cert-center-csp-${Date.now()}`,
  keyAlgorithm: 'ECDSA-P256',
  pkcs12Iterations: 2048,
});

/** Mounts an element with the page's center. */
function mount(tag: string, attributes: Record<string, string> = {}): HTMLElement {
  const el = document.createElement(tag) as HTMLElement & { center?: unknown };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.center = center;
  document.body.append(el);
  return el;
}

Object.assign(window, { cspPage: { violations, backend, center, mount, lastCode: () => backend.inbox.last(customer.idNumber)?.code } });
document.documentElement.dataset.ready = 'true';
