// What every rule of the kit works with: the session shared by the whole run (client,
// customers, code source, mock control, what earlier rules left) and, per rule, the evidence it
// gathers and the steps of the contract it needs (codes, CSRs, proofs, certificates).
import { createCsr, generateKeyPair, parseCertificate, signCms } from '../core/index.ts';
import type { HttpClient, Exchange, CallOptions } from './client.ts';
import type { CodeSource } from './code-source.ts';
import type { MockControl } from './mock-control.ts';
import { schemaErrors, type SchemaName } from './schema.ts';

export type RuleStatus = 'pass' | 'fail' | 'skip';

/** One step a rule took: the request, the answer, the part of the body that decided. */
export interface Evidence {
  /** `POST /otp` (below the base URL), or what was examined. */
  request?: string;
  status?: number;
  /** The part of the body that decided (never a token or a code). */
  body?: unknown;
  /** What the rule expected. */
  expected?: string;
  ok?: boolean;
  /** Why a rule was skipped, or what a step showed. */
  note?: string;
}

export interface RuleReport {
  id: string;
  title: string;
  status: RuleStatus;
  evidence: Evidence[];
}

export interface Report {
  rules: RuleReport[];
  summary: { pass: number; fail: number; skip: number };
}

/** What a rule may do to the server: read (and be refused), send one-time codes, or change certificates. */
export type RuleEffect = 'read' | 'codes' | 'writes';

/** One rule of the contract. */
export interface Rule {
  /** Kebab-case words of what it checks. */
  id: string;
  title: string;
  effect: RuleEffect;
  /** What it will do to the customer, said up front (codes and writes). */
  plan?: string;
  /** Whether it can run in this session (beyond its effect); a reason to skip otherwise. */
  runnable?(session: Session): string | undefined;
  run(context: RuleContext): Promise<void>;
}

export type Role = 'primary' | 'other' | 'renewal';

/** A customer the kit holds a token for. */
export interface Customer {
  role: Role;
  token: string;
  /** The unmasked ID number, where the kit knows it (--id-number, or the mock's customers). */
  idNumber?: string;
}

/** A certificate whose private key the kit holds. */
export interface Credential {
  owner: Customer;
  serialNumber: string;
  certificatePem: string;
  keyPair: CryptoKeyPair;
  /** The otpToken that issued it, where this run issued it. */
  otpToken?: string;
}

/** A certificate a server sent, with its chain, for the rules that judge them all. */
export interface SeenCertificate {
  owner: Customer;
  serialNumber: string;
  certificate: string;
  chain: string[];
  request: string;
}

/** What the whole run shares. */
export interface Session {
  client: HttpClient;
  primary: Customer;
  other?: Customer;
  renewal?: Customer;
  codes?: CodeSource;
  mock?: MockControl;
  allowWrites: boolean;
  /** Wait out a code's lifetime in real time where the mock clock cannot be moved. */
  waitOtpExpiry: boolean;
  /** Send codes until the server limits them, outside the mock. */
  probeRateLimit: boolean;
  /** The renewal customer's current certificate and key (--renewal-pfx). */
  renewalCredential?: Credential;
  results: Map<string, RuleStatus>;
  certificates: SeenCertificate[];
  /** What one rule leaves for the next against a real server (the mock sets each rule up anew). */
  shared: {
    credential?: Credential;
    apply?: { key: string; body: Record<string, unknown>; serialNumber: string };
    renewal?: { old: Credential; renewed: Credential; revocationsLeftBefore: number };
    revocation?: { before: number; after: number };
  };
  consentVersion?: string;
  /** Profiles by role, masked as the server sends them. */
  profiles: Map<Role, Record<string, unknown>>;
  sleep(ms: number): Promise<void>;
}

/** The rule failed; the evidence says where. */
export class RuleFailure extends Error {}
/** The rule could not be judged here; the evidence says why. */
export class RuleSkip extends Error {}

const problemFields = ['code', 'attemptsLeft', 'reason', 'retryAfterSeconds', 'revocationsLeft'] as const;
const day = 86_400_000;

/** The part of a problem body that decides: its code and the fields that go with codes. */
export function problemPart(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = body as Record<string, unknown>;
  const part = Object.fromEntries(problemFields.filter((f) => value[f] !== undefined).map((f) => [f, value[f]]));
  return Object.keys(part).length ? part : undefined;
}

/** The named fields of a body that are there; undefined when none are. */
export function pick(body: unknown, fields: readonly string[]): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const value = body as Record<string, unknown>;
  const part = Object.fromEntries(fields.filter((f) => value[f] !== undefined).map((f) => [f, value[f]]));
  return Object.keys(part).length ? part : undefined;
}

export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A serial number no server has issued: 20 random bytes, as the contract writes serials. */
export function unknownSerial(): string {
  return `7${randomHex(19).slice(1)}`;
}

/** An otpToken no server has issued (long enough to pass any shape check). */
export function bogusOtpToken(): string {
  return `ot_conformance_${randomHex(16).toLowerCase()}`;
}

/** Whether `value` could be `masked` with some characters hidden by `*` (the visible ones kept). */
export function matchesMask(value: string, masked: string): boolean {
  const a = Array.from(value);
  const b = Array.from(masked);
  return a.length === b.length && b.includes('*') && b.every((c, i) => c === '*' || c === a[i]);
}

function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function derToPem(der: Uint8Array, label: string): string {
  let s = '';
  for (const b of der) s += String.fromCharCode(b);
  return `-----BEGIN ${label}-----\n${btoa(s).replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The CN the kit writes in its CSRs: never an ID number, so a CA that copies it is caught. */
export const kitCommonName = 'CONFORMANCE KIT NOT AN ID';

export type CsrKind = 'P-256' | 'RSA-2048' | 'RSA-1024';

export interface KitCsr {
  pem: string;
  der: Uint8Array<ArrayBuffer>;
  keyPair: CryptoKeyPair;
}

/** A certificate's state as the list shows it. */
export interface ListedCertificate {
  serialNumber: string;
  device: { kind: string };
  status: string;
  notBefore: string;
  notAfter: string;
  renewFrom: string;
  renewUntil: string;
  revokedAt?: string;
}

export interface CertificateList {
  items: ListedCertificate[];
  policy: { validityDays: number; renewBeforeDays: number; renewAfterDays: number; revocationsPerYear: number; revocationsLeft: number };
  /** The server's clock, from the Date header (else this machine's). */
  now: Date;
}

/** One rule's run: its evidence and the steps of the contract it takes. */
export class RuleContext {
  readonly evidence: Evidence[] = [];

  constructor(
    readonly session: Session,
    readonly rule: Rule,
  ) {}

  get primary(): Customer {
    return this.session.primary;
  }

  /** Mock control, when this run may reset its scenarios and move its clock. */
  get mockWrites(): MockControl | undefined {
    return this.session.allowWrites ? this.session.mock : undefined;
  }

  note(note: string): void {
    this.evidence.push({ note });
  }

  skip(reason: string): never {
    this.evidence.push({ note: reason });
    throw new RuleSkip(reason);
  }

  /** Fails the rule at this step. */
  fail(step: Omit<Evidence, 'ok'>): never {
    this.evidence.push({ ...step, ok: false });
    throw new RuleFailure(step.expected ?? 'a check failed');
  }

  /** Records a step; a false `ok` fails the rule there. */
  check(ok: boolean, step: Omit<Evidence, 'ok'>): void {
    this.evidence.push({ ...step, ok });
    if (!ok) throw new RuleFailure(step.expected ?? 'a check failed');
  }

  /** Whether an earlier rule of the run passed (a check-order probe needs both checks to exist). */
  passed(ruleId: string): boolean {
    return this.session.results.get(ruleId) === 'pass';
  }

  async call(customer: Customer | null, method: string, path: string, options: Omit<CallOptions, 'token'> & { token?: string | null } = {}): Promise<Exchange> {
    const token = options.token !== undefined ? options.token : (customer?.token ?? null);
    const exchange = await this.session.client.call(method, path, { ...options, token });
    const body = exchange.body as Record<string, unknown> | undefined;
    if (customer && exchange.status < 300 && typeof body?.['certificate'] === 'string' && Array.isArray(body['chain'])) {
      this.session.certificates.push({
        owner: customer,
        serialNumber: String(body['serialNumber'] ?? ''),
        certificate: body['certificate'],
        chain: (body['chain'] as unknown[]).filter((c): c is string => typeof c === 'string'),
        request: exchange.label,
      });
    }
    return exchange;
  }

  /** Expects a problem with `code` (the code decides; the status table is judged at the end). */
  expectProblem(exchange: Exchange, code: string, expected: string, extra: (body: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
    const body = (exchange.body ?? {}) as Record<string, unknown>;
    if (body['code'] === 'RATE_LIMITED' && code !== 'RATE_LIMITED') this.rateLimited(exchange);
    this.check(body['code'] === code && extra(body), { request: exchange.label, status: exchange.status, body: problemPart(body) ?? exchange.text, expected });
    return body;
  }

  /** Expects a success with `status` whose body is the contract's `schema`; returns the body. */
  expectSuccess(exchange: Exchange, status: number, schema: SchemaName | undefined, expected: string, decided: readonly string[] = []): Record<string, unknown> {
    const body = (exchange.body ?? {}) as Record<string, unknown>;
    if (exchange.status !== status && body['code'] === 'RATE_LIMITED') this.rateLimited(exchange);
    this.check(exchange.status === status, { request: exchange.label, status: exchange.status, body: problemPart(body) ?? pick(body, decided) ?? exchange.text, expected });
    if (schema) {
      const errors = schemaErrors(schema, body);
      this.check(errors.length === 0, { request: exchange.label, status: exchange.status, ...(errors.length ? { body: errors } : {}), expected: `the body is a ${schema} of the contract` });
    }
    return body;
  }

  rateLimited(exchange: Exchange): never {
    const wait = exchange.headers.get('retry-after');
    this.skip(`${exchange.label} was rate-limited${wait ? ` (Retry-After ${wait} s)` : ''}: the server's limits stop this run here; run the rule again later or alone (--rule)`);
  }

  /** The server's clock from an answer's Date header, else this machine's. */
  serverNow(exchange: Exchange): Date {
    const date = exchange.headers.get('date');
    const at = date ? new Date(date) : new Date();
    return Number.isNaN(at.getTime()) ? new Date() : at;
  }

  // ---- the steps of the contract ----

  async consentVersion(): Promise<string> {
    if (this.session.consentVersion) return this.session.consentVersion;
    const exchange = await this.call(this.primary, 'GET', '/consent');
    const version = (exchange.body as Record<string, unknown> | undefined)?.['version'];
    if (exchange.status !== 200 || typeof version !== 'string') this.skip('GET /consent gave no version to apply with (see the consent rule)');
    this.session.consentVersion = version;
    return version;
  }

  async profile(customer: Customer): Promise<Record<string, unknown>> {
    const known = this.session.profiles.get(customer.role);
    if (known) return known;
    const exchange = await this.call(customer, 'GET', '/profile');
    if (exchange.status !== 200) this.skip(`GET /profile of the ${customer.role} customer answered ${exchange.status}`);
    const profile = exchange.body as Record<string, unknown>;
    this.session.profiles.set(customer.role, profile);
    return profile;
  }

  async list(customer: Customer = this.primary): Promise<CertificateList> {
    const exchange = await this.call(customer, 'GET', '/certificates');
    const body = exchange.body as CertificateList | undefined;
    if (exchange.status !== 200 || !Array.isArray(body?.items) || typeof body?.policy !== 'object') {
      this.skip(`GET /certificates of the ${customer.role} customer answered ${exchange.status} without a list (see certificate-list)`);
    }
    return { items: body.items, policy: body.policy, now: this.serverNow(exchange) };
  }

  /** The customer's PC certificate that blocks applying (not revoked, `renewUntil` not passed). */
  inForce(list: CertificateList): ListedCertificate | undefined {
    return list.items.find((c) => c.device?.kind === 'pc' && c.status !== 'revoked' && list.now.getTime() <= Date.parse(c.renewUntil));
  }

  /** Sends a code; skips the rule when the server will not (it is a step, not what the rule judges). */
  async challenge(customer: Customer, purpose: 'apply' | 'renew' | 'revoke', key?: string): Promise<{ otpId: string; codeLength: number; ttlSeconds: number; exchange: Exchange }> {
    const exchange = await this.call(customer, 'POST', '/otp', { body: { purpose }, ...(key ? { key } : {}) });
    const body = exchange.body as Record<string, unknown> | undefined;
    if (exchange.status === 429 || body?.['code'] === 'RATE_LIMITED') this.rateLimited(exchange);
    if (exchange.status !== 201 || typeof body?.['otpId'] !== 'string') {
      this.evidence.push({ request: exchange.label, status: exchange.status, body: problemPart(body), expected: '201 with an otpId', ok: false });
      this.skip(`POST /otp did not send a ${purpose} code (see otp-challenge)`);
    }
    return { otpId: body['otpId'] as string, codeLength: Number(body['codeLength'] ?? 4), ttlSeconds: Number(body['ttlSeconds'] ?? 60), exchange };
  }

  async code(customer: Customer, challenge: { otpId: string; codeLength: number }, purpose: string): Promise<string> {
    const source = this.session.codes;
    if (!source) this.skip('no code source: give --otp-command, --mock, or run at a terminal');
    try {
      return await source.code({ otpId: challenge.otpId, purpose, codeLength: challenge.codeLength, role: customer.role, ...(customer.idNumber ? { idNumber: customer.idNumber } : {}) });
    } catch (error) {
      this.skip(`the code could not be read (${source.name}): ${error instanceof Error ? error.message : 'failed'}`);
    }
  }

  verify(customer: Customer, otpId: string, code: string, key?: string): Promise<Exchange> {
    return this.call(customer, 'POST', `/otp/${encodeURIComponent(otpId)}/verification`, { body: { code }, ...(key ? { key } : {}) });
  }

  /** A fresh otpToken for `purpose`: send, read the code, verify. */
  async otpToken(customer: Customer, purpose: 'apply' | 'renew' | 'revoke'): Promise<string> {
    const challenge = await this.challenge(customer, purpose);
    const code = await this.code(customer, challenge, purpose);
    const exchange = await this.verify(customer, challenge.otpId, code);
    const token = (exchange.body as Record<string, unknown> | undefined)?.['otpToken'];
    if (exchange.status === 429) this.rateLimited(exchange);
    if (exchange.status !== 200 || typeof token !== 'string') {
      this.evidence.push({ request: exchange.label, status: exchange.status, body: problemPart(exchange.body), expected: '200 with an otpToken', ok: false });
      this.skip(`the ${purpose} code did not verify (see otp-challenge)`);
    }
    return token;
  }

  /** A CSR made with the core; `tamper` breaks its signature. */
  async csr(options: { kind?: CsrKind; tamper?: boolean; keyPair?: CryptoKeyPair } = {}): Promise<KitCsr> {
    const kind = options.kind ?? 'P-256';
    let keyPair = options.keyPair;
    if (!keyPair && kind === 'RSA-1024') {
      keyPair = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    }
    keyPair ??= await generateKeyPair({ algorithm: kind === 'P-256' ? 'ECDSA-P256' : 'RSA-2048' });
    let pem = await createCsr({ keyPair, subject: { commonName: kitCommonName } });
    let der = pemToDer(pem);
    if (options.tamper) {
      der = der.slice();
      der[der.length - 1]! ^= 0x01;
      pem = derToPem(der, 'CERTIFICATE REQUEST');
    }
    return { pem, der, keyPair };
  }

  /** A renewal proof: base64 of a detached CMS SignedData over `data`. */
  async proof(data: Uint8Array, privateKey: CryptoKey, certificatePem: string): Promise<string> {
    return base64(await signCms(data, { privateKey, certificate: certificatePem }, { detached: true }));
  }

  /** A well-formed proof that must not verify: made with a key that is not the certificate's. */
  async foreignProof(data: Uint8Array, certificatePem: string): Promise<string> {
    const stranger = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    return this.proof(data, stranger.privateKey, certificatePem);
  }

  async detail(customer: Customer, serialNumber: string): Promise<Record<string, unknown>> {
    const exchange = await this.call(customer, 'GET', `/certificates/${serialNumber}`);
    if (exchange.status !== 200) this.skip(`GET /certificates/${serialNumber} answered ${exchange.status} (see certificate-detail)`);
    return exchange.body as Record<string, unknown>;
  }

  /** Applies with a fresh token and P-256 key unless told otherwise. */
  async apply(customer: Customer, options: { csr?: KitCsr; otpToken?: string; consentVersion?: string; key?: string } = {}): Promise<{ exchange: Exchange; csr: KitCsr; body: Record<string, unknown>; key: string }> {
    const csr = options.csr ?? (await this.csr());
    const body = {
      csr: csr.pem,
      otpToken: options.otpToken ?? (await this.otpToken(customer, 'apply')),
      consentVersion: options.consentVersion ?? (await this.consentVersion()),
    };
    const key = options.key ?? crypto.randomUUID();
    return { exchange: await this.call(customer, 'POST', '/certificates', { body, key }), csr, body, key };
  }

  /** Applies and expects a certificate; skips the rule when none comes (apply-issues judges that). */
  async issue(customer: Customer = this.primary): Promise<Credential> {
    const { exchange, csr, body } = await this.apply(customer);
    const detail = exchange.body as Record<string, unknown> | undefined;
    if (exchange.status !== 201 || typeof detail?.['certificate'] !== 'string' || typeof detail['serialNumber'] !== 'string') {
      this.evidence.push({ request: exchange.label, status: exchange.status, body: problemPart(detail), expected: '201 with the certificate', ok: false });
      this.skip('applying did not issue a certificate to work with (see apply-issues)');
    }
    return { owner: customer, serialNumber: detail['serialNumber'], certificatePem: detail['certificate'], keyPair: csr.keyPair, otpToken: String(body.otpToken) };
  }

  // ---- set-ups: the mock seeds each rule's state anew; a real server carries it rule to rule ----

  /** The primary customer without a PC certificate in force. */
  async freshCustomer(): Promise<void> {
    const mock = this.mockWrites;
    if (mock) {
      await mock.reset('new-customer');
      return;
    }
    const blocking = this.inForce(await this.list());
    if (blocking) this.skip(`the customer holds PC certificate ${blocking.serialNumber} (${blocking.status}); this rule needs a customer without one`);
  }

  /** A certificate of the primary customer in force, whose key the kit holds. */
  async credential(): Promise<Credential> {
    if (this.mockWrites) {
      await this.freshCustomer();
      return this.issue();
    }
    const held = this.session.shared.credential;
    if (!held) this.skip('needs the certificate apply-issues issues in this run');
    const listed = (await this.list(held.owner)).items.find((c) => c.serialNumber === held.serialNumber);
    if (!listed || listed.status === 'revoked') this.skip(`the run's certificate ${held.serialNumber} is no longer in force`);
    return held;
  }

  /** A certificate in its renewal window whose key the kit holds. */
  async renewable(): Promise<Credential & { revocationsLeft: number }> {
    const mock = this.mockWrites;
    if (mock) {
      const credential = await this.credential();
      const listed = (await this.list()).items.find((c) => c.serialNumber === credential.serialNumber);
      if (!listed) this.skip(`the issued certificate ${credential.serialNumber} is not listed (see apply-issues)`);
      await mock.clock({ set: new Date(Date.parse(listed.renewFrom) + day) });
      return { ...credential, revocationsLeft: (await this.list()).policy.revocationsLeft };
    }
    const candidates = [this.session.shared.credential, this.session.renewalCredential].filter((c): c is Credential => c !== undefined);
    for (const candidate of candidates) {
      const list = await this.list(candidate.owner);
      const listed = list.items.find((c) => c.serialNumber === candidate.serialNumber);
      const at = list.now.getTime();
      if (listed && listed.status !== 'revoked' && Date.parse(listed.renewFrom) <= at && at <= Date.parse(listed.renewUntil)) {
        return { ...candidate, revocationsLeft: list.policy.revocationsLeft };
      }
    }
    this.skip('no certificate whose key the kit holds is in its renewal window: use --mock --allow-writes, a backend whose validityDays is below renewBeforeDays, or --renewal-token with --renewal-pfx');
  }
}
