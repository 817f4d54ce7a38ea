// The one place that names the PKCS#12 worker's file, in the form bundlers recognise and rewrite
// (`new Worker(new URL('./…', import.meta.url), { type: 'module' })`: Vite and webpack bundle the
// worker; rollup.config.mjs and scripts/build-browser.mjs point it at the built .js). The backups
// run in this worker, and the computer check starts this same file, so a page's `worker-src` is
// judged on the worker the center really uses (a `blob:` probe is refused by `worker-src 'self'`).

/** Starts the PKCS#12 module worker (pkcs12-worker.ts). Throws where workers cannot start. */
export function startPkcs12Worker(): Worker {
  return new Worker(new URL('./pkcs12-worker.ts', import.meta.url), { type: 'module', name: 'cert-center-pkcs12' });
}
