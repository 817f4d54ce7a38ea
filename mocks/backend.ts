// The stateful mock CA: customers, certificates, one-time codes, tokens, idempotency records,
// faults and a clock, with every rule of the contract (ARCHITECTURE.md, "Contract rules").
import { HttpResponse, delay } from 'msw';
import type {
  ApplyRequest,
  CertificateDetail,
  CertificatePolicy,
  CertificateStatus,
  CertificateStatusResponse,
  CertificatesResponse,
  Device,
  ErrorCode,
  OtpChallenge,
  OtpChannel,
  OtpPurpose,
  OtpVerification,
  ProblemDetails,
  Profile,
  RenewalRequest,
  RevocationRequest,
  RevocationResult,
  ServerCertificate,
  ValidationIssue,
} from '../src/core/api/contract-types.ts';
import { maskEmail, maskIdNumber, maskPhone } from '../src/core/policy/masking.ts';
import { type CaSnapshot, type MockCa, CsrRejection, certificateSpki, checkCsr, createCa, issueCertificate, randomSerial, readCsrUnchecked, restoreCa, verifyProof } from './ca.ts';
import { announcements, consent, consentVersion } from './content.ts';
import { createHandlers, type RouteId } from './handlers.ts';
import type {
  FaultKind,
  FaultOptions,
  InboxMessage,
  IssuedCertificate,
  MockBackend,
  MockBackendOptions,
  MockClock,
  MockCustomer,
  MockDefect,
  ScenarioName,
  SeededCredential,
} from './types.ts';

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const idempotencyTtlMs = dayMs;
const maxOtpAttempts = 3;
const pcDevice: Device = { kind: 'pc', label: '電腦版' };
const mobileDevice: Device = { kind: 'mobile', label: '行動版 (iPhone)' };
const seededKeyAlgorithm: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const seededEcAlgorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

const customersSeed: readonly MockCustomer[] = [
  { idNumber: 'A103200003', name: '王小明', phone: '0966123406', email: 'chen@i.com', token: 'mock-token-a103' },
  { idNumber: 'B220200000', name: '陳美玲', phone: '0912345678', email: 'meiling@example.com', token: 'mock-token-b220' },
];

const problemTable: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION: { status: 400, title: 'The request is malformed' },
  UNAUTHENTICATED: { status: 401, title: 'Sign in first' },
  OTP_TOKEN_INVALID: { status: 403, title: 'The verification is not valid for this operation' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  OTP_EXPIRED: { status: 410, title: 'The code has expired' },
  CERT_EXISTS: { status: 409, title: 'A certificate is already in force' },
  CERT_NOT_ACTIVE: { status: 409, title: 'The certificate is not active' },
  RENEWAL_NOT_OPEN: { status: 409, title: 'Renewal is not open' },
  REVOCATION_LIMIT: { status: 409, title: 'No online revocations left' },
  OTP_INVALID: { status: 422, title: 'The code is wrong' },
  CSR_INVALID: { status: 422, title: 'The certificate request is not acceptable' },
  CONSENT_REQUIRED: { status: 422, title: 'Accept the current agreement first' },
  RENEWAL_PROOF_INVALID: { status: 422, title: 'The renewal proof does not verify' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'The Idempotency-Key was used with another request' },
  OTP_LOCKED: { status: 423, title: 'Too many wrong entries' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
};

// ---- state (plain JSON, so it can be persisted) ----

interface CertRecord {
  serialNumber: string;
  idNumber: string;
  device: Device;
  format: string;
  notBefore: number;
  notAfter: number;
  revokedAt?: number;
  /** RFC 5280 reason of the revocation; `keyCompromise` bars the key for good. */
  revocationReason?: string;
  pem: string;
  source: IssuedCertificate['source'];
}

interface OtpRecord {
  otpId: string;
  idNumber: string;
  purpose: OtpPurpose;
  code: string;
  sentAt: number;
  expiresAt: number;
  attempts: number;
  state: 'active' | 'voided' | 'locked' | 'used';
}

interface TokenRecord {
  token: string;
  idNumber: string;
  purpose: OtpPurpose;
  expiresAt: number;
  used: boolean;
}

interface IdempotencyRecord {
  scope: string;
  body: string;
  storedAt: number;
  result: Result;
}

interface SeedKeyRecord {
  idNumber: string;
  serialNumber: string;
  algorithm: 'RSA' | 'EC';
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

interface State {
  version: 1;
  scenario: ScenarioName;
  ca: CaSnapshot;
  certificates: CertRecord[];
  /** Revocations that count against the yearly limit (renewals do not). */
  revocations: Array<{ idNumber: string; serialNumber: string; at: number }>;
  otps: OtpRecord[];
  /** Wrong entries of one-time codes, for the limit across codes (kept an hour). */
  otpFailures: Array<{ idNumber: string; at: number }>;
  tokens: TokenRecord[];
  idempotency: IdempotencyRecord[];
  inbox: Array<Omit<InboxMessage, 'sentAt'> & { sentAt: number }>;
  seedKeys: SeedKeyRecord[];
}

interface Persisted {
  state: State;
  clock: { fixed: boolean; at: number; offset: number };
}

/** A handled request's answer before it becomes a Response. */
interface Result {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface ArmedFault extends FaultOptions {
  kind: FaultKind;
}

/** Ends a check with a problem answer. */
class Refusal extends Error {
  constructor(readonly result: Result) {
    super('refused');
  }
}

function problem(code: ErrorCode, extra: Partial<ProblemDetails> & Record<string, unknown> = {}, headers?: Record<string, string>): Result {
  const { status, title } = problemTable[code];
  const body: ProblemDetails = {
    type: `https://cert-center.example/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    code,
    ...extra,
  };
  return { status: body.status, body, ...(headers ? { headers } : {}) };
}

function refuse(code: ErrorCode, extra: Partial<ProblemDetails> & Record<string, unknown> = {}, headers?: Record<string, string>): never {
  throw new Refusal(problem(code, extra, headers));
}

function invalid(errors: ValidationIssue[], detail?: string): never {
  refuse('VALIDATION', { detail: detail ?? errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors });
}

function toResponse(result: Result): Response {
  const isProblem = result.status >= 400;
  return HttpResponse.json(result.body as Record<string, unknown>, {
    status: result.status,
    headers: {
      'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
      'Cache-Control': 'no-store',
      ...(result.headers ?? {}),
    },
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function randomId(prefix: string, bytes = 12): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return prefix + Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
}

function randomDigits(length: number): string {
  const raw = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(raw, (n) => String(n % 10)).join('');
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** At most `limit` events in any `windowMs` (0: no limit); `reason` is the contract's RateLimitReason. */
interface RateLimit {
  reason: 'otp-cooldown' | 'otp-sends-per-hour' | 'otp-sends-per-day' | 'otp-failures-per-hour';
  limit: number;
  windowMs: number;
  detail: string;
}

/**
 * Refuses `RATE_LIMITED` when any limit is reached by `events` (times, oldest first), with the
 * longest wait: the seconds until enough of the counted events leave their window (the oldest,
 * when the count is at the limit) that one more fits.
 */
function enforce(limits: readonly RateLimit[], events: readonly number[], at: number): void {
  let worst: { limit: RateLimit; wait: number } | undefined;
  for (const limit of limits) {
    if (limit.limit <= 0 || limit.windowMs <= 0) continue;
    const counted = events.filter((t) => t <= at && at - t < limit.windowMs);
    if (counted.length < limit.limit) continue;
    const wait = Math.ceil((counted[counted.length - limit.limit]! + limit.windowMs - at) / 1000);
    if (!worst || wait > worst.wait) worst = { limit, wait };
  }
  if (worst) {
    const { limit, wait } = worst;
    refuse('RATE_LIMITED', { retryAfterSeconds: wait, reason: limit.reason, detail: limit.detail }, { 'Retry-After': String(wait) });
  }
}

const serialPattern = /^[0-9A-F]{2,40}$/;
const idempotencyKeyPattern = /^[\x21-\x7E]{1,255}$/;
const csrPattern = /^-----BEGIN CERTIFICATE REQUEST-----\r?\n/;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
const otpPurposes: readonly OtpPurpose[] = ['apply', 'renew', 'revoke'];
const revocationReasons = ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation'];

function createClock(now: Date | undefined): MockClock & { snapshot(): Persisted['clock']; restore(c: Persisted['clock']): void } {
  let fixed = now !== undefined;
  let at = now?.getTime() ?? 0;
  let offset = 0;
  return {
    get fixed() {
      return fixed;
    },
    now: () => new Date(fixed ? at : Date.now() + offset),
    set(when: Date) {
      if (fixed) at = when.getTime();
      else offset = when.getTime() - Date.now();
    },
    advance(ms: number) {
      if (fixed) at += ms;
      else offset += ms;
    },
    snapshot: () => ({ fixed, at, offset }),
    restore(c) {
      fixed = c.fixed;
      at = c.at;
      offset = c.offset;
    },
  };
}

/**
 * Creates a stateful mock CA behind MSW handlers: a real root and issuing CA, customers seeded
 * by `scenario`, one-time codes delivered to `inbox`, and every rule of the REST contract.
 * @example
 * const backend = createMockBackend({ scenario: 'valid', now: new Date('2026-03-01T00:00:00Z') });
 * const server = setupServer(...backend.handlers);
 */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const baseUrl = (options.baseUrl ?? '/api/cert-center/v1').replace(/\/+$/, '');
  const policy = {
    validityDays: options.validityDays ?? 365,
    renewBeforeDays: options.renewBeforeDays ?? 30,
    renewAfterDays: options.renewAfterDays ?? 30,
    revocationsPerYear: options.revocationsPerYear ?? 3,
  };
  const otpTtlMs = (options.otpTtlSeconds ?? 60) * 1000;
  const otpCodeLength = options.otpCodeLength ?? 4;
  const otpCooldownMs = (options.otpCooldownSeconds ?? 0) * 1000;
  // 0 = none. The defaults bound guessing a 4-digit code with the session alone (ARCHITECTURE.md).
  const otpSendLimits: readonly RateLimit[] = [
    { reason: 'otp-cooldown', limit: otpCooldownMs > 0 ? 1 : 0, windowMs: otpCooldownMs, detail: 'A code was sent moments ago' },
    { reason: 'otp-sends-per-hour', limit: options.otpSendsPerHour ?? 20, windowMs: hourMs, detail: 'Too many codes were sent in the last hour' },
    { reason: 'otp-sends-per-day', limit: options.otpSendsPerDay ?? 50, windowMs: dayMs, detail: 'Too many codes were sent in the last day' },
  ];
  const otpFailureLimit: RateLimit = {
    reason: 'otp-failures-per-hour',
    limit: options.otpFailuresPerHour ?? 10,
    windowMs: hourMs,
    detail: 'Too many wrong codes were entered in the last hour',
  };
  const otpTokenTtlMs = (options.otpTokenTtlSeconds ?? 300) * 1000;
  const storageKey = options.storageKey ?? `cert-center-mock:${baseUrl}`;
  const storage = options.persist === 'session-storage' && typeof sessionStorage !== 'undefined' ? sessionStorage : undefined;
  const clock = createClock(options.now);
  const customers = customersSeed.map((c) => ({ ...c }));
  const faults: ArmedFault[] = [];
  // Rules broken on purpose for the conformance kit's tests (MockDefect); none otherwise.
  const defects = new Set<MockDefect>(options.defects ?? []);
  const broken = (defect: MockDefect) => defects.has(defect);

  let state: State | undefined;
  let ca: MockCa | undefined;
  let currentScenario: ScenarioName = options.scenario ?? 'new-customer';
  // One request at a time, as a single-threaded backend would: no interleaved read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();

  const nowMs = () => clock.now().getTime();

  async function seed(scenario: ScenarioName): Promise<void> {
    currentScenario = scenario;
    const n = seconds(nowMs());
    ca = await createCa(new Date(n));
    const fresh: State = {
      version: 1,
      scenario,
      ca: ca.snapshot,
      certificates: [],
      revocations: [],
      otps: [],
      otpFailures: [],
      tokens: [],
      idempotency: [],
      inbox: [],
      seedKeys: [],
    };
    const validityMs = policy.validityDays * dayMs;
    const seedCertificate = async (
      idNumber: string,
      keys: CryptoKeyPair,
      algorithm: 'RSA' | 'EC',
      device: Device,
      notBefore: number,
      revokedAt?: number,
      keepKey = true,
    ) => {
      const issued = await issueCertificate(ca!, {
        idNumber,
        publicKey: keys.publicKey,
        notBefore: new Date(notBefore),
        notAfter: new Date(notBefore + validityMs),
      });
      fresh.certificates.push({
        serialNumber: issued.serialNumber,
        idNumber,
        device,
        format: 'EC+',
        notBefore,
        notAfter: notBefore + validityMs,
        ...(revokedAt === undefined ? {} : { revokedAt }),
        pem: issued.pem,
        source: 'seed',
      });
      if (revokedAt !== undefined) fresh.revocations.push({ idNumber, serialNumber: issued.serialNumber, at: revokedAt });
      if (keepKey) {
        fresh.seedKeys.push({
          idNumber,
          serialNumber: issued.serialNumber,
          algorithm,
          privateJwk: await crypto.subtle.exportKey('jwk', keys.privateKey),
          publicJwk: await crypto.subtle.exportKey('jwk', keys.publicKey),
        });
      }
    };
    const first = customers[0]!.idNumber;
    const rsa = async () => (await crypto.subtle.generateKey(seededKeyAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    const ec = async () => (await crypto.subtle.generateKey(seededEcAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
    switch (scenario) {
      case 'new-customer':
        break;
      case 'valid':
        await seedCertificate(first, await rsa(), 'RSA', pcDevice, n - 100 * dayMs);
        break;
      case 'renewal-due':
        await seedCertificate(first, await rsa(), 'RSA', pcDevice, n + 10 * dayMs - validityMs);
        break;
      case 'expired':
        await seedCertificate(first, await rsa(), 'RSA', pcDevice, n - 10 * dayMs - validityMs);
        break;
      case 'revoked':
        await seedCertificate(first, await rsa(), 'RSA', pcDevice, n - 100 * dayMs, n - 5 * dayMs);
        break;
      case 'revocation-limit': {
        const keys = await rsa();
        for (const daysAgo of [250, 200, 150]) {
          await seedCertificate(first, keys, 'RSA', pcDevice, n - (daysAgo + 50) * dayMs, n - daysAgo * dayMs, false);
        }
        await seedCertificate(first, keys, 'RSA', pcDevice, n - 100 * dayMs);
        break;
      }
      case 'other-device':
        await seedCertificate(first, await ec(), 'EC', mobileDevice, n - 100 * dayMs);
        break;
    }
    await seedCertificate(customers[1]!.idNumber, await ec(), 'EC', pcDevice, n - 30 * dayMs);
    state = fresh;
    save();
  }

  function save(): void {
    if (!storage || !state) return;
    const persisted: Persisted = { state, clock: clock.snapshot() };
    try {
      storage.setItem(storageKey, JSON.stringify(persisted));
    } catch {
      // Persistence is best-effort: a full sessionStorage keeps the state in memory only.
    }
  }

  async function load(): Promise<boolean> {
    const text = storage?.getItem(storageKey);
    if (!text) return false;
    try {
      const persisted = JSON.parse(text) as Persisted;
      if (persisted.state?.version !== 1) return false;
      ca = await restoreCa(persisted.state.ca);
      state = persisted.state;
      state.otpFailures ??= []; // stored before the limit across codes existed
      currentScenario = state.scenario;
      clock.restore(persisted.clock);
      return true;
    } catch {
      return false;
    }
  }

  let ready: Promise<void> = (async () => {
    if (!(await load())) await seed(currentScenario);
  })();
  ready.catch(() => undefined);

  // ---- views ----


  function statusOf(cert: CertRecord, at: number): CertificateStatus {
    if (cert.revokedAt !== undefined && cert.revokedAt <= at) return 'revoked';
    if (at > cert.notAfter) return 'expired';
    if (at >= cert.notAfter - policy.renewBeforeDays * dayMs) return 'renewal-due';
    return 'valid';
  }

  function serverCertificate(cert: CertRecord, at: number): ServerCertificate {
    return {
      serialNumber: cert.serialNumber,
      idNumber: maskIdNumber(cert.idNumber),
      format: cert.format,
      usage: 'e-trading',
      device: { ...cert.device },
      notBefore: iso(cert.notBefore),
      notAfter: iso(cert.notAfter),
      status: statusOf(cert, at),
      renewFrom: iso(cert.notAfter - policy.renewBeforeDays * dayMs),
      renewUntil: iso(cert.notAfter + policy.renewAfterDays * dayMs),
      ...(cert.revokedAt !== undefined && cert.revokedAt <= at ? { revokedAt: iso(cert.revokedAt) } : {}),
    };
  }

  function detail(cert: CertRecord, at: number): CertificateDetail {
    return { ...serverCertificate(cert, at), certificate: cert.pem, chain: [ca!.issuingPem, ca!.rootPem] };
  }

  function revocationsLeft(idNumber: string, at: number): number {
    const used = state!.revocations.filter((r) => r.idNumber === idNumber && r.at <= at && r.at > at - 365 * dayMs).length;
    return Math.max(0, policy.revocationsPerYear - used);
  }

  function toIssued(cert: CertRecord): IssuedCertificate {
    return {
      serialNumber: cert.serialNumber,
      idNumber: cert.idNumber,
      device: { ...cert.device },
      notBefore: new Date(cert.notBefore),
      notAfter: new Date(cert.notAfter),
      ...(cert.revokedAt === undefined ? {} : { revokedAt: new Date(cert.revokedAt) }),
      ...(cert.revocationReason === undefined ? {} : { revocationReason: cert.revocationReason }),
      certificatePem: cert.pem,
      source: cert.source,
    };
  }

  // ---- request handling ----

  function authenticate(request: Request, cookies: Record<string, string>): MockCustomer {
    const header = request.headers.get('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const cookie = cookies['cert_center_session'] ?? cookieFromHeader(request.headers.get('cookie'));
    const token = bearer ?? cookie;
    const customer = token === undefined ? undefined : customers.find((c) => c.token === token);
    if (!customer) refuse('UNAUTHENTICATED', {}, { 'WWW-Authenticate': 'Bearer' });
    return customer;
  }

  async function readJson(request: Request): Promise<{ text: string; value: unknown; ok: boolean }> {
    const text = await request.text();
    try {
      return { text, value: JSON.parse(text), ok: true };
    } catch {
      return { text, value: undefined, ok: false };
    }
  }

  function objectBody(body: { value: unknown; ok: boolean }, allowed: readonly string[]): Record<string, unknown> {
    if (!body.ok || body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
      invalid([{ pointer: '', message: 'must be a JSON object' }]);
    }
    const value = body.value as Record<string, unknown>;
    const extra = Object.keys(value).filter((k) => !allowed.includes(k));
    if (extra.length) invalid(extra.map((k) => ({ pointer: `/${k}`, message: 'is not allowed' })));
    return value;
  }

  function stringField(
    value: Record<string, unknown>,
    name: string,
    rule: { pattern?: RegExp; max?: number; optional?: boolean; oneOf?: readonly string[] },
    issues: ValidationIssue[],
  ): void {
    const field = value[name];
    if (field === undefined) {
      if (!rule.optional) issues.push({ pointer: `/${name}`, message: 'is required' });
      return;
    }
    if (typeof field !== 'string' || field.length === 0) issues.push({ pointer: `/${name}`, message: 'must be a non-empty string' });
    else if (rule.max !== undefined && field.length > rule.max) issues.push({ pointer: `/${name}`, message: `must be at most ${rule.max} characters` });
    else if (rule.pattern && !rule.pattern.test(field)) issues.push({ pointer: `/${name}`, message: 'has the wrong format' });
    else if (rule.oneOf && !rule.oneOf.includes(field)) issues.push({ pointer: `/${name}`, message: `must be one of ${rule.oneOf.join(', ')}` });
  }

  function requireSerial(params: Record<string, string>): string {
    const serial = params['serialNumber'] ?? '';
    if (!serialPattern.test(serial)) invalid([{ pointer: 'path:serialNumber', message: 'must be upper-case hexadecimal' }]);
    return serial;
  }

  function ownCertificate(customer: MockCustomer, serial: string): CertRecord {
    const cert = state!.certificates.find((c) => c.serialNumber === serial && c.idNumber === customer.idNumber);
    if (!cert) refuse('NOT_FOUND', { detail: 'No such certificate for this customer' });
    return cert;
  }

  function checkToken(customer: MockCustomer, token: string, purpose: OtpPurpose, at: number): TokenRecord {
    const record = state!.tokens.find((t) => t.token === token);
    const used = record?.used && !broken('otp-token-reusable');
    const otherPurpose = record?.purpose !== purpose && !broken('otp-token-any-purpose');
    if (!record || used || record.idNumber !== customer.idNumber || otherPurpose || at > record.expiresAt) {
      refuse('OTP_TOKEN_INVALID', { detail: `The otpToken is not valid for ${purpose}` });
    }
    return record;
  }

  /** The CSR's key after every check of a real CA, the keys revoked for keyCompromise included. */
  async function csrKey(csr: string): Promise<Awaited<ReturnType<typeof checkCsr>>> {
    let checked: Awaited<ReturnType<typeof checkCsr>>;
    try {
      checked = await checkCsr(csr);
    } catch (error) {
      const weakKey = error instanceof CsrRejection && (error.reason === 'rsa-modulus' || error.reason === 'rsa-exponent') && broken('csr-weak-key-accepted');
      const badSignature = error instanceof CsrRejection && error.reason === 'signature' && broken('csr-signature-unchecked');
      if (weakKey || badSignature) return readCsrUnchecked(csr);
      if (error instanceof CsrRejection) refuse('CSR_INVALID', { reason: error.reason, detail: error.message });
      refuse('CSR_INVALID', { reason: 'malformed', detail: 'The CSR could not be read' });
    }
    // Whoever holds a compromised key may not have it certified again, under any customer.
    const compromised = state!.certificates.some((c) => c.revocationReason === 'keyCompromise' && sameBytes(checked.spki, certificateSpki(c.pem)));
    if (compromised) refuse('CSR_INVALID', { reason: 'key-compromised', detail: 'This key was revoked as compromised and is never certified again' });
    return checked;
  }

  async function issueFor(customer: MockCustomer, publicKey: Parameters<typeof issueCertificate>[1]['publicKey'], source: CertRecord['source'], at: number, csr: string): Promise<CertRecord> {
    const notBefore = seconds(at);
    const notAfter = notBefore + policy.validityDays * dayMs;
    const issued = await issueCertificate(ca!, {
      idNumber: broken('cn-from-csr') ? readCsrUnchecked(csr).commonName : customer.idNumber,
      publicKey,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
      serialNumber: randomSerial(),
    });
    const record: CertRecord = {
      serialNumber: issued.serialNumber,
      idNumber: customer.idNumber,
      device: { ...pcDevice },
      format: 'EC+',
      notBefore,
      notAfter,
      pem: issued.pem,
      source,
    };
    state!.certificates.push(record);
    return record;
  }

  const routes: Record<RouteId, (ctx: { customer: MockCustomer; request: Request; params: Record<string, string>; body: { value: unknown; ok: boolean } }) => Promise<Result> | Result> = {
    getProfile: ({ customer }) => {
      const profile: Profile = {
        idNumber: maskIdNumber(customer.idNumber),
        name: customer.name,
        phone: maskPhone(customer.phone),
        email: maskEmail(customer.email),
      };
      return { status: 200, body: profile };
    },
    listCertificates: ({ customer }) => {
      const at = nowMs();
      const items = state!.certificates
        .filter((c) => c.idNumber === customer.idNumber)
        .sort((a, b) => b.notBefore - a.notBefore)
        .map((c) => serverCertificate(c, at));
      const body: CertificatesResponse = { items, policy: { ...policy, revocationsLeft: revocationsLeft(customer.idNumber, at) } satisfies CertificatePolicy };
      return { status: 200, body };
    },
    getCertificate: ({ customer, params }) => {
      const serial = requireSerial(params);
      return { status: 200, body: detail(ownCertificate(customer, serial), nowMs()) };
    },
    getCertificateStatus: ({ customer, params }) => {
      const serial = requireSerial(params);
      const cert = ownCertificate(customer, serial);
      const view = serverCertificate(cert, nowMs());
      const body: CertificateStatusResponse = { serialNumber: serial, status: view.status, ...(view.revokedAt ? { revokedAt: view.revokedAt } : {}) };
      return { status: 200, body };
    },
    getConsent: () => ({ status: 200, body: consent }),
    listAnnouncements: () => ({ status: 200, body: announcements }),
    sendOtp: ({ customer, body }) => {
      const value = objectBody(body, ['purpose']);
      const issues: ValidationIssue[] = [];
      stringField(value, 'purpose', { oneOf: otpPurposes }, issues);
      if (issues.length) invalid(issues);
      const at = nowMs();
      enforce(otpSendLimits, state!.otps.filter((o) => o.idNumber === customer.idNumber).map((o) => o.sentAt), at);
      if (!broken('otp-resend-keeps-earlier')) for (const otp of state!.otps) if (otp.idNumber === customer.idNumber && otp.state === 'active') otp.state = 'voided';
      const purpose = value['purpose'] as OtpPurpose;
      const record: OtpRecord = {
        otpId: randomId('otp_', 9),
        idNumber: customer.idNumber,
        purpose,
        code: randomDigits(otpCodeLength),
        sentAt: at,
        expiresAt: at + otpTtlMs,
        attempts: 0,
        state: 'active',
      };
      state!.otps.push(record);
      const channels: OtpChannel[] = [
        { kind: 'sms', to: maskPhone(customer.phone) },
        { kind: 'email', to: maskEmail(customer.email) },
      ];
      state!.inbox.push({ otpId: record.otpId, idNumber: customer.idNumber, code: record.code, purpose, channels, sentAt: at });
      const challenge: OtpChallenge = {
        otpId: record.otpId,
        purpose,
        expiresAt: iso(record.expiresAt),
        ttlSeconds: otpTtlMs / 1000,
        codeLength: otpCodeLength,
        channels,
      };
      return { status: 201, body: challenge };
    },
    verifyOtp: ({ customer, params, body }) => {
      const value = objectBody(body, ['code']);
      const issues: ValidationIssue[] = [];
      stringField(value, 'code', { pattern: /^[0-9]{4,8}$/ }, issues);
      if (issues.length) invalid(issues);
      const at = nowMs();
      state!.otpFailures = state!.otpFailures.filter((f) => at - f.at < otpFailureLimit.windowMs);
      // Before the code is compared, the right one included: the limit must not tell right from wrong.
      enforce([otpFailureLimit], state!.otpFailures.filter((f) => f.idNumber === customer.idNumber).map((f) => f.at), at);
      const otp = state!.otps.find((o) => o.otpId === params['otpId'] && o.idNumber === customer.idNumber);
      if (!otp) refuse('NOT_FOUND', { detail: 'No such one-time code' });
      if (otp.state === 'locked') refuse('OTP_LOCKED', { attemptsLeft: 0 });
      if (otp.state !== 'active' || (at > otp.expiresAt && !broken('otp-never-expires'))) refuse('OTP_EXPIRED', { detail: otp.state === 'voided' ? 'A newer code was sent' : 'The code is no longer valid' });
      if (value['code'] !== otp.code) {
        otp.attempts += 1;
        state!.otpFailures.push({ idNumber: customer.idNumber, at });
        if (otp.attempts >= maxOtpAttempts && !broken('otp-no-lockout')) {
          otp.state = 'locked';
          refuse('OTP_LOCKED', { attemptsLeft: 0 });
        }
        refuse('OTP_INVALID', { attemptsLeft: Math.max(0, maxOtpAttempts - otp.attempts) });
      }
      otp.state = 'used';
      const token: TokenRecord = { token: randomId('ot_', 24), idNumber: customer.idNumber, purpose: otp.purpose, expiresAt: at + otpTokenTtlMs, used: false };
      state!.tokens.push(token);
      const verification: OtpVerification = { otpToken: token.token, expiresAt: iso(token.expiresAt) };
      return { status: 200, body: verification };
    },
    applyCertificate: async ({ customer, body }) => {
      const value = objectBody(body, ['csr', 'otpToken', 'consentVersion']);
      const issues: ValidationIssue[] = [];
      stringField(value, 'csr', { pattern: csrPattern, max: 16384 }, issues);
      stringField(value, 'otpToken', { max: 256 }, issues);
      stringField(value, 'consentVersion', {}, issues);
      if (issues.length) invalid(issues);
      const request = value as unknown as ApplyRequest;
      const at = nowMs();
      const token = checkToken(customer, request.otpToken, 'apply', at);
      if (request.consentVersion !== consentVersion) refuse('CONSENT_REQUIRED', { detail: `The current agreement is version ${consentVersion}` });
      const inForce = state!.certificates.find(
        (c) => c.idNumber === customer.idNumber && c.device.kind === 'pc' && statusOf(c, at) !== 'revoked' && at <= c.notAfter + policy.renewAfterDays * dayMs,
      );
      if (inForce && !broken('second-pc-certificate')) refuse('CERT_EXISTS', { detail: `Certificate ${inForce.serialNumber} is in force; renew it instead` });
      const { publicKey } = await csrKey(request.csr);
      const cert = await issueFor(customer, publicKey, 'apply', at, request.csr);
      token.used = true;
      return { status: 201, body: detail(cert, at) };
    },
    renewCertificate: async ({ customer, params, body }) => {
      const serial = requireSerial(params);
      const value = objectBody(body, ['csr', 'otpToken', 'proof']);
      const issues: ValidationIssue[] = [];
      stringField(value, 'csr', { pattern: csrPattern, max: 16384 }, issues);
      stringField(value, 'otpToken', { max: 256 }, issues);
      stringField(value, 'proof', { pattern: base64Pattern, max: 65536 }, issues);
      if (issues.length) invalid(issues);
      const request = value as unknown as RenewalRequest;
      const at = nowMs();
      const token = checkToken(customer, request.otpToken, 'renew', at);
      const current = ownCertificate(customer, serial);
      if (current.device.kind !== 'pc' || statusOf(current, at) === 'revoked') refuse('CERT_NOT_ACTIVE');
      const renewFrom = current.notAfter - policy.renewBeforeDays * dayMs;
      const renewUntil = current.notAfter + policy.renewAfterDays * dayMs;
      if ((at < renewFrom || at > renewUntil) && !broken('renewal-window-ignored')) refuse('RENEWAL_NOT_OPEN', { detail: `Renewal is open from ${iso(renewFrom)} to ${iso(renewUntil)}` });
      const { publicKey, der, spki } = await csrKey(request.csr);
      if (sameBytes(spki, certificateSpki(current.pem))) {
        refuse('CSR_INVALID', { reason: 'key-reused', detail: 'Renewal needs a new key pair, not the key of the certificate it renews' });
      }
      if (!(await verifyProof(request.proof, der, current.pem)) && !broken('renewal-proof-unchecked')) refuse('RENEWAL_PROOF_INVALID');
      const cert = await issueFor(customer, publicKey, 'renewal', at, request.csr);
      if (!broken('renewal-keeps-old')) {
        current.revokedAt = at; // superseded: not counted against the yearly limit
        current.revocationReason = 'superseded';
      }
      token.used = true;
      return { status: 201, body: detail(cert, at) };
    },
    revokeCertificate: ({ customer, params, body }) => {
      const serial = requireSerial(params);
      const value = objectBody(body, ['otpToken', 'reason']);
      const issues: ValidationIssue[] = [];
      stringField(value, 'otpToken', { max: 256 }, issues);
      stringField(value, 'reason', { optional: true, oneOf: revocationReasons }, issues);
      if (issues.length) invalid(issues);
      const request = value as unknown as RevocationRequest;
      const at = nowMs();
      const token = checkToken(customer, request.otpToken, 'revoke', at);
      const cert = ownCertificate(customer, serial);
      const status = statusOf(cert, at);
      if (cert.device.kind !== 'pc' || status === 'revoked' || status === 'expired') refuse('CERT_NOT_ACTIVE');
      if (revocationsLeft(customer.idNumber, at) <= 0 && !broken('revocation-limit-ignored')) refuse('REVOCATION_LIMIT', { revocationsLeft: 0, detail: 'Contact a branch or customer service' });
      cert.revokedAt = at;
      cert.revocationReason = request.reason ?? 'unspecified';
      state!.revocations.push({ idNumber: customer.idNumber, serialNumber: cert.serialNumber, at });
      token.used = true;
      const result: RevocationResult = { ...serverCertificate(cert, at), revokedAt: iso(at), revocationsLeft: revocationsLeft(customer.idNumber, at) };
      return { status: 200, body: result };
    },
    unknown: () => problem('NOT_FOUND', { detail: 'No such call in the contract' }),
  };

  async function process(route: RouteId, request: Request, params: Record<string, string>, cookies: Record<string, string>): Promise<Result> {
    try {
      const customer = authenticate(request, cookies);
      const isPost = request.method === 'POST';
      const body = isPost ? await readJson(request) : { text: '', value: undefined, ok: true };
      const key = request.headers.get('idempotency-key');
      const at = nowMs();
      const path = new URL(request.url).pathname;
      const scope = `${customer.idNumber} ${request.method} ${path} ${key ?? ''}`;
      const canonicalBody = body.ok ? canonicalJson(body.value) : body.text;
      if (isPost && key !== null && idempotencyKeyPattern.test(key)) {
        state!.idempotency = state!.idempotency.filter((r) => at - r.storedAt < idempotencyTtlMs);
        const stored = state!.idempotency.find((r) => r.scope === scope);
        if (stored && !(stored.body !== canonicalBody && broken('idempotency-reuse-accepted'))) {
          if (stored.body !== canonicalBody) return problem('IDEMPOTENCY_KEY_REUSED', { detail: 'This key was used with another body' });
          if (broken('idempotency-replay-reruns')) await Promise.resolve(routes[route]({ customer, request, params, body })).catch(() => undefined);
          return { ...stored.result, headers: { ...(stored.result.headers ?? {}), 'Idempotency-Replayed': 'true' } };
        }
      }
      if (isPost && key === null) invalid([{ pointer: 'header:Idempotency-Key', message: 'is required' }], 'Idempotency-Key header is required');
      if (isPost && !idempotencyKeyPattern.test(key!)) invalid([{ pointer: 'header:Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }]);
      let result: Result;
      try {
        result = await routes[route]({ customer, request, params, body });
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        result = error.result;
      }
      if (isPost && result.status < 500) state!.idempotency.push({ scope, body: canonicalBody, storedAt: at, result });
      return result;
    } catch (error) {
      if (error instanceof Refusal) return error.result;
      return problem('INTERNAL', { detail: 'The mock backend failed' });
    }
  }

  function takeFault(request: Request): ArmedFault | undefined {
    const path = new URL(request.url).pathname;
    const index = faults.findIndex((f) => {
      if (f.method && f.method.toUpperCase() !== request.method) return false;
      if (f.path === undefined) return true;
      if (f.path instanceof RegExp) return f.path.test(path);
      return path === f.path || path === `${baseUrlPath()}${f.path}` || path.endsWith(`${baseUrlPath()}${f.path}`);
    });
    return index < 0 ? undefined : faults.splice(index, 1)[0];
  }

  function baseUrlPath(): string {
    return /^[a-z][a-z\d+.-]*:\/\//i.test(baseUrl) ? new URL(baseUrl).pathname.replace(/\/+$/, '') : baseUrl;
  }

  async function dispatch(route: RouteId, request: Request, params: Record<string, string>, cookies: Record<string, string>): Promise<Response> {
    const fault = takeFault(request);
    if (fault?.kind === 'drop') return HttpResponse.error();
    if (fault?.kind === 'http-500') return toResponse(problem('INTERNAL', { detail: 'Injected failure' }));
    if (fault?.kind === 'http-503') {
      const wait = fault.retryAfterSeconds ?? 1;
      return toResponse({ ...problem('INTERNAL', { status: 503, title: 'Service unavailable', type: 'https://cert-center.example/problems/unavailable', retryAfterSeconds: wait }), status: 503, headers: { 'Retry-After': String(wait) } });
    }
    if (fault?.kind === 'latency') await delay(fault.latencyMs ?? 1000);
    await ready;
    const run = queue.then(() => process(route, request, params, cookies));
    queue = run.catch(() => undefined);
    const result = await run;
    save();
    if (fault?.kind === 'commit-then-drop') return HttpResponse.error();
    const response = toResponse(result);
    // The server's clock, as a real server sends it: the computer check measures skew with it.
    response.headers.set('Date', clock.now().toUTCString());
    return response;
  }

  const handlers = createHandlers(baseUrl, dispatch);

  const backend: MockBackend = {
    handlers,
    baseUrl,
    customers,
    inbox: {
      last: (idNumber) => backend.inbox.all(idNumber).at(-1),
      all: (idNumber) =>
        (state?.inbox ?? [])
          .filter((m) => idNumber === undefined || m.idNumber === idNumber)
          .map((m) => ({ ...m, channels: m.channels.map((c) => ({ ...c })), sentAt: new Date(m.sentAt) })),
    },
    clock: {
      get fixed() {
        return clock.fixed;
      },
      now: () => clock.now(),
      set: (at) => {
        clock.set(at);
        save();
      },
      advance: (ms) => {
        clock.advance(ms);
        save();
      },
    },
    faults: {
      next: (kind, fault = {}) => {
        faults.push({ ...fault, kind });
      },
      pending: () => faults.length,
      clear: () => {
        faults.length = 0;
      },
    },
    get ready() {
      return ready;
    },
    ca: async () => {
      await ready;
      return { rootPem: ca!.rootPem, issuingPem: ca!.issuingPem, chain: [ca!.issuingPem, ca!.rootPem] };
    },
    issued: (idNumber) =>
      (state?.certificates ?? []).filter((c) => c.source !== 'seed' && (idNumber === undefined || c.idNumber === idNumber)).map(toIssued),
    issuedCount: (idNumber) => backend.issued(idNumber).length,
    certificates: (idNumber) => (state?.certificates ?? []).filter((c) => idNumber === undefined || c.idNumber === idNumber).map(toIssued),
    seededCredential: async (idNumber = customers[0]!.idNumber) => {
      await ready;
      const record = state!.seedKeys.find((k) => k.idNumber === idNumber);
      if (!record) return undefined;
      const cert = state!.certificates.find((c) => c.serialNumber === record.serialNumber)!;
      const algorithm = record.algorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : seededEcAlgorithm;
      const privateKey = await crypto.subtle.importKey('jwk', record.privateJwk, algorithm, true, ['sign']);
      const publicKey = await crypto.subtle.importKey('jwk', record.publicJwk, algorithm, true, ['verify']);
      return { idNumber, serialNumber: cert.serialNumber, device: { ...cert.device }, certificatePem: cert.pem, privateKey, publicKey } satisfies SeededCredential;
    },
    reset: (scenario) => {
      // `ready` is replaced at once, so a request sent right after an un-awaited reset waits for it.
      faults.length = 0;
      const previous = ready;
      ready = previous
        .catch(() => undefined)
        .then(() => {
          storage?.removeItem(storageKey);
          return seed(scenario ?? currentScenario);
        });
      ready.catch(() => undefined);
      return ready;
    },
  };
  return backend;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function cookieFromHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'cert_center_session') return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
