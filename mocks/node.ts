// The mock CA in Node: a thin layer over MSW's `setupServer`.
import { setupServer, type SetupServer } from 'msw/node';
import type { MockBackend } from './types.ts';

/**
 * An MSW server answering with the backend's handlers; call `listen()` to start it.
 * @example const server = setupMockServer(backend); server.listen({ onUnhandledRequest: 'error' });
 */
export function setupMockServer(backend: MockBackend): SetupServer {
  return setupServer(...backend.handlers);
}
