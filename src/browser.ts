// The self-contained browser bundle (dist/browser/cert-center.js): the core's API and, once
// loaded, every element registered. The crypto that only some steps need (CSR, CMS, PKCS#12)
// stays in chunks beside it, fetched when a step first needs it (src/core/lazy-crypto.ts).
export * from './core/index';
export * from './components/index';
