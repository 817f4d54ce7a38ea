// The IndexedDB store in real Chromium: the shared contract, plus what only a browser shows —
// keys surviving a reopen, schema upgrades, blocked and failing storage, two tabs.
import { afterEach, describe, expect, it } from 'vitest';
import { isCertCenterError } from '../../../src/core/errors';
import type { CertStore } from '../../../src/core/store/cert-store';
import { createIndexedDbStore, storeSchemaVersion } from '../../../src/core/store/indexeddb-store';
import { createMemoryStore } from '../../../src/core/store/memory-store';
import { createStoreChannel, withLock } from '../../../src/core/store/tab-sync';
import { registerStoreContract } from './store-contract';
import { credential, der, ecKeyPair, pending, rsaKeyPair, stillSigns } from './store-fixtures';
import { registerTabSyncContract } from './tab-sync-contract';

const unique = () => `cert-center-test-${Math.random().toString(36).slice(2)}`;

registerStoreContract('memory (Chromium)', createMemoryStore);
registerStoreContract('IndexedDB (Chromium)', () => createIndexedDbStore({ name: unique() }));
registerTabSyncContract('Chromium: Web Locks and BroadcastChannel');
registerTabSyncContract('Chromium without Web Locks: a promise queue in this realm', { locks: null });

/** Opens a database with the raw API, running `upgrade` when the version is new. */
function rawOpen(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? indexedDB.open(name) : indexedDB.open(name, version);
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function rawRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function failure(work: Promise<unknown>): Promise<{ code?: string; cause?: { name?: string } }> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(isCertCenterError(error), 'a CertCenterError').toBe(true);
  return error as { code: string; cause?: { name?: string } };
}

/** Replaces `IDBObjectStore.prototype[method]` for the duration of `work`. */
async function patched<K extends 'put' | 'delete'>(
  method: K,
  replacement: (original: IDBObjectStore[K], store: IDBObjectStore, args: unknown[]) => unknown,
  work: () => Promise<void>,
): Promise<void> {
  const prototype = IDBObjectStore.prototype as unknown as Record<string, unknown>;
  const original = prototype[method] as IDBObjectStore[K];
  prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
    return replacement(original, this, args);
  };
  try {
    await work();
  } finally {
    prototype[method] = original;
  }
}

describe('createIndexedDbStore in Chromium', () => {
  const open: CertStore[] = [];
  const make = (options: Parameters<typeof createIndexedDbStore>[0]) => {
    const store = createIndexedDbStore(options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('keeps RSA and non-extractable ECDSA keys usable after the database is closed and reopened', async () => {
    const name = unique();
    const rsa = await rsaKeyPair(false);
    const ec = await ecKeyPair(false);
    const first = make({ name });
    await first.putCredential(credential(rsa, { serialNumber: '0A' }));
    await first.putPending(pending(ec, { id: 'p1' }));
    await first.close();

    const second = make({ name });
    const stored = (await second.getCredential('0A'))!;
    expect(stored.privateKey.extractable).toBe(false);
    expect(stored.privateKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    expect(await stillSigns(stored.privateKey, rsa.publicKey)).toBe(true);
    const enrollment = (await second.getPending('p1'))!;
    expect(enrollment.keyPair.privateKey.extractable).toBe(false);
    expect(await stillSigns(enrollment.keyPair.privateKey, enrollment.keyPair.publicKey)).toBe(true);
  });

  it('writes keys as CryptoKey objects and nothing else as bytes but the DER certificates', async () => {
    const name = unique();
    const store = make({ name });
    await store.putCredential(credential(await ecKeyPair()));
    await store.close();
    const db = await rawOpen(name);
    const record = (await rawRequest(db.transaction('credentials').objectStore('credentials').get('0A1B2C'))) as Record<string, unknown>;
    db.close();
    expect(Object.prototype.toString.call(record.privateKey)).toBe('[object CryptoKey]');
    const byteFields = Object.entries(record).filter(([, value]) => value instanceof Uint8Array || value instanceof ArrayBuffer).map(([key]) => key);
    expect(byteFields).toEqual(['certificate']);
  });

  it('creates the current schema: credentials by serial number with an idNumber index, pending by id', async () => {
    const name = unique();
    await make({ name }).listCredentials();
    const db = await rawOpen(name);
    const tx = db.transaction(['credentials', 'pending']);
    expect(db.version).toBe(storeSchemaVersion);
    expect(tx.objectStore('credentials').keyPath).toBe('serialNumber');
    expect([...tx.objectStore('credentials').indexNames]).toEqual(['idNumber']);
    expect(tx.objectStore('pending').keyPath).toBe('id');
    db.close();
  });

  it('reads a version-1 database written by hand, leaving out a damaged record that can still be deleted', async () => {
    const name = unique();
    const keys = await ecKeyPair();
    const db = await rawOpen(name, 1, (raw) => {
      raw.createObjectStore('credentials', { keyPath: 'serialNumber' }).createIndex('idNumber', 'idNumber');
      raw.createObjectStore('pending', { keyPath: 'id' });
    });
    const tx = db.transaction('credentials', 'readwrite');
    tx.objectStore('credentials').put(credential(keys, { serialNumber: '0B' }));
    tx.objectStore('credentials').put({ serialNumber: 'FF', idNumber: 'A123456789', certificate: 'not der' });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();

    const store = make({ name });
    expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0B']);
    expect(await store.getCredential('FF')).toBeUndefined();
    await store.deleteCredential('FF');
    await store.close();
    const after = await rawOpen(name);
    expect(await rawRequest(after.transaction('credentials').objectStore('credentials').getAllKeys())).toEqual(['0B']);
    after.close();
  });

  it('upgrades a hand-made version-1 database that lacks the pending store and the idNumber index, keeping its records', async () => {
    const name = unique();
    const keys = await ecKeyPair();
    const db = await rawOpen(name, 1, (raw) => raw.createObjectStore('credentials', { keyPath: 'serialNumber' }));
    const tx = db.transaction('credentials', 'readwrite');
    tx.objectStore('credentials').put(credential(keys, { serialNumber: '0D' }));
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();

    const store = make({ name });
    expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0D']);
    await store.putPending(pending(keys));
    expect(await store.listPending()).toHaveLength(1);
    await store.close();
    const after = await rawOpen(name);
    expect([...after.transaction('credentials').objectStore('credentials').indexNames]).toEqual(['idNumber']);
    after.close();
  });

  it('fails with STORAGE when the database was upgraded by a newer version of the page', async () => {
    const name = unique();
    (await rawOpen(name, storeSchemaVersion + 3, (raw) => raw.createObjectStore('credentials', { keyPath: 'serialNumber' }))).close();
    const error = await failure(make({ name }).listCredentials());
    expect(error.code).toBe('STORAGE');
    expect(error.cause?.name).toBe('VersionError');
  });

  it('closes its connection when another tab upgrades the database, so the upgrade is not blocked', async () => {
    const name = unique();
    const store = make({ name });
    await store.putCredential(credential(await ecKeyPair()));
    const upgraded = rawOpen(name, storeSchemaVersion + 1, () => undefined);
    const outcome = await Promise.race([upgraded.then(() => 'upgraded'), new Promise((r) => setTimeout(() => r('blocked'), 2000))]);
    expect(outcome).toBe('upgraded');
    (await upgraded).close();
    expect((await failure(store.listCredentials())).code).toBe('STORAGE');
  });

  it('gives STORAGE with advice when another connection holds the database past the wait, and works once it lets go', async () => {
    const name = unique();
    const holder = await rawOpen(name, 1, (raw) => {
      raw.createObjectStore('credentials', { keyPath: 'serialNumber' }).createIndex('idNumber', 'idNumber');
      raw.createObjectStore('pending', { keyPath: 'id' });
    });
    // A deletion queued behind the holder blocks every later open of the name.
    const deletion = indexedDB.deleteDatabase(name);
    const store = make({ name, blockedTimeoutMs: 200 });
    expect((await failure(store.listCredentials())).code).toBe('STORAGE');
    holder.close();
    await rawRequest(deletion);
    await expect(store.listCredentials()).resolves.toEqual([]);
  });

  it('waits for another connection that lets go within the wait', async () => {
    const name = unique();
    const holder = await rawOpen(name, 1, (raw) => {
      raw.createObjectStore('credentials', { keyPath: 'serialNumber' }).createIndex('idNumber', 'idNumber');
      raw.createObjectStore('pending', { keyPath: 'id' });
    });
    const deletion = rawRequest(indexedDB.deleteDatabase(name));
    setTimeout(() => holder.close(), 100);
    const store = make({ name, blockedTimeoutMs: 3000 });
    await expect(store.listCredentials()).resolves.toEqual([]);
    await deletion;
  });

  it('maps a quota failure while writing to STORAGE, and nothing is written', async () => {
    const store = make({ name: unique() });
    const keys = await ecKeyPair();
    await store.listCredentials();
    await patched('put', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }, async () => {
      const error = await failure(store.putCredential(credential(keys)));
      expect(error.code).toBe('STORAGE');
      expect(error.cause?.name).toBe('QuotaExceededError');
    });
    expect(await store.listCredentials()).toEqual([]);
  });

  it('maps a factory that refuses to open (private mode, blocked site data) to STORAGE', async () => {
    const refusing = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const error = await failure(make({ name: unique(), indexedDB: refusing }).listCredentials());
    expect(error.code).toBe('STORAGE');
    expect(error.cause?.name).toBe('SecurityError');
  });

  it('uses an injected IDBFactory for every call', async () => {
    let opened = 0;
    const counting = { open: (name: string, version?: number) => (opened++, indexedDB.open(name, version)) } as unknown as IDBFactory;
    const store = make({ name: unique(), indexedDB: counting });
    await store.listCredentials();
    await store.listPending();
    expect(opened).toBe(1);
  });

  describe('completeEnrollment is one transaction', () => {
    async function renewalSetUp() {
      const store = make({ name: unique() });
      const oldKeys = await ecKeyPair();
      const newKeys = await ecKeyPair();
      await store.putCredential(credential(oldKeys, { serialNumber: '01' }));
      await store.putPending(pending(newKeys, { kind: 'renew', renewOf: '01' }));
      return { store, next: credential(newKeys, { serialNumber: '02', origin: 'renewed' }) };
    }

    async function expectNeitherHalf(store: CertStore) {
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['01']);
      expect((await store.listPending()).map((p) => p.id)).toEqual(['enrollment-1']);
    }

    it('rolls back the stored credential when the transaction aborts mid-way', async () => {
      const { store, next } = await renewalSetUp();
      await patched('delete', (original, objectStore, args) => {
        if (objectStore.name === 'pending') objectStore.transaction.abort();
        return (original as (...a: unknown[]) => unknown).apply(objectStore, args);
      }, async () => {
        expect((await failure(store.completeEnrollment('enrollment-1', next, { replace: '01' }))).code).toBe('STORAGE');
      });
      await expectNeitherHalf(store);
    });

    it('rolls back the stored credential when a later step of the transaction throws', async () => {
      const { store, next } = await renewalSetUp();
      await patched('delete', (original, objectStore, args) => {
        if (objectStore.name === 'pending') throw new DOMException('disk error', 'UnknownError');
        return (original as (...a: unknown[]) => unknown).apply(objectStore, args);
      }, async () => {
        expect((await failure(store.completeEnrollment('enrollment-1', next, { replace: '01' }))).code).toBe('STORAGE');
      });
      await expectNeitherHalf(store);
    });

    it('lands nothing when storing the new credential hits the quota', async () => {
      const { store, next } = await renewalSetUp();
      await patched('put', (original, objectStore, args) => {
        if (objectStore.name === 'credentials') throw new DOMException('quota', 'QuotaExceededError');
        return (original as (...a: unknown[]) => unknown).apply(objectStore, args);
      }, async () => {
        expect((await failure(store.completeEnrollment('enrollment-1', next, { replace: '01' }))).code).toBe('STORAGE');
      });
      await expectNeitherHalf(store);
    });
  });

  it('two tabs: a change stored by one is announced to the other, which then reads it', async () => {
    const name = unique();
    const tabA = { store: make({ name }), channel: createStoreChannel(name) };
    const tabB = { store: make({ name }), channel: createStoreChannel(name) };
    try {
      await tabB.store.listCredentials();
      const heard = new Promise<string | undefined>((resolve) => tabB.channel.subscribe((m) => resolve(m.serialNumber)));
      await tabA.store.putCredential(credential(await ecKeyPair(), { serialNumber: '0C', certificate: der(7) }));
      tabA.channel.post({ type: 'store-changed', kind: 'imported', serialNumber: '0C' });
      const serial = await heard;
      expect((await tabB.store.getCredential(serial!))?.certificate).toEqual(der(7));
    } finally {
      tabA.channel.close();
      tabB.channel.close();
    }
  });

  it('withLock holds a real Web Lock that other tabs of the origin can see', async () => {
    const name = unique();
    const held = await withLock(name, async () => (await navigator.locks.query()).held?.map((lock) => lock.name));
    expect(held).toContain(name);
  });

  it('asks for persistent storage where the browser supports it', async () => {
    const result = await make({ name: unique() }).persist();
    expect(result.supported).toBe(true);
    expect(typeof result.persisted).toBe('boolean');
  });
});
