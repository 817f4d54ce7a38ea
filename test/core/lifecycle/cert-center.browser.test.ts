import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter } from '../../../src/core';
import { createIndexedDbStore } from '../../../src/core/store';
import type { CertStore } from '../../../src/core/store/cert-store';
import { utf8 } from '../../../src/core/crypto/bytes';
import { registerJourney } from './journey';

const baseUrl = '/api/cert-center/v1';
let backend: MockBackend;
let store: CertStore;
let dbName = '';
let counter = 0;
const bodies: string[] = [];
const worker = setupWorker();

const freshStore = () => {
  dbName = `cert-center-test-${Date.now()}-${counter++}`;
  return (store = createIndexedDbStore({ name: dbName }));
};

beforeAll(async () => {
  await worker.start({ quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
  worker.events.on('request:start', async ({ request }) => {
    if (request.method === 'POST') bodies.push(await request.clone().text());
  });
});
afterAll(() => worker.stop());
beforeEach(async () => {
  backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
  await backend.ready;
  worker.resetHandlers(...backend.handlers);
  freshStore();
  bodies.length = 0;
});

describe('createCertCenter in Chromium (IndexedDB, service worker)', () => {
  registerJourney({
    backend: () => backend,
    // A reload opens the same database through a new connection.
    store: (same) => (same ? createIndexedDbStore({ name: dbName }) : freshStore()),
    baseUrl,
    requestBodies: () => bodies,
    worker: true,
  });

  it('lets two tabs apply at once: one certificate, one stored credential, no corrupt store', async () => {
    const tab = () =>
      createCertCenter({ baseUrl, getAccessToken: () => backend.customers[0]!.token, store: createIndexedDbStore({ name: dbName }), clock: () => backend.clock.now(), retry: { limit: 0 } });
    const [a, b] = [tab(), tab()];
    const consent = await a.consent();
    const tokenFor = async (center: typeof a) => {
      const sent = await center.requestOtp('apply');
      const code = backend.inbox.all().find((m) => m.otpId === sent.otpId)!.code;
      return (await center.verifyOtp(sent.otpId, code)).otpToken;
    };
    const [ta, tb] = [await tokenFor(a), await tokenFor(b)];
    const changes: string[] = [];
    b.events.addEventListener('store-changed', (e) => changes.push((e as CustomEvent<{ kind: string }>).detail.kind));
    const results = await Promise.allSettled([
      a.apply({ otpToken: ta, consentVersion: consent.version }),
      b.apply({ otpToken: tb, consentVersion: consent.version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CERT_EXISTS' } });
    expect(backend.issuedCount()).toBe(1);
    expect(await a.credentials()).toHaveLength(1);
    expect(await b.credentials()).toHaveLength(1);
    await expect(b.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
    expect(await a.resume()).toEqual([]);
    await expect.poll(() => changes.length).toBeGreaterThan(0);
    a.close();
    b.close();
  });

  it('runs PKCS#12 work in a module worker and keeps keys as CryptoKey objects in IndexedDB', async () => {
    const center = createCertCenter({ baseUrl, getAccessToken: () => backend.customers[0]!.token, store, clock: () => backend.clock.now() });
    const sent = await center.requestOtp('apply');
    const { otpToken } = await center.verifyOtp(sent.otpId, backend.inbox.last()!.code);
    const credential = await center.apply({ otpToken, consentVersion: (await center.consent()).version });
    const backup = await center.exportBackup({ serialNumber: credential.serialNumber, password: 'Abcd1234' });
    await center.remove(credential.serialNumber);
    const back = await center.importBackup(backup.bytes, 'Abcd1234');
    expect(back.serialNumber).toBe(credential.serialNumber);
    const stored = await store.getCredential(credential.serialNumber);
    expect(stored?.privateKey).toBeInstanceOf(CryptoKey);
    center.close();
  });
});
