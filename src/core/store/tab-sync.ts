// Two tabs of one origin share the store: Web Locks keep their enrollments apart, and a
// BroadcastChannel tells every tab when the store changed. No key material is ever posted.
import { CertCenterError } from '../errors';

export interface LockOptions {
  signal?: AbortSignal;
}

const localQueues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` holding the lock `name`: across tabs with Web Locks where the browser has them,
 * within this realm otherwise (Node, old browsers). The lock is released when `work` settles,
 * or by the browser when the tab closes.
 */
export async function withLock<T>(name: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (options.signal?.aborted) throw new CertCenterError('ABORTED', `waiting for ${name} was aborted`);
  if (locks?.request) {
    try {
      return await locks.request(name, options.signal ? { signal: options.signal } : {}, () => work());
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'AbortError' && options.signal?.aborted) {
        throw new CertCenterError('ABORTED', `waiting for ${name} was aborted`, { cause: error });
      }
      throw error;
    }
  }
  const previous = localQueues.get(name) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  localQueues.set(name, tail);
  try {
    await previous;
    if (options.signal?.aborted) throw new CertCenterError('ABORTED', `waiting for ${name} was aborted`);
    return await work();
  } finally {
    release();
    if (localQueues.get(name) === tail) localQueues.delete(name);
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
