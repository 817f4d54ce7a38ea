// Edges of the CertStore contract that store-contract.ts leaves open, registered once per
// implementation: RSA keys, refusals that must leave an existing record exactly as it was,
// completions refused for every reason, and every call after close().
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCertCenterError } from '../../../src/core/errors';
import type { CertStore, CompleteEnrollmentOptions, PendingEnrollment, StoredCredential } from '../../../src/core/store/cert-store';
import { credential, der, ecKeyPair, pending, rsaKeyPair, stillSigns } from './store-fixtures';

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCertCenterError(error), 'a CertCenterError').toBe(true);
  return (error as { code?: string }).code;
}

/** Everything the store holds, in a comparable form (keys by type and algorithm). */
async function contents(store: CertStore) {
  const key = (k: CryptoKey | undefined) => k && `${k.type}/${k.algorithm.name}/${k.extractable}`;
  const credentials = (await store.listCredentials())
    .map((c) => ({ ...c, privateKey: key(c.privateKey), publicKey: key(c.publicKey), certificate: [...c.certificate], chain: c.chain.map((d) => [...d]) }))
    .sort((a, b) => a.serialNumber.localeCompare(b.serialNumber));
  const enrollments = (await store.listPending())
    .map((p) => ({ ...p, keyPair: [key(p.keyPair.privateKey), key(p.keyPair.publicKey)] }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { credentials, enrollments };
}

/** Registers the edge cases of the store contract for the store that `makeStore` creates (fresh and empty). */
export function registerStoreEdgeCases(label: string, makeStore: () => CertStore | Promise<CertStore>): void {
  describe(`CertStore edges: ${label}`, () => {
    let rsa: CryptoKeyPair;
    let ec: CryptoKeyPair;
    let store: CertStore;

    beforeAll(async () => {
      [rsa, ec] = await Promise.all([rsaKeyPair(true), ecKeyPair(false)]);
    });
    afterEach(async () => {
      await store?.close();
    });
    const open = async () => (store = await makeStore());

    it('stores an extractable RSA-2048 key and reads it back extractable, and it still signs for its public key', async () => {
      await open();
      await store.putCredential(credential(rsa, { serialNumber: '0A' }));
      const read = (await store.getCredential('0A'))!;
      expect(Object.prototype.toString.call(read.privateKey)).toBe('[object CryptoKey]');
      expect(read.privateKey.extractable).toBe(true);
      expect(read.privateKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 });
      expect(await stillSigns(read.privateKey, rsa.publicKey)).toBe(true);
    });

    it('stores a non-extractable ECDSA key and reads it back non-extractable, and it still signs', async () => {
      await open();
      await store.putCredential(credential(ec, { serialNumber: '0B' }));
      const read = (await store.getCredential('0B'))!;
      expect(read.privateKey.extractable).toBe(false);
      expect(await stillSigns(read.privateKey, ec.publicKey)).toBe(true);
    });

    it('reads back revokedAt and friendlyName as given', async () => {
      await open();
      await store.putCredential(credential(ec, { revokedAt: '2026-03-01T00:00:00.000Z', friendlyName: '王小明 的憑證' }));
      expect(await store.getCredential('0A1B2C')).toMatchObject({ revokedAt: '2026-03-01T00:00:00.000Z', friendlyName: '王小明 的憑證' });
    });

    const refusedCredentials: [string, (c: StoredCredential) => unknown][] = [
      ['a private key as an ArrayBuffer', (c) => ({ ...c, privateKey: new ArrayBuffer(32) })],
      ['an object that only claims to be a CryptoKey', (c) => ({ ...c, privateKey: { [Symbol.toStringTag]: 'CryptoKey', type: 'private', extractable: true, algorithm: { name: 'ECDSA' }, usages: ['sign'] } })],
      ['a private key as a JWK object', (c) => ({ ...c, privateKey: { kty: 'EC', crv: 'P-256', d: 'AAAA', x: 'AA', y: 'AA' } })],
      ['a public key as raw bytes', (c) => ({ ...c, publicKey: new Uint8Array(65) })],
      ['a serial number with separators', (c) => ({ ...c, serialNumber: '0A:1B:2C' })],
      ['no certificate', (c) => ({ ...c, certificate: undefined })],
      ['a certificate as a base64 string', (c) => ({ ...c, certificate: 'MIIB' })],
      ['a chain entry that is not DER', (c) => ({ ...c, chain: [der(2), new Uint8Array([1, 2, 3])] })],
      ['a revokedAt that is not a time', (c) => ({ ...c, revokedAt: 'yesterday' })],
      ['a record whose fields throw when read', (c) => Object.defineProperty({ ...c }, 'idNumber', { get() { throw new Error('boom'); }, enumerable: true })],
      ['an array instead of a record', () => [] as unknown],
    ];
    for (const [what, spoil] of refusedCredentials) {
      it(`refuses a credential with ${what} with INVALID_ARGUMENT and leaves the stored one as it was`, async () => {
        await open();
        await store.putCredential(credential(ec, { origin: 'imported' }));
        const before = await contents(store);
        expect(await codeOf(store.putCredential(spoil(credential(rsa)) as StoredCredential))).toBe('INVALID_ARGUMENT');
        expect(await contents(store)).toEqual(before);
      });
    }

    const refusedEnrollments: [string, (p: PendingEnrollment) => unknown][] = [
      ['a renewal without renewOf', (p) => ({ ...p, kind: 'renew', renewOf: undefined })],
      ['a lower-case renewOf', (p) => ({ ...p, kind: 'renew', renewOf: '0a' })],
      ['a key pair without its public key', (p) => ({ ...p, keyPair: { privateKey: p.keyPair.privateKey } })],
      ['the keys of the pair swapped', (p) => ({ ...p, keyPair: { privateKey: p.keyPair.publicKey, publicKey: p.keyPair.privateKey } })],
      ['no CSR', (p) => ({ ...p, csrPem: undefined })],
      ['key bytes in the request body', (p) => ({ ...p, request: { csr: 'x', key: new Uint8Array(8) } })],
      ['a request body that is an array', (p) => ({ ...p, request: [] })],
      ['fractional attempts', (p) => ({ ...p, attempts: 1.5 })],
      ['an empty id', (p) => ({ ...p, id: '' })],
      ['a createdAt without a time', (p) => ({ ...p, createdAt: '2026-11-25' })],
    ];
    for (const [what, spoil] of refusedEnrollments) {
      it(`refuses a pending enrollment with ${what} with INVALID_ARGUMENT and leaves the stored one as it was`, async () => {
        await open();
        await store.putPending(pending(ec, { attempts: 1, lastError: 'TIMEOUT' }));
        const before = await contents(store);
        expect(await codeOf(store.putPending(spoil(pending(rsa, { attempts: 2 })) as PendingEnrollment))).toBe('INVALID_ARGUMENT');
        expect(await contents(store)).toEqual(before);
      });
    }

    it('keeps both keys, the request, the idempotency key, attempts and lastError of a pending enrollment, as copies', async () => {
      await open();
      const written = pending(rsa, { kind: 'renew', renewOf: '01', attempts: 3, lastError: 'SERVER', request: { csr: 'PEM', list: [1, { a: 'b' }] } });
      await store.putPending(written);
      (written.request.list as unknown[]).push('later');
      written.attempts = 9;
      const read = (await store.getPending('enrollment-1'))!;
      expect(read).toMatchObject({ kind: 'renew', renewOf: '01', idempotencyKey: written.idempotencyKey, attempts: 3, lastError: 'SERVER' });
      expect(read.request).toEqual({ csr: 'PEM', list: [1, { a: 'b' }] });
      expect(await stillSigns(read.keyPair.privateKey, read.keyPair.publicKey)).toBe(true);
      read.keyPair = ec;
      (read.request.list as unknown[]).length = 0;
      const again = (await store.getPending('enrollment-1'))!;
      expect(again.keyPair.privateKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
      expect(again.request).toEqual({ csr: 'PEM', list: [1, { a: 'b' }] });
    });

    const refusedCompletions: [string, (next: StoredCredential) => [string, StoredCredential, CompleteEnrollmentOptions]][] = [
      ['an unknown pending id', (next) => ['enrollment-2', next, { replace: '01' }]],
      ['a malformed pending id', (next) => ['', next, { replace: '01' }]],
      ['a credential with raw key bytes', (next) => ['enrollment-1', { ...next, privateKey: new Uint8Array(32) as unknown as CryptoKey }, { replace: '01' }]],
      ['a credential with a lower-case serial number', (next) => ['enrollment-1', { ...next, serialNumber: '02a' }, { replace: '01' }]],
      ['a credential without its certificate', (next) => ['enrollment-1', { ...next, certificate: undefined as unknown as Uint8Array }, { replace: '01' }]],
      ['a lower-case serial number to replace', (next) => ['enrollment-1', next, { replace: '0a' }]],
    ];
    for (const [what, args] of refusedCompletions) {
      it(`refuses a completion with ${what} with INVALID_ARGUMENT: the old credential and the pending record stay`, async () => {
        await open();
        await store.putCredential(credential(rsa, { serialNumber: '01' }));
        await store.putPending(pending(ec, { kind: 'renew', renewOf: '01' }));
        const before = await contents(store);
        expect(await codeOf(store.completeEnrollment(...args(credential(ec, { serialNumber: '02', origin: 'renewed' }))))).toBe('INVALID_ARGUMENT');
        expect(await contents(store)).toEqual(before);
        expect(await stillSigns((await store.getCredential('01'))!.privateKey, rsa.publicKey)).toBe(true);
      });
    }

    it('refuses to complete the same enrollment twice and keeps what the first completion stored', async () => {
      await open();
      await store.putPending(pending(ec));
      await store.completeEnrollment('enrollment-1', credential(ec, { serialNumber: '0A' }));
      expect(await codeOf(store.completeEnrollment('enrollment-1', credential(ec, { serialNumber: '0B' })))).toBe('INVALID_ARGUMENT');
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0A']);
    });

    it('keeps the new credential when replace names its own serial number', async () => {
      await open();
      await store.putPending(pending(ec));
      await store.completeEnrollment('enrollment-1', credential(ec, { serialNumber: '0A' }), { replace: '0A' });
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['0A']);
    });

    it('completes a renewal whose old credential is already gone', async () => {
      await open();
      await store.putPending(pending(ec, { kind: 'renew', renewOf: '01' }));
      await store.completeEnrollment('enrollment-1', credential(ec, { serialNumber: '02' }), { replace: '01' });
      expect((await store.listCredentials()).map((c) => c.serialNumber)).toEqual(['02']);
      expect(await store.listPending()).toEqual([]);
    });

    it('after close() fails every call with STORAGE, persist and estimate and refused arguments included; closing again is harmless', async () => {
      await open();
      await store.putCredential(credential(ec));
      await store.putPending(pending(ec));
      await store.close();
      const calls: [string, () => Promise<unknown>][] = [
        ['listCredentials', () => store.listCredentials()],
        ['getCredential', () => store.getCredential('0A1B2C')],
        ['getCredential with a bad serial number', () => store.getCredential('0a')],
        ['putCredential', () => store.putCredential(credential(ec, { serialNumber: '0B' }))],
        ['putCredential with a bad record', () => store.putCredential({} as StoredCredential)],
        ['deleteCredential', () => store.deleteCredential('0A1B2C')],
        ['listPending', () => store.listPending()],
        ['getPending', () => store.getPending('enrollment-1')],
        ['putPending', () => store.putPending(pending(ec, { id: 'enrollment-2' }))],
        ['deletePending', () => store.deletePending('enrollment-1')],
        ['completeEnrollment', () => store.completeEnrollment('enrollment-1', credential(ec, { serialNumber: '0B' }))],
        ['persist', () => store.persist()],
        ['estimate', () => store.estimate()],
      ];
      for (const [what, call] of calls) expect(await codeOf(call()), what).toBe('STORAGE');
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
