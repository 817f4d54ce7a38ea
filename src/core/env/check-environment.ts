import { CertCenterError, guardSync, throwIfAborted } from '../errors';

import { judgeBrowser, parseBrowser } from './browser-version';
import { checkClockSkew } from './clock-skew';
import { checkCookies } from './cookies-check';
import type { EnvironmentCheck, EnvironmentCheckId, EnvironmentReport } from './environment-report';
import { environmentCheckIds } from './environment-report';
import type { EnvironmentScope } from './environment-scope';
import { runCheck, type CheckOutcome } from './run-check';
import { checkSecureContext } from './secure-context-check';
import { checkIndexedDb, checkPersistentStorage } from './storage-checks';
import { checkWebLocks } from './web-locks-check';
import { checkPbkdf2, checkSigning } from './webcrypto-checks';
import { checkWorkers } from './workers-check';
import { isValidDate } from '../time';
import { optionsArgument, signalArgument } from '../arguments';

export interface CheckEnvironmentOptions {
  /** The server's time, usually its HTTP `Date` header; without it the clock check is skipped. */
  serverTime?: () => Promise<Date | undefined>;
  /** This computer's clock. Default `() => new Date()`. */
  now?: () => Date;
  signal?: AbortSignal;
  /** Ask the browser for persistent storage when not yet granted (may prompt in Firefox). Default false. */
  requestPersistence?: boolean;
  /** Longest wait for any one check before it counts as failed. Default 15 000 ms; at most about 24.8 days (2^31 − 1 ms). */
  timeoutMs?: number;
  /** The global object to examine. Default `globalThis`; tests pass a stand-in. */
  scope?: EnvironmentScope;
}

/** The longest delay `setTimeout` keeps (about 24.8 days): a longer one would fire at once. */
const maxTimerMs = 2_147_483_647;

/**
 * The computer check (電腦檢測): secure context, WebCrypto actually generating and signing
 * with RSA and ECDSA, PBKDF2 and AES for backups, IndexedDB storing a `CryptoKey`, persistent
 * storage, clock skew against the server, cookies, browser version, Web Locks and module
 * workers. One item per check, in {@link environmentCheckIds} order; `ok` is false when any
 * item failed. Works in Node and workers too (browser-only checks report `skip`).
 *
 * Never rejects for what it finds: a check that throws, rejects or hangs is a `fail` item.
 * The one rejection is `ABORTED`, when `signal` fires.
 * @example const report = await checkEnvironment({ serverTime: () => api.serverDate() });
 */
export async function checkEnvironment(options?: CheckEnvironmentOptions | null): Promise<EnvironmentReport> {
  const operation = 'checkEnvironment';
  const { signal, scope, now, timeoutMs, serverTime, requestPersistence } = guardSync('INVALID_ARGUMENT', `${operation}: the options could not be read`, () => {
    const given = optionsArgument(options, operation);
    const scopeOption = given.scope ?? (globalThis as unknown as EnvironmentScope);
    if (typeof scopeOption !== 'object') throw new CertCenterError('INVALID_ARGUMENT', `${operation}: scope must be an object`);
    return {
      signal: signalArgument(given.signal, operation),
      scope: scopeOption,
      now: typeof given.now === 'function' ? given.now : () => new Date(),
      timeoutMs: typeof given.timeoutMs === 'number' && given.timeoutMs > 0 ? Math.min(given.timeoutMs, maxTimerMs) : 15_000,
      serverTime: given.serverTime,
      requestPersistence: given.requestPersistence,
    };
  });
  throwIfAborted(signal, operation);

  const checks: Record<EnvironmentCheckId, () => Promise<CheckOutcome> | CheckOutcome> = {
    'secure-context': () => checkSecureContext(scope),
    'webcrypto-rsa': () => checkSigning(scope, 'RSA-2048'),
    'webcrypto-ecdsa': () => checkSigning(scope, 'ECDSA-P256'),
    pbkdf2: () => checkPbkdf2(scope),
    indexeddb: () => checkIndexedDb(scope),
    'persistent-storage': () => checkPersistentStorage(scope, { requestPersistence }),
    'clock-skew': () => checkClockSkew(serverTime, now),
    cookies: () => checkCookies(scope),
    browser: () => judgeBrowser(parseBrowser({ userAgent: scope.navigator?.userAgent, brands: scope.navigator?.userAgentData?.brands })),
    'web-locks': () => checkWebLocks(scope),
    workers: () => checkWorkers(scope),
  };
  const all = Promise.all(environmentCheckIds.map((id) => runCheck(id, timeoutMs, checks[id])));
  const items = await untilAborted(all, signal, operation);
  return { ok: items.every((item) => item.status !== 'fail'), items, checkedAt: checkedAt(now) };
}

/** The checks' result, or `ABORTED` as soon as the signal fires (the checks finish unobserved). */
function untilAborted(work: Promise<EnvironmentCheck[]>, signal: AbortSignal | undefined, operation: string): Promise<EnvironmentCheck[]> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new CertCenterError('ABORTED', `${operation} was aborted`, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (items) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) onAbort();
        else resolve(items);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function checkedAt(now: () => Date): Date {
  try {
    const date = now();
    if (isValidDate(date)) return date;
  } catch {
    // A broken clock is reported by the clock-skew item; the report still needs a time.
  }
  return new Date();
}
