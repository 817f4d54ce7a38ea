// The IndexedDB store's connection in real Chromium: what other tabs do to it (delete, upgrade,
// hold an old version open), databases made by hand, factories that fail, and the default store.
import { afterEach, describe, expect, it } from 'vitest';
import { isCertCenterError } from '../../../src/core/errors';
import type { CertStore } from '../../../src/core/store/cert-store';
import { createDefaultStore } from '../../../src/core/store/default-store';
import { createIndexedDbStore, storeSchemaVersion, type IndexedDbStoreOptions } from '../../../src/core/store/indexeddb-store';
import { registerStoreEdgeCases } from './store-edges';
import { credential, ecKeyPair, pending, stillSigns } from './store-fixtures';

const names: string[] = [];
const stores: CertStore[] = [];
const uniqueName = () => {
  const name = `cert-center-connection-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
};
const make = (options: IndexedDbStoreOptions) => {
  const store = createIndexedDbStore(options);
  stores.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(names.splice(0).map((name) => request(indexedDB.deleteDatabase(name))));
});

registerStoreEdgeCases('IndexedDB (Chromium)', () => make({ name: uniqueName() }));

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens `name` with the raw API as another tab would; `upgrade` runs when the version is new. */
function rawOpen(name: string, version: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = () => upgrade?.(req.result);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function failure(work: Promise<unknown>): Promise<{ code?: string; message: string; cause?: { name?: string } }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCertCenterError(error), 'a CertCenterError').toBe(true);
  return error as { code: string; message: string; cause?: { name?: string } };
}

function schemaOf(db: IDBDatabase) {
  const tx = db.transaction(['credentials', 'pending']);
  const credentials = tx.objectStore('credentials');
  const enrollments = tx.objectStore('pending');
  return {
    version: db.version,
    credentials: { keyPath: credentials.keyPath, autoIncrement: credentials.autoIncrement, indexes: [...credentials.indexNames] },
    pending: { keyPath: enrollments.keyPath, indexes: [...enrollments.indexNames] },
  };
}

const currentSchema = {
  version: storeSchemaVersion,
  credentials: { keyPath: 'serialNumber', autoIncrement: false, indexes: ['idNumber'] },
  pending: { keyPath: 'id', indexes: [] },
};

describe('the IndexedDB store and other tabs', () => {
  it('closes its connection when another tab deletes the database, and the next call opens a new one', async () => {
    const name = uniqueName();
    const store = make({ name });
    await store.putCredential(credential(await ecKeyPair()));
    const deleted = request(indexedDB.deleteDatabase(name)).then(() => 'deleted');
    expect(await Promise.race([deleted, new Promise((r) => setTimeout(() => r('blocked'), 2000))])).toBe('deleted');
    expect(await store.listCredentials()).toEqual([]);
    await store.putCredential(credential(await ecKeyPair(), { serialNumber: '0B' }));
    expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0B']);
  });

  /** The global factory, remembering every connection it opened. */
  function recordingFactory() {
    const connections: IDBDatabase[] = [];
    const factory = {
      open(name: string, version?: number) {
        const req = indexedDB.open(name, version);
        req.addEventListener('success', () => connections.push(req.result));
        return req;
      },
    } as unknown as IDBFactory;
    return { factory, connections };
  }

  it('a call that meets its connection just closed by a versionchange opens again and succeeds', async () => {
    const name = uniqueName();
    const { factory, connections } = recordingFactory();
    const store = make({ name, indexedDB: factory });
    await store.putCredential(credential(await ecKeyPair()));
    const reading = store.listCredentials();
    // Arrives after the call took the connection and before it started its transaction.
    connections[0]!.dispatchEvent(new Event('versionchange'));
    expect((await reading).map((c) => c.serialNumber)).toEqual(['0A1B2C']);
    expect(connections).toHaveLength(2);
  });

  it('a late close or versionchange of an old connection leaves the newer connection in use', async () => {
    const name = uniqueName();
    const { factory, connections } = recordingFactory();
    const store = make({ name, indexedDB: factory });
    await store.listCredentials();
    connections[0]!.dispatchEvent(new Event('versionchange'));
    await store.putCredential(credential(await ecKeyPair()));
    expect(connections).toHaveLength(2);
    connections[0]!.dispatchEvent(new Event('close'));
    connections[0]!.dispatchEvent(new Event('versionchange'));
    expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0A1B2C']);
    expect(connections).toHaveLength(2);
  });

  it('fails with STORAGE after blockedTimeoutMs when another tab holds an older version open and will not let go', async () => {
    const name = uniqueName();
    const keys = await ecKeyPair();
    // An older build's tab: version 1, no pending store, and it ignores versionchange.
    const holder = await rawOpen(name, 1, (db) => db.createObjectStore('credentials', { keyPath: 'serialNumber' }));
    const tx = holder.transaction('credentials', 'readwrite');
    tx.objectStore('credentials').put(credential(keys, { serialNumber: '0A' }));
    await new Promise((resolve) => (tx.oncomplete = resolve));
    const store = make({ name, blockedTimeoutMs: 150 });
    const started = performance.now();
    const error = await failure(store.listCredentials());
    expect(error.code).toBe('STORAGE');
    expect(performance.now() - started).toBeLessThan(2000);
    holder.close();
    // Once the other tab lets go, the next call upgrades and keeps the record.
    expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0A']);
    expect(await stillSigns((await store.getCredential('0A'))!.privateKey, keys.publicKey)).toBe(true);
    await store.close();
    const db = await rawOpen(name, storeSchemaVersion);
    expect(schemaOf(db)).toEqual(currentSchema);
    db.close();
  });

  it('waits for a tab holding an older version that closes within blockedTimeoutMs, then upgrades', async () => {
    const name = uniqueName();
    const holder = await rawOpen(name, 1, (db) => db.createObjectStore('credentials', { keyPath: 'serialNumber' }));
    holder.onversionchange = () => setTimeout(() => holder.close(), 100);
    const store = make({ name, blockedTimeoutMs: 5000 });
    await store.putPending(pending(await ecKeyPair()));
    expect(await store.listPending()).toHaveLength(1);
  });
});

describe('the IndexedDB store on databases made by hand', () => {
  it('upgrades an empty version-1 database (no stores at all) to the current schema', async () => {
    const name = uniqueName();
    (await rawOpen(name, 1)).close();
    const store = make({ name });
    await store.putCredential(credential(await ecKeyPair()));
    await store.putPending(pending(await ecKeyPair()));
    await store.close();
    const db = await rawOpen(name, storeSchemaVersion);
    expect(schemaOf(db)).toEqual(currentSchema);
    db.close();
  });

  it('rebuilds a credentials store keyed otherwise, keeping every record that has a serial number', async () => {
    const name = uniqueName();
    const keys = await ecKeyPair(false);
    const db = await rawOpen(name, 1, (raw) => raw.createObjectStore('credentials', { autoIncrement: true }));
    const tx = db.transaction('credentials', 'readwrite');
    tx.objectStore('credentials').put(credential(keys, { serialNumber: '0C' }));
    tx.objectStore('credentials').put({ note: 'not a credential' });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();

    const store = make({ name });
    const read = await store.listCredentials();
    expect(read.map((c) => c.serialNumber)).toEqual(['0C']);
    expect(await stillSigns(read[0]!.privateKey, keys.publicKey)).toBe(true);
    await store.close();
    const after = await rawOpen(name, storeSchemaVersion);
    expect(schemaOf(after)).toEqual(currentSchema);
    after.close();
  });

  it('leaves a database already at the current schema as it is, records included', async () => {
    const name = uniqueName();
    const keys = await ecKeyPair();
    const first = make({ name });
    await first.putCredential(credential(keys));
    await first.close();
    const second = make({ name });
    expect(await stillSigns((await second.getCredential('0A1B2C'))!.privateKey, keys.publicKey)).toBe(true);
  });
});

/** A factory whose open request fails, as Chromium's does, with a DOMException of `name`. */
function failingFactory(name: string): IDBFactory {
  return {
    open() {
      const req = new EventTarget() as EventTarget & { error: DOMException | null; result: undefined };
      req.error = null;
      setTimeout(() => {
        req.error = new DOMException(`open failed (${name})`, name);
        req.dispatchEvent(new Event('error'));
      }, 0);
      return req;
    },
  } as unknown as IDBFactory;
}

/** A factory whose `open` throws a DOMException of `name` at once. */
function throwingFactory(name: string): IDBFactory {
  return {
    open() {
      throw new DOMException(`open refused (${name})`, name);
    },
  } as unknown as IDBFactory;
}

describe('the IndexedDB store when the browser storage fails', () => {
  const kinds = ['QuotaExceededError', 'SecurityError', 'UnknownError'];

  for (const kind of kinds) {
    it(`maps an open request failing with ${kind} to STORAGE, keeping the DOMException as cause`, async () => {
      const error = await failure(make({ name: uniqueName(), indexedDB: failingFactory(kind) }).listCredentials());
      expect(error.code).toBe('STORAGE');
      expect(error.cause?.name).toBe(kind);
    });

    it(`maps an open that throws ${kind} at once to STORAGE, keeping the DOMException as cause`, async () => {
      const error = await failure(make({ name: uniqueName(), indexedDB: throwingFactory(kind) }).putCredential(credential(await ecKeyPair())));
      expect(error.code).toBe('STORAGE');
      expect(error.cause?.name).toBe(kind);
    });
  }

  it('gives each kind of failure its own advice, and never the DOMException text alone', async () => {
    const messages = await Promise.all(
      kinds.map(async (kind) => (await failure(make({ name: uniqueName(), indexedDB: failingFactory(kind) }).listCredentials())).message),
    );
    expect(new Set(messages).size).toBe(kinds.length);
    for (const [index, message] of messages.entries()) expect(message).not.toContain(`open failed (${kinds[index]})`);
  });

  it('tries again on the next call after a failed open', async () => {
    let calls = 0;
    const flaky = {
      open(name: string, version?: number) {
        calls += 1;
        if (calls === 1) throw new DOMException('first open fails', 'UnknownError');
        return indexedDB.open(name, version);
      },
    } as unknown as IDBFactory;
    const store = make({ name: uniqueName(), indexedDB: flaky });
    expect((await failure(store.listCredentials())).code).toBe('STORAGE');
    expect(await store.listCredentials()).toEqual([]);
    expect(calls).toBe(2);
  });

  it('does not hang on a factory that never answers: STORAGE after blockedTimeoutMs', async () => {
    const silent = { open: () => new EventTarget() } as unknown as IDBFactory;
    const error = await failure(make({ name: uniqueName(), indexedDB: silent, blockedTimeoutMs: 100 }).listCredentials());
    expect(error.code).toBe('STORAGE');
  });

  it('refuses a bad record with INVALID_ARGUMENT before it touches the storage', async () => {
    let opened = 0;
    const counting = { open: (...args: [string, number]) => (opened++, indexedDB.open(...args)) } as unknown as IDBFactory;
    const store = make({ name: uniqueName(), indexedDB: counting });
    const error = await failure(store.putCredential({ ...credential(await ecKeyPair()), serialNumber: 'lower' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(opened).toBe(0);
  });
});

describe('storage of the origin in Chromium', () => {
  it('answers persist() with supported: true and a boolean', async () => {
    const result = await make({ name: uniqueName() }).persist();
    expect(result).toEqual({ supported: true, persisted: expect.any(Boolean) });
  });

  it('answers estimate() with supported: true, usage and quota in bytes', async () => {
    const result = await make({ name: uniqueName() }).estimate();
    expect(result.supported).toBe(true);
    expect(result.usage).toBeGreaterThanOrEqual(0);
    expect(result.quota).toBeGreaterThan(0);
  });

  it('createDefaultStore() gives an IndexedDB store in the browser: what it stores is in the database of that name', async () => {
    const name = uniqueName();
    const store = createDefaultStore({ name });
    stores.push(store);
    expect((await store.persist()).supported).toBe(true);
    await store.putCredential(credential(await ecKeyPair()));
    await store.close();
    const db = await rawOpen(name, storeSchemaVersion);
    const keys = await request(db.transaction('credentials').objectStore('credentials').getAllKeys());
    db.close();
    expect(keys).toEqual(['0A1B2C']);
  });
});
