// The REST client of the contract (ARCHITECTURE.md, "REST contract"), on ky.
import ky, { isHTTPError, isTimeoutError, type BeforeRequestState, type BeforeRetryState, type ShouldRetryState } from 'ky';
import { CertCenterError, throwIfAborted, wrapError } from '../errors';
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
import { optionsArgument, signalArgument } from '../arguments';

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

/**
 * One method per call of the contract. Every failure, a bad argument included, is a
 * `CertCenterError` rejecting the returned promise; no method throws. `null` options are none.
 */
export interface ApiClient {
  profile(options?: CallOptions | null): Promise<Profile>;
  certificates(options?: CallOptions | null): Promise<CertificatesResponse>;
  certificate(serialNumber: string, options?: CallOptions | null): Promise<CertificateDetail>;
  certificateStatus(serialNumber: string, options?: CallOptions | null): Promise<CertificateStatusResponse>;
  requestOtp(purpose: OtpPurpose, options?: PostOptions | null): Promise<OtpChallenge>;
  verifyOtp(otpId: string, code: string, options?: PostOptions | null): Promise<OtpVerification>;
  consent(options?: CallOptions | null): Promise<Consent>;
  apply(request: ApplyRequest, options?: PostOptions | null): Promise<CertificateDetail>;
  /** Issues the new certificate; the server revokes the old one. */
  renew(serialNumber: string, request: RenewalRequest, options?: PostOptions | null): Promise<CertificateDetail>;
  revoke(serialNumber: string, request: RevocationRequest, options?: PostOptions | null): Promise<RevocationResult>;
  announcements(options?: CallOptions | null): Promise<AnnouncementsResponse>;
  /** The server's clock from the `Date` header of a small GET; `undefined` when it sends none. */
  serverTime(options?: CallOptions | null): Promise<Date | undefined>;
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

/** Length in characters as JSON Schema counts them (code points), for `maxLength`. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const otpTokenPattern = /^.{1,256}$/su;

/** `CsrPem` of the document: the PEM header, 16 384 characters at most. */
function requireCsr(value: unknown, route: string): string {
  if (
    typeof value !== 'string' ||
    !/^-----BEGIN CERTIFICATE REQUEST-----\r?\n/.test(value) ||
    (value.length > 16_384 && (value.length > 2 * 16_384 || codePoints(value) > 16_384))
  ) {
    throw invalid(`${route}: csr must be a PEM certificate request (at most 16 KiB)`);
  }
  return value;
}

/** `proof` of the document: base64, 65 536 characters at most. */
function requireProof(value: unknown, route: string): string {
  if (typeof value !== 'string' || value.length > 65_536 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw invalid(`${route}: proof must be base64 (at most 64 KiB)`);
  }
  return value;
}

/**
 * `otpId` of the document (1 to 64 characters). `.` and `..` are refused as well: they stay as
 * they are in a URL, where they would address another route (`/otp/../verification`).
 */
function requireOtpId(value: unknown, route: string): string {
  if (typeof value !== 'string' || !shapes.otpIdPattern.test(value)) {
    throw invalid(`${route}: otpId must be 1 to 64 letters, digits, _ or -`);
  }
  return value;
}

const revocationReasons: readonly RevocationReason[] = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
];

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The options of one call: `undefined` and `null` are none (a `null` signal too), else an object with an AbortSignal. */
function callOptions<T extends CallOptions = CallOptions>(options: unknown, route: string): T {
  const checked = optionsArgument(options as T | null | undefined, route) as T;
  if (checked.signal !== null) signalArgument(checked.signal, route);
  return checked;
}

function requireSerial(value: unknown, route: string): string {
  if (typeof value !== 'string' || !shapes.serialNumberPattern.test(value)) {
    throw invalid(`${route}: serialNumber must be upper-case hexadecimal`);
  }
  return value;
}

/** Every 5xx, plus the two 4xx that mean "try again": 408 and 429 (for GETs only, see `shouldRetry`). */
const retryStatusCodes = [408, 429, ...Array.from({ length: 100 }, (_, i) => 500 + i)];

/**
 * Creates the client. Retries (exponential back-off, `Retry-After` honoured) cover GETs after a
 * network error, a time-out, a 408, a 429 or a 5xx, and POSTs (each with one `Idempotency-Key`
 * on every try) after a network error, a time-out or a 5xx only: the server replays a POST's
 * stored 4xx for its key, so a 408 or a 429 reaches the caller at once.
 * @example
 * const api = createApiClient({ getAccessToken: () => session.token });
 * const { otpId } = await api.requestOtp('apply');
 */
export function createApiClient(given?: ApiClientOptions): ApiClient {
  if (given !== undefined && !isObject(given)) throw invalid('createApiClient: options must be an object');
  const options: ApiClientOptions = given ?? {};
  if (options.retry !== undefined && !isObject(options.retry)) throw invalid('createApiClient: retry must be an object');
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

  const authorize = async ({ request, options: sent }: BeforeRequestState | BeforeRetryState): Promise<void> => {
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
    // Remembered for the call, so that no error of it repeats the token (see callFailure).
    (sent.context['tokens'] as Set<string> | undefined)?.add(token);
  };

  const shouldRetry = ({ error }: ShouldRetryState): boolean | undefined => {
    const request = (error as { request?: Request }).request;
    // Safe to repeat only when the server can recognise the repeat.
    if (request?.method === 'POST' && !request.headers.has('idempotency-key')) return false;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      if (!retryStatusCodes.includes(status)) return false;
      // The server keeps a POST's 4xx under its key and replays it: a retry can only bring the
      // same 408 or 429 back, later. 5xx results are not kept, so those are worth a retry.
      if (request?.method === 'POST' && status < 500) return false;
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
    const tokens = new Set<string>();
    try {
      text = await http(`${baseUrl}${call.path}`, {
        method,
        context: { tokens },
        ...(call.signal ? { signal: call.signal } : {}),
        ...(call.body === undefined ? {} : { json: call.body }),
        ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
      }).text();
    } catch (error) {
      throw callFailure(error, call.route, call.signal, tokens);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // No cause: the parser's message quotes the body, which may carry tokens.
      throw new CertCenterError('SERVER', `${call.route}: the response is not JSON`);
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

  const client: ApiClient = {
    async profile(options) {
      const route = 'GET /profile';
      const { signal } = callOptions(options, route);
      return send({ route, path: '/profile', check: shapes.profile, signal });
    },

    async certificates(options) {
      const route = 'GET /certificates';
      const { signal } = callOptions(options, route);
      return send({ route, path: '/certificates', check: shapes.certificatesResponse, signal });
    },

    async certificate(serialNumber, options) {
      const route = 'GET /certificates/{serialNumber}';
      const serial = requireSerial(serialNumber, route);
      const { signal } = callOptions(options, route);
      return send({ route, path: `/certificates/${serial}`, check: sameSerial(shapes.certificateDetail, serial), signal });
    },

    async certificateStatus(serialNumber, options) {
      const route = 'GET /certificates/{serialNumber}/status';
      const serial = requireSerial(serialNumber, route);
      const { signal } = callOptions(options, route);
      const check = sameSerial(shapes.certificateStatusResponse, serial);
      return send({ route, path: `/certificates/${serial}/status`, check, signal });
    },

    async requestOtp(purpose, options) {
      const route = 'POST /otp';
      if (purpose !== 'apply' && purpose !== 'renew' && purpose !== 'revoke') {
        throw invalid(`${route}: purpose must be 'apply', 'renew' or 'revoke'`);
      }
      const { signal, idempotencyKey: key } = callOptions<PostOptions>(options, route);
      const check = refine(shapes.otpChallenge, (value) =>
        value.purpose === purpose ? undefined : 'is for another purpose',
      );
      return send({ route, path: '/otp', check, signal, body: { purpose }, idempotencyKey: key });
    },

    async verifyOtp(otpId, code, options) {
      const route = 'POST /otp/{otpId}/verification';
      const id = requireOtpId(otpId, route);
      requireField(code, /^[0-9]{4,8}$/, 'the code', '4 to 8 digits', route);
      const { signal, idempotencyKey: key } = callOptions<PostOptions>(options, route);
      const path = `/otp/${encodeURIComponent(id)}/verification`;
      return send({ route, path, check: shapes.otpVerification, signal, body: { code }, idempotencyKey: key });
    },

    async consent(options) {
      const route = 'GET /consent';
      const { signal } = callOptions(options, route);
      return send({ route, path: '/consent', check: shapes.consent, signal });
    },

    async apply(request, options) {
      const route = 'POST /certificates';
      const body: ApplyRequest = {
        csr: requireCsr(request?.csr, route),
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
        consentVersion: requireField(request?.consentVersion, /^.+$/su, 'consentVersion', 'a non-empty string', route),
      };
      const { signal, idempotencyKey: key } = callOptions<PostOptions>(options, route);
      return send({ route, path: '/certificates', check: shapes.certificateDetail, signal, body, idempotencyKey: key });
    },

    async renew(serialNumber, request, options) {
      const route = 'POST /certificates/{serialNumber}/renewal';
      const serial = requireSerial(serialNumber, route);
      const body: RenewalRequest = {
        csr: requireCsr(request?.csr, route),
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
        proof: requireProof(request?.proof, route),
      };
      const { signal, idempotencyKey: key } = callOptions<PostOptions>(options, route);
      const path = `/certificates/${serial}/renewal`;
      return send({ route, path, check: shapes.certificateDetail, signal, body, idempotencyKey: key });
    },

    async revoke(serialNumber, request, options) {
      const route = 'POST /certificates/{serialNumber}/revocation';
      const serial = requireSerial(serialNumber, route);
      const body: RevocationRequest = {
        otpToken: requireField(request?.otpToken, otpTokenPattern, 'otpToken', '1 to 256 characters', route),
      };
      const reason = request?.reason;
      if (reason !== undefined) {
        if (!revocationReasons.includes(reason)) throw invalid(`${route}: reason must be an RFC 5280 reason name`);
        body.reason = reason;
      }
      const { signal, idempotencyKey: key } = callOptions<PostOptions>(options, route);
      const path = `/certificates/${serial}/revocation`;
      return send({ route, path, check: sameSerial(shapes.revocationResult, serial), signal, body, idempotencyKey: key });
    },

    async announcements(options) {
      const route = 'GET /announcements';
      const { signal } = callOptions(options, route);
      return send({ route, path: '/announcements', check: shapes.announcementsResponse, signal });
    },

    async serverTime(options) {
      const route = 'GET /profile (server time)';
      const { signal } = callOptions(options, route);
      throwIfAborted(signal, route);
      let date: string | null;
      const tokens = new Set<string>();
      try {
        // Any answer carries the server's clock, an error status included: no HTTPError here.
        const response = await http(`${baseUrl}/profile`, {
          method: 'GET',
          throwHttpErrors: false,
          context: { tokens },
          ...(signal ? { signal } : {}),
        });
        date = response.headers.get('date');
        // Not awaited: cancelling one branch of a teed body waits for the other branch.
        void response.body?.cancel().catch(() => undefined);
      } catch (error) {
        throw callFailure(error, route, signal, tokens);
      }
      const at = date === null ? Number.NaN : Date.parse(date);
      return Number.isNaN(at) ? undefined : new Date(at);
    },
  };

  // Arguments are read before anything is sent; one that throws when read (a getter, a proxy)
  // is a bad argument too, not an exception of another type.
  for (const name of Object.keys(client) as (keyof ApiClient)[]) {
    const method = client[name] as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      method(...args).catch((error: unknown) => {
        throw wrapError(error, 'INVALID_ARGUMENT', `ApiClient.${name}: an argument could not be read`);
      });
  }
  return client;
}
