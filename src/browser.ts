// The self-contained browser bundle (dist/browser/cert-center.js): the core's API and, once
// loaded, every element registered.
export * from './core/index';
export * from './components/index';
