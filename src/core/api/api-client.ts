// The REST client of the contract (ARCHITECTURE.md, "REST contract"), on ky.
import ky, { isHTTPError, isTimeoutError, type BeforeRequestState, type BeforeRetryState, type ShouldRetryState } from 'ky';
import { CertCenterError, throwIfAborted } from '../errors';
import { callFailure } from './call-failure';
import { isIdempotencyKey, randomIdempotencyKey } from './idempotency-key';
import { retryAfterMs } from './retry-after';
import { ShapeError, refine, type Check } from './shape';
import type {
  AnnouncementsResponse,
  ApplyRequest,
  CertificateDetail,
  CertificatesResponse,
  CertificateStatusResponse,
  Consent,
  OtpChallenge,
  OtpPurpose,
  OtpVerification,
  Profile,
  RenewalRequest,
  RevocationReason,
  RevocationRequest,
  RevocationResult,
} from './contract-types';
import * as shapes from './validate';

/** The contract's base path. */
export const defaultBaseUrl = '/api/cert-center/v1';

export interface RetryOptions {
  /** Retries after the first try, 0 to 10. Default 2. */
  limit?: number;
  /** The first back-off; each retry doubles it. Default 300 ms. */
  backoffMs?: number;
  /**
   * The longest wait between tries, back-off or `Retry-After`. A server that asks for a longer
   * wait is not retried: its `RATE_LIMITED` (with `retryAfterSeconds`) reaches the caller to
   * show. Default 10 000 ms.
   */
  maxBackoffMs?: number;
}

export interface ApiClientOptions {
  /** Default `/api/cert-center/v1`; in Node, where there is no page to resolve against, an absolute URL. */
  baseUrl?: string;
  /** Asked before every try, so a refreshed token is used; sent as `Authorization: Bearer`. */
  getAccessToken?: () => string | Promise<string>;
  /** For the host's session cookie, e.g. `include` when the API is on another origin. */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
  /** Time-out of each try, until the whole body is read. Default 15 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Makes the `Idempotency-Key` of a POST that was not given one. Default a random UUID. */
  idempotencyKey?: () => string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface PostOptions extends CallOptions {
  /** Replays an earlier POST (e.g. a pending enrollment): same key and same body. */
  idempotencyKey?: string;
}

/** One method per call of the contract; every failure is a `CertCenterError`. */
export interface ApiClient {
  profile(options?: CallOptions): Promise<Profile>;
  certificates(options?: CallOptions): Promise<CertificatesResponse>;
  certificate(serialNumber: string, options?: CallOptions): Promise<CertificateDetail>;
  certificateStatus(serialNumber: string, options?: CallOptions): Promise<CertificateStatusResponse>;
  requestOtp(purpose: OtpPurpose, options?: PostOptions): Promise<OtpChallenge>;
  verifyOtp(otpId: string, code: string, options?: PostOptions): Promise<OtpVerification>;
  consent(options?: CallOptions): Promise<Consent>;
  apply(request: ApplyRequest, options?: PostOptions): Promise<CertificateDetail>;
  /** Issues the new certificate; the server revokes the old one. */
  renew(serialNumber: string, request: RenewalRequest, options?: PostOptions): Promise<CertificateDetail>;
  revoke(serialNumber: string, request: RevocationRequest, options?: PostOptions): Promise<RevocationResult>;
  announcements(options?: CallOptions): Promise<AnnouncementsResponse>;
  /** The server's clock from the `Date` header of a small GET; `undefined` when it sends none. */
  serverTime(options?: CallOptions): Promise<Date | undefined>;
}

const maxTimeoutMs = 2_147_483_647;

function invalid(message: string): CertCenterError {
  return new CertCenterError('INVALID_ARGUMENT', message);
}

function count(value: number | undefined, fallback: number, name: string, max = maxTimeoutMs): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalid(`createApiClient: ${name} must be an integer between 0 and ${max}`);
  }
  return value;
}

function checkBaseUrl(baseUrl: string): string {
  if (typeof baseUrl !== 'string' || baseUrl.length === 0) throw invalid('createApiClient: baseUrl must be a URL');
  try {
    // Resolves against the page's base URL, as fetch will; throws where there is none (Node).
    new Request(baseUrl);
  } catch {
    throw invalid('createApiClient: baseUrl must be an absolute URL where there is no page to resolve it against');
  }
  return baseUrl.replace(/\/+$/, '');
}

/** A request field against the contract's pattern; `rule` says what it must be. */
function requireField(value: unknown, pattern: RegExp, name: string, rule: string, route: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(`${route}: ${name} must be ${rule}`);
  return value;
}

const otpTokenPattern = /^.{1,256}$/su;
// The contract's limits: a CSR of 16 KiB at most, a proof of 64 KiB.
const csrPattern = /^-----BEGIN CERTIFICATE REQUEST-----\r?\n[\s\S]{1,16340}$/;
const proofPattern = /^[A-Za-z0-9+/]{1,65534}={0,2}$/;
const revocationReasons: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
];

function requireSerial(value: unknown, route: string): string {
  if (typeof value !== 'string' || !shapes.serialNumberPattern.test(value)) {
    throw invalid(`${route}: serialNumber must be upper-case hexadecimal`);
  }
  return value;
}

/** Every 5xx, plus the two 4xx that mean "try again": 408 and 429. */
const retryStatusCodes = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/**
 * Creates the client. Retries (exponential back-off, `Retry-After` honoured) cover GETs and
 * POSTs that carry an `Idempotency-Key`, which every POST here does, the same key on every try;
 * a 4xx other than 408 and 429 is never retried.
 * @example
 * const api = createApiClient({ getAccessToken: () => session.token });
 * const { otpId } = await api.requestOtp('apply');
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const timeoutMs = count(options.timeoutMs, 15_000, 'timeoutMs');
  if (timeoutMs === 0) throw invalid('createApiClient: timeoutMs must be positive');
  const limit = count(options.retry?.limit, 2, 'retry.limit', 10);
  const backoffMs = count(options.retry?.backoffMs, 300, 'retry.backoffMs');
  const maxBackoffMs = count(options.retry?.maxBackoffMs, 10_000, 'retry.maxBackoffMs');
  const { getAccessToken, idempotencyKey = randomIdempotencyKey } = options;
  if (getAccessToken !== undefined && typeof getAccessToken !== 'function') {
    throw invalid('createApiClient: getAccessToken must be a function');
  }
  if (typeof idempotencyKey !== 'function') throw invalid('createApiClient: idempotencyKey must be a function');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalid('createApiClient: fetch must be a function');
  }
  if (options.credentials !== undefined && !['omit', 'same-origin', 'include'].includes(options.credentials)) {
    throw invalid("createApiClient: credentials must be 'omit', 'same-origin' or 'include'");
  }

  const authorize = async ({ request }: BeforeRequestState | BeforeRetryState): Promise<void> => {
    if (!getAccessToken) return;
    let token: unknown;
    try {
      token = await getAccessToken();
    } catch (error) {
      throw new CertCenterError('UNAUTHENTICATED', 'getAccessToken() failed', { cause: error });
    }
    // RFC 6750 §2.1 b64token, leniently: anything printable without spaces fits in the header.
    if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
      throw new CertCenterError('UNAUTHENTICATED', 'getAccessToken() gave no usable token');
    }
    request.headers.set('authorization', `Bearer ${token}`);
  };

  const shouldRetry = ({ error }: ShouldRetryState): boolean | undefined => {
    const request = (error as { request?: Request }).request;
    // Safe to repeat only when the server can recognise the repeat.
    if (request?.method === 'POST' && !request.headers.has('idempotency-key')) return false;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      if (!retryStatusCodes.includes(status)) return false;
      const waitMs = retryAfterMs(headers.get('retry-after'));
      if ((status === 429 || status === 503) && waitMs !== undefined && waitMs > maxBackoffMs) return false;
      return undefined; // ky's own rule: `Retry-After` when sent, else the back-off
    }
    // A time-out may hide an answer that was lost; the key makes the repeat harmless.
    if (isTimeoutError(error)) return true;
    return undefined; // network errors are retried, anything else (an abort) is not
  };

  const http = ky.create({
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    headers: { accept: 'application/json, application/problem+json' },
    retry: {
      limit,
      methods: ['get', 'post'],
      statusCodes: retryStatusCodes,
      afterStatusCodes: [429, 503],
      maxRetryAfter: maxBackoffMs,
      backoffLimit: maxBackoffMs,
      delay: (attempt) => backoffMs * 2 ** (attempt - 1),
      // Half fixed, half random: clients cut off together do not come back together.
      jitter: (delay) => delay / 2 + (Math.random() * delay) / 2,
      retryOnTimeout: true,
      shouldRetry,
    },
    hooks: { beforeRequest: [authorize], beforeRetry: [authorize] },
  });

  interface Call<T> {
    /** For messages: method and path template, never values. */
    route: string;
    path: string;
    check: Check<T>;
    signal: AbortSignal | undefined;
    body?: unknown;
    idempotencyKey?: string | undefined;
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const [method] = call.route.split(' ', 1) as ['GET' | 'POST'];
    throwIfAborted(call.signal, call.route);
    let key: string | undefined;
    if (method === 'POST') {
      try {
        key = call.idempotencyKey ?? idempotencyKey();
      } catch (error) {
        throw new CertCenterError('INVALID_ARGUMENT', `${call.route}: the idempotencyKey option failed`, { cause: error });
      }
      if (!isIdempotencyKey(key)) {
        throw invalid(`${call.route}: the Idempotency-Key must be 1 to 255 printable ASCII characters`);
      }
    }
    let text: string;
    try {
      text = await http(`${baseUrl}${call.path}`, {
        method,
        ...(call.signal ? { signal: call.signal } : {}),
        ...(call.body === undefined ? {} : { json: call.body }),
        ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
      }).text();
    } catch (error) {
      throw callFailure(error, call.route, call.signal);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CertCenterError('SERVER', `${call.route}: the response is not JSON`, { cause: error });
    }
    try {
      return call.check(json, '');
    } catch (error) {
      const reason = error instanceof ShapeError ? error.message : 'does not have the contract shape';
      throw new CertCenterError('SERVER', `${call.route}: malformed response: ${reason}`, { cause: error });
    }
  }

  const sameSerial = <T extends { serialNumber: string }>(check: Check<T>, serialNumber: string): Check<T> =>
    refine(check, (value) => (value.serialNumber === serialNumber ? undefined : 'is for another serialNumber'));

  return {
    profile: ({ signal } = {}) => send({ route: 'GET /profile', path: '/profile', check: shapes.profile, signal }),

    certificates: ({ signal } = {}) =>
      send({ route: 'GET /certificates', path: '/certificates', check: shapes.certificatesResponse, signal }),

    async certificate(serialNumber, { signal } = {}) {
      const route = 'GET /certificates/{serialNumber}';
      const serial = requireSerial(serialNumber, route);
      return send({ route, path: `/certificates/${serial}`, check: sameSerial(shapes.certificateDetail, serial), signal });
    },

    async certificateStatus(serialNumber, { signal } = {}) {
      const route = 'GET /certificates/{serialNumber}/status';
      const serial = requireSerial(serialNumber, route);
      const check = sameSerial(shapes.certificateStatusResponse, serial);
      return send({ route, path: `/certificates/${serial}/status`, check, signal });
    },

    async requestOtp(purpose, { signal, idempotencyKey: key } = {}) {
      const route = 'POST /otp';
      if (purpose !== 'apply' && purpose !== 'renew' && purpose !== 'revoke') {
        throw invalid(`${route}: purpose must be 'apply', 'renew' or 'revoke'`);
      }
      const check = refine(shapes.otpChallenge, (value) =>
        value.purpose === purpose ? undefined : 'is for another purpose',
      );
      return send({ route, path: '/otp', check, signal, body: { purpose }, idempotencyKey: key });
    },

    async verifyOtp(otpId, code, { signal, idempotencyKey: key } = {}) {
      const route = 'POST /otp/{otpId}/verification';
      requireField(otpId, /^.{1,64}$/su, 'otpId', '1 to 64 characters', route);
      requireField(code, /^[0-9]{4,8}$/, 'the code', '4 to 8 digits', route);
      const path = `/otp/${encodeURIComponent(otpId)}/verification`;
      return send({ route, path, check: shapes.otpVerification, signal, body: { code }, idempotencyKey: key });
    },

    consent: ({ signal } = {}) => send({ route: 'GET /consent', path: '/consent', check: shapes.consent, signal }),

    async apply(request, { signal, idempotencyKey: key } = {}) {
      const route = 'POST /certificates';
      const body: ApplyRequest = {
        csr: requireField(request?.csr, csrPattern, 'csr', 'a PEM certificate request', route),
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
        consentVersion: requireField(request?.consentVersion, /^.+$/su, 'consentVersion', 'a non-empty string', route),
      };
      return send({ route, path: '/certificates', check: shapes.certificateDetail, signal, body, idempotencyKey: key });
    },

    async renew(serialNumber, request, { signal, idempotencyKey: key } = {}) {
      const route = 'POST /certificates/{serialNumber}/renewal';
      const serial = requireSerial(serialNumber, route);
      const body: RenewalRequest = {
        csr: requireField(request?.csr, csrPattern, 'csr', 'a PEM certificate request', route),
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
        proof: requireField(request?.proof, proofPattern, 'proof', 'base64 (at most 64 KiB)', route),
      };
      const path = `/certificates/${serial}/renewal`;
      return send({ route, path, check: shapes.certificateDetail, signal, body, idempotencyKey: key });
    },

    async revoke(serialNumber, request, { signal, idempotencyKey: key } = {}) {
      const route = 'POST /certificates/{serialNumber}/revocation';
      const serial = requireSerial(serialNumber, route);
      const body: RevocationRequest = {
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
      };
      if (request.reason !== undefined) {
        if (!revocationReasons.includes(request.reason)) throw invalid(`${route}: reason must be an RFC 5280 reason name`);
        body.reason = request.reason;
      }
      const path = `/certificates/${serial}/revocation`;
      return send({ route, path, check: sameSerial(shapes.revocationResult, serial), signal, body, idempotencyKey: key });
    },

    announcements: ({ signal } = {}) =>
      send({ route: 'GET /announcements', path: '/announcements', check: shapes.announcementsResponse, signal }),

    async serverTime({ signal } = {}) {
      const route = 'GET /profile (server time)';
      throwIfAborted(signal, route);
      let date: string | null;
      try {
        // Any answer carries the server's clock, an error status included: no HTTPError here.
        const response = await http(`${baseUrl}/profile`, {
          method: 'GET',
          throwHttpErrors: false,
          ...(signal ? { signal } : {}),
        });
        date = response.headers.get('date');
        // Not awaited: cancelling one branch of a teed body waits for the other branch.
        void response.body?.cancel().catch(() => undefined);
      } catch (error) {
        throw callFailure(error, route, signal);
      }
      const at = date === null ? Number.NaN : Date.parse(date);
      return Number.isNaN(at) ? undefined : new Date(at);
    },
  };
}
