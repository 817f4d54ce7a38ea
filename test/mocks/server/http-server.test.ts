// The mock CA over a real loopback socket: the contract as the in-process mock answers it, the
// /__mock/ control surface exactly as documented, CORS for pages on this machine, loopback
// only, and `npm run mock-server` as a child process that stops cleanly on SIGINT and SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../../mocks/index.ts';
import { startMockHttpServer, type MockHttpServer } from '../../../mocks/server/http-server.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const root = fileURLToPath(new URL('../../..', import.meta.url));
const open: MockHttpServer[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(options: { allowedOrigins?: string[] } = {}) {
  const backend = createMockBackend({ scenario: 'valid', now: NOW });
  const server = await startMockHttpServer({ backend, port: 0, scenario: 'valid', ...options });
  open.push(server);
  const token = backend.customers[0]!.token;
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token !== null) headers.set('Authorization', `Bearer ${init.token ?? token}`);
    return fetch(`${server.baseUrl}${path}`, { ...init, headers });
  };
  const control = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${server.origin}/__mock/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const post = (path: string, body: unknown, key: string = crypto.randomUUID()) =>
    api(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key } });
  return { backend, server, api, control, post };
}

/** A raw request with headers fetch would not send as given (Host). */
function raw(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the contract over HTTP', () => {
  it('answers the calls of the contract under /api/cert-center/v1 with the backend’s answers, Bearer or cookie', async () => {
    const { api, server, backend } = await serve();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const profile = await api('/profile');
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ idNumber: 'A103******' });
    expect(new Date(profile.headers.get('date')!).getTime()).toBe(NOW.getTime());
    const cookie = await api('/profile', { token: null, headers: { Cookie: `cert_center_session=${backend.customers[1]!.token}` } });
    expect(((await cookie.json()) as { idNumber: string }).idNumber).toBe('B220******');
    const none = await api('/profile', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(((await none.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${server.baseUrl}/openapi.json`)).status).toBe(200);
  });

  it('replays a POST sent again with its Idempotency-Key, marked Idempotency-Replayed', async () => {
    const { post } = await serve();
    const first = await post('/otp', { purpose: 'apply' }, 'key-1');
    const again = await post('/otp', { purpose: 'apply' }, 'key-1');
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(((await again.json()) as { otpId: string }).otpId).toBe(((await first.json()) as { otpId: string }).otpId);
  });

  it('answers 404 outside the contract and the control surface, and says what it is at /', async () => {
    const { server } = await serve();
    expect((await fetch(`${server.origin}/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${server.origin}/`)).json()).toMatchObject({ control: '/__mock/' });
  });

  it('refuses a body over 1 MiB with 413 before the backend reads it', async () => {
    const { api } = await serve();
    const response = await api('/otp', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1), headers: { 'Idempotency-Key': 'big' } });
    expect(response.status).toBe(413);
  });
});

describe('the /__mock/ control surface', () => {
  it('GET /__mock/customers lists every customer as { idNumber, name, token }', async () => {
    const { control, backend } = await serve();
    const customers = (await (await control('GET', 'customers')).json()) as Array<Record<string, string>>;
    expect(customers).toEqual(backend.customers.map(({ idNumber, name, token }) => ({ idNumber, name, token })));
  });

  it('GET /__mock/inbox?idNumber= lists that customer’s codes oldest first as { idNumber, purpose, code, sentAt }', async () => {
    const { control, post, backend } = await serve();
    await post('/otp', { purpose: 'apply' });
    await control('POST', 'clock', { advanceMs: 5000 });
    await post('/otp', { purpose: 'revoke' });
    const id = backend.customers[0]!.idNumber;
    const { items } = (await (await control('GET', `inbox?idNumber=${id}`)).json()) as { items: Array<Record<string, string>> };
    expect(items).toEqual(backend.inbox.all(id).map(({ idNumber, purpose, code, sentAt }) => ({ idNumber, purpose, code, sentAt: sentAt.toISOString() })));
    expect(items.map((i) => i.purpose)).toEqual(['apply', 'revoke']);
    expect(items.map((i) => i.sentAt)).toEqual([NOW.toISOString(), new Date(NOW.getTime() + 5000).toISOString()]);
    const other = (await (await control('GET', `inbox?idNumber=${backend.customers[1]!.idNumber}`)).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);
  });

  it('POST /__mock/clock sets ({ set }) or advances ({ advanceMs }) the clock and answers { now }; the contract follows it', async () => {
    const { control, api } = await serve();
    const set = await control('POST', 'clock', { set: '2026-06-01T00:00:00.000Z' });
    expect(await set.json()).toEqual({ now: '2026-06-01T00:00:00.000Z' });
    expect(await (await control('POST', 'clock', { advanceMs: 61_000 })).json()).toEqual({ now: '2026-06-01T00:01:01.000Z' });
    expect(new Date((await api('/profile')).headers.get('date')!).toISOString()).toBe('2026-06-01T00:01:01.000Z');
    for (const body of [{}, { set: 'tomorrow' }, { advanceMs: 1.5 }, { set: '2026-06-01T00:00:00Z', advanceMs: 1 }, { now: 1 }]) {
      expect((await control('POST', 'clock', body)).status).toBe(400);
    }
  });

  it('POST /__mock/faults arms one fault ({ kind, method?, path? }) for the next matching request', async () => {
    const { control, api } = await serve();
    expect((await control('POST', 'faults', { kind: 'http-503', method: 'GET', path: '/profile' })).status).toBe(200);
    expect((await api('/certificates')).status).toBe(200);
    const unavailable = await api('/profile');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await api('/profile')).status).toBe(200);
    await control('POST', 'faults', { kind: 'drop' });
    await expect(api('/profile')).rejects.toThrow();
    for (const body of [{ kind: 'explode' }, { kind: 'drop', latencyMs: 5 }, { kind: 'drop', path: 3 }]) {
      expect((await control('POST', 'faults', body)).status).toBe(400);
    }
  });

  it('POST /__mock/reset seeds the scenario asked for, or without one the scenario the server started with', async () => {
    const { control, api } = await serve();
    const count = async () => ((await (await api('/certificates')).json()) as { items: unknown[] }).items.length;
    expect(await count()).toBe(1);
    expect(await (await control('POST', 'reset', { scenario: 'new-customer' })).json()).toEqual({ scenario: 'new-customer' });
    expect(await count()).toBe(0);
    expect(await (await control('POST', 'reset', {})).json()).toEqual({ scenario: 'valid' });
    expect(await count()).toBe(1);
    expect((await control('POST', 'reset', { scenario: 'haunted' })).status).toBe(400);
  });

  it('answers 404 for an unknown control and 405 for a known one with the wrong method', async () => {
    const { control } = await serve();
    expect((await control('GET', 'secrets')).status).toBe(404);
    expect((await control('POST', 'customers', {})).status).toBe(405);
    expect((await control('GET', 'clock')).status).toBe(405);
  });
});

describe('CORS and loopback', () => {
  it('answers a preflight from a local page, allowing Authorization and Idempotency-Key, and exposes Retry-After', async () => {
    const { server, api } = await serve();
    const preflight = await fetch(`${server.baseUrl}/otp`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, idempotency-key, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'idempotency-key', 'content-type']));
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const answer = await api('/profile', { headers: { Origin: 'http://127.0.0.1:8080' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    expect((answer.headers.get('access-control-expose-headers') ?? '').split(/,\s*/)).toEqual(expect.arrayContaining(['Retry-After', 'Idempotency-Replayed']));
  });

  it('gives a page elsewhere no CORS headers unless its origin is allowed', async () => {
    const { server, api } = await serve();
    const preflight = await fetch(`${server.baseUrl}/otp`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect((await api('/profile', { headers: { Origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    const other = await serve({ allowedOrigins: ['https://demo.example'] });
    expect((await other.api('/profile', { headers: { Origin: 'https://demo.example' } })).headers.get('access-control-allow-origin')).toBe('https://demo.example');
  });

  it('answers 421 to a Host that is not loopback (a rebound name), and listens on loopback only', async () => {
    const { server } = await serve();
    expect((await raw(`${server.baseUrl}/announcements`, { Host: 'rebound.example:80' })).status).toBe(421);
    expect((await raw(`${server.origin}/__mock/customers`, { Host: 'rebound.example' })).status).toBe(421);
    expect((await raw(`${server.origin}/__mock/customers`, { Host: `localhost:${new URL(server.origin).port}` })).status).toBe(200);
    const backend = createMockBackend({ now: NOW });
    await expect(startMockHttpServer({ backend, host: '0.0.0.0', port: 0 })).rejects.toThrow();
  });
});

describe('npm run mock-server', () => {
  /** A child bundles the server first: generous, as the machine may be shared (nothing is timed). */
  const childTimeout = 180_000;

  /** Starts the command; resolves once it has printed its start-up lines. */
  function start(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; out: () => string; origin: string }> {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'mocks/server/main.ts', '--port', '0', '--now', NOW.toISOString(), ...args], { cwd: root });
    let out = '';
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const origin = /Mock Certificate Center on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (origin && out.includes('Ctrl+C stops.')) resolve({ child, out: () => out, origin });
      });
      child.on('exit', (code) => reject(new Error(`mock-server exited with ${code} before it started: ${out}`)));
    });
  }

  const exited = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints the customers’ tokens, serves, and stops cleanly on ${signal}`, async () => {
      const { child, out, origin } = await start(['--scenario', 'valid']);
      expect(out()).toContain('mock-token-a103');
      expect(out()).toContain('mock-token-b220');
      const answer = await fetch(`${origin}/api/cert-center/v1/certificates`, { headers: { Authorization: 'Bearer mock-token-a103' } });
      expect(((await answer.json()) as { items: unknown[] }).items).toHaveLength(1);
      const done = exited(child);
      child.kill(signal);
      expect(await done).toBe(0);
      await expect(fetch(`${origin}/`)).rejects.toThrow();
    }, childTimeout);
  }

  it('exits 2 for an unknown scenario without listening', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'mocks/server/main.ts', '--scenario', 'haunted'], { cwd: root });
    expect(await exited(child)).toBe(2);
  }, childTimeout);
});
