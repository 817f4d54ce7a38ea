// How a failed call becomes a `CertCenterError`: the contract's problem details where the
// server sent them, otherwise what went wrong on the way (time-out, network, abort).
import { isHTTPError, isNetworkError, isTimeoutError } from 'ky';
import { CertCenterError, contractErrorCodes, isCertCenterError, type ContractErrorCode, type Problem } from '../errors';
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
 * Any failure of a call as a `CertCenterError`: an abort of the caller's signal is `ABORTED`
 * whatever surfaced first, a time-out `TIMEOUT`, no answer `NETWORK`.
 */
export function callFailure(error: unknown, route: string, signal?: AbortSignal): CertCenterError {
  if (isCertCenterError(error)) return error;
  if (signal?.aborted) return new CertCenterError('ABORTED', `${route} was aborted`, { cause: error });
  if (isTimeoutError(error)) return new CertCenterError('TIMEOUT', `${route} timed out`, { cause: error });
  if (isHTTPError(error)) return responseFailure(route, error.response.status, error.data, error.response.headers);
  if (isNetworkError(error)) return new CertCenterError('NETWORK', `${route} failed: no answer from the server`, { cause: error });
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError') {
    return new CertCenterError('ABORTED', `${route} was aborted`, { cause: error });
  }
  // fetch rejects with a TypeError for every network failure; runtimes word it differently.
  return new CertCenterError('NETWORK', `${route} failed: the request could not be sent`, { cause: error });
}
