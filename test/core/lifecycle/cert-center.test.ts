import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter } from '../../../src/core';
import { createMemoryStore } from '../../../src/core/store';
import type { CertStore } from '../../../src/core/store/cert-store';
import { registerJourney } from './journey';

const baseUrl = 'http://broker.test/api/cert-center/v1';
let backend: MockBackend;
let store: CertStore;
const bodies: string[] = [];
const server = setupServer();

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' } as never);
  server.events.on('request:start', async ({ request }) => {
    if (request.method === 'POST') bodies.push(await request.clone().text());
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
  await backend.ready;
  server.resetHandlers(...backend.handlers);
  store = createMemoryStore();
  bodies.length = 0;
});
afterEach(() => server.resetHandlers());

describe('createCertCenter in Node (memory store, msw/node)', () => {
  registerJourney({
    backend: () => backend,
    store: (same) => (same ? store : (store = createMemoryStore())),
    baseUrl,
    requestBodies: () => bodies,
  });

  it('tells when a one-time code has expired (otp-expired)', async () => {
    const quick = createMockBackend({ scenario: 'new-customer', otpTtlSeconds: 1 });
    await quick.ready;
    server.resetHandlers(...quick.handlers);
    const center = createCertCenter({ baseUrl, getAccessToken: () => quick.customers[0]!.token, store: createMemoryStore() });
    const expired = new Promise<{ otpId: string; purpose: string }>((resolve) =>
      center.events.addEventListener('otp-expired', (event) => resolve((event as CustomEvent<{ otpId: string; purpose: string }>).detail)),
    );
    const sent = await center.requestOtp('revoke');
    expect(sent.ttlSeconds).toBe(1);
    expect(await expired).toEqual({ otpId: sent.otpId, purpose: 'revoke' });
    center.close();
  });

  it('tells the default backup file name of a stored credential by the host\'s rule, as exportBackup names it', async () => {
    const center = createCertCenter({ baseUrl, getAccessToken: () => backend.customers[0]!.token, store, clock: () => backend.clock.now(), pkcs12Iterations: 2048, worker: false, backupFileName: (id) => `${id}_BROKER` });
    const sent = await center.requestOtp('apply');
    const { otpToken } = await center.verifyOtp(sent.otpId, backend.inbox.last()!.code);
    const credential = await center.apply({ otpToken, consentVersion: (await center.consent()).version });
    const name = await center.backupFileName(credential.serialNumber);
    expect(name).toBe(`${credential.idNumber}_BROKER.pfx`);
    expect((await center.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' })).fileName).toBe(name);
    await expect(center.backupFileName('ABCDEF')).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    await expect(center.backupFileName('' as string)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const badRule = createCertCenter({ baseUrl, getAccessToken: () => backend.customers[0]!.token, store, clock: () => backend.clock.now(), worker: false, backupFileName: () => 'a/b' });
    await expect(badRule.backupFileName(credential.serialNumber)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    badRule.close();
    center.close();
  });

  it('has no side effects when created: nothing is sent or opened', async () => {
    let calls = 0;
    const center = createCertCenter({ baseUrl, fetch: (...args) => (calls++, fetch(...args)) });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(0);
    center.close();
  });
});
