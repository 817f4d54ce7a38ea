// The client against the mock CA (MSW in Node): the contract end to end, with a real CSR.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../../mocks';
import { createApiClient, type ApiClient } from '../../../src/core/api';
import { signCms } from '../../../src/core/crypto/cms';
import { rejection } from '../../support/rejection';

const baseUrl = 'http://localhost/api/cert-center/v1';
const backend = createMockBackend({ scenario: 'new-customer', now: new Date('2026-11-25T08:00:00Z') });
const server = setupServer(...backend.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(async () => {
  await backend.reset('new-customer');
  backend.faults.clear();
});
afterAll(() => server.close());

function customer() {
  const first = backend.customers[0];
  if (!first) throw new Error('the scenario seeds no customer');
  return first;
}

function client(): ApiClient {
  return createApiClient({ baseUrl, getAccessToken: () => customer().token, retry: { backoffMs: 1 } });
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

async function makeCsr(): Promise<string> {
  const keys = (await crypto.subtle.generateKey(algorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${customer().idNumber}`,
    keys,
    signingAlgorithm: algorithm,
  });
  return request.toString('pem');
}

/** A one-time code for `purpose`, read from the mock's inbox, verified into an otpToken. */
async function otpToken(api: ApiClient, purpose: 'apply' | 'renew' | 'revoke'): Promise<string> {
  const challenge = await api.requestOtp(purpose);
  const message = backend.inbox.last(customer().idNumber);
  expect(message?.otpId).toBe(challenge.otpId);
  return (await api.verifyOtp(challenge.otpId, message!.code)).otpToken;
}

describe('against the mock CA', () => {
  it('applies: OTP, verification, consent, then a certificate for a real CSR', async () => {
    const api = client();
    const token = await otpToken(api, 'apply');
    const { version } = await api.consent();
    const issued = await api.apply({ csr: await makeCsr(), otpToken: token, consentVersion: version });
    expect(issued.status).toBe('valid');
    expect(issued.device.kind).toBe('pc');
    expect(issued.chain.length).toBeGreaterThan(0);
    expect(new x509.X509Certificate(issued.certificate).serialNumber.toUpperCase()).toBe(issued.serialNumber);
    const list = await api.certificates();
    expect(list.items.map((c) => c.serialNumber)).toContain(issued.serialNumber);
    expect((await api.certificate(issued.serialNumber)).certificate).toBe(issued.certificate);
  });

  it('replays a POST with the same Idempotency-Key: the same certificate, nothing new issued', async () => {
    const api = client();
    const body = { csr: await makeCsr(), otpToken: await otpToken(api, 'apply'), consentVersion: (await api.consent()).version };
    const first = await api.apply(body, { idempotencyKey: 'enroll-replay-1' });
    const replay = await api.apply(body, { idempotencyKey: 'enroll-replay-1' });
    expect(replay.serialNumber).toBe(first.serialNumber);
    expect(replay.certificate).toBe(first.certificate);
    expect(backend.issuedCount(customer().idNumber)).toBe(1);
  });

  it('survives a lost answer: the retry with the same key gets the certificate issued before the drop', async () => {
    const api = client();
    const body = { csr: await makeCsr(), otpToken: await otpToken(api, 'apply'), consentVersion: (await api.consent()).version };
    backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    const issued = await api.apply(body);
    expect(backend.issuedCount(customer().idNumber)).toBe(1);
    expect(backend.issued(customer().idNumber)[0]?.serialNumber).toBe(issued.serialNumber);
  });

  it('refuses the same key with another body with IDEMPOTENCY_KEY_REUSED', async () => {
    const api = client();
    await api.requestOtp('apply', { idempotencyKey: 'otp-key-1' });
    const error = await rejection(api.requestOtp('renew', { idempotencyKey: 'otp-key-1' }));
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.status).toBe(422);
  });

  it('gives a resend inside the cooldown RATE_LIMITED at once, with the wait, sent only once', async () => {
    const limited = createMockBackend({ scenario: 'new-customer', now: new Date('2026-11-25T08:00:00Z'), otpCooldownSeconds: 2, baseUrl: '/api/limited/v1' });
    server.use(...limited.handlers);
    try {
      let tries = 0;
      const api = createApiClient({
        baseUrl: 'http://localhost/api/limited/v1',
        getAccessToken: () => limited.customers[0]!.token,
        fetch: (input, init) => (tries++, fetch(input, init)),
        retry: { backoffMs: 1 },
      });
      await api.requestOtp('apply');
      const started = performance.now();
      const error = await rejection(api.requestOtp('apply'));
      expect([error.code, error.status, error.problem?.retryAfterSeconds]).toEqual(['RATE_LIMITED', 429, 2]);
      expect(tries).toBe(2);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      server.resetHandlers();
    }
  });

  it('retries a GET through a 503 and a dropped connection', async () => {
    const api = client();
    backend.faults.next('http-503', { method: 'GET', path: '/profile', retryAfterSeconds: 0 });
    backend.faults.next('drop', { method: 'GET', path: '/profile' });
    await expect(api.profile()).resolves.toMatchObject({ name: customer().name });
    expect(backend.faults.pending()).toBe(0);
  });

  it('brings OTP_INVALID with attemptsLeft, then OTP_LOCKED on the third wrong entry', async () => {
    const api = client();
    const challenge = await api.requestOtp('apply');
    const right = backend.inbox.last(customer().idNumber)!.code;
    const wrong = right === '0000' ? '1111' : '0000';
    const first = await rejection(api.verifyOtp(challenge.otpId, wrong));
    expect([first.code, first.status, first.problem?.attemptsLeft]).toEqual(['OTP_INVALID', 422, 2]);
    await rejection(api.verifyOtp(challenge.otpId, wrong));
    const third = await rejection(api.verifyOtp(challenge.otpId, wrong));
    expect([third.code, third.status]).toEqual(['OTP_LOCKED', 423]);
  });

  it('gives an unknown token UNAUTHENTICATED', async () => {
    const api = createApiClient({ baseUrl, getAccessToken: () => 'not-a-customer' });
    const error = await rejection(api.profile());
    expect([error.code, error.status]).toEqual(['UNAUTHENTICATED', 401]);
  });

  it('renews with a proof signed by the current key: a new certificate, the old one revoked', async () => {
    await backend.reset('renewal-due');
    const current = (await backend.seededCredential())!;
    const api = client();
    const csr = await makeCsr();
    const csrDer = new Uint8Array(new x509.Pkcs10CertificateRequest(csr).rawData);
    const signature = await signCms(csrDer, { privateKey: current.privateKey, certificate: current.certificatePem });
    const proof = btoa(String.fromCharCode(...signature));
    const renewed = await api.renew(current.serialNumber, { csr, otpToken: await otpToken(api, 'renew'), proof });
    expect(renewed.serialNumber).not.toBe(current.serialNumber);
    expect((await api.certificateStatus(current.serialNumber)).status).toBe('revoked');
    expect((await api.certificateStatus(renewed.serialNumber)).status).toBe('valid');
  });

  it('revokes and reports the revocations left', async () => {
    await backend.reset('valid');
    const current = (await backend.seededCredential())!;
    const api = client();
    const before = (await api.certificates()).policy.revocationsLeft;
    const result = await api.revoke(current.serialNumber, { otpToken: await otpToken(api, 'revoke'), reason: 'keyCompromise' });
    expect(result.status).toBe('revoked');
    expect(result.revocationsLeft).toBe(before - 1);
    const again = await rejection(api.revoke(current.serialNumber, { otpToken: await otpToken(api, 'revoke') }));
    expect([again.code, again.status]).toEqual(['CERT_NOT_ACTIVE', 409]);
  });

  it('answers every GET of the contract in a shape the client accepts', async () => {
    await backend.reset('valid');
    const api = client();
    const serial = (await backend.seededCredential())!.serialNumber;
    await api.profile();
    await api.consent();
    await api.announcements();
    await api.certificate(serial);
    const missing = await rejection(api.certificate('ABCDEF0123'));
    expect([missing.code, missing.status]).toEqual(['NOT_FOUND', 404]);
  });
});
