import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../../src/core/api';
import { baseUrl, bodies, csr, json, otpToken, scriptedFetch } from './fake-fetch';
import { rejection } from '../../support/rejection';

const serial = bodies.certificate.serialNumber;

/** Every call with a body that fits it. */
const calls: [string, unknown, number, (api: ApiClient) => Promise<unknown>][] = [
  ['profile', bodies.profile, 200, (api) => api.profile()],
  ['certificates', bodies.certificates, 200, (api) => api.certificates()],
  ['certificate', bodies.certificateDetail, 200, (api) => api.certificate(serial)],
  ['certificateStatus', bodies.status, 200, (api) => api.certificateStatus(serial)],
  ['requestOtp', bodies.otp, 201, (api) => api.requestOtp('apply')],
  ['verifyOtp', bodies.verification, 200, (api) => api.verifyOtp('otp-1', '1234')],
  ['consent', bodies.consent, 200, (api) => api.consent()],
  ['apply', bodies.certificateDetail, 201, (api) => api.apply({ csr, otpToken, consentVersion: '2026-01' })],
  ['renew', bodies.certificateDetail, 201, (api) => api.renew(serial, { csr, otpToken, proof: 'MIAGCSqGSIb3DQEHAqCAMIACAQEx' })],
  ['revoke', bodies.revocation, 200, (api) => api.revoke(serial, { otpToken, reason: 'keyCompromise' })],
  ['announcements', bodies.announcements, 200, (api) => api.announcements()],
];

function answering(body: unknown, status = 200): ApiClient {
  const response = typeof body === 'string' ? new Response(body, { status }) : json(body, status);
  return createApiClient({ baseUrl, fetch: scriptedFetch(response).fetch, retry: { limit: 0 } });
}

describe('responses are checked against the contract', () => {
  it.each(calls)('%s returns a body that fits the contract as sent, times still strings', async (_name, body, status, call) => {
    await expect(call(answering(body, status))).resolves.toEqual(body);
  });

  it.each(calls)('%s gives SERVER for a body that is not JSON', async (_name, _body, status, call) => {
    expect((await rejection(call(answering('<html>', status)))).code).toBe('SERVER');
  });

  it.each(calls)('%s gives SERVER for an empty body', async (_name, _body, status, call) => {
    expect((await rejection(call(answering('', status)))).code).toBe('SERVER');
  });

  it.each(calls)('%s gives SERVER for a JSON array or null', async (_name, _body, status, call) => {
    expect((await rejection(call(answering([], status)))).code).toBe('SERVER');
    expect((await rejection(call(answering(null, status)))).code).toBe('SERVER');
  });

  it.each(calls)('%s gives SERVER when any field is missing', async (_name, body, status, call) => {
    for (const key of Object.keys(body as object)) {
      if (key === 'revokedAt' && _name === 'certificateStatus') continue; // optional there
      const { [key]: _dropped, ...rest } = body as Record<string, unknown>;
      const error = await rejection(call(answering(rest, status)));
      expect(error.code, key).toBe('SERVER');
    }
  });

  it('leaves fields the contract does not name behind', async () => {
    const profile = await answering({ ...bodies.profile, password: 'hunter2' }).profile();
    expect(profile).toEqual(bodies.profile);
    expect(profile).not.toHaveProperty('password');
  });

  const malformed: [string, (api: ApiClient) => Promise<unknown>, unknown][] = [
    ['a lower-case serial number', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, serialNumber: '4f1a9c03d2b6e87a' }] }],
    ['a time that is not RFC 3339', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, notAfter: '2027-01-05 02:00:00' }] }],
    ['an impossible date', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, notAfter: '2027-02-30T02:00:00Z' }] }],
    ['a time as a number', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, notAfter: 1767578400000 }] }],
    ['an unknown status', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, status: 'suspended' }] }],
    ['a device of an unknown kind', (api) => api.certificates(), { ...bodies.certificates, items: [{ ...bodies.certificate, device: { kind: 'tablet', label: 'x' } }] }],
    ['a count as a string', (api) => api.certificates(), { ...bodies.certificates, policy: { ...bodies.certificates.policy, revocationsLeft: '3' } }],
    ['a negative count', (api) => api.certificates(), { ...bodies.certificates, policy: { ...bodies.certificates.policy, revocationsLeft: -1 } }],
    ['items that are not an array', (api) => api.certificates(), { ...bodies.certificates, items: {} }],
    ['a certificate that is not PEM', (api) => api.certificate(serial), { ...bodies.certificateDetail, certificate: 'MIIB' }],
    ['an empty chain', (api) => api.certificate(serial), { ...bodies.certificateDetail, chain: [] }],
    ['another certificate than the one asked for', (api) => api.certificate(serial), { ...bodies.certificateDetail, serialNumber: 'ABCDEF' }],
    ['the status of another certificate', (api) => api.certificateStatus(serial), { ...bodies.status, serialNumber: 'ABCDEF' }],
    ['a challenge for another purpose', (api) => api.requestOtp('revoke'), bodies.otp],
    ['a challenge sent nowhere', (api) => api.requestOtp('apply'), { ...bodies.otp, channels: [] }],
    ['a code length of 40', (api) => api.requestOtp('apply'), { ...bodies.otp, codeLength: 40 }],
    ['an empty otpToken', (api) => api.verifyOtp('otp-1', '1234'), { ...bodies.verification, otpToken: '' }],
    ['a revocation without revokedAt', (api) => api.revoke(serial, { otpToken }), { ...bodies.revocation, revokedAt: undefined }],
    ['an announcement of an unknown level', (api) => api.announcements(), { items: [{ ...bodies.announcements.items[0], level: 'urgent' }] }],
  ];

  it.each(malformed)('gives SERVER for %s', async (_what, call, body) => {
    const error = await rejection(call(answering(body)));
    expect(error.code).toBe('SERVER');
  });

  it('names the bad field in the message, never its value', async () => {
    const body = { ...bodies.verification, expiresAt: 'otp-token-looking-secret' };
    const error = await rejection(answering(body).verifyOtp('otp-1', '1234'));
    expect(error.message).toContain('expiresAt');
    expect(error.message).not.toContain('otp-token-looking-secret');
  });

  it('accepts RFC 3339 times with an offset, a fraction or in lower case', async () => {
    for (const at of ['2026-11-25T16:00:00+08:00', '2026-11-25T08:00:00.123456Z', '2026-11-25t08:00:00z']) {
      const body = { ...bodies.verification, expiresAt: at };
      await expect(answering(body).verifyOtp('otp-1', '1234')).resolves.toEqual(body);
    }
  });

  it('refuses a time Date.parse cannot read, a leap second among them, so no Invalid Date follows', async () => {
    expect(Number.isNaN(Date.parse('2016-12-31T23:59:60Z'))).toBe(true);
    for (const at of ['2016-12-31T23:59:60Z', '2026-11-25T08:00:00.Z']) {
      const body = { ...bodies.verification, expiresAt: at };
      expect((await rejection(answering(body).verifyOtp('otp-1', '1234'))).code, at).toBe('SERVER');
    }
  });
});

describe('responses are checked no harder than the document (mocks/openapi.yaml)', () => {
  const block = (body: string) => `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
  const pems = [
    ['lines longer than 76 characters', block('M'.repeat(200))],
    ['CRLF line breaks', '-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n'],
    ['two blocks', block('MIIB') + block('MIIC')],
    ['text after the block', `${block('MIIB')}issuer: Broker CA\n`],
    ['no END line', '-----BEGIN CERTIFICATE-----\nMIIB'],
  ];

  it.each(pems)('takes a certificate with %s: the Pem schema asks only for the header', async (_what, pem) => {
    const body = { ...bodies.certificateDetail, certificate: pem, chain: [pem] };
    await expect(answering(body, 201).apply({ csr, otpToken, consentVersion: '2026-01' })).resolves.toEqual(body);
    await expect(answering(body).certificate(serial)).resolves.toEqual(body);
  });

  it.each(['MIIB', '-----BEGIN CERTIFICATE-----MIIB', ' -----BEGIN CERTIFICATE-----\nMIIB', '-----BEGIN CERTIFICATE REQUEST-----\nMIIB'])(
    'still refuses %j as a certificate',
    async (pem) => {
      const body = { ...bodies.certificateDetail, certificate: pem };
      expect((await rejection(answering(body, 201).apply({ csr, otpToken, consentVersion: '2026-01' }))).code).toBe('SERVER');
    },
  );

  it('takes empty strings where the document allows any string: idNumber, format, profile idNumber, announcement id', async () => {
    const issued = { ...bodies.certificateDetail, idNumber: '', format: '' };
    await expect(answering(issued, 201).apply({ csr, otpToken, consentVersion: '2026-01' })).resolves.toEqual(issued);
    const list = { ...bodies.certificates, items: [{ ...bodies.certificate, idNumber: '', format: '' }] };
    await expect(answering(list).certificates()).resolves.toEqual(list);
    const revoked = { ...bodies.revocation, idNumber: '', format: '' };
    await expect(answering(revoked).revoke(serial, { otpToken })).resolves.toEqual(revoked);
    const profile = { ...bodies.profile, idNumber: '' };
    await expect(answering(profile).profile()).resolves.toEqual(profile);
    const announcements = { items: [{ ...bodies.announcements.items[0], id: '' }] };
    await expect(answering(announcements).announcements()).resolves.toEqual(announcements);
  });
});
