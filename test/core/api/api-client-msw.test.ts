// The client over the runtime's real fetch, answered by MSW in Node.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { baseUrl, bodies } from './fake-fetch';
import { rejection } from '../../support/rejection';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = () => createApiClient({ baseUrl, getAccessToken: () => 'token-abc', retry: { backoffMs: 1 } });

describe('over real fetch with MSW', () => {
  it('retries a POST after a 503 and a dropped connection with one Idempotency-Key', async () => {
    const keys: (string | null)[] = [];
    server.use(
      http.post(`${baseUrl}/otp`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) return HttpResponse.json({ code: 'INTERNAL' }, { status: 503, headers: { 'retry-after': '0' } });
        if (keys.length === 2) return HttpResponse.error();
        return HttpResponse.json(bodies.otp, { status: 201 });
      }),
    );
    await expect(api().requestOtp('apply')).resolves.toEqual(bodies.otp);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives a dropped connection NETWORK once the retries are spent', async () => {
    server.use(http.get(`${baseUrl}/profile`, () => HttpResponse.error()));
    expect((await rejection(api().profile())).code).toBe('NETWORK');
  });

  it('brings the problem of a 422 to the caller', async () => {
    server.use(
      http.post(`${baseUrl}/otp/:otpId/verification`, () =>
        HttpResponse.json(
          { type: 'about:blank', title: 'Unprocessable', status: 422, code: 'OTP_INVALID', attemptsLeft: 1 },
          { status: 422, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const error = await rejection(api().verifyOtp('otp_1', '1234'));
    expect(error.code).toBe('OTP_INVALID');
    expect(error.problem?.attemptsLeft).toBe(1);
  });

  it('sends the Bearer token and the otpId as one path segment', async () => {
    let seen: { auth: string | null; otpId: string | readonly string[] | undefined } | undefined;
    server.use(
      http.post(`${baseUrl}/otp/:otpId/verification`, ({ request, params }) => {
        seen = { auth: request.headers.get('authorization'), otpId: params.otpId };
        return HttpResponse.json(bodies.verification);
      }),
    );
    await api().verifyOtp('otp_1-A', '1234');
    expect(seen).toEqual({ auth: 'Bearer token-abc', otpId: 'otp_1-A' });
  });
});
