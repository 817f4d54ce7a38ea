// Generated from mocks/openapi.yaml by scripts/contract-types.mjs — do not edit.
// Run `npm run contract:types` after changing the contract.
/* eslint-disable */

/**
 * The machine code of a problem; clients branch on it.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'VALIDATION'
  | 'OTP_INVALID'
  | 'OTP_EXPIRED'
  | 'OTP_LOCKED'
  | 'OTP_TOKEN_INVALID'
  | 'CONSENT_REQUIRED'
  | 'CERT_EXISTS'
  | 'CSR_INVALID'
  | 'NOT_FOUND'
  | 'RENEWAL_NOT_OPEN'
  | 'RENEWAL_PROOF_INVALID'
  | 'REVOCATION_LIMIT'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CERT_NOT_ACTIVE'
  | 'RATE_LIMITED'
  | 'INTERNAL';
/**
 * Why a CSR was refused: `malformed` (not a PKCS#10 request, or its key cannot be read),
 * `key-algorithm` (neither RSA nor EC), `rsa-modulus` (not odd, not 2048–8192 bits, or a
 * prime factor below 752), `rsa-exponent` (not odd, or outside 65537 ≤ e < 2^256),
 * `ec-curve` (not P-256), `ec-point` (not an uncompressed point on the curve),
 * `signature-algorithm` (not SHA-256 or stronger, or not the key's scheme), `signature`
 * (does not verify with its own key), `key-compromised` (the key's certificate was revoked
 * for `keyCompromise`), `key-reused` (renewal with the renewed certificate's own key).
 *
 */
export type CsrRejectionReason =
  | 'malformed'
  | 'key-algorithm'
  | 'rsa-modulus'
  | 'rsa-exponent'
  | 'ec-curve'
  | 'ec-point'
  | 'signature-algorithm'
  | 'signature'
  | 'key-compromised'
  | 'key-reused';
/**
 * Which limit a `RATE_LIMITED` answer hit, where the backend says: `otp-sends-per-hour`,
 * `otp-sends-per-day` (codes sent to the customer), `otp-failures-per-hour` (wrong entries
 * across the customer's codes), `otp-cooldown` (a configured wait between two sends). A
 * backend may have limits of its own and send other values.
 *
 */
export type RateLimitReason = string;
/**
 * Upper-case hexadecimal, no separators.
 */
export type SerialNumber = string;
/**
 * RFC 3339 time in UTC.
 */
export type Timestamp = string;
/**
 * A PEM certificate (`-----BEGIN CERTIFICATE-----` …).
 */
export type Pem = string;
/**
 * `revoked` wins; `expired` after `notAfter`; `renewal-due` from `renewFrom` until `notAfter`.
 */
export type CertificateStatus = 'valid' | 'renewal-due' | 'expired' | 'revoked';
export type DeviceKind = 'pc' | 'mobile';
/**
 * A certificate with its PEM and its chain (issuing CA, then root; never the leaf).
 */
export type CertificateDetail = ServerCertificate & {
  certificate: Pem;
  /**
   * @minItems 1
   */
  chain: Pem[];
};
/**
 * The one operation a code (and its otpToken) is good for.
 */
export type OtpPurpose = 'apply' | 'renew' | 'revoke';
export type OtpChannelKind = 'sms' | 'email';
/**
 * PKCS#10 certificate request in PEM (`-----BEGIN CERTIFICATE REQUEST-----`).
 */
export type CsrPem = string;
/**
 * RFC 5280 reason; `unspecified` when absent.
 */
export type RevocationReason =
  'unspecified' | 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';
/**
 * The certificate, now revoked, and the online revocations left.
 */
export type RevocationResult = ServerCertificate & {
  revocationsLeft: number;
  revokedAt: Timestamp;
};
export type AnnouncementLevel = 'info' | 'warning';

/**
 * Every schema of the REST contract by name.
 */
export interface ContractSchemas {
  ErrorCode: ErrorCode;
  ValidationIssue: ValidationIssue;
  ProblemDetails: ProblemDetails;
  CsrRejectionReason: CsrRejectionReason;
  RateLimitReason: RateLimitReason;
  SerialNumber: SerialNumber;
  Timestamp: Timestamp;
  Pem: Pem;
  CertificateStatus: CertificateStatus;
  DeviceKind: DeviceKind;
  Device: Device;
  ServerCertificate: ServerCertificate;
  CertificatePolicy: CertificatePolicy;
  CertificatesResponse: CertificatesResponse;
  CertificateDetail: CertificateDetail;
  CertificateStatusResponse: CertificateStatusResponse;
  Profile: Profile;
  OtpPurpose: OtpPurpose;
  OtpRequest: OtpRequest;
  OtpChannelKind: OtpChannelKind;
  OtpChannel: OtpChannel;
  OtpChallenge: OtpChallenge;
  OtpVerificationRequest: OtpVerificationRequest;
  OtpVerification: OtpVerification;
  Consent: Consent;
  CsrPem: CsrPem;
  ApplyRequest: ApplyRequest;
  RenewalRequest: RenewalRequest;
  RevocationReason: RevocationReason;
  RevocationRequest: RevocationRequest;
  RevocationResult: RevocationResult;
  AnnouncementLevel: AnnouncementLevel;
  Announcement: Announcement;
  AnnouncementsResponse: AnnouncementsResponse;
}
/**
 * One reason a request is malformed.
 */
export interface ValidationIssue {
  /**
   * JSON Pointer (RFC 6901) into the body, or `header:<name>` / `path:<name>`.
   */
  pointer: string;
  message: string;
}
/**
 * An error (RFC 9457) with the contract's machine `code`.
 */
export interface ProblemDetails {
  /**
   * Identifies the problem kind; one URI per `code`.
   */
  type: string;
  /**
   * Short English summary for developers.
   */
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  /**
   * With `OTP_INVALID` (wrong entries left) and `OTP_LOCKED` (0).
   */
  attemptsLeft?: number;
  /**
   * With `RATE_LIMITED` and 503; the same as the `Retry-After` header.
   */
  retryAfterSeconds?: number;
  /**
   * With `REVOCATION_LIMIT` (0).
   */
  revocationsLeft?: number;
  /**
   * With `CSR_INVALID` (a `CsrRejectionReason`) and `RATE_LIMITED` (a `RateLimitReason`): which rule refused.
   */
  reason?: string;
  /**
   * With `VALIDATION`, what is malformed.
   */
  errors?: ValidationIssue[];
}
/**
 * Where the certificate's key lives.
 */
export interface Device {
  kind: DeviceKind;
  /**
   * Shown to the user, e.g. 電腦版 or the phone model.
   */
  label: string;
}
/**
 * A certificate as the backend knows it.
 */
export interface ServerCertificate {
  serialNumber: SerialNumber;
  /**
   * Masked ID number, e.g. `A103******`.
   */
  idNumber: string;
  /**
   * Certificate format shown to the user, e.g. `EC+`.
   */
  format: string;
  /**
   * What the certificate is for: 電子交易.
   */
  usage: 'e-trading';
  device: Device;
  notBefore: Timestamp;
  notAfter: Timestamp;
  status: CertificateStatus;
  renewFrom: Timestamp;
  renewUntil: Timestamp;
  revokedAt?: Timestamp;
}
/**
 * The CA's policy for this customer.
 */
export interface CertificatePolicy {
  /**
   * Validity of a new certificate (365); at most ten years.
   */
  validityDays: number;
  /**
   * Renewal opens this many days before `notAfter` (30).
   */
  renewBeforeDays: number;
  /**
   * Renewal stays open this many days after `notAfter` (30).
   */
  renewAfterDays: number;
  /**
   * Online revocations allowed in any 365 days (3).
   */
  revocationsPerYear: number;
  /**
   * Online revocations left now.
   */
  revocationsLeft: number;
}
/**
 * Every certificate of the customer (PC and other devices), newest first, and the policy.
 */
export interface CertificatesResponse {
  items: ServerCertificate[];
  policy: CertificatePolicy;
}
/**
 * A certificate's status now; `unknown` when the backend cannot tell.
 */
export interface CertificateStatusResponse {
  serialNumber: SerialNumber;
  status: CertificateStatus | 'unknown';
  revokedAt?: Timestamp;
}
/**
 * The signed-in customer; everything that identifies them is masked.
 */
export interface Profile {
  /**
   * Masked, e.g. `A103******`.
   */
  idNumber: string;
  name: string;
  /**
   * Masked, e.g. `0966****06`.
   */
  phone: string;
  /**
   * Masked, e.g. `c*****n@i.com`.
   */
  email: string;
}
export interface OtpRequest {
  purpose: OtpPurpose;
}
/**
 * Where a code was sent, masked.
 */
export interface OtpChannel {
  kind: OtpChannelKind;
  /**
   * Masked phone number or e-mail address.
   */
  to: string;
}
/**
 * A code was sent; the code itself is never in a response.
 */
export interface OtpChallenge {
  /**
   * Letters, digits, `_` and `-`: always one path segment.
   */
  otpId: string;
  purpose: OtpPurpose;
  expiresAt: Timestamp;
  /**
   * How long the code lives (60).
   */
  ttlSeconds: number;
  /**
   * Digits in the code (4).
   */
  codeLength: number;
  /**
   * @minItems 1
   */
  channels: OtpChannel[];
}
export interface OtpVerificationRequest {
  /**
   * The digits the customer typed.
   */
  code: string;
}
/**
 * The code was right; the token is good for one operation of its purpose.
 */
export interface OtpVerification {
  otpToken: string;
  expiresAt: Timestamp;
}
/**
 * The subscriber agreement; apply with its `version`.
 */
export interface Consent {
  version: string;
  title: string;
  /**
   * Plain text, paragraphs separated by blank lines.
   */
  text: string;
}
export interface ApplyRequest {
  csr: CsrPem;
  /**
   * From a verification of purpose `apply`.
   */
  otpToken: string;
  /**
   * The `version` of the agreement the customer accepted.
   */
  consentVersion: string;
}
export interface RenewalRequest {
  csr: CsrPem;
  /**
   * From a verification of purpose `renew`.
   */
  otpToken: string;
  /**
   * Base64 of a detached CMS SignedData over the new CSR's DER, signed with the current certificate's key.
   */
  proof: string;
}
export interface RevocationRequest {
  /**
   * From a verification of purpose `revoke`.
   */
  otpToken: string;
  reason?: RevocationReason;
}
export interface Announcement {
  id: string;
  title: string;
  /**
   * Plain text.
   */
  body: string;
  publishedAt: Timestamp;
  level: AnnouncementLevel;
}
export interface AnnouncementsResponse {
  items: Announcement[];
}
