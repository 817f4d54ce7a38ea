// Every call of the contract against the mock, success and every error, each response judged
// by mocks/openapi.yaml (the harness does it on every call); the last test checks that every
// documented error code was reached.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion, type ScenarioName } from '../../mocks/index.ts';
import { assertContract, document, documentExamples, documentedCodes, reachedCodes, schemaErrors } from './contract.ts';
import { basePath, harness, keyPair, makeCsr, makeProof, origin, x509, type Harness } from './harness.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const NOW = new Date('2026-03-01T00:00:00.000Z');
const day = 86_400_000;

async function start(scenario: ScenarioName = 'new-customer', extra: Parameters<typeof harness>[0] = {}): Promise<Harness> {
  const h = harness({ scenario, now: NOW, ...extra });
  server.resetHandlers(...h.backend.handlers);
  await h.backend.ready;
  return h;
}

async function applyBody(h: Harness, overrides: Record<string, unknown> = {}) {
  const csr = await makeCsr(await keyPair('P-256'));
  return { csr: csr.pem, otpToken: await h.otpToken('apply'), consentVersion, ...overrides };
}

async function pcCertificate(h: Harness, token?: string) {
  const list = await h.call('GET', '/certificates', token ? { token } : {});
  return list.body.items.find((c: any) => c.device.kind === 'pc' && c.status !== 'revoked');
}

async function renewalBody(h: Harness, serial?: string) {
  const credential = (await h.backend.seededCredential())!;
  const csr = await makeCsr(await keyPair('P-256'));
  const proof = await makeProof(csr.der, credential.privateKey, credential.certificatePem);
  return { serial: serial ?? credential.serialNumber, body: { csr: csr.pem, otpToken: await h.otpToken('renew'), proof } };
}

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a token, with an unknown one, and before any other check', async () => {
    const h = await start();
    expect((await h.call('GET', '/profile', { token: null })).body.code).toBe('UNAUTHENTICATED');
    expect((await h.call('GET', '/certificates', { token: 'nobody' })).status).toBe(401);
    const post = await h.call('POST', '/otp', { token: null, key: null, body: { purpose: 'nonsense' } });
    expect(post.body.code).toBe('UNAUTHENTICATED');
    expect(post.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('accepts the host session cookie cert_center_session instead of a Bearer token', async () => {
    const h = await start();
    const profile = await h.call('GET', '/profile', { token: null, cookie: `other=1; cert_center_session=${h.backend.customers[1]!.token}` });
    expect(profile.status).toBe(200);
    expect(profile.body.idNumber).toBe('B220******');
  });
});

describe('GET /profile', () => {
  it('shows the customer with ID number, phone and e-mail masked', async () => {
    const h = await start();
    const profile = await h.call('GET', '/profile');
    expect(profile.body).toEqual({ idNumber: 'A103******', name: '王小明', phone: '0966****06', email: 'c*****n@i.com' });
  });
});

describe('GET /certificates', () => {
  const expectations: Array<[ScenarioName, string[], number]> = [
    ['new-customer', [], 3],
    ['valid', ['pc:valid'], 3],
    ['renewal-due', ['pc:renewal-due'], 3],
    ['expired', ['pc:expired'], 3],
    ['revoked', ['pc:revoked'], 2],
    ['revocation-limit', ['pc:valid', 'pc:revoked', 'pc:revoked', 'pc:revoked'], 0],
    ['other-device', ['mobile:valid'], 3],
  ];
  for (const [scenario, items, left] of expectations) {
    it(`seeds '${scenario}' with matching statuses at the backend clock and ${left} revocations left`, async () => {
      const h = await start(scenario);
      const list = await h.call('GET', '/certificates');
      expect(list.body.items.map((c: any) => `${c.device.kind}:${c.status}`)).toEqual(items);
      expect(list.body.policy).toEqual({ validityDays: 365, renewBeforeDays: 30, renewAfterDays: 30, revocationsPerYear: 3, revocationsLeft: left });
    });
  }

  it('moves status with the clock: renewal-due from renewFrom through notAfter, expired after, revoked wins', async () => {
    const h = await start('valid');
    const cert = await pcCertificate(h);
    const renewFrom = Date.parse(cert.renewFrom);
    const notAfter = Date.parse(cert.notAfter);
    expect(renewFrom).toBe(notAfter - 30 * day);
    expect(Date.parse(cert.renewUntil)).toBe(notAfter + 30 * day);
    const statusAt = async (at: number) => {
      h.backend.clock.set(new Date(at));
      return (await h.call('GET', `/certificates/${cert.serialNumber}/status`)).body.status;
    };
    expect(await statusAt(renewFrom - 1)).toBe('valid');
    expect(await statusAt(renewFrom)).toBe('renewal-due');
    expect(await statusAt(notAfter)).toBe('renewal-due');
    expect(await statusAt(notAfter + 1)).toBe('expired');
    const h2 = await start('revoked');
    const revoked = (await h2.call('GET', '/certificates')).body.items[0];
    h2.backend.clock.set(new Date(Date.parse(revoked.notAfter) + day));
    expect((await h2.call('GET', `/certificates/${revoked.serialNumber}/status`)).body.status).toBe('revoked');
  });
});

describe('GET /certificates/{serialNumber} and /status', () => {
  it('returns the certificate PEM and the chain issuing CA then root, never the leaf', async () => {
    const h = await start('valid');
    const cert = await pcCertificate(h);
    const detail = await h.call('GET', `/certificates/${cert.serialNumber}`);
    const ca = await h.backend.ca();
    expect(detail.body.chain).toEqual([ca.issuingPem, ca.rootPem]);
    expect(detail.body.chain).not.toContain(detail.body.certificate);
    expect(new x509.X509Certificate(detail.body.certificate).serialNumber.toUpperCase()).toBe(cert.serialNumber);
  });

  it('sees only the customer’s own certificates: another customer’s serial or an unknown one is NOT_FOUND', async () => {
    const h = await start('valid');
    const others = await pcCertificate(h, h.backend.customers[1]!.token);
    expect((await h.call('GET', `/certificates/${others.serialNumber}`)).body.code).toBe('NOT_FOUND');
    expect((await h.call('GET', `/certificates/${others.serialNumber}/status`)).status).toBe(404);
    expect((await h.call('GET', '/certificates/0123ABCD/status')).body.code).toBe('NOT_FOUND');
  });

  it('answers VALIDATION for a serial number that is not upper-case hexadecimal', async () => {
    const h = await start('valid');
    const answer = await h.call('GET', '/certificates/abc-1');
    expect(answer.body.code).toBe('VALIDATION');
    expect(answer.body.errors[0].pointer).toBe('path:serialNumber');
  });

  it('reports revoked with revokedAt on the status call', async () => {
    const h = await start('revoked');
    const cert = (await h.call('GET', '/certificates')).body.items[0];
    const status = await h.call('GET', `/certificates/${cert.serialNumber}/status`);
    expect(status.body).toEqual({ serialNumber: cert.serialNumber, status: 'revoked', revokedAt: new Date(NOW.getTime() - 5 * day).toISOString() });
  });
});

describe('content', () => {
  it('serves the subscriber agreement in zh-Hant with the version applying needs', async () => {
    const h = await start();
    const consent = await h.call('GET', '/consent');
    expect(consent.body.version).toBe(consentVersion);
    expect(consent.body.text).toMatch(/私密金鑰/);
    expect(consent.body.text).toMatch(/註銷/);
    expect(consent.body.text.length).toBeGreaterThan(600);
  });

  it('serves announcements newest first', async () => {
    const h = await start();
    const items = (await h.call('GET', '/announcements')).body.items;
    expect(items.length).toBeGreaterThan(0);
    expect([...items].sort((a: any, b: any) => b.publishedAt.localeCompare(a.publishedAt))).toEqual(items);
  });

  it('serves the OpenAPI document at GET {baseUrl}/openapi.json without authentication', async () => {
    await start();
    const response = await fetch(`${origin}${basePath}/openapi.json`);
    const body = await response.json();
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/certificates/{serialNumber}/renewal');
  });

  it('answers NOT_FOUND for a path outside the contract', async () => {
    const h = await start();
    const response = await fetch(`${origin}${basePath}/nothing-here`, { headers: { Authorization: `Bearer ${h.backend.customers[0]!.token}` } });
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('NOT_FOUND');
  });
});

describe('POST /otp', () => {
  it('sends a 4-digit code valid 60 s to masked SMS and e-mail channels, only to the inbox, never in the response', async () => {
    const h = await start();
    const sent = await h.call('POST', '/otp', { body: { purpose: 'apply' } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ purpose: 'apply', ttlSeconds: 60, codeLength: 4, expiresAt: new Date(NOW.getTime() + 60_000).toISOString() });
    expect(sent.body.channels).toEqual([{ kind: 'sms', to: '0966****06' }, { kind: 'email', to: 'c*****n@i.com' }]);
    const message = h.backend.inbox.last()!;
    expect(message.code).toMatch(/^\d{4}$/);
    expect(message.otpId).toBe(sent.body.otpId);
    expect(Object.keys(sent.body).sort()).toEqual(['channels', 'codeLength', 'expiresAt', 'otpId', 'purpose', 'ttlSeconds']);
  });

  it('answers VALIDATION for an unknown purpose, a non-object body, extra fields or a missing Idempotency-Key', async () => {
    const h = await start();
    expect((await h.call('POST', '/otp', { body: { purpose: 'steal' } })).body.code).toBe('VALIDATION');
    expect((await h.call('POST', '/otp', { rawBody: 'not json' })).body.code).toBe('VALIDATION');
    expect((await h.call('POST', '/otp', { body: { purpose: 'apply', code: '1234' } })).body.errors[0].pointer).toBe('/code');
    const noKey = await h.call('POST', '/otp', { key: null, body: { purpose: 'apply' } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.errors[0].pointer).toBe('header:Idempotency-Key');
    expect(h.backend.inbox.all()).toHaveLength(0);
  });

  it('answers RATE_LIMITED with Retry-After inside the resend cooldown when one is configured', async () => {
    const h = await start('new-customer', { otpCooldownSeconds: 30 });
    await h.call('POST', '/otp', { body: { purpose: 'apply' } });
    h.backend.clock.advance(10_000);
    const again = await h.call('POST', '/otp', { body: { purpose: 'apply' } });
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('20');
    h.backend.clock.advance(20_000);
    expect((await h.call('POST', '/otp', { body: { purpose: 'apply' } })).status).toBe(201);
  });
});

describe('POST /otp/{otpId}/verification', () => {
  async function send(h: Harness, purpose = 'apply') {
    const sent = await h.call('POST', '/otp', { body: { purpose } });
    return { otpId: sent.body.otpId as string, code: h.backend.inbox.last()!.code };
  }
  const wrong = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');

  it('gives an otpToken that lives 5 minutes for the right code', async () => {
    const h = await start();
    const { otpId, code } = await send(h);
    h.backend.clock.advance(30_000);
    const verified = await h.call('POST', `/otp/${otpId}/verification`, { body: { code } });
    expect(verified.status).toBe(200);
    expect(verified.body.expiresAt).toBe(new Date(NOW.getTime() + 30_000 + 300_000).toISOString());
  });

  it('answers OTP_INVALID with attemptsLeft 2 then 1, and OTP_LOCKED with attemptsLeft 0 on the third wrong entry', async () => {
    const h = await start();
    const { otpId, code } = await send(h);
    const first = await h.call('POST', `/otp/${otpId}/verification`, { body: { code: wrong(code) } });
    expect([first.status, first.body.code, first.body.attemptsLeft]).toEqual([422, 'OTP_INVALID', 2]);
    const second = await h.call('POST', `/otp/${otpId}/verification`, { body: { code: wrong(code) } });
    expect(second.body.attemptsLeft).toBe(1);
    const third = await h.call('POST', `/otp/${otpId}/verification`, { body: { code: wrong(code) } });
    expect([third.status, third.body.code, third.body.attemptsLeft]).toEqual([423, 'OTP_LOCKED', 0]);
  });

  it('keeps a locked code locked: even the right code then answers OTP_LOCKED', async () => {
    const h = await start();
    const { otpId, code } = await send(h);
    for (let i = 0; i < 3; i++) await h.call('POST', `/otp/${otpId}/verification`, { body: { code: wrong(code) } });
    expect((await h.call('POST', `/otp/${otpId}/verification`, { body: { code } })).body.code).toBe('OTP_LOCKED');
  });

  it('accepts the code at exactly 60 s and answers OTP_EXPIRED after 60 s at the mock clock', async () => {
    const h = await start();
    const early = await send(h);
    h.backend.clock.advance(60_000);
    expect((await h.call('POST', `/otp/${early.otpId}/verification`, { body: { code: early.code } })).status).toBe(200);
    const late = await send(h);
    h.backend.clock.advance(60_001);
    const answer = await h.call('POST', `/otp/${late.otpId}/verification`, { body: { code: late.code } });
    expect([answer.status, answer.body.code]).toEqual([410, 'OTP_EXPIRED']);
  });

  it('voids the earlier code when a new one is sent (OTP_EXPIRED), whatever its purpose', async () => {
    const h = await start();
    const earlier = await send(h, 'apply');
    const later = await send(h, 'revoke');
    expect((await h.call('POST', `/otp/${earlier.otpId}/verification`, { body: { code: earlier.code } })).body.code).toBe('OTP_EXPIRED');
    expect((await h.call('POST', `/otp/${later.otpId}/verification`, { body: { code: later.code } })).status).toBe(200);
  });

  it('answers OTP_EXPIRED for a code already used', async () => {
    const h = await start();
    const { otpId, code } = await send(h);
    await h.call('POST', `/otp/${otpId}/verification`, { body: { code } });
    expect((await h.call('POST', `/otp/${otpId}/verification`, { body: { code } })).body.code).toBe('OTP_EXPIRED');
  });

  it('answers NOT_FOUND for an unknown otpId or another customer’s, and VALIDATION for a code that is not digits', async () => {
    const h = await start();
    const { otpId, code } = await send(h);
    expect((await h.call('POST', '/otp/otp_unknown/verification', { body: { code } })).body.code).toBe('NOT_FOUND');
    expect((await h.call('POST', `/otp/${otpId}/verification`, { body: { code }, token: h.backend.customers[1]!.token })).body.code).toBe('NOT_FOUND');
    expect((await h.call('POST', `/otp/${otpId}/verification`, { body: { code: '12a4' } })).body.code).toBe('VALIDATION');
  });
});

describe('POST /certificates (apply)', () => {
  it('issues a certificate for the authenticated customer (CN = ID number), valid 365 days from now', async () => {
    const h = await start();
    const applied = await h.call('POST', '/certificates', { body: await applyBody(h) });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'valid', idNumber: 'A103******', usage: 'e-trading', device: { kind: 'pc' } });
    expect(applied.body.notBefore).toBe(NOW.toISOString());
    expect(Date.parse(applied.body.notAfter) - Date.parse(applied.body.notBefore)).toBe(365 * day);
    const cert = new x509.X509Certificate(applied.body.certificate);
    expect(cert.subjectName.getField('CN')).toEqual(['A103200003']);
    expect(h.backend.issuedCount()).toBe(1);
  });

  it('takes validity from the policy option', async () => {
    const h = await start('new-customer', { validityDays: 7 });
    const applied = await h.call('POST', '/certificates', { body: await applyBody(h) });
    expect(Date.parse(applied.body.notAfter) - Date.parse(applied.body.notBefore)).toBe(7 * day);
    expect((await h.call('GET', '/certificates')).body.policy.validityDays).toBe(7);
  });

  it('answers OTP_TOKEN_INVALID for a token of another purpose, another customer, past 5 minutes, or already used', async () => {
    const h = await start();
    const csr = (await makeCsr(await keyPair('P-256'))).pem;
    const revokeToken = await h.otpToken('revoke');
    expect((await h.call('POST', '/certificates', { body: { csr, otpToken: revokeToken, consentVersion } })).body.code).toBe('OTP_TOKEN_INVALID');
    const otherToken = await h.otpToken('apply', h.backend.customers[1]!.token);
    expect((await h.call('POST', '/certificates', { body: { csr, otpToken: otherToken, consentVersion } })).status).toBe(403);
    const stale = await h.otpToken('apply');
    h.backend.clock.advance(300_001);
    expect((await h.call('POST', '/certificates', { body: { csr, otpToken: stale, consentVersion } })).body.code).toBe('OTP_TOKEN_INVALID');
    const good = await h.otpToken('apply');
    expect((await h.call('POST', '/certificates', { body: { csr, otpToken: good, consentVersion } })).status).toBe(201);
    await h.backend.reset('new-customer');
    server.resetHandlers(...h.backend.handlers);
    expect((await h.call('POST', '/certificates', { body: { csr, otpToken: good, consentVersion } })).body.code).toBe('OTP_TOKEN_INVALID');
  });

  it('consumes the otpToken only on success: a refused request can be corrected and sent again', async () => {
    const h = await start();
    const otpToken = await h.otpToken('apply');
    const bad = await makeCsr(await keyPair('P-256'), { tamper: true });
    expect((await h.call('POST', '/certificates', { body: { csr: bad.pem, otpToken, consentVersion } })).body.code).toBe('CSR_INVALID');
    expect((await h.call('POST', '/certificates', { body: { csr: bad.pem, otpToken, consentVersion: '2020-01' } })).body.code).toBe('CONSENT_REQUIRED');
    const good = await makeCsr(await keyPair('P-256'));
    expect((await h.call('POST', '/certificates', { body: { csr: good.pem, otpToken, consentVersion } })).status).toBe(201);
    const again = await makeCsr(await keyPair('P-256'));
    expect((await h.call('POST', '/certificates', { body: { csr: again.pem, otpToken, consentVersion } })).body.code).toBe('OTP_TOKEN_INVALID');
  });

  it('answers CERT_EXISTS while a PC certificate is in force, even expired until renewUntil', async () => {
    const valid = await start('valid');
    expect((await valid.call('POST', '/certificates', { body: await applyBody(valid) })).body.code).toBe('CERT_EXISTS');
    const expired = await start('expired');
    expect((await expired.call('POST', '/certificates', { body: await applyBody(expired) })).status).toBe(409);
    expired.backend.clock.advance(21 * day); // notAfter was 10 days ago: renewUntil has passed
    expect((await expired.call('POST', '/certificates', { body: await applyBody(expired) })).status).toBe(201);
  });

  it('lets a customer apply after a revocation or with only another device’s certificate', async () => {
    for (const scenario of ['revoked', 'other-device'] as const) {
      const h = await start(scenario);
      expect((await h.call('POST', '/certificates', { body: await applyBody(h) })).status).toBe(201);
    }
  });

  it('checks in order: shape, otpToken, consent, certificate state, then CSR', async () => {
    const h = await start('valid');
    const bad = (await makeCsr(await keyPair('P-256'), { tamper: true })).pem;
    expect((await h.call('POST', '/certificates', { body: { csr: 'nope', otpToken: 'x', consentVersion: 'old' } })).body.code).toBe('VALIDATION');
    expect((await h.call('POST', '/certificates', { body: { csr: bad, otpToken: 'x', consentVersion: 'old' } })).body.code).toBe('OTP_TOKEN_INVALID');
    const otpToken = await h.otpToken('apply');
    expect((await h.call('POST', '/certificates', { body: { csr: bad, otpToken, consentVersion: 'old' } })).body.code).toBe('CONSENT_REQUIRED');
    expect((await h.call('POST', '/certificates', { body: { csr: bad, otpToken, consentVersion } })).body.code).toBe('CERT_EXISTS');
  });
});

describe('POST /certificates/{serialNumber}/renewal', () => {
  it('renews inside the window with a proof from the stored key, revokes the old one, and leaves revocations left alone', async () => {
    const h = await start('renewal-due');
    const { serial, body } = await renewalBody(h);
    const renewed = await h.call('POST', `/certificates/${serial}/renewal`, { body });
    expect(renewed.status).toBe(201);
    expect(renewed.body.serialNumber).not.toBe(serial);
    expect(renewed.body.status).toBe('valid');
    expect((await h.call('GET', `/certificates/${serial}/status`)).body.status).toBe('revoked');
    expect((await h.call('GET', '/certificates')).body.policy.revocationsLeft).toBe(3);
    expect(h.backend.issued().map((c) => c.source)).toEqual(['renewal']);
  });

  it('keeps renewal open for an expired certificate until renewUntil', async () => {
    const h = await start('expired');
    const { serial, body } = await renewalBody(h);
    expect((await h.call('POST', `/certificates/${serial}/renewal`, { body })).status).toBe(201);
  });

  it('answers RENEWAL_NOT_OPEN before renewFrom and after renewUntil', async () => {
    const early = await start('valid');
    const a = await renewalBody(early);
    expect((await early.call('POST', `/certificates/${a.serial}/renewal`, { body: a.body })).body.code).toBe('RENEWAL_NOT_OPEN');
    const late = await start('expired');
    late.backend.clock.advance(20 * day + 1000);
    const b = await renewalBody(late);
    expect((await late.call('POST', `/certificates/${b.serial}/renewal`, { body: b.body })).status).toBe(409);
  });

  it('answers RENEWAL_PROOF_INVALID for a proof signed by the new key instead of the stored certificate’s', async () => {
    const h = await start('renewal-due');
    const credential = (await h.backend.seededCredential())!;
    const keys = await keyPair('P-256');
    const csr = await makeCsr(keys);
    const proof = await makeProof(csr.der, keys.privateKey, credential.certificatePem);
    const answer = await h.call('POST', `/certificates/${credential.serialNumber}/renewal`, { body: { csr: csr.pem, otpToken: await h.otpToken('renew'), proof } });
    expect(answer.body.code).toBe('RENEWAL_PROOF_INVALID');
  });

  it('answers CERT_NOT_ACTIVE for a revoked certificate and for another device’s', async () => {
    for (const scenario of ['revoked', 'other-device'] as const) {
      const h = await start(scenario);
      const { serial, body } = await renewalBody(h);
      expect((await h.call('POST', `/certificates/${serial}/renewal`, { body })).body.code).toBe('CERT_NOT_ACTIVE');
    }
  });

  it('answers NOT_FOUND for another customer’s certificate and CSR_INVALID for a bad CSR after every other check', async () => {
    const h = await start('renewal-due');
    const others = await pcCertificate(h, h.backend.customers[1]!.token);
    const { serial, body } = await renewalBody(h);
    expect((await h.call('POST', `/certificates/${others.serialNumber}/renewal`, { body })).body.code).toBe('NOT_FOUND');
    const bad = await makeCsr(await keyPair('P-256'), { tamper: true });
    expect((await h.call('POST', `/certificates/${serial}/renewal`, { body: { ...body, csr: bad.pem } })).body.code).toBe('CSR_INVALID');
  });
});

describe('POST /certificates/{serialNumber}/revocation', () => {
  it('revokes an active certificate and reports the revocations left', async () => {
    const h = await start('valid');
    const cert = await pcCertificate(h);
    const revoked = await h.call('POST', `/certificates/${cert.serialNumber}/revocation`, { body: { otpToken: await h.otpToken('revoke'), reason: 'keyCompromise' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ serialNumber: cert.serialNumber, status: 'revoked', revokedAt: NOW.toISOString(), revocationsLeft: 2 });
  });

  it('answers REVOCATION_LIMIT after 3 revocations in 365 days, and allows one again once the oldest is older than 365 days', async () => {
    const h = await start('revocation-limit');
    const cert = await pcCertificate(h);
    const limited = await h.call('POST', `/certificates/${cert.serialNumber}/revocation`, { body: { otpToken: await h.otpToken('revoke') } });
    expect([limited.status, limited.body.code, limited.body.revocationsLeft]).toEqual([409, 'REVOCATION_LIMIT', 0]);
    h.backend.clock.advance(115 * day + 1000); // the oldest revocation (250 days ago) leaves the 365-day window
    const answer = await h.call('POST', `/certificates/${cert.serialNumber}/revocation`, { body: { otpToken: await h.otpToken('revoke') } });
    expect([answer.status, answer.body.revocationsLeft]).toEqual([200, 0]);
  });

  it('answers CERT_NOT_ACTIVE for a revoked, an expired or another device’s certificate', async () => {
    for (const scenario of ['revoked', 'expired', 'other-device'] as const) {
      const h = await start(scenario);
      const cert = (await h.call('GET', '/certificates')).body.items[0];
      const answer = await h.call('POST', `/certificates/${cert.serialNumber}/revocation`, { body: { otpToken: await h.otpToken('revoke') } });
      expect(answer.body.code, scenario).toBe('CERT_NOT_ACTIVE');
    }
  });

  it('answers VALIDATION for an unknown reason and NOT_FOUND for another customer’s serial', async () => {
    const h = await start('valid');
    const cert = await pcCertificate(h);
    const otpToken = await h.otpToken('revoke');
    expect((await h.call('POST', `/certificates/${cert.serialNumber}/revocation`, { body: { otpToken, reason: 'bored' } })).body.code).toBe('VALIDATION');
    const others = await pcCertificate(h, h.backend.customers[1]!.token);
    expect((await h.call('POST', `/certificates/${others.serialNumber}/revocation`, { body: { otpToken } })).body.code).toBe('NOT_FOUND');
  });
});

describe('idempotency and faults (codes)', () => {
  it('answers IDEMPOTENCY_KEY_REUSED for a known key with another body', async () => {
    const h = await start();
    await h.call('POST', '/otp', { key: 'k-1', body: { purpose: 'apply' } });
    const reused = await h.call('POST', '/otp', { key: 'k-1', body: { purpose: 'revoke' } });
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('answers INTERNAL 500 for an http-500 fault and INTERNAL 503 with Retry-After for an http-503 fault', async () => {
    const h = await start();
    h.backend.faults.next('http-500');
    expect((await h.call('GET', '/profile')).body.code).toBe('INTERNAL');
    h.backend.faults.next('http-503', { retryAfterSeconds: 7 });
    const unavailable = await h.call('GET', '/profile');
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '7']);
  });
});

describe('the judge', () => {
  const fake = (status: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}) => ({
    status, body, contentType, headers: new Headers(headers), method: 'GET', path: '/profile',
  });

  it('refuses what the document does not promise: a missing field, an undocumented status, a code with the wrong status', () => {
    expect(() => assertContract(fake(200, { idNumber: 'A103******', phone: '0966****06', email: 'c*****n@i.com' }))).toThrow(/schema/);
    expect(() => assertContract(fake(418, {}))).toThrow(/not documented/);
    const wrongStatus = { type: 'https://x.test/p', title: 't', status: 500, code: 'UNAUTHENTICATED' };
    expect(() => assertContract(fake(500, wrongStatus, 'application/problem+json'))).toThrow(/must answer 401/);
    expect(() => assertContract(fake(200, { idNumber: 'A', name: 'n', phone: 'p', email: 'e' }, 'text/plain'))).toThrow(/media type/);
  });
});

describe('the document', () => {
  it('has examples that validate against the schemas they illustrate', () => {
    const examples = documentExamples();
    expect(examples.length).toBeGreaterThan(25);
    const failures = examples.map((e) => [e.where, schemaErrors(e.pointer, e.value)]).filter(([, errors]) => errors !== null);
    expect(failures).toEqual([]);
  });

  it('gives every POST a required Idempotency-Key header and every error an application/problem+json body', () => {
    for (const [path, item] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        if (typeof operation !== 'object' || !operation.responses) continue;
        if (method === 'post') {
          const names = (operation.parameters ?? []).map((p: any) => (p.$ref ? document.components.parameters[p.$ref.split('/').pop()] : p)).filter((p: any) => p.required).map((p: any) => p.name);
          expect(names, `${method} ${path}`).toContain('Idempotency-Key');
        }
        for (const [status, raw] of Object.entries<any>(operation.responses)) {
          const response = raw.$ref ? document.components.responses[raw.$ref.split('/').pop()] : raw;
          if (Number(status) >= 400) expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        }
      }
    }
  });
});

describe('coverage', () => {
  it('reaches every error code of the document in the tests above', () => {
    expect([...documentedCodes].filter((code) => !reachedCodes.has(code))).toEqual([]);
  });
});
