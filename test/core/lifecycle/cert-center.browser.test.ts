import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter } from '../../../src/core';
import { createIndexedDbStore } from '../../../src/core/store';
import type { CertStore } from '../../../src/core/store/cert-store';
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
