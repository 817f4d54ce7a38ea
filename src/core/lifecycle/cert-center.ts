// createCertCenter: the certificate lifecycle over the REST client, the crypto and the store.
// Apply, renew, revoke, import, export, check, sign — and nothing lost on the way.
import { createApiClient, randomIdempotencyKey, type ApiClient, type RetryOptions } from '../api';
import type { CertificateDetail, CertificatePolicy, Consent, OtpPurpose, Profile, RevocationReason, RevocationResult, AnnouncementsResponse } from '../api/contract-types';
import { isBytesLike, parsePemBlocks, toBase64, toBytes, type BytesLike } from '../crypto/bytes';
import { compareKeyToCertificate, keyMatchesCertificate, parseCertificate, type CertificateInfo } from '../crypto/certificate';
import { generateKeyPair, type KeyAlgorithmName } from '../crypto/key-pair';
import type { ExportPkcs12Params } from '../crypto/pkcs12/pkcs12-export';
import { checkEnvironment } from '../env';
import type { EnvironmentReport } from '../env';
import { createPkcs12Runner } from '../env/pkcs12-runner';
import { CertCenterError, isCertCenterError, throwIfAborted, wrapError } from '../errors';
import { loadCms, loadCsr } from '../lazy-crypto';
import { isValidDate } from '../time';
import { assertBackupPassword } from '../policy/backup-password';
import { checkBackupFileName } from '../policy/backup-file-name';
import { certificateStatus, isUsableStatus } from '../policy/certificate-status';
import { isRenewalOpen, renewalWindow } from '../policy/renewal-window';
import { isPolicyDays } from '../policy/policy-bounds';
import { defaultRenewAfterDays, defaultRenewBeforeDays } from '../policy/time-arguments';
import type { CertStore, PendingEnrollment, StoredCredential } from '../store/cert-store';
import { createDefaultStore, createStoreChannel, observeStore, withLock, type StoreChannel } from '../store';
import { isServerLabel } from '../store/store-records';
import type { BackupFile, CheckRow, InvalidReason, LocalCredential, OtpSent, Overview, ProgressEventDetail, ProgressStep } from './types';
import { checkIssuance, type CheckedIssuance } from './issuance';

export interface CertCenterOptions {
  /** Default `/api/cert-center/v1`. */
  baseUrl?: string;
  /** The host's access token, asked before every request (`Authorization: Bearer`). */
  getAccessToken?: () => string | Promise<string>;
  /** For the host's session cookie instead of a token, e.g. `include`. */
  credentials?: RequestCredentials;
  /** Default: IndexedDB in browsers, {@link createMemoryStore} elsewhere. */
  store?: CertStore;
  /** Default `() => new Date()`. Every rule that depends on time reads this. */
  clock?: () => Date;
  /** Default `RSA-2048` (what Taiwanese e-trading CAs issue). */
  keyAlgorithm?: KeyAlgorithmName;
  /** Whether new private keys may be backed up (.pfx). Default `true`. */
  exportable?: boolean;
  fetch?: typeof fetch;
  /** Time-out of each request try, ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The backup file name; default `<ID>_cert.pfx` (SPEC rule 6). */
  backupFileName?: (idNumber: string) => string;
  /** PBKDF2 / MAC iterations of backups; default 600,000. */
  pkcs12Iterations?: number;
  /** Run PKCS#12 work in a module Worker where one exists (default `true`). */
  worker?: boolean;
  /** Name of the IndexedDB database, the lock and the tab channel; default `cert-center`. */
  name?: string;
  /**
   * The broker's root certificates (PEM text, which may hold several, or DER): an issued
   * certificate is stored only when its chain ends at one of them. Without them, any
   * self-signed root at the end of a chain whose signatures hold is accepted.
   */
  trustAnchors?: ReadonlyArray<string | BytesLike>;
}

export interface ApplyParams {
  otpToken: string;
  consentVersion: string;
  signal?: AbortSignal;
  onProgress?: (step: ProgressStep) => void;
}

export interface RenewParams {
  otpToken: string;
  /** The credential to renew; default the one stored credential in its window. */
  serialNumber?: string;
  signal?: AbortSignal;
  onProgress?: (step: ProgressStep) => void;
}

export interface RevokeParams {
  otpToken: string;
  serialNumber: string;
  reason?: RevocationReason;
  signal?: AbortSignal;
}

export interface ExportBackupParams {
  serialNumber: string;
  password: string;
  /** When given, must equal `password` (the form's 確認密碼). */
  confirmPassword?: string;
  fileName?: string;
  compatibility?: 'modern' | 'legacy';
  signal?: AbortSignal;
}

export interface SignOptions {
  /** Leave the data out of the signature (default `true`). */
  detached?: boolean;
  /** Sign with this credential; default the valid one (the newest when several). */
  serialNumber?: string;
  signal?: AbortSignal;
}

/** Events of `center.events`: `store-changed`, `progress`, `otp-expired`. */
export interface CertCenterEventMap {
  'store-changed': CustomEvent<{ serialNumber?: string; kind: string }>;
  progress: CustomEvent<ProgressEventDetail>;
  'otp-expired': CustomEvent<{ otpId: string; purpose: OtpPurpose }>;
}

export interface CertCenter {
  /** The customer as the server knows them (masked). */
  profile(options?: { signal?: AbortSignal }): Promise<Profile>;
  /** The three tables of 憑證查詢及申請. */
  overview(options?: { signal?: AbortSignal }): Promise<Overview>;
  /** Sends a one-time code (憑證認證碼) for one purpose. */
  requestOtp(purpose: OtpPurpose, options?: { signal?: AbortSignal }): Promise<OtpSent>;
  verifyOtp(otpId: string, code: string, options?: { signal?: AbortSignal }): Promise<{ otpToken: string; expiresAt: Date }>;
  /** The CA's consent form (申請同意書). */
  consent(options?: { signal?: AbortSignal }): Promise<Consent>;
  apply(params: ApplyParams): Promise<LocalCredential>;
  renew(params: RenewParams): Promise<LocalCredential>;
  revoke(params: RevokeParams): Promise<RevocationResult>;
  /** A password-protected PKCS#12 of a stored credential (匯出). */
  exportBackup(params: ExportBackupParams): Promise<BackupFile>;
  /** The file name {@link CertCenter.exportBackup} gives a stored credential's backup when none is asked for (the `backupFileName` rule). */
  backupFileName(serialNumber: string): Promise<string>;
  /** Stores the credential of a .pfx after checking it is this customer's, current and whole (匯入). */
  importBackup(data: BytesLike, password: string, options?: { signal?: AbortSignal }): Promise<LocalCredential>;
  /** Deletes a stored credential (key and certificate); an unknown serial number does nothing. */
  remove(serialNumber: string): Promise<void>;
  /** The rows of 檢查憑證. */
  check(options?: { signal?: AbortSignal }): Promise<CheckRow[]>;
  /** CMS SignedData (DER) over `data`, made with the valid stored credential. */
  sign(data: BytesLike, options?: SignOptions): Promise<Uint8Array>;
  /** What this browser stores, judged now without asking the server. */
  credentials(): Promise<LocalCredential[]>;
  /** Finishes interrupted enrollments with the same key and request; returns what it completed. */
  resume(options?: { signal?: AbortSignal }): Promise<LocalCredential[]>;
  /** The computer check (電腦檢測). */
  environment(options?: { signal?: AbortSignal }): Promise<EnvironmentReport>;
  /**
   * Whether the browser keeps the store under storage pressure (asked after the first
   * certificate is stored), and how much the origin uses.
   */
  storage(): Promise<StorageReport>;
  announcements(options?: { signal?: AbortSignal }): Promise<AnnouncementsResponse>;
  /** `store-changed` (also from other tabs), `progress`, `otp-expired`. */
  readonly events: EventTarget;
  /** Stops timers, the worker and the tab channel; the store stays as it is. */
  close(): void;
}

/** What {@link CertCenter.storage} tells. */
export interface StorageReport {
  /** Whether `navigator.storage.persist()` was granted: the browser will not evict the key. */
  persisted: boolean;
  supported: boolean;
  usage?: number;
  quota?: number;
}

/** How many certificates of the server's list a lookup for a pending key reads at most. */
const maxLookups = 8;

/** Codes after which the request may have reached the server, or may be sent again later. */
const transientCodes = new Set(['NETWORK', 'TIMEOUT', 'SERVER', 'INTERNAL', 'ABORTED', 'UNAUTHENTICATED', 'STORAGE']);

/**
 * Creates the certificate center. No side effects: nothing is opened or sent until a method is
 * called; the elements call {@link CertCenter.resume} when they connect.
 * @example
 * const center = createCertCenter({ getAccessToken: () => session.token });
 * const { otpId } = await center.requestOtp('apply');
 */
export function createCertCenter(input: CertCenterOptions | null = {}): CertCenter {
  if (input !== null && typeof input !== 'object') throw new CertCenterError('INVALID_ARGUMENT', 'createCertCenter: options must be an object');
  const options: CertCenterOptions = input ?? {};
  const hostClock = options.clock ?? (() => new Date());
  // A Date of this realm, whatever realm the host's clock lives in (an iframe, a test's mock).
  const clock = (): Date => {
    const now = hostClock();
    if (!isValidDate(now)) throw new CertCenterError('INVALID_ARGUMENT', 'createCertCenter: clock() must return a valid Date');
    return new Date(now.getTime());
  };
  const name = options.name ?? 'cert-center';
  const api: ApiClient = createApiClient({
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    ...(options.getAccessToken === undefined ? {} : { getAccessToken: options.getAccessToken }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const keyAlgorithm = options.keyAlgorithm ?? 'RSA-2048';
  const trustAnchors = readTrustAnchors(options.trustAnchors);
  const exportable = options.exportable ?? true;
  const backupFileName = options.backupFileName ?? ((id: string) => `${id}_cert.pfx`);
  const events = new EventTarget();
  const otpTimers = new Set<ReturnType<typeof setTimeout>>();
  let store: CertStore | undefined = options.store;
  let runner: ReturnType<typeof createPkcs12Runner> | undefined;
  let channel: StoreChannel | undefined;
  let policy: CertificatePolicy | undefined;

  let observed: CertStore | undefined;
  // Every change that lands in the store is announced to the other tabs of the origin.
  const getStore = (): CertStore => (observed ??= observeStore((store ??= createDefaultStore({ name })), getChannel()));
  const getRunner = () => (runner ??= createPkcs12Runner({ worker: options.worker ?? true }));
  const getChannel = (): StoreChannel => {
    if (!channel) {
      channel = createStoreChannel(name);
      channel.subscribe((message) => {
        if (message.kind === 'revoked' && message.serialNumber) knownRevoked.add(message.serialNumber);
        events.dispatchEvent(new CustomEvent('store-changed', { detail: message }));
      });
    }
    return channel;
  };
  let persistence: Promise<unknown> | undefined;
  /** Asks once, after a credential is stored, that the browser not evict the store. */
  const askPersistence = () => {
    persistence ??= getStore().persist().catch(() => undefined);
  };
  /** Tells this tab (the store tells the others); a revocation changes no record, so it is posted here. */
  const changed = (kind: string, serialNumber?: string) => {
    if (kind === 'applied' || kind === 'renewed' || kind === 'imported') askPersistence();
    const detail = { kind, ...(serialNumber === undefined ? {} : { serialNumber }) };
    events.dispatchEvent(new CustomEvent('store-changed', { detail }));
    if (kind === 'revoked') getChannel().post({ type: 'store-changed', ...detail });
  };
  const progress = (operation: ProgressEventDetail['operation'], onProgress?: unknown) => {
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new CertCenterError('INVALID_ARGUMENT', `${operation}: onProgress must be a function`);
    }
    return (step: ProgressStep) => {
      try {
        (onProgress as ((s: ProgressStep) => void) | undefined)?.(step);
      } catch {
        // The host's callback failing must not stop storing the certificate.
      }
      events.dispatchEvent(new CustomEvent('progress', { detail: { operation, step } }));
    };
  };
  const lock = <T>(work: () => Promise<T>, signal?: AbortSignal) => withLock(`${name}:enrollment`, work, signal ? { signal } : {});

  async function currentPolicy(signal?: AbortSignal): Promise<CertificatePolicy | undefined> {
    if (policy) return policy;
    try {
      policy = (await api.certificates(signal ? { signal } : {})).policy;
    } catch {
      // The policy only refines the window; the spec's defaults stand in when offline.
    }
    return policy;
  }

  /** Serial numbers this center has seen revoked (by itself, the server's lists, other tabs). */
  const knownRevoked = new Set<string>();
  /**
   * The Idempotency-Key of each revocation sent without an answer the server keeps, by what it
   * asked: the same revocation sent again (重試 after a lost answer) is then the same request,
   * and the server replays its success instead of refusing the used otpToken.
   */
  const unansweredRevocations = new Map<string, string>();
  /** Remembers a revocation, and marks the stored credential so a reload remembers it too. */
  const learnRevoked = async (serialNumber: string, revoked: boolean | undefined) => {
    if (revoked !== true) return; // a revocation is final; "unknown" or "not revoked" changes nothing
    knownRevoked.add(serialNumber);
    try {
      const stored = await getStore().getCredential(serialNumber);
      if (stored && stored.revokedAt === undefined) await getStore().putCredential({ ...stored, revokedAt: clock().toISOString() });
    } catch {
      // The mark in memory still holds for this page; the check page asks the server again.
    }
  };

  /** Judges a stored credential at `now`; revoked when the server said so, now or before. */
  function judge(stored: StoredCredential, now: Date, extra: { keyMismatch?: boolean } = {}): LocalCredential {
    const revoked = stored.revokedAt !== undefined || knownRevoked.has(stored.serialNumber);
    const certificate = parseCertificate(stored.certificate);
    const chain = stored.chain.map((c) => parseCertificate(c));
    // A policy is checked when it arrives; out of bounds here it would only be a broken
    // server's, and it never makes the stored record look damaged: the spec's days stand in.
    const renewBeforeDays = isPolicyDays(policy?.renewBeforeDays) ? policy.renewBeforeDays : defaultRenewBeforeDays;
    const renewAfterDays = isPolicyDays(policy?.renewAfterDays) ? policy.renewAfterDays : defaultRenewAfterDays;
    const status = certificateStatus({ notBefore: certificate.notBefore, notAfter: certificate.notAfter, revoked, now, renewBeforeDays });
    const renewal = renewalWindow({ notAfter: certificate.notAfter, renewBeforeDays, renewAfterDays });
    let reason: InvalidReason | undefined;
    if (status === 'revoked') reason = 'revoked';
    else if (extra.keyMismatch) reason = 'key-mismatch';
    else if (status === 'expired') reason = 'expired';
    else if (status === 'not-yet-valid') reason = 'not-yet-valid';
    const renewable =
      reason === undefined || reason === 'expired'
        ? isRenewalOpen({ notAfter: certificate.notAfter, notBefore: certificate.notBefore, renewBeforeDays, renewAfterDays, now, revoked })
        : false;
    return {
      serialNumber: stored.serialNumber,
      idNumber: stored.idNumber,
      certificate,
      chain,
      status: reason === undefined && isUsableStatus(status) ? 'valid' : 'invalid',
      ...(reason === undefined ? {} : { reason }),
      certificateStatus: status,
      renewFrom: renewal.from,
      renewUntil: renewal.until,
      renewable,
      exportable: stored.privateKey.extractable,
      origin: stored.origin,
      storedAt: new Date(stored.storedAt),
      ...(stored.friendlyName === undefined ? {} : { friendlyName: stored.friendlyName }),
      ...serverLabels(stored),
    };
  }

  /** Fills the format and usage of stored credentials that lack them from the server's list. */
  const learnLabels = async (items: Array<{ serialNumber: string; format?: unknown; usage?: unknown }>) => {
    for (const item of items) {
      try {
        const stored = await getStore().getCredential(item.serialNumber);
        const labels = serverLabels(item);
        if (stored && (stored.format ?? stored.usage) === undefined && Object.keys(labels).length > 0) await getStore().putCredential({ ...stored, ...labels });
      } catch {
        // Only the table's columns 憑證格式 and 憑證用途 stay empty.
      }
    }
  };

  /** The server's word on whether each serial is revoked; unknown when it cannot be asked. */
  async function revokedOnServer(serialNumbers: string[], signal?: AbortSignal): Promise<Map<string, boolean | undefined>> {
    const out = new Map<string, boolean | undefined>();
    await Promise.all(
      serialNumbers.map(async (serial) => {
        try {
          const { status } = await api.certificateStatus(serial, signal ? { signal } : {});
          out.set(serial, status === 'revoked');
        } catch (error) {
          if (isCertCenterError(error) && error.code === 'ABORTED') throw error;
          out.set(serial, undefined);
        }
      }),
    );
    return out;
  }

  /**
   * Looks on the server for a certificate issued for the pending key: after a lost answer the
   * replay can be refused (the code token expired, the key's 24 h are over) although the first
   * try was issued, and a 2xx can carry a certificate that cannot be stored. Only a certificate
   * whose public key is the pending key's counts, and it passes the same checks as an answer.
   * `none` only when it is proven: no certificate on the server that is not revoked has this
   * key. The newest {@link maxLookups} are looked at; when the server lists more, or one cannot
   * be read, nothing is proven and the lookup fails (the caller keeps the key).
   */
  async function findIssued(
    pending: PendingEnrollment,
    maskedIdNumber: string,
    signal?: AbortSignal,
  ): Promise<{ kind: 'issued'; issued: CheckedIssuance; detail: CertificateDetail } | { kind: 'refused'; error: CertCenterError } | { kind: 'none' }> {
    const call = signal ? { signal } : {};
    const { items } = await api.certificates(call);
    const candidates = items
      .filter((item) => item.device.kind === 'pc' && item.status !== 'revoked')
      .sort((a, b) => b.notBefore.localeCompare(a.notBefore));
    let refused: CertCenterError | undefined;
    let unproven: CertCenterError | undefined =
      candidates.length > maxLookups
        ? new CertCenterError('SERVER', `${pending.kind}: the server lists ${candidates.length} certificates in force; the newest ${maxLookups} were looked at`)
        : undefined;
    for (const item of candidates.slice(0, maxLookups)) {
      let detail: CertificateDetail;
      try {
        detail = await api.certificate(item.serialNumber, call);
      } catch (error) {
        if (isCertCenterError(error) && error.code === 'NOT_FOUND') continue; // listed, then gone: not this key's
        throw error;
      }
      let certificate: CertificateInfo;
      try {
        certificate = parseCertificate(detail.certificate);
      } catch (error) {
        unproven ??= new CertCenterError('SERVER', `${pending.kind}: the server's certificate ${item.serialNumber} cannot be read`, { cause: error });
        continue;
      }
      if ((await compareKeyToCertificate(pending.keyPair.privateKey, certificate)) !== 'match') continue;
      try {
        return { kind: 'issued', issued: await checkIssuance(detail, issuanceExpectation(pending, maskedIdNumber), pending.kind), detail };
      } catch (error) {
        refused ??= wrapError(error, 'CERT_INVALID_ISSUANCE', `${pending.kind}: the certificate issued earlier is refused`);
      }
    }
    if (refused) return { kind: 'refused', error: refused };
    if (unproven) throw unproven;
    return { kind: 'none' };
  }

  const issuanceExpectation = (pending: PendingEnrollment, maskedIdNumber: string) => ({
    privateKey: pending.keyPair.privateKey,
    maskedIdNumber,
    now: clock(),
    ...(trustAnchors ? { trustAnchors } : {}),
  });

  /**
   * Sends (or re-sends) a pending enrollment and stores what comes back, once it passes the
   * issuance checks. After a 2xx the key is never dropped: the server has issued a certificate
   * for it, so the record stays until that certificate is stored. A record is dropped only when
   * it is proven useless: refused on its first try, or refused on a replay while the server
   * holds no certificate (not revoked) for its key.
   */
  async function send(pending: PendingEnrollment, step: (s: ProgressStep) => void, signal?: AbortSignal): Promise<LocalCredential> {
    const s = getStore();
    const call = signal ? { signal } : {};
    const keep = (code: string) => s.putPending({ ...pending, attempts: pending.attempts + 1, lastError: code }).catch(() => undefined);
    const drop = async () => {
      await s.deletePending(pending.id).catch(() => undefined);
      changed('pending-changed');
    };
    step('sending-request');
    // The customer's ID as the server shows it, for the CN check; asked beside the request.
    const profile = api.profile(call);
    profile.catch(() => undefined);
    const maskedIdNumber = async () => {
      try {
        return (await profile).idNumber;
      } catch (error) {
        const e = wrapError(error, 'NETWORK', `${pending.kind}: could not read the profile to check the certificate`);
        await keep(e.code);
        throw e;
      }
    };
    let detail: CertificateDetail | undefined;
    // Why there is nothing to store yet: the replay was refused, or the 2xx's certificate is.
    let problem: CertCenterError | undefined;
    try {
      const post = { idempotencyKey: pending.idempotencyKey, ...call };
      detail =
        pending.kind === 'apply'
          ? await api.apply(pending.request as never, post)
          : await api.renew(pending.renewOf!, pending.request as never, post);
    } catch (error) {
      const e = wrapError(error, 'NETWORK', `${pending.kind}: the request failed`);
      if (transientCodes.has(e.code)) {
        // The server may have issued the certificate: keep the key and the request for resume().
        await keep(e.code);
        throw e;
      }
      if (pending.attempts === 0) {
        // Refused on the first try (the same key would replay the refusal): nothing was issued.
        await drop();
        throw e;
      }
      // An earlier try may have been issued although this replay is refused: look before dropping.
      problem = e;
    }
    let issued: CheckedIssuance | undefined;
    if (detail) {
      step('storing-certificate');
      const id = await maskedIdNumber();
      try {
        issued = await checkIssuance(detail, issuanceExpectation(pending, id), pending.kind);
      } catch (error) {
        problem = wrapError(error, 'CERT_INVALID_ISSUANCE', `${pending.kind}: the issued certificate is refused`);
      }
    }
    if (!issued) {
      const why = problem!;
      let found: Awaited<ReturnType<typeof findIssued>>;
      try {
        found = await findIssued(pending, await maskedIdNumber(), signal);
      } catch (lookup) {
        const failed = wrapError(lookup, 'NETWORK', `${pending.kind}: could not look for the certificate of an earlier try`);
        await keep(failed.code === 'ABORTED' ? failed.code : why.code);
        // After a 2xx the certificate's fault is the news; after a refusal, that the lookup failed.
        throw detail && failed.code !== 'ABORTED' ? why : failed;
      }
      if (found.kind === 'refused') {
        await keep(found.error.code);
        throw detail ? why : found.error;
      }
      if (found.kind === 'none') {
        // After a 2xx the server issued something for this key: keep it until the server shows it.
        // A refused replay with nothing on the server for the key: the record is useless.
        if (detail) await keep(why.code);
        else await drop();
        throw why;
      }
      issued = found.issued;
      if (!detail) step('storing-certificate');
      detail = found.detail;
    }
    const { certificate, chain } = issued;
    const credential: StoredCredential = {
      serialNumber: certificate.serialNumber,
      idNumber: certificate.commonName,
      privateKey: pending.keyPair.privateKey,
      publicKey: pending.keyPair.publicKey,
      certificate: certificate.der,
      chain: chain.map((c) => c.der),
      origin: pending.kind === 'apply' ? 'applied' : 'renewed',
      storedAt: clock().toISOString(),
      ...serverLabels(detail ?? {}),
    };
    await s.completeEnrollment(pending.id, credential, pending.renewOf ? { replace: pending.renewOf } : undefined);
    changed(pending.kind === 'apply' ? 'applied' : 'renewed', credential.serialNumber);
    step('done');
    return judge(credential, clock());
  }

  /** Makes the key pair and the pending record, stored before the request leaves. */
  async function enroll(
    kind: 'apply' | 'renew',
    body: (csrPem: string, csrDer: Uint8Array) => Promise<Record<string, unknown>>,
    step: (s: ProgressStep) => void,
    signal: AbortSignal | undefined,
    renewOf?: string,
  ): Promise<LocalCredential> {
    step('generating-key');
    // The CSR code loads (on the first enrollment of the page) while the key pair is made.
    const csrCode = loadCsr(kind);
    csrCode.catch(() => undefined);
    const keyPair = await generateKeyPair({ algorithm: keyAlgorithm, extractable: exportable });
    const { createCsr } = await csrCode;
    const csrPem = await createCsr({ keyPair, subject: { commonName: 'Certificate Center' } });
    const csrDer = parsePemBlocks(csrPem)[0]!.der;
    const request = await body(csrPem, csrDer);
    throwIfAborted(signal, kind);
    const pending: PendingEnrollment = {
      id: randomIdempotencyKey(),
      kind,
      idempotencyKey: randomIdempotencyKey(),
      keyPair,
      csrPem,
      request,
      createdAt: clock().toISOString(),
      attempts: 0,
      ...(renewOf ? { renewOf } : {}),
    };
    step('storing-key');
    await getStore().putPending(pending);
    return send(pending, step, signal);
  }

  /**
   * An interrupted enrollment of this kind is finished before a new one starts: the customer
   * gets the certificate already asked for (perhaps already issued) instead of a second key.
   * Returns undefined when there was none, or when it was refused for good (then dropped); while
   * one is kept (unreachable, or issued but not storable yet) its error is the answer.
   */
  async function finishInterrupted(kind: 'apply' | 'renew', step: (s: ProgressStep) => void, signal?: AbortSignal): Promise<LocalCredential | undefined> {
    const waiting = (await getStore().listPending()).filter((p) => p.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const pending of waiting) {
      try {
        return await send(pending, step, signal);
      } catch (error) {
        // Still pending: say so now rather than start a second enrollment beside it, which the
        // server would refuse (CERT_EXISTS) while the first one's certificate is in force.
        if (isCertCenterError(error) && transientCodes.has(error.code)) throw error;
        if ((await getStore().getPending(pending.id).catch(() => undefined)) !== undefined) throw error;
      }
    }
    return undefined;
  }

  function requireString(value: unknown, name: string, operation: string): string {
    if (typeof value !== 'string' || value.length === 0) throw new CertCenterError('INVALID_ARGUMENT', `${operation}: ${name} is required`);
    return value;
  }

  /** The backup's file name by SPEC rule 6, `.pfx` added; a name no file system takes is refused. */
  function backupName(name: string, operation: string): string {
    const checked = checkBackupFileName(name);
    if (!checked.ok) throw new CertCenterError('INVALID_ARGUMENT', `${operation}: the file name is ${checked.reason === 'too-long' ? 'too long' : checked.reason === 'empty' ? 'empty' : 'made of characters a file name cannot hold'}`);
    return checked.fileName;
  }

  async function storedCredentials(): Promise<StoredCredential[]> {
    return getStore().listCredentials();
  }

  /** Each stored credential judged at `now`; a record that cannot be read is left out here. */
  function judgeAll(stored: StoredCredential[], now: Date): Array<{ stored: StoredCredential; local: LocalCredential }> {
    const out: Array<{ stored: StoredCredential; local: LocalCredential }> = [];
    for (const c of stored) {
      try {
        out.push({ stored: c, local: judge(c, now) });
      } catch {
        // A damaged record: the check page lists it for removal.
      }
    }
    return out;
  }

  const center: CertCenter = {
    events,

    profile: (o = {}) => api.profile(o),
    consent: (o = {}) => api.consent(o),
    announcements: (o = {}) => api.announcements(o),

    async overview(o = {}) {
      const [response, stored] = await Promise.all([api.certificates(o), storedCredentials()]);
      policy = response.policy;
      const storedSerials = new Set(stored.map((c) => c.serialNumber));
      for (const item of response.items) if (storedSerials.has(item.serialNumber)) await learnRevoked(item.serialNumber, item.status === 'revoked');
      await learnLabels(response.items.filter((item) => storedSerials.has(item.serialNumber)));
      const now = clock();
      const server = response.items.filter((c) => c.device.kind === 'pc');
      const otherDevices = response.items.filter((c) => c.device.kind !== 'pc');
      const local = judgeAll(await storedCredentials(), now).map((c) => c.local);
      const canApply = !server.some((c) => c.status !== 'revoked' && new Date(c.renewUntil).getTime() >= now.getTime());
      return { server, local, otherDevices, policy: response.policy, canApply };
    },

    async requestOtp(purpose, o = {}) {
      const challenge = await api.requestOtp(purpose, o);
      const expiresAt = new Date(challenge.expiresAt);
      const timer = setTimeout(
        () => {
          otpTimers.delete(timer);
          events.dispatchEvent(new CustomEvent('otp-expired', { detail: { otpId: challenge.otpId, purpose } }));
        },
        Math.min(Math.max(0, challenge.ttlSeconds * 1000), 2_147_483_647),
      );
      // A waiting code never keeps a Node process alive.
      (timer as { unref?: () => void }).unref?.();
      otpTimers.add(timer);
      return { otpId: challenge.otpId, purpose: challenge.purpose, expiresAt, ttlSeconds: challenge.ttlSeconds, codeLength: challenge.codeLength, channels: challenge.channels };
    },

    async verifyOtp(otpId, code, o = {}) {
      const result = await api.verifyOtp(otpId, code, o);
      return { otpToken: result.otpToken, expiresAt: new Date(result.expiresAt) };
    },

    async apply(params) {
      const otpToken = requireString(params?.otpToken, 'otpToken', 'apply');
      const consentVersion = requireString(params.consentVersion, 'consentVersion', 'apply');
      const step = progress('apply', params.onProgress);
      return lock(
        async () =>
          (await finishInterrupted('apply', step, params.signal)) ??
          enroll('apply', async (csr) => ({ csr, otpToken, consentVersion }), step, params.signal),
        params.signal,
      );
    },

    async renew(params) {
      const otpToken = requireString(params?.otpToken, 'otpToken', 'renew');
      const step = progress('renew', params.onProgress);
      return lock(async () => {
        const interrupted = await finishInterrupted('renew', step, params.signal);
        if (interrupted) return interrupted;
        await currentPolicy(params.signal);
        const now = clock();
        const stored = await storedCredentials();
        const newestFirst = (a: { local: LocalCredential }, b: { local: LocalCredential }) =>
          b.local.certificate.notAfter.getTime() - a.local.certificate.notAfter.getTime();
        const mine = judgeAll(stored, now).filter((c) => params.serialNumber === undefined || c.stored.serialNumber === params.serialNumber);
        const current = mine.filter((c) => c.local.renewable).sort(newestFirst)[0];
        if (!current) {
          const waiting = mine.filter((c) => c.local.status === 'valid').sort(newestFirst)[0]?.local;
          if (waiting) {
            // Valid and not renewable: its window has not opened yet (SPEC rule 3).
            throw new CertCenterError(
              'RENEWAL_NOT_OPEN',
              `renew: certificate ${waiting.serialNumber} is valid; its renewal window opens ${waiting.renewFrom.toISOString()} and closes ${waiting.renewUntil.toISOString()}`,
            );
          }
          throw new CertCenterError('NO_VALID_CREDENTIAL', 'renew: this computer stores no valid certificate to renew');
        }
        return enroll(
          'renew',
          async (csr, csrDer) => {
            step('signing-proof');
            const { signCms } = await loadCms('renew');
            const proof = await signCms(csrDer, { privateKey: current.stored.privateKey, certificate: current.local.certificate }, { detached: true });
            return { csr, otpToken, proof: toBase64(proof) };
          },
          step,
          params.signal,
          current.stored.serialNumber,
        );
      }, params.signal);
    },

    async revoke(params) {
      const otpToken = requireString(params?.otpToken, 'otpToken', 'revoke');
      const serialNumber = requireString(params.serialNumber, 'serialNumber', 'revoke');
      const request = { otpToken, ...(params.reason ? { reason: params.reason } : {}) };
      const asked = JSON.stringify([serialNumber, request]);
      const idempotencyKey = unansweredRevocations.get(asked) ?? randomIdempotencyKey();
      unansweredRevocations.set(asked, idempotencyKey);
      let result: RevocationResult;
      try {
        result = await api.revoke(serialNumber, request, { idempotencyKey, ...(params.signal ? { signal: params.signal } : {}) });
      } catch (error) {
        // A refusal the server keeps under the key (a 4xx) is its answer: a corrected request takes a new key.
        if (isCertCenterError(error) && error.status !== undefined && error.status < 500) unansweredRevocations.delete(asked);
        throw error;
      }
      unansweredRevocations.delete(asked);
      // The local credential stays: the check page shows it invalid (revoked) and offers removal.
      await learnRevoked(serialNumber, true);
      changed('revoked', serialNumber);
      return result;
    },

    async exportBackup(params) {
      const serialNumber = requireString(params?.serialNumber, 'serialNumber', 'exportBackup');
      if (typeof params.password !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'exportBackup: password is required');
      assertBackupPassword(params.password, params.confirmPassword);
      const stored = await getStore().getCredential(serialNumber);
      if (!stored) throw new CertCenterError('NO_VALID_CREDENTIAL', 'exportBackup: this computer stores no certificate with that serial number');
      if (!stored.privateKey.extractable) {
        throw new CertCenterError('KEY_NOT_EXTRACTABLE', 'exportBackup: this certificate was stored as not exportable');
      }
      const fileName = backupName(params.fileName?.trim() || backupFileName(stored.idNumber), 'exportBackup');
      const exportParams: ExportPkcs12Params = {
        privateKey: stored.privateKey,
        certificate: stored.certificate,
        chain: stored.chain,
        password: params.password,
        friendlyName: stored.friendlyName ?? stored.idNumber,
        compatibility: params.compatibility ?? 'modern',
        ...(options.pkcs12Iterations === undefined ? {} : { iterations: options.pkcs12Iterations }),
        ...(params.signal ? { signal: params.signal } : {}),
      };
      const bytes = await getRunner().exportPkcs12(exportParams);
      return { fileName, bytes };
    },

    async backupFileName(serialNumber) {
      requireString(serialNumber, 'serialNumber', 'backupFileName');
      const stored = await getStore().getCredential(serialNumber);
      if (!stored) throw new CertCenterError('NO_VALID_CREDENTIAL', 'backupFileName: this computer stores no certificate with that serial number');
      return backupName(backupFileName(stored.idNumber), 'backupFileName');
    },

    async importBackup(data, password, o = {}) {
      if (!isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'importBackup: the file must be bytes');
      if (typeof password !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'importBackup: password is required');
      const imported = await getRunner().importPkcs12(toBytes(data).slice(), password, { extractable: exportable, ...(o.signal ? { signal: o.signal } : {}) });
      const { certificate } = imported;
      const now = clock();
      if (certificate.notAfter.getTime() < now.getTime()) {
        throw new CertCenterError('CERT_EXPIRED', 'importBackup: the certificate in the file has expired');
      }
      // The customer's ID as the server shows it, for the CN check; asked beside the certificate.
      const profile = api.profile(o);
      profile.catch(() => undefined);
      let onServer: CertificateDetail;
      try {
        onServer = await api.certificate(certificate.serialNumber, o);
      } catch (error) {
        if (isCertCenterError(error) && error.code === 'NOT_FOUND') {
          throw new CertCenterError('CERT_NOT_YOURS', 'importBackup: the certificate in the file was not issued to this customer', { cause: error });
        }
        throw error;
      }
      // The serial number alone proves nothing: the file's certificate must be the one issued.
      let issued: CertificateInfo | undefined;
      try {
        issued = parseCertificate(onServer.certificate);
      } catch {
        issued = undefined;
      }
      if (!issued || issued.fingerprintSha256 !== certificate.fingerprintSha256) {
        throw new CertCenterError('CERT_NOT_YOURS', 'importBackup: the certificate in the file is not the one the broker issued');
      }
      if (onServer.status === 'revoked') throw new CertCenterError('CERT_REVOKED', 'importBackup: the certificate in the file has been revoked');
      // The broker's copy passes the checks of an issued certificate; its verified chain is stored.
      const { chain } = await checkIssuance(
        onServer,
        { privateKey: imported.privateKey, maskedIdNumber: (await profile).idNumber, now, ...(trustAnchors ? { trustAnchors } : {}) },
        'importBackup',
      );
      const credential: StoredCredential = {
        serialNumber: certificate.serialNumber,
        idNumber: certificate.commonName || certificate.serialNumber,
        privateKey: imported.privateKey,
        certificate: certificate.der,
        chain: chain.map((c) => c.der),
        origin: 'imported',
        storedAt: now.toISOString(),
        ...serverLabels(onServer),
        ...(imported.friendlyName === undefined ? {} : { friendlyName: imported.friendlyName }),
      };
      await getStore().putCredential(credential);
      changed('imported', credential.serialNumber);
      return judge(credential, now);
    },

    async remove(serialNumber) {
      requireString(serialNumber, 'serialNumber', 'remove');
      const existed = await getStore().getCredential(serialNumber);
      await getStore().deleteCredential(serialNumber);
      if (existed) changed('removed', serialNumber);
    },

    async credentials() {
      return judgeAll(await storedCredentials(), clock()).map((c) => c.local);
    },

    async check(o = {}) {
      await currentPolicy(o.signal);
      const stored = await storedCredentials();
      if (stored.some((c) => (c.format ?? c.usage) === undefined)) await api.certificates(o).then((r) => learnLabels(r.items), () => undefined);
      for (const [serial, revoked] of await revokedOnServer(stored.map((c) => c.serialNumber), o.signal)) await learnRevoked(serial, revoked);
      const now = clock();
      const rows: CheckRow[] = [];
      for (const c of await storedCredentials()) {
        let local: LocalCredential;
        try {
          const keyMismatch = (await compareKeyToCertificate(c.privateKey, parseCertificate(c.certificate))) !== 'match';
          local = judge(c, now, { keyMismatch });
        } catch {
          rows.push({ serialNumber: c.serialNumber, status: 'invalid', reason: 'damaged', action: 'remove' });
          continue;
        }
        rows.push({
          serialNumber: c.serialNumber,
          status: local.status,
          ...(local.reason ? { reason: local.reason } : {}),
          action: local.status === 'valid' ? 'export' : 'remove',
          credential: local,
        });
      }
      if (!rows.some((r) => r.status === 'valid')) rows.push({ serialNumber: null, status: 'none', action: 'import' });
      return rows;
    },

    async sign(data, o = {}) {
      if (!isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'sign: data must be bytes');
      const now = clock();
      const stored = await storedCredentials();
      const usable = judgeAll(stored, now)
        .filter((c) => o.serialNumber === undefined || c.stored.serialNumber === o.serialNumber)
        .filter((c) => c.local.status === 'valid')
        .sort((a, b) => b.local.certificate.notAfter.getTime() - a.local.certificate.notAfter.getTime());
      const chosen = usable[0];
      if (!chosen) {
        const revoked = stored.some(
          (c) => (o.serialNumber === undefined || c.serialNumber === o.serialNumber) && (c.revokedAt !== undefined || knownRevoked.has(c.serialNumber)),
        );
        throw revoked
          ? new CertCenterError('CERT_REVOKED', 'sign: the stored certificate has been revoked')
          : new CertCenterError('NO_VALID_CREDENTIAL', 'sign: this computer stores no valid certificate');
      }
      // A signature the certificate cannot verify would only be refused later by the broker.
      if (!(await keyMatchesCertificate(chosen.stored.privateKey, chosen.local.certificate))) {
        throw new CertCenterError('KEY_MISMATCH', 'sign: the stored key does not belong to its certificate; remove it and import a backup');
      }
      const { signCms } = await loadCms('sign');
      return signCms(data, { privateKey: chosen.stored.privateKey, certificate: chosen.local.certificate, chain: chosen.local.chain }, {
        detached: o.detached ?? true,
        signingTime: now,
        ...(o.signal ? { signal: o.signal } : {}),
      });
    },

    async resume(o = {}) {
      const waiting = await getStore().listPending();
      if (waiting.length === 0) return [];
      const step = progress('resume');
      return lock(async () => {
        const completed: LocalCredential[] = [];
        // Re-read inside the lock: another tab may have finished some meanwhile.
        const pending = (await getStore().listPending()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        for (const p of pending) {
          try {
            completed.push(await send(p, step, o.signal));
          } catch (error) {
            if (isCertCenterError(error) && error.code === 'ABORTED') throw error;
            // Left for a later resume (transient) or dropped (refused); either way, go on.
          }
        }
        return completed;
      }, o.signal);
    },

    async storage() {
      const s = getStore();
      const [persisted, estimate] = await Promise.all([s.persist(), s.estimate()]);
      return {
        persisted: persisted.persisted,
        supported: persisted.supported,
        ...(estimate.usage === undefined ? {} : { usage: estimate.usage }),
        ...(estimate.quota === undefined ? {} : { quota: estimate.quota }),
      };
    },

    environment(o = {}) {
      return checkEnvironment({ serverTime: () => api.serverTime(o), now: clock, ...(o.signal ? { signal: o.signal } : {}) });
    },

    close() {
      for (const timer of otpTimers) clearTimeout(timer);
      otpTimers.clear();
      runner?.close();
      runner = undefined;
      channel?.close();
      channel = undefined;
      observed = undefined;
    },
  };
  return guardCenter(center);
}

/** The pinned roots of the options, read once; `INVALID_ARGUMENT` for anything but CA certificates. */
function readTrustAnchors(input: unknown): CertificateInfo[] | undefined {
  if (input === undefined) return undefined;
  if (!Array.isArray(input) || input.length === 0) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCertCenter: trustAnchors must be a non-empty array of PEM or DER certificates');
  }
  return input.flatMap((item: unknown, index) => {
    let read: CertificateInfo[];
    try {
      read =
        typeof item === 'string'
          ? parsePemBlocks(item).filter((b) => b.label === 'CERTIFICATE').map((b) => parseCertificate(b.der))
          : [parseCertificate(item as BytesLike)];
    } catch (error) {
      throw new CertCenterError('INVALID_ARGUMENT', `createCertCenter: trustAnchors[${index}] is not a certificate`, { cause: error });
    }
    if (read.length === 0 || read.some((c) => !c.isCa)) {
      throw new CertCenterError('INVALID_ARGUMENT', `createCertCenter: trustAnchors[${index}] must hold CA certificates`);
    }
    return read;
  });
}

/** The server's format and usage of a certificate, kept only when they are short plain labels. */
function serverLabels(record: { format?: unknown; usage?: unknown }): { format?: string; usage?: string } {
  return { ...(isServerLabel(record.format) ? { format: record.format } : {}), ...(isServerLabel(record.usage) ? { usage: record.usage } : {}) };
}

/**
 * Every method of the center answers with a `CertCenterError` only, whatever it is given:
 * `null` options count as none, and anything unforeseen is wrapped (`INVALID_ARGUMENT`).
 */
function guardCenter(center: CertCenter): CertCenter {
  const guarded = { ...center } as Record<string, unknown>;
  for (const [name, value] of Object.entries(center)) {
    if (typeof value !== 'function' || name === 'close') continue;
    const method = value as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await method(...args.map((a) => (a === null ? undefined : a)));
      } catch (error) {
        throw wrapError(error, 'INVALID_ARGUMENT', `${name} failed on its input`);
      }
    };
  }
  const close = center.close;
  guarded.close = () => {
    try {
      close();
    } catch {
      // Closing is best effort: timers, the worker and the channel are gone either way.
    }
  };
  return guarded as unknown as CertCenter;
}


