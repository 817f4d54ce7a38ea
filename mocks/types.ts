// The public types of the mock backend.
import type { HttpHandler } from 'msw';
import type { Device, OtpChannel, OtpPurpose } from '../src/core/api/contract-types.ts';

/** The states a backend can be seeded with (they apply to the first customer). */
export type ScenarioName =
  | 'new-customer'
  | 'valid'
  | 'renewal-due'
  | 'expired'
  | 'revoked'
  | 'revocation-limit'
  | 'other-device';

/** Every scenario, in a stable order (for stories and parameterised tests). */
export const scenarioNames: readonly ScenarioName[] = [
  'new-customer',
  'valid',
  'renewal-due',
  'expired',
  'revoked',
  'revocation-limit',
  'other-device',
];

/** What a fault does to the next matching request. */
export type FaultKind = 'latency' | 'http-500' | 'http-503' | 'drop' | 'commit-then-drop';

/** Which request a fault waits for, and its knobs. */
export interface FaultOptions {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Path to match: relative to the base URL (`/certificates`), the full path name, or a RegExp on the path name. */
  path?: string | RegExp;
  /** Delay of a `latency` fault in real milliseconds (default 1000). */
  latencyMs?: number;
  /** `Retry-After` of an `http-503` fault in seconds (default 1). */
  retryAfterSeconds?: number;
}

/** Options of {@link createMockBackend}. */
export interface MockBackendOptions {
  /** Base URL of the contract; default `/api/cert-center/v1` (matched on any origin). */
  baseUrl?: string;
  /** Seeded state of the first customer; default `new-customer`. */
  scenario?: ScenarioName;
  /** Start of a clock that stands still until `clock.set`/`clock.advance`; real time when absent. */
  now?: Date;
  /** Keep the whole state (CA keys included) in sessionStorage so it survives a page reload. */
  persist?: 'session-storage' | false;
  /** sessionStorage key when persisting; default `cert-center-mock:<baseUrl>`. */
  storageKey?: string;
  /** Validity of issued certificates in days; default 365. */
  validityDays?: number;
  /** Renewal opens this many days before `notAfter`; default 30. */
  renewBeforeDays?: number;
  /** Renewal stays open this many days after `notAfter`; default 30. */
  renewAfterDays?: number;
  /** Online revocations allowed in any 365 days; default 3. */
  revocationsPerYear?: number;
  /** Lifetime of a one-time code in seconds; default 60. */
  otpTtlSeconds?: number;
  /** Digits of a one-time code; default 4. */
  otpCodeLength?: number;
  /** Minimum seconds between two sends for one customer (`RATE_LIMITED` inside); default 0, none. */
  otpCooldownSeconds?: number;
  /** Codes sent to one customer in any hour of the clock before `RATE_LIMITED`; default 20, 0 for no limit. */
  otpSendsPerHour?: number;
  /** Codes sent to one customer in any 24 hours of the clock before `RATE_LIMITED`; default 50, 0 for no limit. */
  otpSendsPerDay?: number;
  /** Wrong entries across one customer's codes in any hour before every entry is `RATE_LIMITED`; default 10, 0 for no limit. */
  otpFailuresPerHour?: number;
  /** Lifetime of an otpToken in seconds; default 300. */
  otpTokenTtlSeconds?: number;
  /** Rules the mock breaks on purpose, for the conformance kit's own tests only: see {@link MockDefect}. */
  defects?: readonly MockDefect[];
}

/**
 * A rule of the contract a deliberately broken mock breaks, so that the conformance kit's tests
 * can show the kit names that rule (test/conformance/). Never set one anywhere else.
 */
export type MockDefect =
  /** A new send leaves the earlier code valid. */
  | 'otp-resend-keeps-earlier'
  /** Wrong entries never lock a code. */
  | 'otp-no-lockout'
  /** Codes outlive their ttlSeconds. */
  | 'otp-never-expires'
  /** An otpToken passes for any purpose. */
  | 'otp-token-any-purpose'
  /** An otpToken survives the operation it allowed. */
  | 'otp-token-reusable'
  /** A known Idempotency-Key with another body is handled as a new request. */
  | 'idempotency-reuse-accepted'
  /** A replay answers the stored result but runs the request again. */
  | 'idempotency-replay-reruns'
  /** Applying while a PC certificate is in force issues another one. */
  | 'second-pc-certificate'
  /** Renewal is open at any time. */
  | 'renewal-window-ignored'
  /** Any renewal proof passes. */
  | 'renewal-proof-unchecked'
  /** The renewed certificate stays in force. */
  | 'renewal-keeps-old'
  /** Revocations have no yearly limit. */
  | 'revocation-limit-ignored'
  /** RSA keys below 2048 bits, or with a bad exponent, are certified. */
  | 'csr-weak-key-accepted'
  /** A CSR whose signature does not verify is certified. */
  | 'csr-signature-unchecked'
  /** The certificate's CN is copied from the CSR instead of the customer's ID. */
  | 'cn-from-csr';

/** A seeded customer; `token` is the Bearer token (or the `cert_center_session` cookie value). */
export interface MockCustomer {
  idNumber: string;
  name: string;
  phone: string;
  email: string;
  token: string;
}

/** A one-time code "sent" by SMS and e-mail. */
export interface InboxMessage {
  otpId: string;
  idNumber: string;
  code: string;
  purpose: OtpPurpose;
  channels: OtpChannel[];
  sentAt: Date;
}

/** The backend's clock. */
export interface MockClock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
  /** Whether it stands still between `set`/`advance` (created with `now`). */
  readonly fixed: boolean;
}

/** A certificate the backend holds. */
export interface IssuedCertificate {
  serialNumber: string;
  idNumber: string;
  device: Device;
  notBefore: Date;
  notAfter: Date;
  revokedAt?: Date;
  /** The RFC 5280 reason it was revoked for (`superseded` by a renewal); absent for seeded revocations. */
  revocationReason?: string;
  certificatePem: string;
  /** `seed` for scenario data, else the call that issued it. */
  source: 'seed' | 'apply' | 'renewal';
}

/** A seeded certificate with its key pair, to renew, revoke or sign from a seeded state. */
export interface SeededCredential {
  idNumber: string;
  serialNumber: string;
  device: Device;
  certificatePem: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** The mock's CA certificates. */
export interface MockCaCertificates {
  rootPem: string;
  issuingPem: string;
  /** What the backend sends as `chain`: issuing, then root. */
  chain: string[];
}

/** A stateful mock CA behind MSW handlers. */
export interface MockBackend {
  /** MSW handlers: `setupServer(...backend.handlers)` or `setupWorker(...backend.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The base URL the handlers serve. */
  readonly baseUrl: string;
  /** Seeded customers; the scenario applies to the first, the second always holds a valid PC certificate. */
  readonly customers: readonly MockCustomer[];
  /** One-time codes sent so far, newest last. */
  readonly inbox: {
    /** The latest code sent (to one customer when `idNumber` is given). */
    last(idNumber?: string): InboxMessage | undefined;
    /** Every code sent (to one customer when `idNumber` is given), oldest first. */
    all(idNumber?: string): InboxMessage[];
  };
  /** The backend's clock; statuses, windows and code lifetimes follow it. */
  readonly clock: MockClock;
  /** Faults for the next matching requests, one per arm, replays included. */
  readonly faults: {
    /** Arms one fault for the next request that matches (any request without a filter). */
    next(kind: FaultKind, options?: FaultOptions): void;
    /** How many armed faults have not fired yet. */
    pending(): number;
    /** Disarms every fault. */
    clear(): void;
  };
  /** Settles when the CA and the scenario are ready (handlers wait for it themselves). */
  readonly ready: Promise<void>;
  /** The root and issuing CA certificates. */
  ca(): Promise<MockCaCertificates>;
  /** Certificates issued by requests (apply and renewal), oldest first; seeds excluded. */
  issued(idNumber?: string): IssuedCertificate[];
  /** How many certificates requests have issued (seeds excluded). */
  issuedCount(idNumber?: string): number;
  /** Every certificate the backend holds, seeds included, oldest first. */
  certificates(idNumber?: string): IssuedCertificate[];
  /** The scenario's seeded certificate of a customer (default the first) with its key pair. */
  seededCredential(idNumber?: string): Promise<SeededCredential | undefined>;
  /** Forgets everything and seeds the scenario again (the current one when absent). */
  reset(scenario?: ScenarioName): Promise<void>;
}
