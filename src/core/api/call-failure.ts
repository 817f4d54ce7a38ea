// How a failed call becomes a `CertCenterError`: the contract's problem details where the
// server sent them, otherwise what went wrong on the way (time-out, network, abort).
import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import {
  CertCenterError,
  contractErrorCodes,
  isAbortError,
  isCertCenterError,
  type ContractErrorCode,
  type Problem,
} from '../errors';
import { retryAfterMs } from './retry-after';

const contractCodes: ReadonlySet<string> = new Set(contractErrorCodes);

function isContractErrorCode(value: unknown): value is ContractErrorCode {
  return typeof value === 'string' && contractCodes.has(value);
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isText = (value: unknown): value is string => typeof value === 'string';

/** Known members of RFC 9457 and of the contract, with the type each must have. */
const problemMembers: Record<string, (value: unknown) => boolean> = {
  type: isText,
  title: isText,
  detail: isText,
  instance: isText,
  code: isText,
  status: isCount,
  attemptsLeft: isCount,
  retryAfterSeconds: isCount,
  revocationsLeft: isCount,
};

/**
 * The problem details in an error body: a copy of a JSON object, dropping known members of
 * the wrong type (an `attemptsLeft` of `"two"` is no count). `undefined` for anything else.
 */
export function problemFrom(data: unknown): Problem | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const problem: Problem = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const valid = problemMembers[key];
    if (valid && !valid(value)) continue;
    problem[key] = value;
  }
  return problem;
}

/** The error for an HTTP error answer, from its status, body and `Retry-After`. */
export function responseFailure(route: string, status: number, data: unknown, headers: Headers): CertCenterError {
  let problem = problemFrom(data);
  const waitMs = retryAfterMs(headers.get('retry-after'));
  if (waitMs !== undefined && problem?.retryAfterSeconds === undefined && (status === 429 || status === 503)) {
    problem = { ...problem, retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const sent = problem?.code;
  let code: ContractErrorCode | 'SERVER' | 'TIMEOUT';
  if (isContractErrorCode(sent)) code = sent;
  else if (sent !== undefined) code = 'SERVER'; // a code outside the contract: the server is not the one we speak to
  else if (status === 401) code = 'UNAUTHENTICATED'; // e.g. a gateway in front of the backend, without a body
  else if (status === 429) code = 'RATE_LIMITED';
  else if (status === 408) code = 'TIMEOUT';
  else code = 'SERVER';
  const what = sent === undefined ? '' : isContractErrorCode(sent) ? ` ${sent}` : ' with an unknown error code';
  const options = problem === undefined ? { status } : { status, problem };
  return new CertCenterError(code, `${route} failed: HTTP ${status}${what}`, options);
}

/**
 * What may travel as `cause`: a fresh plain `Error` with the original's name and message, and
 * nothing else. ky's errors hold the `Request` (with its `Authorization: Bearer` header), the
 * response and the options, and a fetch error may chain further causes of its own; none of them
 * may reach logs through `util.inspect` or `JSON.stringify` of our error. Any of `secrets` (the
 * access tokens sent) that made it into the message is blanked out.
 */
export function plainCause(error: unknown, secrets: Iterable<string> = []): Error | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  let name: unknown;
  let message: unknown;
  try {
    ({ name, message } = error as { name?: unknown; message?: unknown });
  } catch {
    return undefined;
  }
  let text = typeof message === 'string' ? message : '';
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]');
  const copy = new Error(text);
  if (typeof name === 'string' && name !== 'Error') copy.name = name;
  return copy;
}

/**
 * Any failure of a call as a `CertCenterError`: an abort of the caller's signal is `ABORTED`
 * whatever surfaced first, a time-out `TIMEOUT`, no answer `NETWORK`. The original error is
 * kept only as a {@link plainCause}, without any of `secrets`.
 */
export function callFailure(
  error: unknown,
  route: string,
  signal?: AbortSignal,
  secrets: Iterable<string> = [],
): CertCenterError {
  if (isCertCenterError(error)) return error;
  const cause = plainCause(error, secrets);
  const options = cause === undefined ? {} : { cause };
  if (signal?.aborted) return new CertCenterError('ABORTED', `${route} was aborted`, options);
  if (isTimeoutError(error)) return new CertCenterError('TIMEOUT', `${route} timed out`, options);
  if (isHTTPError(error)) return responseFailure(route, error.response.status, error.data, error.response.headers);
  if (isNetworkError(error)) return new CertCenterError('NETWORK', `${route} failed: no answer from the server`, options);
  if (isAbortError(error)) return new CertCenterError('ABORTED', `${route} was aborted`, options);
  // fetch rejects with a TypeError for every network failure; runtimes word it differently.
  return new CertCenterError('NETWORK', `${route} failed: the request could not be sent`, options);
}
