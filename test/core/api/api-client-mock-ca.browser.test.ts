// The client in Chromium against the mock CA behind MSW's real service worker.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../../mocks';
import { setupMockWorker } from '../../../mocks/browser';
import { createApiClient, type ApiClient } from '../../../src/core/api';
import { rejection } from '../../support/rejection';

const backend = createMockBackend({ scenario: 'new-customer', now: new Date('2026-11-25T08:00:00Z') });
const worker = setupMockWorker(backend);

describe('against the mock CA behind the service worker (public/mockServiceWorker.js)', () => {
  beforeAll(async () => {
    await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  });
  beforeEach(async () => {
    await backend.reset('new-customer');
    backend.faults.clear();
  });
  afterAll(() => worker.stop());

  const customer = () => backend.customers[0]!;
  const client = (): ApiClient =>
    createApiClient({ getAccessToken: () => customer().token, retry: { backoffMs: 1 }, timeoutMs: 5000 });

  async function makeCsr(): Promise<string> {
    const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const keys = (await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
    const request = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${customer().idNumber}`, keys, signingAlgorithm: algorithm });
    return request.toString('pem');
  }

  async function applyBody(api: ApiClient) {
    const challenge = await api.requestOtp('apply');
    const { otpToken } = await api.verifyOtp(challenge.otpId, backend.inbox.last(customer().idNumber)!.code);
    return { csr: await makeCsr(), otpToken, consentVersion: (await api.consent()).version };
  }

  it('applies and replays with the same Idempotency-Key: the same certificate, nothing new issued', async () => {
    const api = client();
    const body = await applyBody(api);
    const first = await api.apply(body, { idempotencyKey: 'browser-enroll-1' });
    const replay = await api.apply(body, { idempotencyKey: 'browser-enroll-1' });
    expect(replay.serialNumber).toBe(first.serialNumber);
    expect(backend.issuedCount(customer().idNumber)).toBe(1);
  });

  it('recovers a lost answer with the same key, through a 503 first', async () => {
    const api = client();
    const body = await applyBody(api);
    backend.faults.next('http-503', { method: 'POST', path: '/certificates', retryAfterSeconds: 0 });
    backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    const issued = await api.apply(body);
    expect(backend.issued(customer().idNumber).map((c) => c.serialNumber)).toEqual([issued.serialNumber]);
  });

  it('times out on a slow answer with TIMEOUT', async () => {
    const api = createApiClient({ getAccessToken: () => customer().token, timeoutMs: 50, retry: { limit: 0 } });
    backend.faults.next('latency', { method: 'GET', path: '/profile', latencyMs: 400 });
    expect((await rejection(api.profile())).code).toBe('TIMEOUT');
  });

  it('brings OTP_INVALID with attemptsLeft', async () => {
    const api = client();
    const challenge = await api.requestOtp('apply');
    const right = backend.inbox.last(customer().idNumber)!.code;
    const error = await rejection(api.verifyOtp(challenge.otpId, right === '0000' ? '1111' : '0000'));
    expect([error.code, error.status, error.problem?.attemptsLeft]).toEqual(['OTP_INVALID', 422, 2]);
  });
});
