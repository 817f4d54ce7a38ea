import { CertCenterError, isCertCenterError } from '../errors';

// Browser storage failures carry a DOMException name; each becomes a STORAGE error whose
// message says what went wrong and what the user or the host can do about it.

const advice: Record<string, string> = {
  QuotaExceededError:
    'the storage quota is exceeded: free disk space or clear other data of this site, then try again',
  VersionError:
    'the certificate database was upgraded by a newer version of this page: reload every tab of this site',
  InvalidStateError:
    'the certificate database connection was closed (another tab is upgrading it, or the site data was cleared): try again',
  SecurityError:
    'the browser does not allow storage here (private browsing, blocked cookies or site data, or a third-party frame): allow site data for this site',
  UnknownError:
    'the browser could not open its storage (private browsing, a full or damaged disk profile): leave private browsing or restart the browser',
  DataCloneError: 'the browser cannot store this value (a CryptoKey from another browser profile or a non-cloneable object)',
  NotFoundError: 'the certificate database is missing its tables (another script uses the same database name)',
  ReadOnlyError: 'the storage is read-only here',
  AbortError: 'the storage transaction was aborted; nothing was written',
  TransactionInactiveError: 'the storage transaction ended early; nothing was written',
};

/** The DOMException-like name of an error, if any (read once: it may be a getter that throws). */
export function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  try {
    const name = (error as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `error` as a STORAGE `CertCenterError` for `operation`, the original kept as `cause`. */
export function storageError(error: unknown, operation: string): CertCenterError {
  if (isCertCenterError(error)) return error;
  const name = errorName(error);
  const hint = (name !== undefined && advice[name]) || 'the browser storage failed: try again, or reload the page';
  return new CertCenterError('STORAGE', `${operation}: ${hint}`, { cause: error });
}

/** The STORAGE error for an environment without IndexedDB. */
export function storageUnavailable(operation: string): CertCenterError {
  return new CertCenterError(
    'STORAGE',
    `${operation}: IndexedDB is not available here (an old browser, a sandboxed frame or Node): pass a store such as createMemoryStore()`,
  );
}

/** The STORAGE error for a store used after `close()`. */
export function storeClosed(operation: string): CertCenterError {
  return new CertCenterError('STORAGE', `${operation}: the store was closed; create a new one`);
}
