import { describeError, isBrowserScope, type EnvironmentScope } from './environment-scope';
import type { CheckOutcome } from './run-check';

/**
 * Whether Web Locks work: they keep two tabs from applying or renewing at the same time.
 * Takes and releases a uniquely named lock (`ifAvailable`, so it never waits).
 */
export async function checkWebLocks(scope: EnvironmentScope): Promise<CheckOutcome> {
  const locks = scope.navigator?.locks;
  if (typeof locks?.request !== 'function') {
    return isBrowserScope(scope)
      ? { status: 'warn', detail: 'navigator.locks is missing: two tabs could run conflicting operations', advice: 'update-browser' }
      : { status: 'skip', detail: 'no Web Locks here' };
  }
  const name = `cert-center-check-${Math.random().toString(36).slice(2)}`;
  try {
    const granted = await locks.request(name, { ifAvailable: true }, async (lock) => lock !== null);
    if (granted !== true) return { status: 'warn', detail: 'a free lock was not granted', advice: 'update-browser' };
    return { status: 'pass', detail: 'took and released a lock' };
  } catch (error) {
    // Chromium throws SecurityError for opaque origins (sandboxed frames, data: URLs).
    return { status: 'warn', detail: `navigator.locks: ${describeError(error)}`, advice: 'contact-support' };
  }
}
