// Idempotent POSTs, faults, the clock and reset: what a client's retry logic and a test
// author rely on.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion, createMockBackend, type MockBackendOptions } from '../../mocks/index.ts';
import { harness, keyPair, makeCsr, type Harness } from './harness.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const NOW = new Date('2026-03-01T00:00:00.000Z');

async function start(scenario: MockBackendOptions['scenario'] = 'new-customer', extra: MockBackendOptions = {}): Promise<Harness> {
  const h = harness({ scenario, now: NOW, ...extra });
  server.resetHandlers(...h.backend.handlers);
  await h.backend.ready;
  return h;
}

async function applyBody(h: Harness) {
  return { csr: (await makeCsr(await keyPair('P-256'))).pem, otpToken: await h.otpToken('apply'), consentVersion };
}

describe('idempotent replay', () => {
  it('replays a POST with the same key and a JSON-equal body: same certificate, nothing new issued', async () => {
    const h = await start();
    const body = await applyBody(h);
    const first = await h.call('POST', '/certificates', { key: 'apply-1', body });
    // Same body, keys in another order: JSON-equal.
    const reordered = { consentVersion: body.consentVersion, otpToken: body.otpToken, csr: body.csr };
    const second = await h.call('POST', '/certificates', { key: 'apply-1', body: reordered });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(h.backend.issuedCount()).toBe(1);
  });

  it('answers a known key before anything else: the replay succeeds although its otpToken is now used', async () => {
    const h = await start();
    const body = await applyBody(h);
    await h.call('POST', '/certificates', { key: 'apply-2', body });
    expect((await h.call('POST', '/certificates', { key: 'apply-3', body })).body.code).toBe('OTP_TOKEN_INVALID');
    expect((await h.call('POST', '/certificates', { key: 'apply-2', body })).status).toBe(201);
  });

  it('answers IDEMPOTENCY_KEY_REUSED for the same key with another body, and changes nothing', async () => {
    const h = await start();
    const body = await applyBody(h);
    await h.call('POST', '/certificates', { key: 'apply-4', body });
    const other = await h.call('POST', '/certificates', { key: 'apply-4', body: { ...body, csr: (await makeCsr(await keyPair('P-256'))).pem } });
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(h.backend.issuedCount()).toBe(1);
  });

  it('replays a 4xx result too: a replayed wrong code does not use up an attempt', async () => {
    const h = await start();
    const sent = await h.call('POST', '/otp', { body: { purpose: 'apply' } });
    const wrong = String((Number(h.backend.inbox.last()!.code) + 1) % 10_000).padStart(4, '0');
    const path = `/otp/${sent.body.otpId}/verification`;
    for (let i = 0; i < 5; i++) {
      const answer = await h.call('POST', path, { key: 'wrong-once', body: { code: wrong } });
      expect([answer.body.code, answer.body.attemptsLeft]).toEqual(['OTP_INVALID', 2]);
    }
    expect((await h.call('POST', path, { body: { code: h.backend.inbox.last()!.code } })).status).toBe(200);
  });

  it('replays POST /otp without sending another code', async () => {
    const h = await start();
    const first = await h.call('POST', '/otp', { key: 'otp-1', body: { purpose: 'apply' } });
    const second = await h.call('POST', '/otp', { key: 'otp-1', body: { purpose: 'apply' } });
    expect(second.body).toEqual(first.body);
    expect(h.backend.inbox.all()).toHaveLength(1);
  });

  it('scopes keys to the customer and the route', async () => {
    const h = await start();
    await h.call('POST', '/otp', { key: 'shared', body: { purpose: 'apply' } });
    const otherCustomer = await h.call('POST', '/otp', { key: 'shared', body: { purpose: 'revoke' }, token: h.backend.customers[1]!.token });
    expect(otherCustomer.status).toBe(201);
    const otherRoute = await h.call('POST', '/otp/otp_unknown/verification', { key: 'shared', body: { code: '1234' } });
    expect(otherRoute.body.code).toBe('NOT_FOUND');
  });

  it('keeps a key 24 hours at the backend clock', async () => {
    const h = await start();
    await h.call('POST', '/otp', { key: 'day', body: { purpose: 'apply' } });
    h.backend.clock.advance(24 * 3600_000 - 1);
    expect((await h.call('POST', '/otp', { key: 'day', body: { purpose: 'revoke' } })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    h.backend.clock.advance(1);
    expect((await h.call('POST', '/otp', { key: 'day', body: { purpose: 'revoke' } })).status).toBe(201);
  });

  it('checks authentication before replay: a stored key does not answer an unauthenticated call', async () => {
    const h = await start();
    await h.call('POST', '/otp', { key: 'auth-first', body: { purpose: 'apply' } });
    expect((await h.call('POST', '/otp', { key: 'auth-first', body: { purpose: 'apply' }, token: null })).status).toBe(401);
  });
});

describe('faults', () => {
  it('commit-then-drop: the request fails, the certificate is stored, and the replay with the same key returns it', async () => {
    const h = await start();
    const body = await applyBody(h);
    h.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    await expect(h.call('POST', '/certificates', { key: 'lost', body })).rejects.toThrow();
    expect(h.backend.issuedCount()).toBe(1);
    const replay = await h.call('POST', '/certificates', { key: 'lost', body });
    expect(replay.status).toBe(201);
    expect(replay.body.serialNumber).toBe(h.backend.issued()[0]!.serialNumber);
    expect(replay.body.certificate).toBe(h.backend.issued()[0]!.certificatePem);
    expect(h.backend.issuedCount()).toBe(1);
  });

  it('drop: the request fails before the backend sees it, so nothing happens', async () => {
    const h = await start();
    h.backend.faults.next('drop');
    await expect(h.call('POST', '/otp', { key: 'dropped', body: { purpose: 'apply' } })).rejects.toThrow();
    expect(h.backend.inbox.all()).toHaveLength(0);
    expect((await h.call('POST', '/otp', { key: 'dropped', body: { purpose: 'revoke' } })).status).toBe(201);
  });

  it('http-500: INTERNAL, and nothing is stored under the key, so the same key may be sent again', async () => {
    const h = await start();
    const body = await applyBody(h);
    h.backend.faults.next('http-500', { path: '/certificates' });
    expect((await h.call('POST', '/certificates', { key: 'retry-me', body })).status).toBe(500);
    expect(h.backend.issuedCount()).toBe(0);
    expect((await h.call('POST', '/certificates', { key: 'retry-me', body })).status).toBe(201);
  });

  it('http-503 carries Retry-After (default 1 s)', async () => {
    const h = await start();
    h.backend.faults.next('http-503');
    const answer = await h.call('GET', '/certificates');
    expect([answer.status, answer.headers.get('retry-after'), answer.body.code]).toEqual([503, '1', 'INTERNAL']);
  });

  it('latency delays the answer by latencyMs of real time, then answers normally', async () => {
    const h = await start();
    h.backend.faults.next('latency', { latencyMs: 300 });
    const started = performance.now();
    expect((await h.call('GET', '/profile')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('fires one fault per arm, only for the matching method and path, replays included', async () => {
    const h = await start();
    h.backend.faults.next('http-500', { method: 'POST', path: '/otp' });
    h.backend.faults.next('http-500', { method: 'POST', path: '/otp' });
    expect((await h.call('GET', '/profile')).status).toBe(200);
    expect(h.backend.faults.pending()).toBe(2);
    expect((await h.call('POST', '/otp', { key: 'x', body: { purpose: 'apply' } })).status).toBe(500);
    expect((await h.call('POST', '/otp', { key: 'x', body: { purpose: 'apply' } })).status).toBe(500);
    expect((await h.call('POST', '/otp', { key: 'x', body: { purpose: 'apply' } })).status).toBe(201);
    h.backend.faults.next('drop', { path: /\/otp$/ });
    await expect(h.call('POST', '/otp', { key: 'x', body: { purpose: 'apply' } })).rejects.toThrow();
    expect((await h.call('POST', '/otp', { key: 'x', body: { purpose: 'apply' } })).headers.get('idempotency-replayed')).toBe('true');
    h.backend.faults.next('drop');
    h.backend.faults.clear();
    expect(h.backend.faults.pending()).toBe(0);
  });
});

describe('clock and reset', () => {
  it('stands still when created with now, and moves only by set and advance', async () => {
    const backend = createMockBackend({ now: NOW });
    expect(backend.clock.fixed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backend.clock.now()).toEqual(NOW);
    backend.clock.advance(1500);
    expect(backend.clock.now().getTime()).toBe(NOW.getTime() + 1500);
    backend.clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(backend.clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    await backend.ready;
  });

  it('follows real time when created without now; set and advance shift it', async () => {
    const backend = createMockBackend();
    expect(backend.clock.fixed).toBe(false);
    expect(Math.abs(backend.clock.now().getTime() - Date.now())).toBeLessThan(1000);
    backend.clock.advance(3_600_000);
    expect(backend.clock.now().getTime() - Date.now()).toBeGreaterThan(3_599_000);
    await backend.ready;
  });

  it('reset forgets every request and seeds the scenario again with a new CA', async () => {
    const h = await start('valid');
    const caBefore = await h.backend.ca();
    await h.call('POST', '/otp', { body: { purpose: 'revoke' } });
    await h.backend.reset('new-customer');
    expect(h.backend.inbox.all()).toHaveLength(0);
    expect((await h.call('GET', '/certificates')).body.items).toEqual([]);
    expect((await h.backend.ca()).rootPem).not.toBe(caBefore.rootPem);
    expect(await h.backend.seededCredential()).toBeUndefined();
  });

  it('makes requests sent right after an un-awaited reset wait for the new seed', async () => {
    const h = await start('valid');
    void h.backend.reset('new-customer');
    expect((await h.call('GET', '/certificates')).body.items).toEqual([]);
  });

  it('exposes the seeded key pair, whose public half is the seeded certificate’s', async () => {
    const h = await start('valid');
    const credential = (await h.backend.seededCredential())!;
    const data = new TextEncoder().encode('order');
    const signature = await crypto.subtle.sign({ name: 'RSASSA-PKCS1-v1_5' }, credential.privateKey, data);
    const { x509 } = await import('./harness.ts');
    const certKey = await new x509.X509Certificate(credential.certificatePem).publicKey.export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as RsaHashedImportParams, ['verify']);
    expect(await crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, certKey, signature, data)).toBe(true);
    expect(h.backend.certificates().map((c) => c.source)).toEqual(['seed', 'seed']);
  });
});
