// Runs the rules of the contract against a live server and reports each one: pass, fail or
// skip, with its evidence. The CLI (cli.ts) is a thin layer over this; the tests call it directly.
import { importPkcs12 } from '../core/index.ts';
import { HttpClient, NetworkProblem } from './client.ts';
import { CodeSourceProblem, mockInboxSource, type CodeSource } from './code-source.ts';
import { RuleContext, RuleFailure, RuleSkip, type Credential, type Customer, type Report, type Rule, type RuleReport, type RuleStatus, type Session } from './context.ts';
import { MockControl, MockControlProblem } from './mock-control.ts';
import { rules as allRules } from './rules/index.ts';

export interface ConformanceOptions {
  /** The contract's base URL on the server, e.g. `https://broker.example/api/cert-center/v1`. */
  baseUrl: string;
  /** Bearer token of the customer the rules act for (with `mock`, the mock's first customer by default). */
  token?: string;
  /** A second customer's token, for the "not yours" checks (with `mock`, the mock's other customer). */
  otherToken?: string;
  /** A customer whose certificate is in its renewal window. */
  renewalToken?: string;
  /** That customer's certificate and key as a PKCS#12 backup, to renew it for real. */
  renewalPfx?: { bytes: Uint8Array; password: string };
  /** The primary customer's unmasked ID number, to check CN and masking exactly. */
  idNumber?: string;
  /** Where the one-time codes come from; with `mock` and none given, the mock's inbox. */
  codes?: CodeSource;
  /** The server is the mock (`npm run mock-server`): read its inbox, and with `allowWrites` seed and move it. */
  mock?: boolean;
  /** Run the rules that issue, renew or revoke. */
  allowWrites?: boolean;
  /** Wait a code's lifetime out in real time where the clock cannot be moved. */
  waitOtpExpiry?: boolean;
  /** Send codes until the server limits them (outside the mock). */
  probeRateLimit?: boolean;
  /** Run only these rule ids. */
  only?: readonly string[];
  /** Per request; default 30 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Called once the session is set up, with what each rule will do or why it is skipped. */
  onPlan?: (plan: ReadonlyArray<{ rule: Rule; skipReason?: string }>) => void;
  /** Called as each rule starts and ends. */
  onProgress?: (event: { index: number; total: number; rule: Rule; status?: RuleStatus }) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** The run could not start: no server, a refused token, a wrong option. */
export class ConformanceSetupError extends Error {}

/** The rules in the order they run. */
export const conformanceRules: readonly Rule[] = allRules;

function skipReason(rule: Rule, session: Session, only: readonly string[] | undefined): string | undefined {
  if (only && !only.includes(rule.id)) return 'not selected (--rule)';
  if (rule.effect === 'writes' && !session.allowWrites) return 'issues, renews or revokes certificates: run with --allow-writes';
  if (rule.effect !== 'read' && !session.codes) return 'sends one-time codes: needs a code source (--otp-command, --mock, or a terminal for the prompt)';
  return rule.runnable?.(session);
}

async function credentialFromPfx(owner: Customer, pfx: { bytes: Uint8Array; password: string }): Promise<Credential> {
  let imported;
  try {
    imported = await importPkcs12(pfx.bytes, pfx.password);
  } catch {
    throw new ConformanceSetupError('--renewal-pfx could not be opened with that password');
  }
  const info = imported.certificate;
  const algorithm = imported.privateKey.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
  const params = algorithm.name === 'ECDSA' ? { name: 'ECDSA', namedCurve: algorithm.namedCurve } : { name: algorithm.name, hash: algorithm.hash };
  const publicKey = await crypto.subtle.importKey('spki', new Uint8Array(info.subjectPublicKeyInfo), params, true, ['verify']);
  return { owner, serialNumber: info.serialNumber, certificatePem: info.pem, keyPair: { privateKey: imported.privateKey, publicKey } };
}

/**
 * Runs every rule (or `only` some) against the server at `baseUrl`.
 * @example const report = await runConformance({ baseUrl: 'http://127.0.0.1:8787/api/cert-center/v1', mock: true, allowWrites: true });
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let baseUrl: string;
  try {
    baseUrl = new URL(options.baseUrl).href.replace(/\/+$/, '');
  } catch {
    throw new ConformanceSetupError(`--base-url is not a URL: ${options.baseUrl}`);
  }
  const client = new HttpClient({ baseUrl, timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const mock = options.mock ? new MockControl(baseUrl, { timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) }) : undefined;
  const mockCustomers = mock
    ? await mock.customers().catch((error: unknown) => {
        throw new ConformanceSetupError(error instanceof Error ? error.message : 'the mock’s customers could not be read');
      })
    : [];
  const token = options.token ?? mockCustomers[0]?.token;
  if (!token) throw new ConformanceSetupError('no token: give --token or --token-command (or --mock)');
  const known = (t: string | undefined) => mockCustomers.find((c) => c.token === t)?.idNumber;
  const primary: Customer = { role: 'primary', token, ...((options.idNumber ?? known(token)) ? { idNumber: (options.idNumber ?? known(token))! } : {}) };
  const otherToken = options.otherToken ?? mockCustomers.find((c) => c.token !== token)?.token;
  const other: Customer | undefined = otherToken ? { role: 'other', token: otherToken, ...(known(otherToken) ? { idNumber: known(otherToken)! } : {}) } : undefined;
  const renewal: Customer | undefined = options.renewalToken ? { role: 'renewal', token: options.renewalToken, ...(known(options.renewalToken) ? { idNumber: known(options.renewalToken)! } : {}) } : undefined;
  if (options.renewalPfx && !renewal) throw new ConformanceSetupError('--renewal-pfx needs --renewal-token (whose certificate it holds)');
  const codes = options.codes ?? (mock ? mockInboxSource(mock) : undefined);

  try {
    const profile = await client.call('GET', '/profile', { token });
    if (profile.status !== 200) throw new ConformanceSetupError(`GET ${baseUrl}/profile with the token answered ${profile.status}: is the token valid, and the base URL the contract's?`);
  } catch (error) {
    if (error instanceof NetworkProblem) throw new ConformanceSetupError(`the server did not answer: ${error.message}`);
    throw error;
  }

  const session: Session = {
    client,
    primary,
    ...(other ? { other } : {}),
    ...(renewal ? { renewal } : {}),
    ...(codes ? { codes } : {}),
    ...(mock ? { mock } : {}),
    allowWrites: options.allowWrites ?? false,
    waitOtpExpiry: options.waitOtpExpiry ?? false,
    probeRateLimit: options.probeRateLimit ?? false,
    ...(options.renewalPfx && renewal ? { renewalCredential: await credentialFromPfx(renewal, options.renewalPfx) } : {}),
    results: new Map(),
    certificates: [],
    shared: {},
    profiles: new Map(),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };

  const plan = conformanceRules.map((rule) => {
    const reason = skipReason(rule, session, options.only);
    return reason === undefined ? { rule } : { rule, skipReason: reason };
  });
  options.onPlan?.(plan);

  // The mock is seeded and its clock moved only with --allow-writes, and both are put back after.
  const seeding = mock && session.allowWrites ? mock : undefined;
  let startedAt: Date | undefined;
  if (seeding) {
    startedAt = await seeding.clock({ advanceMs: 0 });
    await seeding.reset('valid');
  }

  const reports: RuleReport[] = [];
  try {
    for (const [index, { rule, skipReason: reason }] of plan.entries()) {
      options.onProgress?.({ index, total: plan.length, rule });
      let status: RuleStatus;
      let evidence;
      if (reason !== undefined) {
        status = 'skip';
        evidence = [{ note: reason }];
      } else {
        const context = new RuleContext(session, rule);
        status = await runRule(rule, context);
        evidence = context.evidence;
      }
      session.results.set(rule.id, status);
      reports.push({ id: rule.id, title: rule.title, status, evidence });
      options.onProgress?.({ index, total: plan.length, rule, status });
    }
  } finally {
    if (seeding) {
      await seeding.reset().catch(() => undefined);
      if (startedAt) await seeding.clock({ set: startedAt }).catch(() => undefined);
    }
  }
  const count = (s: RuleStatus) => reports.filter((r) => r.status === s).length;
  return { rules: reports, summary: { pass: count('pass'), fail: count('fail'), skip: count('skip') } };
}

async function runRule(rule: Rule, context: RuleContext): Promise<RuleStatus> {
  try {
    await rule.run(context);
    return 'pass';
  } catch (error) {
    if (error instanceof RuleSkip) return 'skip';
    if (error instanceof RuleFailure) return 'fail';
    if (error instanceof CodeSourceProblem) {
      context.evidence.push({ note: `no code: ${error.message}` });
      return 'skip';
    }
    if (error instanceof NetworkProblem || error instanceof MockControlProblem) {
      context.evidence.push({ note: error.message, ok: false });
      return 'fail';
    }
    context.evidence.push({ note: `the check could not finish: ${error instanceof Error ? error.message : 'unknown error'}`, ok: false });
    return 'fail';
  }
}
