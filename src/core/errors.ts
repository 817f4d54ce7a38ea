/**
 * The one error type that leaves the public API. `code` is a closed union shared with the
 * REST contract; the message is English and for developers (the elements turn codes into
 * zh-Hant / English text for users). Messages never carry keys, passwords or codes.
 */

/** Problem details (RFC 9457) as the backend sends them, with the contract's `code`. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  attemptsLeft?: number;
  retryAfterSeconds?: number;
  [extension: string]: unknown;
}

/** Codes of the REST contract (ARCHITECTURE.md, "Contract rules"). */
export const contractErrorCodes = [
  'UNAUTHENTICATED',
  'VALIDATION',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'OTP_LOCKED',
  'OTP_TOKEN_INVALID',
  'CONSENT_REQUIRED',
  'CERT_EXISTS',
  'CSR_INVALID',
  'NOT_FOUND',
  'RENEWAL_NOT_OPEN',
  'RENEWAL_PROOF_INVALID',
  'REVOCATION_LIMIT',
  'IDEMPOTENCY_KEY_REUSED',
  'CERT_NOT_ACTIVE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

/** Codes raised in the browser, by the crypto, the store and the client. */
export const clientErrorCodes = [
  'PFX_MALFORMED',
  'PFX_BAD_PASSWORD',
  'PFX_UNSUPPORTED_ALGORITHM',
  'PFX_TOO_LARGE',
  'PFX_TOO_COSTLY',
  'CERT_MALFORMED',
  'CSR_MALFORMED',
  'CMS_MALFORMED',
  'CMS_INVALID_SIGNATURE',
  'KEY_MISMATCH',
  'KEY_NOT_EXTRACTABLE',
  'UNSUPPORTED_ALGORITHM',
  'INVALID_ARGUMENT',
  'PASSWORD_POLICY',
  'CERT_EXPIRED',
  'CERT_REVOKED',
  'CERT_NOT_YOURS',
  'CERT_INVALID_ISSUANCE',
  'NO_VALID_CREDENTIAL',
  'NETWORK',
  'TIMEOUT',
  'SERVER',
  'STORAGE',
  'ABORTED',
] as const;

export type ContractErrorCode = (typeof contractErrorCodes)[number];
export type ClientErrorCode = (typeof clientErrorCodes)[number];
export type CertCenterErrorCode = ContractErrorCode | ClientErrorCode;

const allCodes: ReadonlySet<string> = new Set<string>([...contractErrorCodes, ...clientErrorCodes]);

/** Whether a string is one of the known error codes. */
export function isCertCenterErrorCode(value: unknown): value is CertCenterErrorCode {
  return typeof value === 'string' && allCodes.has(value);
}

export interface CertCenterErrorOptions extends ErrorOptions {
  /** HTTP status, where the server answered. */
  status?: number;
  /** The server's problem details, where it sent them. */
  problem?: Problem;
}

/** The single error class of the SDK. Test `code`, never the message. */
export class CertCenterError extends Error {
  override name = 'CertCenterError';
  /** Survives crossing realms (iframes, workers), unlike `instanceof`. */
  readonly isCertCenterError = true;
  readonly status?: number;
  readonly problem?: Problem;

  constructor(
    readonly code: CertCenterErrorCode,
    message: string,
    options?: CertCenterErrorOptions,
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.status !== undefined) this.status = options.status;
    if (options?.problem !== undefined) this.problem = options.problem;
  }
}

/** True for a `CertCenterError` from any realm. */
export function isCertCenterError(error: unknown): error is CertCenterError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { isCertCenterError?: unknown }).isCertCenterError === true &&
    isCertCenterErrorCode((error as { code?: unknown }).code)
  );
}

/**
 * Runs `work`; anything it throws that is not already a `CertCenterError` becomes one with
 * `code` and `message`, the original kept as `cause`. The boundary of every public call.
 */
export async function guard<T>(
  code: CertCenterErrorCode,
  message: string,
  work: () => Promise<T> | T,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrapError(error, code, message);
  }
}

/** Synchronous twin of {@link guard}. */
export function guardSync<T>(code: CertCenterErrorCode, message: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw wrapError(error, code, message);
  }
}

/** `error` itself when it is a `CertCenterError`, else a new one that keeps it as `cause`. */
export function wrapError(error: unknown, code: CertCenterErrorCode, message: string): CertCenterError {
  if (isCertCenterError(error)) return error;
  if (isAbortError(error)) return new CertCenterError('ABORTED', `${message}: aborted`, { cause: error });
  return new CertCenterError(code, message, { cause: error });
}

/** True for an abort from any source: a `DOMException` named `AbortError`, or anything that names itself so. */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Throws `ABORTED` when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
  if (signal?.aborted) throw new CertCenterError('ABORTED', `${operation} was aborted`, { cause: signal.reason });
}
