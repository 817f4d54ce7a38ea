// The rules every CertStore keeps, registered once per implementation (memory in Node;
// memory and IndexedDB in Chromium).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCertCenterError } from '../../../src/core/errors';
import type { CertStore, StoredCredential } from '../../../src/core/store/cert-store';
import { credential, der, ecKeyPair, pending, stillSigns } from './store-fixtures';

/** Registers the store contract for the store that `makeStore` creates (a fresh, empty one per test). */
export function registerStoreContract(label: string, makeStore: () => CertStore | Promise<CertStore>): void {
  describe(`CertStore contract: ${label}`, () => {
    let keys: CryptoKeyPair;
    let otherKeys: CryptoKeyPair;
    let store: CertStore;

    beforeAll(async () => {
      keys = await ecKeyPair();
      otherKeys = await ecKeyPair(false);
    });

    afterEach(async () => {
      await store?.close();
    });

    const open = async () => (store = await makeStore());

    async function expectCode(work: Promise<unknown>, code: string): Promise<void> {
      const error = await work.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isCertCenterError(error), 'a CertCenterError').toBe(true);
      expect(error).toMatchObject({ code });
    }

    it('reads back a stored credential whose key still signs', async () => {
      await open();
      await store.putCredential(credential(keys));
      const read = await store.getCredential('0A1B2C');
      expect(read).toMatchObject({ serialNumber: '0A1B2C', idNumber: 'A123456789', origin: 'applied', storedAt: '2026-11-25T13:00:00.000Z' });
      expect(read!.certificate).toEqual(der(1));
      expect(read!.chain).toEqual([der(2), der(3)]);
      expect(await stillSigns(read!.privateKey, read!.publicKey!)).toBe(true);
      expect(await store.listCredentials()).toHaveLength(1);
    });

    it('keeps one record when the same serial number is stored twice (the later one wins)', async () => {
      await open();
      await store.putCredential(credential(keys, { origin: 'imported' }));
      await store.putCredential(credential(keys, { origin: 'imported', friendlyName: 'second' }));
      const all = await store.listCredentials();
      expect(all).toHaveLength(1);
      expect(all[0]!.friendlyName).toBe('second');
    });

    it('does nothing when deleting an unknown serial number or pending id', async () => {
      await open();
      await store.putCredential(credential(keys));
      await expect(store.deleteCredential('FFFF')).resolves.toBeUndefined();
      await expect(store.deletePending('no-such-enrollment')).resolves.toBeUndefined();
      expect(await store.listCredentials()).toHaveLength(1);
    });

    it('deletes a credential: key and certificate are gone', async () => {
      await open();
      await store.putCredential(credential(keys));
      await store.deleteCredential('0A1B2C');
      expect(await store.getCredential('0A1B2C')).toBeUndefined();
      expect(await store.listCredentials()).toEqual([]);
    });

    it('answers undefined for a serial number it does not hold', async () => {
      await open();
      expect(await store.getCredential('ABCDEF')).toBeUndefined();
      expect(await store.getPending('nothing')).toBeUndefined();
    });

    it('hands out copies: changing what was written or read does not change the store', async () => {
      await open();
      const written = credential(keys);
      await store.putCredential(written);
      written.certificate[4] = 99;
      written.chain.push(der(9));
      const read = (await store.getCredential('0A1B2C'))!;
      read.certificate[4] = 77;
      read.chain.length = 0;
      read.idNumber = 'B999999999';
      const again = (await store.getCredential('0A1B2C'))!;
      expect(again.certificate).toEqual(der(1));
      expect(again.chain).toEqual([der(2), der(3)]);
      expect(again.idNumber).toBe('A123456789');
    });

    it('leaves unknown fields out of what it stores', async () => {
      await open();
      await store.putCredential({ ...credential(keys), password: 'secret' } as StoredCredential);
      expect(Object.keys((await store.getCredential('0A1B2C'))!)).not.toContain('password');
    });

    const badCredentials: [string, (c: StoredCredential) => unknown][] = [
      ['a lower-case serial number', (c) => ({ ...c, serialNumber: '0a1b2c' })],
      ['an empty serial number', (c) => ({ ...c, serialNumber: '' })],
      ['a masked ID number', (c) => ({ ...c, idNumber: 'A123******' })],
      ['raw key bytes instead of a CryptoKey', (c) => ({ ...c, privateKey: new Uint8Array(32) })],
      ['a missing private key', (c) => ({ ...c, privateKey: undefined })],
      ['a public key in place of the private key', (c) => ({ ...c, privateKey: c.publicKey })],
      ['a certificate that is not DER', (c) => ({ ...c, certificate: new TextEncoder().encode('-----BEGIN CERTIFICATE-----') })],
      ['a chain that is not an array', (c) => ({ ...c, chain: der(2) })],
      ['an unknown origin', (c) => ({ ...c, origin: 'stolen' })],
      ['a storedAt that is not RFC 3339', (c) => ({ ...c, storedAt: '25/11/2026' })],
      ['no record at all', () => null],
    ];
    for (const [what, spoil] of badCredentials) {
      it(`refuses a credential with ${what} with INVALID_ARGUMENT and writes nothing`, async () => {
        await open();
        await expectCode(store.putCredential(spoil(credential(keys)) as StoredCredential), 'INVALID_ARGUMENT');
        expect(await store.listCredentials()).toEqual([]);
      });
    }

    it('refuses a serial number argument that is not upper-case hex with INVALID_ARGUMENT', async () => {
      await open();
      await expectCode(store.getCredential('0a1b'), 'INVALID_ARGUMENT');
      await expectCode(store.deleteCredential('../x'), 'INVALID_ARGUMENT');
    });

    it('stores a pending enrollment whose request body replays JSON-equal, keys in the same order', async () => {
      await open();
      const written = pending(keys, { request: { csr: 'PEM', otpToken: 't', nested: { b: 1, a: [true, null, 'x'] }, consentVersion: 'v' } });
      await store.putPending(written);
      const read = (await store.getPending('enrollment-1'))!;
      expect(JSON.stringify(read.request)).toBe(JSON.stringify(written.request));
      expect(read).toMatchObject({ kind: 'apply', idempotencyKey: written.idempotencyKey, attempts: 0, csrPem: written.csrPem });
      expect(await stillSigns(read.keyPair.privateKey, read.keyPair.publicKey)).toBe(true);
      (written.request.nested as { b: number }).b = 2;
      read.request.otpToken = 'changed';
      expect((await store.getPending('enrollment-1'))!.request).toMatchObject({ otpToken: 't', nested: { b: 1 } });
    });

    it('lists, updates and deletes pending enrollments by id', async () => {
      await open();
      await store.putPending(pending(keys, { id: 'p1' }));
      await store.putPending(pending(otherKeys, { id: 'p2', kind: 'renew', renewOf: '0A1B2C' }));
      await store.putPending(pending(keys, { id: 'p1', attempts: 2, lastError: 'NETWORK' }));
      const all = await store.listPending();
      expect(all.map((p) => p.id).sort()).toEqual(['p1', 'p2']);
      expect(all.find((p) => p.id === 'p1')).toMatchObject({ attempts: 2, lastError: 'NETWORK' });
      await store.deletePending('p1');
      expect((await store.listPending()).map((p) => p.id)).toEqual(['p2']);
    });

    const badPending: [string, Record<string, unknown>][] = [
      ['a renewal without renewOf', { kind: 'renew' }],
      ['an error message where only a code belongs', { lastError: 'fetch failed: key 3082...' }],
      ['a request body JSON cannot carry exactly', { request: { when: new Date(0) } }],
      ['a request body with a non-finite number', { request: { n: Number.NaN } }],
      ['negative attempts', { attempts: -1 }],
      ['a key pair of raw bytes', { keyPair: { privateKey: new Uint8Array(8), publicKey: new Uint8Array(8) } }],
      ['a CSR that is not PEM', { csrPem: 'MIIB' }],
      ['an unknown kind', { kind: 'revoke' }],
      ['an empty idempotency key', { idempotencyKey: '' }],
    ];
    for (const [what, change] of badPending) {
      it(`refuses a pending enrollment with ${what} with INVALID_ARGUMENT and writes nothing`, async () => {
        await open();
        await expectCode(store.putPending({ ...pending(keys), ...change } as never), 'INVALID_ARGUMENT');
        expect(await store.listPending()).toEqual([]);
      });
    }

    it('completes an enrollment in one step: credential stored, pending record gone', async () => {
      await open();
      await store.putPending(pending(keys));
      await store.completeEnrollment('enrollment-1', credential(keys));
      expect(await store.listPending()).toEqual([]);
      expect((await store.getCredential('0A1B2C'))?.serialNumber).toBe('0A1B2C');
    });

    it('completes a renewal in one step: new credential in, pending record and replaced credential out', async () => {
      await open();
      await store.putCredential(credential(otherKeys, { serialNumber: '01' }));
      await store.putPending(pending(keys, { kind: 'renew', renewOf: '01' }));
      await store.completeEnrollment('enrollment-1', credential(keys, { serialNumber: '02', origin: 'renewed' }), { replace: '01' });
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['02']);
      expect(await store.listPending()).toEqual([]);
    });

    it('never leaves neither certificate: a refused renewal keeps the old credential and the pending record', async () => {
      await open();
      await store.putCredential(credential(otherKeys, { serialNumber: '01' }));
      await store.putPending(pending(keys, { kind: 'renew', renewOf: '01' }));
      const broken = credential(keys, { serialNumber: '02', certificate: new Uint8Array([1, 2, 3]) });
      await expectCode(store.completeEnrollment('enrollment-1', broken, { replace: '01' }), 'INVALID_ARGUMENT');
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['01']);
      expect((await store.listPending()).map((p) => p.id)).toEqual(['enrollment-1']);
    });

    it('writes nothing when completing an enrollment that is not pending', async () => {
      await open();
      await store.putCredential(credential(otherKeys, { serialNumber: '01' }));
      await expectCode(store.completeEnrollment('gone', credential(keys, { serialNumber: '02' }), { replace: '01' }), 'INVALID_ARGUMENT');
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['01']);
    });

    it('reports persistence and usage in the documented shape', async () => {
      await open();
      const persisted = await store.persist();
      expect(typeof persisted.persisted).toBe('boolean');
      expect(typeof persisted.supported).toBe('boolean');
      const estimate = await store.estimate();
      expect(typeof estimate.supported).toBe('boolean');
    });

    it('fails every call with STORAGE after close()', async () => {
      await open();
      await store.putCredential(credential(keys));
      await store.close();
      await expectCode(store.listCredentials(), 'STORAGE');
      await expectCode(store.putCredential(credential(keys)), 'STORAGE');
      await expectCode(store.completeEnrollment('enrollment-1', credential(keys)), 'STORAGE');
    });
  });
}
