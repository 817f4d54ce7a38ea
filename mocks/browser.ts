// The mock CA in the browser: a thin layer over MSW's `setupWorker` (the service worker file
// is `public/mockServiceWorker.js`, written by `npx msw init public`).
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { MockBackend } from './types.ts';

/**
 * An MSW service worker answering with the backend's handlers; call `start()` to register it.
 * @example const worker = setupMockWorker(backend); await worker.start({ quiet: true });
 */
export function setupMockWorker(backend: MockBackend): SetupWorker {
  return setupWorker(...backend.handlers);
}
