// Two tabs of one origin share the store: Web Locks keep their enrollments apart, and a
// BroadcastChannel tells every tab when the store changed. No key material is ever posted.
import { CertCenterError, guardSync } from '../errors';

import { errorName } from './storage-errors';
import { optionsArgument, signalArgument } from '../arguments';

export interface LockOptions {
  /** Gives up waiting for the lock (`ABORTED`); once `work` runs it is not interrupted. */
  signal?: AbortSignal;
  /**
   * The Web Locks manager; default `navigator.locks`. `null` keeps the lock within this realm
   * (what happens where the platform has no Web Locks).
   */
  locks?: LockManager | null;
}

const localQueues = new Map<string, Promise<unknown>>();

const aborted = (name: string, cause?: unknown) =>
  new CertCenterError('ABORTED', `waiting for ${name} was aborted`, cause === undefined ? undefined : { cause });

/**
 * Refusals after which the lock holds within this realm instead: an opaque origin (a sandboxed
 * frame) and a name the manager does not take. Any other failure may be a broken polyfill or a
 * bad signal, where falling back would quietly drop the exclusion between tabs.
 */
const fallbackRefusals: ReadonlySet<string | undefined> = new Set(['SecurityError', 'NotSupportedError']);

/**
 * Runs `work` holding the lock `name`: across tabs with Web Locks where the browser has them,
 * within this realm otherwise (Node without Web Locks, old browsers, sandboxed frames). The lock
 * is released when `work` settles, or by the browser when the tab closes. `work` runs at most
 * once, and what it throws comes out unchanged.
 * @throws CertCenterError `ABORTED` when `signal` fires first, `STORAGE` when the lock manager
 *   fails otherwise (nothing ran), `INVALID_ARGUMENT` for bad arguments.
 */
export async function withLock<T>(name: string, work: () => Promise<T>, options?: LockOptions | null): Promise<T> {
  const { signal, locks } = guardSync('INVALID_ARGUMENT', 'withLock: the arguments could not be read', () => lockArguments(name, work, options));
  if (signal?.aborted) throw aborted(name);
  if (locks) {
    let started = false;
    let failure: { error: unknown } | undefined;
    try {
      return await locks.request(name, signal ? { signal } : {}, async () => {
        started = true;
        try {
          return await work();
        } catch (error) {
          failure = { error };
          throw error;
        }
      });
    } catch (error) {
      if (failure && failure.error === error) throw error;
      // The work ran: never run it again, whatever the manager says afterwards.
      if (started) throw lockFailed(name, error, 'failed after the work ran');
      // The browser rejects with the signal's reason, which may be anything the caller chose.
      if (signal?.aborted) throw aborted(name, error);
      if (!fallbackRefusals.has(errorName(error))) throw lockFailed(name, error, 'refused the lock; nothing was run');
      // Refused for a reason that means no Web Locks here: the in-realm lock below holds instead.
    }
  }
  const previous = localQueues.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  // The next caller waits for the previous one and then for this one, so giving up early
  // (releasing `mine` at once) still keeps it behind the previous holder.
  const tail = previous.then(() => mine);
  localQueues.set(name, tail);
  let onAbort: (() => void) | undefined;
  try {
    if (signal) {
      await Promise.race([
        previous,
        new Promise<never>((_, reject) => {
          onAbort = () => reject(aborted(name));
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } else {
      await previous;
    }
    return await work();
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    release();
    if (localQueues.get(name) === tail) {
      void tail.then(() => {
        if (localQueues.get(name) === tail) localQueues.delete(name);
      });
    }
  }
}

function lockArguments(name: unknown, work: unknown, options: LockOptions | null | undefined): { signal?: AbortSignal; locks?: LockManager } {
  if (typeof name !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'withLock: name must be a string');
  if (typeof work !== 'function') throw new CertCenterError('INVALID_ARGUMENT', 'withLock: work must be a function');
  const given = optionsArgument(options, 'withLock');
  const signal = signalArgument(given.signal, 'withLock');
  if (given.locks !== undefined && given.locks !== null && typeof given.locks?.request !== 'function') {
    throw new CertCenterError('INVALID_ARGUMENT', 'withLock: locks must be a LockManager or null');
  }
  const locks = given.locks === undefined ? (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks : given.locks;
  return { ...(signal ? { signal } : {}), ...(typeof locks?.request === 'function' ? { locks } : {}) };
}

function lockFailed(name: string, cause: unknown, what: string): CertCenterError {
  return new CertCenterError(
    'STORAGE',
    `withLock(${name}): the browser's Web Locks ${what} (${errorName(cause) ?? 'no error name'}): reload the page; ` +
      'a page that cannot use Web Locks may pass { locks: null } to lock within this tab only',
    { cause },
  );
}

export interface StoreChangedMessage {
  type: 'store-changed';
  /** What happened: applied, renewed, imported, removed, revoked, … */
  kind: string;
  serialNumber?: string;
}

export interface StoreChannel {
  post(message: StoreChangedMessage): void;
  /** Calls `listener` for every message from other tabs; returns the unsubscribe function. */
  subscribe(listener: (message: StoreChangedMessage) => void): () => void;
  close(): void;
}

/** A channel between the tabs of this origin (BroadcastChannel), silent where there is none. */
export function createStoreChannel(name: string): StoreChannel {
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const listeners = new Set<(message: StoreChangedMessage) => void>();
  let channel: BroadcastChannel | undefined;
  try {
    channel = Channel ? new Channel(`${name}:store`) : undefined;
  } catch {
    channel = undefined;
  }
  const onMessage = (event: MessageEvent) => {
    const data = event.data as Partial<StoreChangedMessage> | null;
    if (!data || data.type !== 'store-changed' || typeof data.kind !== 'string') return;
    const message: StoreChangedMessage = { type: 'store-changed', kind: data.kind, ...(typeof data.serialNumber === 'string' ? { serialNumber: data.serialNumber } : {}) };
    for (const listener of listeners) listener(message);
  };
  channel?.addEventListener('message', onMessage);
  // Node keeps the process alive while a channel is open.
  (channel as { unref?: () => void } | undefined)?.unref?.();
  return {
    post(message) {
      try {
        channel?.postMessage({ type: 'store-changed', kind: message.kind, ...(message.serialNumber ? { serialNumber: message.serialNumber } : {}) });
      } catch {
        // A closed channel: other tabs learn on their next read.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      channel = undefined;
    },
  };
}
