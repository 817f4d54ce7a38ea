import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { type CertCenterError } from '../../../src/core/errors';
import { baseUrl, bodies, csr, json, networkError, otpToken, problem, scriptedFetch, type Step } from './fake-fetch';
import { rejection } from '../../support/rejection';

/** Quick retries for the tests that do not measure the waits. */
function client(steps: Step[], options: Parameters<typeof createApiClient>[0] = {}) {
  const fake = scriptedFetch(...steps);
  const api = createApiClient({ baseUrl, fetch: fake.fetch, retry: { backoffMs: 1, maxBackoffMs: 1000 }, ...options });
  return { api, sent: fake.sent };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('retries only where safe', () => {
  it('retries a GET after a 503 and a network error, then returns the answer', async () => {
    const { api, sent } = client([problem(503, undefined), networkError(), json(bodies.profile)]);
    await expect(api.profile()).resolves.toEqual(bodies.profile);
    expect(sent.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('sends an Idempotency-Key with every POST, a fresh UUID per call', async () => {
    const { api, sent } = client([json(bodies.otp, 201)]);
    await api.requestOtp('apply');
    await api.requestOtp('apply');
    const [first, second] = sent.map((r) => r.headers.get('idempotency-key'));
    expect(first).toMatch(uuid);
    expect(second).toMatch(uuid);
    expect(first).not.toBe(second);
  });

  it('retries a POST with the same Idempotency-Key and the same body on every try', async () => {
    const { api, sent } = client([problem(500, 'INTERNAL'), networkError(), json(bodies.certificateDetail, 201)]);
    await api.apply({ csr, otpToken, consentVersion: '2026-01' });
    expect(sent).toHaveLength(3);
    const keys = new Set(sent.map((r) => r.headers.get('idempotency-key')));
    expect(keys.size).toBe(1);
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(sent[0]!.body)).toEqual({ csr, otpToken, consentVersion: '2026-01' });
  });

  it('replays with the Idempotency-Key it is given (a pending enrollment)', async () => {
    const { api, sent } = client([json(bodies.certificateDetail, 201)]);
    await api.apply({ csr, otpToken, consentVersion: '2026-01' }, { idempotencyKey: 'enroll-7f3a' });
    expect(sent[0]!.headers.get('idempotency-key')).toBe('enroll-7f3a');
  });

  it('takes new keys from the idempotencyKey option', async () => {
    let n = 0;
    const { api, sent } = client([json(bodies.otp, 201)], { idempotencyKey: () => `key-${++n}` });
    await api.requestOtp('apply');
    await api.requestOtp('apply');
    expect(sent.map((r) => r.headers.get('idempotency-key'))).toEqual(['key-1', 'key-2']);
  });

  it('sends no Idempotency-Key with a GET', async () => {
    const { api, sent } = client([json(bodies.profile)]);
    await api.profile();
    expect(sent[0]!.headers.has('idempotency-key')).toBe(false);
  });

  it.each([400, 401, 403, 404, 409, 410, 422, 423])('never retries a %i', async (status) => {
    const { api, sent } = client([problem(status, 'VALIDATION'), json(bodies.otp, 201)]);
    await rejection(api.requestOtp('apply'));
    expect(sent).toHaveLength(1);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a %i', async (status) => {
    const { api, sent } = client([problem(status, undefined), json(bodies.profile)]);
    await api.profile();
    expect(sent).toHaveLength(2);
  });

  it.each([
    [408, 'TIMEOUT'],
    [429, 'RATE_LIMITED'],
  ])('does not retry a POST that got a %i: the server replays it for the same key', async (status, code) => {
    const { api, sent } = client([problem(status, undefined, {}, { 'retry-after': '1' }), json(bodies.otp, 201)]);
    const error = await rejection(api.requestOtp('apply'));
    expect([error.code, error.status]).toEqual([code, status]);
    expect(sent).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('retries a POST that got a %i, whose result the server does not keep', async (status) => {
    const { api, sent } = client([problem(status, undefined, {}, { 'retry-after': '0' }), json(bodies.otp, 201)]);
    await expect(api.requestOtp('apply')).resolves.toEqual(bodies.otp);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.headers.get('idempotency-key')).toBe(sent[1]!.headers.get('idempotency-key'));
  });

  it('gives up after retry.limit retries and reports the last answer', async () => {
    const { api, sent } = client([problem(500, 'INTERNAL')], { retry: { limit: 2, backoffMs: 1 } });
    const error = await rejection(api.certificates());
    expect(sent).toHaveLength(3);
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
  });

  it('sends once with retry.limit 0', async () => {
    const { api, sent } = client([networkError()], { retry: { limit: 0 } });
    expect((await rejection(api.profile())).code).toBe('NETWORK');
    expect(sent).toHaveLength(1);
  });

  it('does not retry an answer that does not have the contract shape', async () => {
    const { api, sent } = client([json({ nope: true })]);
    expect((await rejection(api.profile())).code).toBe('SERVER');
    expect(sent).toHaveLength(1);
  });
});

describe('time-outs', () => {
  it('reports TIMEOUT when no try answers in timeoutMs, retrying with the same key', async () => {
    const { api, sent } = client(['hang'], { timeoutMs: 30, retry: { limit: 1, backoffMs: 1 } });
    const started = performance.now();
    const error = await rejection(api.requestOtp('apply'));
    expect(error.code).toBe('TIMEOUT');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.headers.get('idempotency-key')).toBe(sent[1]!.headers.get('idempotency-key'));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('answers when a retry comes back in time after a try timed out', async () => {
    const { api, sent } = client(['hang', json(bodies.profile)], { timeoutMs: 30 });
    await expect(api.profile()).resolves.toEqual(bodies.profile);
    expect(sent).toHaveLength(2);
  });

  it('times out a body that never finishes', async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"idNumber":')) }), {
        headers: { 'content-type': 'application/json' },
      });
    const { api } = client([stalled], { timeoutMs: 30, retry: { limit: 0 } });
    expect((await rejection(api.profile())).code).toBe('TIMEOUT');
  });
});

describe('waits between tries', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Runs `call` under fake timers until it settles; returns the gaps between tries in ms. */
  async function gaps(steps: Step[], call: (api: ReturnType<typeof createApiClient>) => Promise<unknown>, retry = {}) {
    vi.useFakeTimers({ now: Date.parse('2026-11-25T08:00:00Z') });
    vi.spyOn(Math, 'random').mockReturnValue(1); // no jitter: the full back-off
    const fake = scriptedFetch(...steps);
    const api = createApiClient({ baseUrl, fetch: fake.fetch, retry: { limit: 3, backoffMs: 300, maxBackoffMs: 10_000, ...retry } });
    const settled = call(api).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    const outcome = await settled;
    return { outcome, gaps: fake.sent.slice(1).map((r, i) => r.at - fake.sent[i]!.at) };
  }

  it('backs off exponentially from backoffMs', async () => {
    const { gaps: waits } = await gaps([networkError(), networkError(), networkError(), json(bodies.profile)], (api) => api.profile());
    expect(waits).toEqual([300, 600, 1200]);
  });

  it('caps the back-off at maxBackoffMs', async () => {
    const steps = [networkError(), networkError(), networkError(), json(bodies.profile)];
    const { gaps: waits } = await gaps(steps, (api) => api.profile(), { maxBackoffMs: 500 });
    expect(waits).toEqual([300, 500, 500]);
  });

  it('waits as long as Retry-After says in seconds', async () => {
    const steps = [problem(503, undefined, {}, { 'retry-after': '4' }), json(bodies.profile)];
    const { gaps: waits } = await gaps(steps, (api) => api.profile());
    expect(waits).toEqual([4000]);
  });

  it('waits until the HTTP-date of Retry-After', async () => {
    const at = new Date(Date.parse('2026-11-25T08:00:07Z')).toUTCString(); // "Wed, 25 Nov 2026 08:00:07 GMT"
    const steps = [problem(429, 'RATE_LIMITED', { retryAfterSeconds: 7 }, { 'retry-after': at }), json(bodies.profile)];
    const { gaps: waits, outcome } = await gaps(steps, (api) => api.profile());
    expect(outcome).toHaveProperty('value');
    expect(waits).toEqual([7000]);
  });

  it('does not retry when Retry-After asks for longer than maxBackoffMs: RATE_LIMITED reaches the caller with its wait', async () => {
    const steps = [problem(429, 'RATE_LIMITED', { retryAfterSeconds: 60 }, { 'retry-after': '60' }), json(bodies.otp, 201)];
    const { gaps: waits, outcome } = await gaps(steps, (api) => api.requestOtp('apply'));
    expect(waits).toEqual([]);
    const error = (outcome as { error: CertCenterError }).error;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.problem?.retryAfterSeconds).toBe(60);
  });

  it('gives a POST its 429 at once as RATE_LIMITED with the wait, even one it could sit out', async () => {
    const steps = [problem(429, 'RATE_LIMITED', { retryAfterSeconds: 2 }, { 'retry-after': '2' }), json(bodies.otp, 201)];
    const { gaps: waits, outcome } = await gaps(steps, (api) => api.requestOtp('apply'));
    expect(waits).toEqual([]);
    const error = (outcome as { error: CertCenterError }).error;
    expect([error.code, error.status, error.problem?.retryAfterSeconds]).toEqual(['RATE_LIMITED', 429, 2]);
  });

  it('takes retryAfterSeconds from the Retry-After header when the problem lacks it', async () => {
    const steps = [problem(429, undefined, {}, { 'retry-after': '30' })];
    const { outcome } = await gaps(steps, (api) => api.profile());
    const error = (outcome as { error: CertCenterError }).error;
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.problem?.retryAfterSeconds).toBe(30);
  });
});
