// The host page of the lazy-loading test: the browser bundle as dist/browser ships it, and
// <cert-center> with a center against the mock. `?worker=0` keeps the PKCS#12 work on the page.
import { createCertCenter } from './browser/cert-center.js';

const params = new URLSearchParams(location.search);
const harness = await window.lazyHarness;
const center = createCertCenter({
  getAccessToken: () => harness.token,
  clock: () => harness.backend.clock.now(),
  name: `cert-center-lazy-${Date.now()}`,
  keyAlgorithm: 'ECDSA-P256',
  pkcs12Iterations: 2048,
  worker: params.get('worker') !== '0',
});
const el = document.createElement('cert-center');
el.center = center;
document.body.append(el);
window.lazyPage = { center, el, lastCode: harness.lastCode };
document.documentElement.dataset.ready = 'true';
