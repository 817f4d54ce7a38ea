// The contract's response shapes (ARCHITECTURE.md, "REST contract"), checked before use.
import {
  arrayOf,
  integer,
  matching,
  nonEmptyString,
  object,
  oneOf,
  optional,
  rfc3339,
  string,
  type Check,
} from './shape';
import type {
  Announcement,
  AnnouncementList,
  CertificateList,
  CertificatePolicy,
  CertificateStatus,
  Consent,
  IssuedCertificate,
  OtpChallenge,
  OtpChannel,
  OtpVerification,
  Profile,
  RevokedCertificate,
  ServerCertificate,
} from './types';

/** Upper-case hex, as the contract writes serial numbers (20 octets at most, RFC 5280 §4.1.2.2). */
export const serialNumberPattern = /^[0-9A-F]{1,40}$/;

export const serialNumber = matching(serialNumberPattern, 'upper-case hexadecimal (1 to 40 digits)');

/** One PEM block of a certificate, line breaks as LF or CRLF. */
export const pemCertificate = matching(
  /^-----BEGIN CERTIFICATE-----\r?\n(?:[A-Za-z0-9+/=]{1,76}\r?\n)+-----END CERTIFICATE-----\r?\n?$/,
  'one PEM certificate',
);

export const otpPurpose = oneOf(['apply', 'renew', 'revoke'] as const);

const serverCertificateFields = {
  serialNumber,
  idNumber: nonEmptyString,
  format: nonEmptyString,
  usage: nonEmptyString,
  device: object<ServerCertificate['device']>({ kind: oneOf(['pc', 'mobile'] as const), label: string }),
  notBefore: rfc3339,
  notAfter: rfc3339,
  status: oneOf(['valid', 'renewal-due', 'expired', 'revoked'] as const),
  renewFrom: rfc3339,
  renewUntil: rfc3339,
};

export const serverCertificate: Check<ServerCertificate> = object<ServerCertificate>(serverCertificateFields);

export const issuedCertificate: Check<IssuedCertificate> = object<IssuedCertificate>({
  ...serverCertificateFields,
  certificate: pemCertificate,
  chain: arrayOf(pemCertificate),
});

export const profile: Check<Profile> = object<Profile>({
  idNumber: nonEmptyString,
  name: string,
  phone: string,
  email: string,
});

const certificatePolicy = object<CertificatePolicy>({
  validityDays: integer(1),
  renewBeforeDays: integer(0),
  renewAfterDays: integer(0),
  revocationsPerYear: integer(0),
  revocationsLeft: integer(0),
});

export const certificateList: Check<CertificateList> = object<CertificateList>({
  items: arrayOf(serverCertificate),
  policy: certificatePolicy,
});

export const certificateStatus: Check<CertificateStatus> = object<CertificateStatus>({
  serialNumber,
  status: oneOf(['valid', 'renewal-due', 'expired', 'revoked', 'unknown'] as const),
  revokedAt: optional(rfc3339),
});

export const otpChallenge: Check<OtpChallenge> = object<OtpChallenge>({
  otpId: nonEmptyString,
  purpose: otpPurpose,
  expiresAt: rfc3339,
  ttlSeconds: integer(1),
  codeLength: integer(1, 12),
  channels: arrayOf(object<OtpChannel>({ kind: oneOf(['sms', 'email'] as const), to: string })),
});

export const otpVerification: Check<OtpVerification> = object<OtpVerification>({
  otpToken: nonEmptyString,
  expiresAt: rfc3339,
});

export const consent: Check<Consent> = object<Consent>({
  version: nonEmptyString,
  title: string,
  text: string,
});

export const revokedCertificate: Check<RevokedCertificate> = object<RevokedCertificate>({
  ...serverCertificateFields,
  revocationsLeft: integer(0),
});

export const announcementList: Check<AnnouncementList> = object<AnnouncementList>({
  items: arrayOf(
    object<Announcement>({
      id: nonEmptyString,
      title: string,
      body: string,
      publishedAt: rfc3339,
      level: oneOf(['info', 'warning'] as const),
    }),
  ),
});
