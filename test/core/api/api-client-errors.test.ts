import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { type CertCenterError } from '../../../src/core/errors';
import { baseUrl, bodies, csr, json, networkError, otpToken, problem, scriptedFetch, type Step } from './fake-fetch';
import { rejection } from '../../support/rejection';

function client(steps: Step[], options: Parameters<typeof createApiClient>[0] = {}) {
  const fake = scriptedFetch(...steps);
  const api = createApiClient({ baseUrl, fetch: fake.fetch, retry: { limit: 0 }, ...options });
  return { api, sent: fake.sent };
}

describe('problem+json becomes CertCenterError', () => {
  it('keeps the code, the status and attemptsLeft of OTP_INVALID', async () => {
    const { api } = client([problem(422, 'OTP_INVALID', { attemptsLeft: 2, detail: 'wrong code' })]);
    const error = await rejection(api.verifyOtp('otp-1', '1234'));
    expect(error.code).toBe('OTP_INVALID');
    expect(error.status).toBe(422);
    expect(error.problem?.attemptsLeft).toBe(2);
    expect(error.problem?.code).toBe('OTP_INVALID');
    expect(error.name).toBe('CertCenterError');
  });

  it.each([
    [400, 'VALIDATION'],
    [401, 'UNAUTHENTICATED'],
    [403, 'OTP_TOKEN_INVALID'],
    [404, 'NOT_FOUND'],
    [409, 'CERT_EXISTS'],
    [409, 'RENEWAL_NOT_OPEN'],
    [409, 'REVOCATION_LIMIT'],
    [409, 'CERT_NOT_ACTIVE'],
    [410, 'OTP_EXPIRED'],
    [422, 'CSR_INVALID'],
    [422, 'CONSENT_REQUIRED'],
    [422, 'RENEWAL_PROOF_INVALID'],
    [422, 'IDEMPOTENCY_KEY_REUSED'],
    [423, 'OTP_LOCKED'],
  ])('passes a %i %s through with its code and status', async (status, code) => {
    const { api } = client([problem(status, code)]);
    const error = await rejection(api.certificates());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.problem?.code).toBe(code);
  });

  it('gives a 5xx with the contract code INTERNAL that code', async () => {
    const { api } = client([problem(500, 'INTERNAL')]);
    const error = await rejection(api.profile());
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(500);
  });

  it('gives a 5xx without problem details SERVER', async () => {
    const { api } = client([new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })]);
    const error = await rejection(api.profile());
    expect(error.code).toBe('SERVER');
    expect(error.status).toBe(502);
    expect(error.problem).toBeUndefined();
  });

  it('gives a code outside the contract SERVER, keeping the problem', async () => {
    const { api } = client([problem(409, 'ACCOUNT_FROZEN')]);
    const error = await rejection(api.profile());
    expect(error.code).toBe('SERVER');
    expect(error.status).toBe(409);
    expect(error.problem?.code).toBe('ACCOUNT_FROZEN');
  });

  it('does not take a client-side code from the server', async () => {
    const { api } = client([problem(400, 'PFX_BAD_PASSWORD')]);
    expect((await rejection(api.profile())).code).toBe('SERVER');
  });

  it('gives a 401 without a body (a gateway) UNAUTHENTICATED', async () => {
    const { api } = client([new Response(null, { status: 401 })]);
    const error = await rejection(api.profile());
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
  });

  it('drops problem members of the wrong type instead of passing them on', async () => {
    const { api } = client([problem(422, 'OTP_INVALID', { attemptsLeft: 'two' as unknown as number })]);
    const error = await rejection(api.verifyOtp('otp-1', '1234'));
    expect(error.code).toBe('OTP_INVALID');
    expect(error.problem?.attemptsLeft).toBeUndefined();
  });

  it('keeps an unreadable error body out of the way: the status decides', async () => {
    const { api } = client([new Response('{"code":', { status: 422, headers: { 'content-type': 'application/problem+json' } })]);
    const error = await rejection(api.profile());
    expect(error.code).toBe('SERVER');
    expect(error.status).toBe(422);
  });
});

describe('failures on the way', () => {
  it('gives a network failure NETWORK', async () => {
    const { api } = client([networkError()]);
    expect((await rejection(api.profile())).code).toBe('NETWORK');
  });

  it('gives a fetch failure in words the runtime chose NETWORK too', async () => {
    const { api } = client([new TypeError('Load failed')]);
    expect((await rejection(api.profile())).code).toBe('NETWORK');
  });

  it('gives an already aborted signal ABORTED and sends nothing', async () => {
    const { api, sent } = client([json(bodies.profile)]);
    const error = await rejection(api.profile({ signal: AbortSignal.abort() }));
    expect(error.code).toBe('ABORTED');
    expect(sent).toHaveLength(0);
  });

  it('gives an abort while waiting for the answer ABORTED', async () => {
    const { api, sent } = client(['hang'], { timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = rejection(api.apply({ csr, otpToken, consentVersion: '1' }, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await pending).code).toBe('ABORTED');
    expect(sent).toHaveLength(1);
  });

  it('gives an abort during the back-off ABORTED, with no further try', async () => {
    const fake = scriptedFetch(problem(503, undefined, {}, { 'retry-after': '5' }), json(bodies.profile));
    const api = createApiClient({ baseUrl, fetch: fake.fetch });
    const controller = new AbortController();
    const pending = rejection(api.profile({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('the user left the page'));
    expect((await pending).code).toBe('ABORTED');
    expect(fake.sent).toHaveLength(1);
  });
});

describe('arguments are checked before anything is sent', () => {
  const { api, sent } = client([json(bodies.profile)]);
  it.each([
    ['a lower-case serial number', () => api.certificate('4f1a9c03d2b6e87a')],
    ['a serial number with a path in it', () => api.certificateStatus('../profile')],
    ['an unknown OTP purpose', () => api.requestOtp('login' as 'apply')],
    ['a code that is not digits', () => api.verifyOtp('otp-1', '12a4')],
    ['an empty otpId', () => api.verifyOtp('', '1234')],
    ['a CSR that is not PEM', () => api.apply({ csr: 'MIIB...', otpToken, consentVersion: '1' })],
    ['a missing otpToken', () => api.apply({ csr, otpToken: '', consentVersion: '1' })],
    ['a proof that is not base64', () => api.renew('4F1A', { csr, otpToken, proof: 'not base64!' })],
    ['an unknown revocation reason', () => api.revoke('4F1A', { otpToken, reason: 'bored' as 'superseded' })],
    ['an Idempotency-Key with a space', () => api.requestOtp('apply', { idempotencyKey: 'a b' })],
  ])('refuses %s with INVALID_ARGUMENT', async (_what, call) => {
    expect((await rejection(call())).code).toBe('INVALID_ARGUMENT');
    expect(sent).toHaveLength(0);
  });

  it('refuses options it cannot use', () => {
    expect(() => createApiClient({ baseUrl: '/relative/in/node' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, retry: { limit: -1 } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, credentials: 'sometimes' as 'include' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('gives a failing idempotencyKey option INVALID_ARGUMENT, nothing else escapes', async () => {
    const fake = scriptedFetch(json(bodies.otp, 201));
    const api = createApiClient({ baseUrl, fetch: fake.fetch, idempotencyKey: () => { throw new Error('no entropy'); } });
    expect((await rejection(api.requestOtp('apply'))).code).toBe('INVALID_ARGUMENT');
    expect(fake.sent).toHaveLength(0);
  });
});

describe('no secrets in errors', () => {
  it('keeps the code, the token and the key out of every message', async () => {
    const code = '482193';
    const token = 'tok-SECRET-0123456789abcdef';
    const key = 'key-SECRET-42';
    const echo = (status: number, c: string) => problem(status, c, { detail: `code ${code} token ${token}` });
    const { api } = client([echo(422, 'OTP_INVALID')], { getAccessToken: () => token });
    const errors = [
      await rejection(api.verifyOtp('otp-1', code, { idempotencyKey: key })),
      await rejection(api.revoke('4F1A', { otpToken: token }, { idempotencyKey: key })),
    ];
    const failing = createApiClient({ baseUrl, fetch: scriptedFetch(networkError()).fetch, retry: { limit: 0 }, getAccessToken: () => token });
    errors.push(await rejection(failing.verifyOtp('otp-1', code, { idempotencyKey: key })));
    errors.push(await rejection(api.verifyOtp('otp-1', `${code}x`)));
    for (const error of errors) {
      for (const secret of [code, token, key]) expect(error.message).not.toContain(secret);
    }
  });
});

describe('serverTime', () => {
  it('reads the server clock from the Date header', async () => {
    const { api, sent } = client([json(bodies.profile, 200, { date: 'Wed, 25 Nov 2026 08:00:07 GMT' })]);
    expect(await api.serverTime()).toEqual(new Date('2026-11-25T08:00:07Z'));
    expect(sent[0]!.method).toBe('GET');
  });

  it('reads it from an error answer too', async () => {
    const { api } = client([problem(401, 'UNAUTHENTICATED', {}, { date: 'Wed, 25 Nov 2026 08:00:07 GMT' })]);
    expect(await api.serverTime()).toEqual(new Date('2026-11-25T08:00:07Z'));
  });

  it('is undefined without a readable Date header', async () => {
    const { api } = client([json(bodies.profile, 200, { date: 'soon' })]);
    expect(await api.serverTime()).toBeUndefined();
  });

  it('fails with NETWORK when nobody answers', async () => {
    const { api } = client([networkError()]);
    expect((await rejection(api.serverTime())).code).toBe('NETWORK');
  });
});
