import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../src/core/api';
import { isCertCenterError, type CertCenterError } from '../../../src/core/errors';
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
    ['an otpId of .', () => api.verifyOtp('.', '1234')],
    ['an otpId of ..', () => api.verifyOtp('..', '1234')],
    ['an otpId longer than 64 characters', () => api.verifyOtp('o'.repeat(65), '1234')],
    ['a serial number of . or ..', () => api.certificate('..')],
    ['a CSR longer than 16 384 characters', () => api.apply({ csr: csr.padEnd(16_385, 'A'), otpToken, consentVersion: '1' })],
    ['a proof longer than 65 536 characters', () => api.renew('4F1A', { csr, otpToken, proof: 'A'.repeat(65_537) })],
    ['options that are not an object', () => api.profile(42 as never)],
    ['a signal that is not an AbortSignal', () => api.profile({ signal: 'soon' as never })],
  ])('refuses %s with INVALID_ARGUMENT', async (_what, call) => {
    expect((await rejection(call())).code).toBe('INVALID_ARGUMENT');
    expect(sent).toHaveLength(0);
  });

  it('refuses an otpId that could leave its path segment, before sending anything', async () => {
    const fake = scriptedFetch(json(bodies.verification));
    for (const otpId of ['a/../b', '...', 'otp 1', 'otp%2F1']) {
      expect((await rejection(createApiClient({ baseUrl, fetch: fake.fetch }).verifyOtp(otpId, '1234'))).code).toBe('INVALID_ARGUMENT');
    }
    expect(fake.sent).toEqual([]);
  });

  it('sends what the document allows at its limits: a CSR of 16 384 characters, a proof of 65 536', async () => {
    const fake = scriptedFetch(json(bodies.certificateDetail, 201));
    const api2 = createApiClient({ baseUrl, fetch: fake.fetch });
    const longCsr = `-----BEGIN CERTIFICATE REQUEST-----\n`.padEnd(16_384, 'A');
    await api2.apply({ csr: longCsr, otpToken, consentVersion: '1' });
    await api2.renew('4F1A9C03D2B6E87A', { csr, otpToken, proof: 'A'.repeat(65_536) });
    expect(fake.sent).toHaveLength(2);
    expect(JSON.parse(fake.sent[0]!.body).csr).toBe(longCsr);
  });

  it('refuses options it cannot use', () => {
    expect(() => createApiClient({ baseUrl: '/relative/in/node' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, retry: { limit: -1 } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createApiClient({ baseUrl, credentials: 'sometimes' as 'include' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it.each([[null], ['https://broker.example'], [42], [[]], [() => ({})]])('refuses %o as the options with INVALID_ARGUMENT', (options) => {
    expect(() => createApiClient(options as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses retry options that are not an object', () => {
    expect(() => createApiClient({ baseUrl, retry: 3 as never })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('gives an argument that throws when read INVALID_ARGUMENT', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    const api2 = createApiClient({ baseUrl, fetch: fake.fetch });
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect((await rejection(api2.apply(trap as never))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(api2.profile(trap as never))).code).toBe('INVALID_ARGUMENT');
    expect(fake.sent).toHaveLength(0);
  });

  it('takes null call options as none', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    const api2 = createApiClient({ baseUrl, fetch: fake.fetch });
    await expect(api2.profile(null)).resolves.toEqual(bodies.profile);
    expect(await api2.serverTime(null)).toBeUndefined();
  });

  /** Every method, given `value` for every argument. */
  const everyMethod = (api2: ApiClient, value: unknown): [string, () => Promise<unknown>][] => {
    const v = value as never;
    return [
      ['profile', () => api2.profile(v)],
      ['certificates', () => api2.certificates(v)],
      ['certificate', () => api2.certificate(v, v)],
      ['certificateStatus', () => api2.certificateStatus(v, v)],
      ['requestOtp', () => api2.requestOtp(v, v)],
      ['verifyOtp', () => api2.verifyOtp(v, v, v)],
      ['consent', () => api2.consent(v)],
      ['apply', () => api2.apply(v, v)],
      ['renew', () => api2.renew(v, v, v)],
      ['revoke', () => api2.revoke(v, v, v)],
      ['announcements', () => api2.announcements(v)],
      ['serverTime', () => api2.serverTime(v)],
    ];
  };

  it.each([[42], ['x'], [true], [Symbol('s')], [[1]]])('never throws: every method given %o rejects with INVALID_ARGUMENT', async (value) => {
    const fake = scriptedFetch(json(bodies.profile));
    const api2 = createApiClient({ baseUrl, fetch: fake.fetch });
    for (const [name, call] of everyMethod(api2, value)) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = call()), name).not.toThrow();
      expect(promise, name).toBeInstanceOf(Promise);
      expect((await rejection(promise!)).code, name).toBe('INVALID_ARGUMENT');
    }
    expect(fake.sent).toHaveLength(0);
  });

  it('never throws: every method given null arguments rejects with a CertCenterError', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    const api2 = createApiClient({ baseUrl, fetch: fake.fetch });
    for (const [name, call] of everyMethod(api2, null)) {
      let promise: Promise<unknown> | undefined;
      expect(() => (promise = call()), name).not.toThrow();
      // A call that takes nothing but options is sent (the answer fits only GET /profile);
      // every other one is refused for its arguments.
      const optionsOnly = ['profile', 'certificates', 'consent', 'announcements', 'serverTime'].includes(name);
      const settled = await promise!.then(() => 'resolved', (error: unknown) => error);
      if (optionsOnly) expect(settled === 'resolved' || isCertCenterError(settled), name).toBe(true);
      else expect(isCertCenterError(settled) && settled.code, name).toBe('INVALID_ARGUMENT');
    }
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

describe('no token in an error or in any of its causes', () => {
  const token = 'SECRET-TOKEN-123';

  /** The error and every cause in its chain, as logs would show them. */
  function shown(error: unknown): string[] {
    const texts: string[] = [];
    for (let e = error, depth = 0; e !== undefined && e !== null && depth < 20; depth++) {
      texts.push(inspect(e, { depth: 10 }), inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e) ?? '', String(e));
      const request = (e as { request?: Request }).request;
      if (request instanceof Request) texts.push(request.headers.get('authorization') ?? '');
      e = (e as { cause?: unknown }).cause;
    }
    return texts;
  }

  function failing(fetchImpl: typeof fetch, timeoutMs = 5000): ApiClient {
    return createApiClient({ baseUrl, getAccessToken: () => token, fetch: fetchImpl, timeoutMs, retry: { limit: 0 } });
  }

  async function expectNoToken(error: CertCenterError, code: string) {
    expect(error.code).toBe(code);
    for (const text of shown(error)) expect(text).not.toContain(token);
  }

  it('leaves it out of a time-out', async () => {
    const api = failing(() => new Promise(() => {}), 50);
    await expectNoToken(await rejection(api.profile()), 'TIMEOUT');
    await expectNoToken(await rejection(api.verifyOtp('otp-1', '1234')), 'TIMEOUT');
  });

  it('leaves it out of a network failure', async () => {
    const api = failing(scriptedFetch(networkError()).fetch);
    await expectNoToken(await rejection(api.profile()), 'NETWORK');
    await expectNoToken(await rejection(api.requestOtp('apply')), 'NETWORK');
    await expectNoToken(await rejection(api.serverTime()), 'NETWORK');
  });

  it('leaves it out of a fetch error that quotes it', async () => {
    const api = failing(scriptedFetch(new TypeError(`fetch failed: Authorization: Bearer ${token}`)).fetch);
    await expectNoToken(await rejection(api.profile()), 'NETWORK');
  });

  it('leaves it out of an abort', async () => {
    const api = failing(scriptedFetch('hang').fetch);
    const controller = new AbortController();
    const pending = rejection(api.profile({ signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expectNoToken(await pending, 'ABORTED');
  });

  it('leaves it out of an HTTP error', async () => {
    const api = failing(scriptedFetch(problem(500, 'INTERNAL')).fetch);
    await expectNoToken(await rejection(api.profile()), 'INTERNAL');
    const gateway = failing(scriptedFetch(new Response('<html>', { status: 502 })).fetch);
    await expectNoToken(await rejection(gateway.apply({ csr, otpToken, consentVersion: '1' })), 'SERVER');
  });

  it('keeps only the name and message of what went wrong as the cause', async () => {
    const error = await rejection(failing(scriptedFetch(networkError()).fetch).profile());
    const cause = error.cause as Error;
    expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
    expect(Object.keys(cause)).toEqual(['name']);
    expect(cause).not.toHaveProperty('request');
    expect(cause.cause).toBeUndefined();
  });

  it('gives an AbortError from fetch itself ABORTED', async () => {
    const api = failing(scriptedFetch(new DOMException('stopped', 'AbortError')).fetch);
    const error = await rejection(api.profile());
    expect(error.code).toBe('ABORTED');
    expect((error.cause as Error).name).toBe('AbortError');
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
