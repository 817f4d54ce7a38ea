// Two tabs of one origin share the store: Web Locks keep their enrollments apart, and a
// BroadcastChannel tells every tab when the store changed. No key material is ever posted.
import { CertCenterError } from '../errors';

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
 * Runs `work` holding the lock `name`: across tabs with Web Locks where the browser has them,
 * within this realm otherwise (Node without Web Locks, old browsers). The lock is released when
 * `work` settles, or by the browser when the tab closes.
 */
export async function withLock<T>(name: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { signal } = options;
  const locks = options.locks === undefined ? (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks : options.locks;
  if (signal?.aborted) throw aborted(name);
  if (locks?.request) {
    let started = false;
    try {
      return await locks.request(name, signal ? { signal } : {}, () => {
        started = true;
        return work();
      });
    } catch (error) {
      if (started) throw error;
      // The browser rejects with the signal's reason, which may be anything the caller chose.
      if (signal?.aborted) throw aborted(name, error);
      // The lock manager itself refused (a sandboxed frame's opaque origin, a reserved name):
      // the lock holds within this realm instead, as where there are no Web Locks.
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
