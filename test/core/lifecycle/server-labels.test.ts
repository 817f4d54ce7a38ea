// 憑證格式 and 憑證用途 of a stored credential are the server's record of its serial: carried from
// the issued certificate's JSON (apply, renew, import) and from GET /certificates (check,
// overview), kept in the store record, and never made up.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter, type CertCenter, type CertCenterOptions } from '../../../src/core';
import { createMemoryStore } from '../../../src/core/store';
import type { CertStore } from '../../../src/core/store/cert-store';

const baseUrl = 'http://broker.test/api/cert-center/v1';
let backend: MockBackend;
let store: CertStore;
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' } as never));
afterAll(() => server.close());
beforeEach(async () => {
  backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
  await backend.ready;
  server.resetHandlers(...backend.handlers);
  store = createMemoryStore();
});

const center = (extra: Partial<CertCenterOptions> = {}): CertCenter =>
  createCertCenter({
    baseUrl,
    getAccessToken: () => backend.customers[0]!.token,
    store,
    clock: () => backend.clock.now(),
    keyAlgorithm: 'ECDSA-P256',
    pkcs12Iterations: 2048,
    retry: { limit: 0 },
    worker: false,
    ...extra,
  });

async function applied(c: CertCenter) {
  const sent = await c.requestOtp('apply');
  const { otpToken } = await c.verifyOtp(sent.otpId, backend.inbox.last()!.code);
  return c.apply({ otpToken, consentVersion: (await c.consent()).version });
}

describe('format and usage of a stored credential', () => {
  it('come from the issued certificate on apply, stay in the store record and are there offline after a reload', async () => {
    const credential = await applied(center());
    expect(credential).toMatchObject({ format: 'EC+', usage: 'e-trading' });
    expect(await store.getCredential(credential.serialNumber)).toMatchObject({ format: 'EC+', usage: 'e-trading' });
    let calls = 0;
    const reloaded = center({ fetch: () => (calls++, Promise.reject(new TypeError('offline'))) });
    expect((await reloaded.credentials())[0]).toMatchObject({ format: 'EC+', usage: 'e-trading' });
    expect(calls).toBe(0);
  });

  it('come from the server’s record of the serial on import', async () => {
    const c = center();
    const credential = await applied(c);
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' });
    await c.remove(credential.serialNumber);
    expect(await c.importBackup(backup.bytes, 'abcd1234')).toMatchObject({ format: 'EC+', usage: 'e-trading' });
  });

  it('are filled from GET /certificates by check() and overview() for a record without them', async () => {
    const c = center();
    const credential = await applied(c);
    const { format: _f, usage: _u, ...bare } = (await store.getCredential(credential.serialNumber))!;
    await store.putCredential(bare);
    expect((await c.credentials())[0]!.format).toBeUndefined();
    const rows = await c.check();
    expect(rows[0]!.credential).toMatchObject({ format: 'EC+', usage: 'e-trading' });
    expect(await store.getCredential(credential.serialNumber)).toMatchObject({ format: 'EC+', usage: 'e-trading' });

    await store.putCredential(bare);
    expect((await c.overview()).local[0]).toMatchObject({ format: 'EC+', usage: 'e-trading' });
  });

  it('stay unknown, never made up, when the server cannot be asked', async () => {
    const c = center();
    const credential = await applied(c);
    const { format: _f, usage: _u, ...bare } = (await store.getCredential(credential.serialNumber))!;
    await store.putCredential(bare);
    const offline = center({ fetch: () => Promise.reject(new TypeError('offline')) });
    const rows = await offline.check();
    expect(rows[0]!.credential).toBeDefined();
    expect(rows[0]!.credential).not.toHaveProperty('format');
    expect(rows[0]!.credential).not.toHaveProperty('usage');
  });

  it('a format that is not a short plain label is left out and the certificate is still stored', async () => {
    const bent: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request.clone());
      if (!request.url.endsWith('/certificates') || request.method !== 'POST' || response.status !== 201) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return new Response(JSON.stringify({ ...body, format: `EC+\u0000${'x'.repeat(100)}` }), { status: 201, headers: response.headers });
    };
    const credential = await applied(center({ fetch: bent }));
    expect(credential.status).toBe('valid');
    expect(credential).not.toHaveProperty('format');
    expect(credential.usage).toBe('e-trading');
  });

  it('the store refuses a record whose format or usage holds control characters or is too long', async () => {
    const credential = await applied(center());
    const stored = (await store.getCredential(credential.serialNumber))!;
    await expect(store.putCredential({ ...stored, format: 'EC\u0001' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.putCredential({ ...stored, usage: 'u'.repeat(65) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.putCredential({ ...stored, format: '' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
