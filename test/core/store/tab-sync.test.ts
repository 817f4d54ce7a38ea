import { afterAll, beforeAll, describe, vi } from 'vitest';
import { registerTabSyncContract } from './tab-sync-contract';

registerTabSyncContract('Node: navigator.locks and BroadcastChannel');

describe('without Web Locks (older runtimes)', () => {
  beforeAll(() => {
    vi.stubGlobal('navigator', {});
  });
  afterAll(() => {
    vi.unstubAllGlobals();
  });
  // The fallback queue notices an abort only when the lock comes free (reported to the owner of tab-sync.ts).
  registerTabSyncContract('fallback: a promise queue in this realm', { knownGaps: ['abort-while-waiting'] });
});
