// The REST contract's bodies as the raw client returns them (ARCHITECTURE.md, "REST contract").
// Times stay RFC 3339 strings and serial numbers upper-case hex: the lifecycle converts them.

/** What a one-time code is for; an `otpToken` is good for that purpose only. */
export type OtpPurpose = 'apply' | 'renew' | 'revoke';

/** The status the server reports for a certificate at its own clock. */
export type ServerCertificateStatus = 'valid' | 'renewal-due' | 'expired' | 'revoked';

/** `GET /certificates/{serialNumber}/status` also answers `unknown`. */
export type CertificateStatusValue = ServerCertificateStatus | 'unknown';

export type DeviceKind = 'pc' | 'mobile';

/** A certificate as the server lists it. */
export interface ServerCertificate {
  serialNumber: string;
  /** Masked. */
  idNumber: string;
  format: string;
  usage: string;
  device: { kind: DeviceKind; label: string };
  notBefore: string;
  notAfter: string;
  status: ServerCertificateStatus;
  renewFrom: string;
  renewUntil: string;
}

/** A certificate with its PEM and the chain from the issuing CA up to the root (never the leaf). */
export interface IssuedCertificate extends ServerCertificate {
  certificate: string;
  chain: string[];
}

/** `GET /profile`: the authenticated customer, masked. */
export interface Profile {
  idNumber: string;
  name: string;
  phone: string;
  email: string;
}

export interface CertificatePolicy {
  validityDays: number;
  renewBeforeDays: number;
  renewAfterDays: number;
  revocationsPerYear: number;
  revocationsLeft: number;
}

/** `GET /certificates`. */
export interface CertificateList {
  items: ServerCertificate[];
  policy: CertificatePolicy;
}

/** `GET /certificates/{serialNumber}/status`. */
export interface CertificateStatus {
  serialNumber: string;
  status: CertificateStatusValue;
  revokedAt?: string;
}

export interface OtpChannel {
  kind: 'sms' | 'email';
  /** Masked. */
  to: string;
}

/** `POST /otp` (201). The code itself only goes to the customer's phone or mailbox. */
export interface OtpChallenge {
  otpId: string;
  purpose: OtpPurpose;
  expiresAt: string;
  ttlSeconds: number;
  codeLength: number;
  channels: OtpChannel[];
}

/** `POST /otp/{otpId}/verification`: single use, for the challenge's purpose only. */
export interface OtpVerification {
  otpToken: string;
  expiresAt: string;
}

/** `GET /consent`. */
export interface Consent {
  version: string;
  title: string;
  text: string;
}

export interface ApplyRequest {
  /** PEM or base64 DER of the PKCS#10 request, as the crypto layer makes it. */
  csr: string;
  otpToken: string;
  consentVersion: string;
}

export interface RenewRequest {
  csr: string;
  otpToken: string;
  /** Base64 of a detached CMS SignedData over the new CSR's DER, made with the current key. */
  proof: string;
}

export interface RevokeRequest {
  otpToken: string;
  reason?: string;
}

/** `POST /certificates/{serialNumber}/revocation`. */
export interface RevokedCertificate extends ServerCertificate {
  revocationsLeft: number;
}

export interface Announcement {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  level: 'info' | 'warning';
}

/** `GET /announcements`. */
export interface AnnouncementList {
  items: Announcement[];
}
