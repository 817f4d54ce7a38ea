import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { CertCenterError } from '../errors';
import type { CertStore, CompleteEnrollmentOptions, PendingEnrollment, StoredCredential } from './cert-store';
import { credentialRead, credentialToWrite, pendingIdArgument, pendingRead, pendingToWrite, serialArgument } from './store-records';
import { errorName, storageError, storageUnavailable, storeClosed } from './storage-errors';

interface CertCenterDb extends DBSchema {
  credentials: { key: string; value: StoredCredential; indexes: { idNumber: string } };
  pending: { key: string; value: PendingEnrollment };
}

/**
 * The schema version this code writes; `upgrade` brings any older database up to it.
 * Version 2 changes no record: it repairs databases made at version 1 without every store or
 * index (an older build, or a hand-made database of the same name).
 */
export const storeSchemaVersion = 2;

export interface IndexedDbStoreOptions {
  /** Database name; default `cert-center`. */
  name?: string;
  /** The IndexedDB factory; default the global one. */
  indexedDB?: IDBFactory;
  /** How long to wait for another tab to release an older version before failing; default 10 s. */
  blockedTimeoutMs?: number;
}

/**
 * The browser's certificate store on IndexedDB: private keys as `CryptoKey` objects (never raw
 * bytes), certificates as DER, pending enrollments as records of their own. Opens lazily, on
 * the first call, and closes itself when another tab needs to upgrade the database.
 */
export function createIndexedDbStore(options: IndexedDbStoreOptions = {}): CertStore {
  const name = options.name ?? 'cert-center';
  // The connection in use, with the database once open: a versionchange or close event of an
  // older connection must not drop a newer one.
  let connection: { opening: Promise<IDBPDatabase<CertCenterDb>>; database?: IDBPDatabase<CertCenterDb> } | undefined;
  // Connections closed under us (another tab upgrades or deletes the database, site data cleared).
  const gone = new WeakSet<IDBPDatabase<CertCenterDb>>();
  let closed = false;

  const ensureOpen = (operation: string) => {
    if (closed) throw storeClosed(operation);
  };

  function forget(database: IDBPDatabase<CertCenterDb>) {
    gone.add(database);
    if (connection?.database === database) connection = undefined;
  }

  function db(operation: string): Promise<IDBPDatabase<CertCenterDb>> {
    if (closed) return Promise.reject(storeClosed(operation));
    if (connection) return connection.opening;
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) return Promise.reject(storageUnavailable(operation));
    const current: { opening: Promise<IDBPDatabase<CertCenterDb>>; database?: IDBPDatabase<CertCenterDb> } = {
      opening: new Promise<IDBPDatabase<CertCenterDb>>((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(new CertCenterError('STORAGE', `${operation}: another tab of this site holds an older certificate database open: close or reload the other tabs`));
        }, options.blockedTimeoutMs ?? 10_000);
        openDatabase(factory, name, forget).then(
          (database) => {
            clearTimeout(timer);
            // Opened after the time-out, or after close(): nobody will use it.
            if (settled || closed) {
              database.close();
              if (!settled) reject(storeClosed(operation));
            } else {
              current.database = database;
              resolve(database);
            }
            settled = true;
          },
          (error: unknown) => {
            clearTimeout(timer);
            if (!settled) {
              settled = true;
              reject(storageError(error, operation));
            }
          },
        );
      }),
    };
    connection = current;
    current.opening.catch(() => {
      if (connection === current) connection = undefined;
    });
    return current.opening;
  }

  async function run<T>(operation: string, work: (d: IDBPDatabase<CertCenterDb>) => Promise<T>): Promise<T> {
    ensureOpen(operation);
    for (let attempt = 0; ; attempt++) {
      const database = await db(operation);
      try {
        return await work(database);
      } catch (error) {
        // The connection was closed under us before this call could start a transaction:
        // nothing of it happened, so it opens again once.
        if (attempt === 0 && gone.has(database) && errorName(error) === 'InvalidStateError') continue;
        throw storageError(error, operation);
      }
    }
  }

  function storageManager(operation: string): StorageManager | undefined {
    ensureOpen(operation);
    return (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  }

  return {
    listCredentials: () =>
      run('listCredentials', async (d) => (await d.getAll('credentials')).map(credentialRead).filter((c): c is StoredCredential => c !== undefined)),
    async getCredential(serialNumber) {
      ensureOpen('getCredential');
      const key = serialArgument(serialNumber, 'getCredential');
      return run('getCredential', async (d) => credentialRead(await d.get('credentials', key)));
    },
    async putCredential(credential) {
      ensureOpen('putCredential');
      const record = credentialToWrite(credential, 'putCredential');
      await run('putCredential', async (d) => {
        await d.put('credentials', record);
      });
    },
    async deleteCredential(serialNumber) {
      ensureOpen('deleteCredential');
      const key = serialArgument(serialNumber, 'deleteCredential');
      await run('deleteCredential', (d) => d.delete('credentials', key));
    },
    listPending: () =>
      run('listPending', async (d) => (await d.getAll('pending')).map(pendingRead).filter((p): p is PendingEnrollment => p !== undefined)),
    async getPending(id) {
      ensureOpen('getPending');
      const key = pendingIdArgument(id, 'getPending');
      return run('getPending', async (d) => pendingRead(await d.get('pending', key)));
    },
    async putPending(record) {
      ensureOpen('putPending');
      const checked = pendingToWrite(record, 'putPending');
      await run('putPending', async (d) => {
        await d.put('pending', checked);
      });
    },
    async deletePending(id) {
      ensureOpen('deletePending');
      const key = pendingIdArgument(id, 'deletePending');
      await run('deletePending', (d) => d.delete('pending', key));
    },
    async completeEnrollment(pendingId: string, credential: StoredCredential, opts?: CompleteEnrollmentOptions) {
      ensureOpen('completeEnrollment');
      const id = pendingIdArgument(pendingId, 'completeEnrollment');
      const record = credentialToWrite(credential, 'completeEnrollment');
      const replace = opts?.replace === undefined ? undefined : serialArgument(opts.replace, 'completeEnrollment');
      await run('completeEnrollment', async (d) => {
        // One transaction over both stores: the credential lands, the pending record and the
        // replaced credential go, or nothing changes at all.
        const tx = d.transaction(['credentials', 'pending'], 'readwrite');
        const done = tx.done;
        done.catch(() => undefined);
        try {
          if ((await tx.objectStore('pending').get(id)) === undefined) {
            throw new CertCenterError('INVALID_ARGUMENT', 'completeEnrollment: no such pending enrollment; nothing was written');
          }
          await tx.objectStore('credentials').put(record);
          await tx.objectStore('pending').delete(id);
          if (replace !== undefined && replace !== record.serialNumber) await tx.objectStore('credentials').delete(replace);
        } catch (error) {
          // A request that throws (a value the browser cannot clone) does not abort by itself.
          try {
            tx.abort();
          } catch {
            // Already finished or aborted: nothing of it was committed after a failed step.
          }
          throw error;
        }
        await done;
      });
    },
    async persist() {
      const storage = storageManager('persist');
      if (!storage?.persist) return { persisted: false, supported: false };
      try {
        return { persisted: (await storage.persisted?.()) || (await storage.persist()), supported: true };
      } catch (error) {
        throw storageError(error, 'persist');
      }
    },
    async estimate() {
      const storage = storageManager('estimate');
      if (!storage?.estimate) return { supported: false };
      try {
        const { usage, quota } = await storage.estimate();
        return { supported: true, ...(usage === undefined ? {} : { usage }), ...(quota === undefined ? {} : { quota }) };
      } catch (error) {
        throw storageError(error, 'estimate');
      }
    },
    async close() {
      closed = true;
      const open = connection;
      connection = undefined;
      if (open) (await open.opening.catch(() => undefined))?.close();
    },
  };
}

/** The stores and indexes of the current schema. */
const schema = [
  { store: 'credentials', keyPath: 'serialNumber', indexes: [{ name: 'idNumber', keyPath: 'idNumber' }] },
  { store: 'pending', keyPath: 'id', indexes: [] },
] as const;

/**
 * Opens (and creates or upgrades) the database through `factory`, wrapped by `idb`. The open
 * request is followed here rather than by `idb`, so an injected factory (a test double, another
 * realm's) is followed by its events too. `onGone` learns when the connection is closed under us.
 */
function openDatabase(
  factory: IDBFactory,
  name: string,
  onGone: (database: IDBPDatabase<CertCenterDb>) => void,
): Promise<IDBPDatabase<CertCenterDb>> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, storeSchemaVersion);
    let upgradeFailure: unknown;
    request.addEventListener('upgradeneeded', () => {
      try {
        upgrade(request.result, request.transaction!);
      } catch (error) {
        upgradeFailure = error;
        request.transaction?.abort();
      }
    });
    request.addEventListener('success', () => {
      const raw = request.result;
      const database = wrap(raw) as IDBPDatabase<CertCenterDb>;
      // A newer version is waiting in another tab, or the database is being deleted: let it
      // go ahead; the next call opens again.
      raw.addEventListener('versionchange', () => {
        raw.close();
        onGone(database);
      });
      // Closed by the browser (site data cleared, storage failure).
      raw.addEventListener('close', () => onGone(database));
      resolve(database);
    });
    request.addEventListener('error', () => reject(upgradeFailure ?? request.error));
  });
}

/**
 * Creates whatever the current schema has and the database lacks, from any older version: a
 * new database (version 0), version 1, or a hand-made database of the same name. Readable
 * records are kept.
 */
function upgrade(database: IDBDatabase, transaction: IDBTransaction): void {
  for (const spec of schema) {
    if (!database.objectStoreNames.contains(spec.store)) {
      createStore(database, spec);
      continue;
    }
    const existing = transaction.objectStore(spec.store);
    if (existing.keyPath !== spec.keyPath || existing.autoIncrement) {
      // Keyed otherwise, so not written by this code: rebuild it under the right key, carrying
      // over every record that has one (the others could never be read by this store).
      const reading = existing.getAll();
      reading.onsuccess = () => {
        database.deleteObjectStore(spec.store);
        const store = createStore(database, spec);
        for (const record of reading.result as unknown[]) {
          const key = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[spec.keyPath] : undefined;
          if (typeof key === 'string') store.put(record).onerror = (event) => event.preventDefault();
        }
      };
      continue;
    }
    for (const index of spec.indexes) {
      if (existing.indexNames.contains(index.name)) {
        if (existing.index(index.name).keyPath === index.keyPath) continue;
        existing.deleteIndex(index.name);
      }
      existing.createIndex(index.name, index.keyPath);
    }
  }
}

function createStore(database: IDBDatabase, spec: (typeof schema)[number]): IDBObjectStore {
  const store = database.createObjectStore(spec.store, { keyPath: spec.keyPath });
  for (const index of spec.indexes) store.createIndex(index.name, index.keyPath);
  return store;
}
