import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { CertCenterError } from '../errors';
import type { CertStore, CompleteEnrollmentOptions, PendingEnrollment, StoredCredential } from './cert-store';
import { credentialRead, credentialToWrite, pendingIdArgument, pendingRead, pendingToWrite, serialArgument } from './store-records';
import { storageError, storageUnavailable, storeClosed } from './storage-errors';

interface CertCenterDb extends DBSchema {
  credentials: { key: string; value: StoredCredential; indexes: { idNumber: string } };
  pending: { key: string; value: PendingEnrollment };
}

/** The schema version this code writes; `upgrade` brings any older database up to it. */
export const storeSchemaVersion = 1;

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
  let connection: Promise<IDBPDatabase<CertCenterDb>> | undefined;
  let closed = false;

  function db(operation: string): Promise<IDBPDatabase<CertCenterDb>> {
    if (closed) return Promise.reject(storeClosed(operation));
    if (connection) return connection;
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) return Promise.reject(storageUnavailable(operation));
    const opening = new Promise<IDBPDatabase<CertCenterDb>>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        reject(new CertCenterError('STORAGE', `${operation}: another tab of this site holds an older certificate database open: close or reload the other tabs`));
      }, options.blockedTimeoutMs ?? 10_000);
      openDatabase(factory, name, () => {
        // A newer version is waiting in another tab: let it upgrade, reopen on the next call.
        void connection?.then((d) => d.close());
        connection = undefined;
      }).then(
        (database) => {
          clearTimeout(timer);
          if (settled) database.close();
          else {
            settled = true;
            resolve(database);
          }
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!settled) {
            settled = true;
            reject(storageError(error, operation));
          }
        },
      );
    });
    connection = opening;
    opening.catch(() => {
      if (connection === opening) connection = undefined;
    });
    return opening;
  }

  async function run<T>(operation: string, work: (d: IDBPDatabase<CertCenterDb>) => Promise<T>): Promise<T> {
    const database = await db(operation);
    try {
      return await work(database);
    } catch (error) {
      throw storageError(error, operation);
    }
  }

  return {
    listCredentials: () =>
      run('listCredentials', async (d) => (await d.getAll('credentials')).map(credentialRead).filter((c): c is StoredCredential => c !== undefined)),
    async getCredential(serialNumber) {
      const key = serialArgument(serialNumber, 'getCredential');
      return run('getCredential', async (d) => credentialRead(await d.get('credentials', key)));
    },
    async putCredential(credential) {
      const record = credentialToWrite(credential, 'putCredential');
      await run('putCredential', async (d) => {
        await d.put('credentials', record);
      });
    },
    async deleteCredential(serialNumber) {
      const key = serialArgument(serialNumber, 'deleteCredential');
      await run('deleteCredential', (d) => d.delete('credentials', key));
    },
    listPending: () =>
      run('listPending', async (d) => (await d.getAll('pending')).map(pendingRead).filter((p): p is PendingEnrollment => p !== undefined)),
    async getPending(id) {
      const key = pendingIdArgument(id, 'getPending');
      return run('getPending', async (d) => pendingRead(await d.get('pending', key)));
    },
    async putPending(record) {
      const checked = pendingToWrite(record, 'putPending');
      await run('putPending', async (d) => {
        await d.put('pending', checked);
      });
    },
    async deletePending(id) {
      const key = pendingIdArgument(id, 'deletePending');
      await run('deletePending', (d) => d.delete('pending', key));
    },
    async completeEnrollment(pendingId: string, credential: StoredCredential, opts: CompleteEnrollmentOptions = {}) {
      const id = pendingIdArgument(pendingId, 'completeEnrollment');
      const record = credentialToWrite(credential, 'completeEnrollment');
      const replace = opts.replace === undefined ? undefined : serialArgument(opts.replace, 'completeEnrollment');
      await run('completeEnrollment', async (d) => {
        // One transaction over both stores: the credential lands, the pending record and the
        // replaced credential go, or nothing changes at all.
        const tx = d.transaction(['credentials', 'pending'], 'readwrite');
        const done = tx.done;
        done.catch(() => undefined);
        if ((await tx.objectStore('pending').get(id)) === undefined) {
          tx.abort();
          throw new CertCenterError('INVALID_ARGUMENT', 'completeEnrollment: no such pending enrollment; nothing was written');
        }
        await tx.objectStore('credentials').put(record);
        await tx.objectStore('pending').delete(id);
        if (replace !== undefined && replace !== record.serialNumber) await tx.objectStore('credentials').delete(replace);
        await done;
      });
    },
    async persist() {
      const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
      if (!storage?.persist) return { persisted: false, supported: false };
      try {
        return { persisted: (await storage.persisted?.()) || (await storage.persist()), supported: true };
      } catch (error) {
        throw storageError(error, 'persist');
      }
    },
    async estimate() {
      const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
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
      if (open) (await open.catch(() => undefined))?.close();
    },
  };
}

/** Opens (and creates or upgrades) the database through `factory`, wrapped by `idb`. */
async function openDatabase(factory: IDBFactory, name: string, onVersionChange: () => void): Promise<IDBPDatabase<CertCenterDb>> {
  const request = factory.open(name, storeSchemaVersion);
  request.onupgradeneeded = (event) => {
    const database = request.result;
    // Version 1: credentials by serial number (indexed by ID number) and pending enrollments.
    if (event.oldVersion < 1) {
      const credentials = database.createObjectStore('credentials', { keyPath: 'serialNumber' });
      credentials.createIndex('idNumber', 'idNumber');
      database.createObjectStore('pending', { keyPath: 'id' });
    }
  };
  const database = await (wrap(request) as unknown as Promise<IDBPDatabase<CertCenterDb>>);
  database.addEventListener('versionchange', () => {
    database.close();
    onVersionChange();
  });
  return database;
}
