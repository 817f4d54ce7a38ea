import { describeError, elapsedSince, isBrowserScope, type EnvironmentScope } from './environment-scope';
import type { AdviceCode } from './environment-report';
import type { CheckOutcome } from './run-check';

/** A throwaway database, deleted again after the check. */
const probeDatabase = 'cert-center-computer-check';
const probeStore = 'probe';

/**
 * Opens a throwaway IndexedDB database and stores and reads back what the certificate store
 * keeps: a non-extractable `CryptoKey` (structured clone) beside plain data; the key read back
 * must still sign. Then deletes the database.
 */
export async function checkIndexedDb(scope: EnvironmentScope): Promise<CheckOutcome> {
  const factory = scope.indexedDB;
  if (!factory) {
    return isBrowserScope(scope)
      ? { status: 'fail', detail: 'indexedDB is missing', advice: 'update-browser' }
      : { status: 'skip', detail: 'no IndexedDB outside browsers; the memory store is used' };
  }
  const start = performance.now();
  let db: IDBDatabase | undefined;
  try {
    db = await openProbe(factory);
    const subtle = scope.crypto?.subtle;
    const key = subtle
      ? ((await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])) as CryptoKeyPair).privateKey
      : undefined;
    await request(db.transaction(probeStore, 'readwrite').objectStore(probeStore).put({ id: 1, key, der: new Uint8Array([48, 0]) }));
    const record = (await request(db.transaction(probeStore, 'readonly').objectStore(probeStore).get(1))) as
      | { key?: CryptoKey; der?: Uint8Array }
      | undefined;
    if (!record?.der) return { status: 'fail', detail: 'a stored record did not read back', advice: 'allow-storage', measured: elapsedSince(start) };
    if (subtle && key) {
      if (!record.key) return { status: 'fail', detail: 'a stored CryptoKey did not read back', advice: 'update-browser', measured: elapsedSince(start) };
      await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, record.key, new Uint8Array([1]));
    }
    return { status: 'pass', detail: key ? 'stored and read back a CryptoKey and data' : 'stored and read back data', measured: elapsedSince(start) };
  } catch (error) {
    return { status: 'fail', detail: `IndexedDB: ${describeError(error)}`, advice: storageAdvice(error), measured: elapsedSince(start) };
  } finally {
    db?.close();
    try {
      factory.deleteDatabase(probeDatabase);
    } catch {
      // Nothing more to do: the probe database is empty and tiny.
    }
  }
}

export interface PersistentStorageOptions {
  /** Ask for persistence (`navigator.storage.persist()`) when not yet granted. Default false. */
  requestPersistence?: boolean;
}

/**
 * Whether the browser keeps the certificate store when it runs short of space
 * (`navigator.storage.persisted()`); not granted is a warning, since a key the browser evicts
 * is gone for good unless the user made a backup.
 */
export async function checkPersistentStorage(scope: EnvironmentScope, options: PersistentStorageOptions = {}): Promise<CheckOutcome> {
  const storage = scope.navigator?.storage;
  if (typeof storage?.persisted !== 'function') {
    return isBrowserScope(scope)
      ? { status: 'warn', detail: 'navigator.storage.persisted is missing', advice: 'update-browser' }
      : { status: 'skip', detail: 'no persistent storage outside browsers' };
  }
  let granted = await storage.persisted();
  let asked = false;
  if (!granted && options.requestPersistence === true && typeof storage.persist === 'function') {
    granted = await storage.persist();
    asked = true;
  }
  const quota = await estimate(storage);
  if (granted) return { status: 'pass', detail: `persistent storage granted${quota}` };
  return {
    status: 'warn',
    detail: `persistent storage not granted${asked ? ' when asked' : ''}${quota}; a backup (export) protects the key`,
    advice: 'allow-storage',
  };
}

async function estimate(storage: Partial<Pick<StorageManager, 'estimate'>>): Promise<string> {
  try {
    if (typeof storage.estimate !== 'function') return '';
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== 'number' || typeof quota !== 'number') return '';
    return ` (using ${Math.round(usage / 1024)} KiB of ${Math.round(quota / 1048576)} MiB)`;
  } catch {
    return '';
  }
}

function storageAdvice(error: unknown): AdviceCode {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return 'free-storage';
  // Firefox private windows (before 115) refuse IndexedDB writes with InvalidStateError.
  if (name === 'InvalidStateError') return 'leave-private-mode';
  return 'allow-storage';
}

function openProbe(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = factory.open(probeDatabase, 1);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(probeStore)) open.result.createObjectStore(probeStore, { keyPath: 'id' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onblocked = () => reject(new Error('open blocked by another tab'));
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('request failed'));
  });
}
