// The contract's response shapes (ARCHITECTURE.md, "REST contract"), checked before use.
import {
  arrayOf,
  integer,
  matching,
  nonEmptyString,
  object,
  oneOf,
  optional,
  refine,
  rfc3339,
  string,
  type Check,
} from './shape';
import type {
  Announcement,
  AnnouncementsResponse,
  CertificateDetail,
  CertificatePolicy,
  CertificatesResponse,
  CertificateStatusResponse,
  Consent,
  Device,
  OtpChallenge,
  OtpChannel,
  OtpVerification,
  Profile,
  RevocationResult,
  ServerCertificate,
} from './contract-types';
import { maxPolicyCount, maxPolicyDays } from '../policy/policy-bounds';

/** Upper-case hex, as the contract writes serial numbers (20 octets at most, RFC 5280 §4.1.2.2). */
/** The contract's `otpId`: always one path segment. */
export const otpIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export const serialNumberPattern = /^[0-9A-F]{2,40}$/;

export const serialNumber = matching(serialNumberPattern, 'upper-case hexadecimal (2 to 40 digits)');

/**
 * A PEM certificate as the document's `Pem` schema has it: the header and a line break, nothing
 * more. Whoever uses the certificate parses it and reports a malformed one; refusing more here
 * would refuse a 201 after the certificate was issued.
 */
export const pemCertificate = matching(/^-----BEGIN CERTIFICATE-----\r?\n/, 'a PEM certificate');

export const otpPurpose = oneOf(['apply', 'renew', 'revoke'] as const);

/** An array with at least one item. */
function nonEmpty<T>(check: Check<T[]>): Check<T[]> {
  return refine(check, (items) => (items.length === 0 ? 'must not be empty' : undefined));
}

const serverCertificateFields = {
  serialNumber,
  idNumber: string,
  format: string,
  usage: oneOf(['e-trading'] as const),
  device: object<Device>({ kind: oneOf(['pc', 'mobile'] as const), label: string }),
  notBefore: rfc3339,
  notAfter: rfc3339,
  status: oneOf(['valid', 'renewal-due', 'expired', 'revoked'] as const),
  renewFrom: rfc3339,
  renewUntil: rfc3339,
  revokedAt: optional(rfc3339),
};

export const serverCertificate: Check<ServerCertificate> = object<ServerCertificate>(serverCertificateFields);

export const certificateDetail: Check<CertificateDetail> = object<CertificateDetail>({
  ...serverCertificateFields,
  certificate: pemCertificate,
  chain: nonEmpty(arrayOf(pemCertificate)),
});

export const profile: Check<Profile> = object<Profile>({
  idNumber: string,
  name: string,
  phone: string,
  email: string,
});

/** Bounded, so a hostile policy is refused as SERVER instead of pushing dates out of range. */
const certificatePolicy = object<CertificatePolicy>({
  validityDays: integer(1, maxPolicyDays),
  renewBeforeDays: integer(0, maxPolicyDays),
  renewAfterDays: integer(0, maxPolicyDays),
  revocationsPerYear: integer(0, maxPolicyCount),
  revocationsLeft: integer(0, maxPolicyCount),
});

export const certificatesResponse: Check<CertificatesResponse> = object<CertificatesResponse>({
  items: arrayOf(serverCertificate),
  policy: certificatePolicy,
});

export const certificateStatusResponse: Check<CertificateStatusResponse> = object<CertificateStatusResponse>({
  serialNumber,
  status: oneOf(['valid', 'renewal-due', 'expired', 'revoked', 'unknown'] as const),
  revokedAt: optional(rfc3339),
});

export const otpChallenge: Check<OtpChallenge> = object<OtpChallenge>({
  otpId: matching(otpIdPattern, '1 to 64 letters, digits, _ or -'),
  purpose: otpPurpose,
  expiresAt: rfc3339,
  ttlSeconds: integer(1),
  codeLength: integer(4, 8),
  channels: nonEmpty(arrayOf(object<OtpChannel>({ kind: oneOf(['sms', 'email'] as const), to: string }))),
});

export const otpVerification: Check<OtpVerification> = object<OtpVerification>({
  otpToken: matching(/^.{16,256}$/su, '16 to 256 characters'),
  expiresAt: rfc3339,
});

export const consent: Check<Consent> = object<Consent>({
  version: nonEmptyString,
  title: string,
  text: string,
});

export const revocationResult: Check<RevocationResult> = object<RevocationResult>({
  ...serverCertificateFields,
  revocationsLeft: integer(0, maxPolicyCount),
  revokedAt: rfc3339,
});

export const announcementsResponse: Check<AnnouncementsResponse> = object<AnnouncementsResponse>({
  items: arrayOf(
    object<Announcement>({
      id: string,
      title: string,
      body: string,
      publishedAt: rfc3339,
      level: oneOf(['info', 'warning'] as const),
    }),
  ),
});
