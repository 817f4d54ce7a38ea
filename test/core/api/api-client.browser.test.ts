// The client in Chromium: the page's fetch, Request and AbortSignal, and the relative default base.
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { bodies, csr, json, otpToken, problem, scriptedFetch } from './fake-fetch';
import { rejection } from '../../support/rejection';

describe('in the browser', () => {
  it('resolves the default base /api/cert-center/v1 against the page', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    await createApiClient({ fetch: fake.fetch }).profile();
    expect(fake.sent[0]!.url).toBe(new URL('/api/cert-center/v1/profile', location.href).href);
  });

  it('retries a 503 and a failed fetch with one Idempotency-Key', async () => {
    const fake = scriptedFetch(problem(503, undefined), new TypeError('Failed to fetch'), json(bodies.certificateDetail, 201));
    const api = createApiClient({ fetch: fake.fetch, retry: { backoffMs: 1 } });
    await api.apply({ csr, otpToken, consentVersion: '2026-01' });
    expect(fake.sent).toHaveLength(3);
    expect(new Set(fake.sent.map((r) => r.headers.get('idempotency-key'))).size).toBe(1);
    expect(crypto.randomUUID).toBeTypeOf('function');
  });

  it('does not retry a 422 and keeps its problem', async () => {
    const fake = scriptedFetch(problem(422, 'OTP_INVALID', { attemptsLeft: 2 }));
    const error = await rejection(createApiClient({ fetch: fake.fetch }).verifyOtp('otp-1', '1234'));
    expect([error.code, error.status, error.problem?.attemptsLeft, fake.sent.length]).toEqual(['OTP_INVALID', 422, 2, 1]);
  });

  it('reports TIMEOUT when nobody answers in time', async () => {
    const fake = scriptedFetch('hang');
    const api = createApiClient({ fetch: fake.fetch, timeoutMs: 30, retry: { limit: 1, backoffMs: 1 } });
    expect((await rejection(api.profile())).code).toBe('TIMEOUT');
    expect(fake.sent).toHaveLength(2);
  });

  it('reports ABORTED when the caller aborts', async () => {
    const fake = scriptedFetch('hang');
    const controller = new AbortController();
    const pending = rejection(createApiClient({ fetch: fake.fetch }).profile({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    expect((await pending).code).toBe('ABORTED');
  });

  it('gives a malformed body SERVER', async () => {
    const fake = scriptedFetch(json({ ...bodies.profile, idNumber: 7 }));
    expect((await rejection(createApiClient({ fetch: fake.fetch }).profile())).code).toBe('SERVER');
  });

  it('sends the Bearer token or, in cookie mode, the credentials mode', async () => {
    const bearer = scriptedFetch(json(bodies.profile));
    await createApiClient({ fetch: bearer.fetch, getAccessToken: async () => 'token-abc' }).profile();
    expect(bearer.sent[0]!.headers.get('authorization')).toBe('Bearer token-abc');
    const cookies = scriptedFetch(json(bodies.profile));
    await createApiClient({ fetch: cookies.fetch, credentials: 'include' }).profile();
    expect(cookies.sent[0]!.credentials).toBe('include');
    expect(cookies.sent[0]!.headers.has('authorization')).toBe(false);
  });
});
