/**
 * The browser certificate store: what it holds and the one interface both implementations
 * (IndexedDB in browsers, memory in Node and tests) keep. Private keys are `CryptoKey`
 * objects, stored by structured clone; raw key bytes are never written anywhere.
 */

/** How a credential came to this browser. */
export type CredentialOrigin = 'applied' | 'renewed' | 'imported';

/** A certificate with its private key, as this browser holds it. */
export interface StoredCredential {
  /** Upper-case hex, no separators: the key of the record. */
  serialNumber: string;
  /** The full ID number (身分證字號 or 統編) the certificate was issued to, never the masked form. */
  idNumber: string;
  /** The signing key; may be non-extractable. */
  privateKey: CryptoKey;
  publicKey?: CryptoKey;
  /** The certificate, DER. */
  certificate: Uint8Array;
  /** The CA chain, DER, issuing CA first. */
  chain: Uint8Array[];
  origin: CredentialOrigin;
  /** When it was stored, RFC 3339. */
  storedAt: string;
  /**
   * When the server was seen to have revoked it (RFC 3339): it stays stored, invalid, until the
   * customer removes it, and it never signs again (ARCHITECTURE.md, lifecycle rules).
   */
  revokedAt?: string;
  friendlyName?: string;
  /** The server's record of this serial number: its format (`EC+`) and usage (`e-trading`), when known. */
  format?: string;
  usage?: string;
}

/** Which call an enrollment replays. */
export type EnrollmentKind = 'apply' | 'renew';

/**
 * An apply or renew whose key pair exists but whose certificate is not stored yet. Written
 * before the CSR leaves the browser, so a crash or lost response can be finished later with
 * the same key, the same `Idempotency-Key` and the same body (ARCHITECTURE.md, "Nothing lost").
 */
export interface PendingEnrollment {
  id: string;
  kind: EnrollmentKind;
  idempotencyKey: string;
  keyPair: CryptoKeyPair;
  csrPem: string;
  /** The exact JSON body sent, so a resume replays a JSON-equal body with the same key. */
  request: Record<string, unknown>;
  /** Serial number of the certificate being renewed (required when `kind` is `renew`). */
  renewOf?: string;
  /** RFC 3339. */
  createdAt: string;
  /** How many times the request was sent. */
  attempts: number;
  /** The `CertCenterError` code of the last failure; never a message, never key material. */
  lastError?: string;
}

export interface CompleteEnrollmentOptions {
  /** Serial number of the credential the new one replaces (renewal); deleted in the same transaction. */
  replace?: string;
}

/** Result of asking the browser to keep the store through storage pressure. */
export interface PersistResult {
  /** Whether the storage is now persistent (not evicted under pressure). */
  persisted: boolean;
  /** Whether this environment can persist storage at all (`navigator.storage.persist`). */
  supported: boolean;
}

/** Storage use of the origin, where the browser reports it. */
export interface StorageEstimateResult {
  supported: boolean;
  /** Bytes used by the origin. */
  usage?: number;
  /** Bytes the origin may use. */
  quota?: number;
}

/**
 * The certificate store. Every method is async and fails only with a `CertCenterError`:
 * `STORAGE` (with advice in the message) when the storage fails, `INVALID_ARGUMENT` when a
 * record is refused before anything is written. Records read back are copies: changing them
 * does not change the store.
 */
export interface CertStore {
  /** Every readable credential; damaged records are left out (and can still be deleted). */
  listCredentials(): Promise<StoredCredential[]>;
  /** The credential with this serial number, or `undefined`. */
  getCredential(serialNumber: string): Promise<StoredCredential | undefined>;
  /** Stores or replaces the credential with this serial number: one record per serial. */
  putCredential(credential: StoredCredential): Promise<void>;
  /** Deletes the credential (key and certificate); an unknown serial number does nothing. */
  deleteCredential(serialNumber: string): Promise<void>;
  listPending(): Promise<PendingEnrollment[]>;
  getPending(id: string): Promise<PendingEnrollment | undefined>;
  putPending(pending: PendingEnrollment): Promise<void>;
  /** Deletes a pending enrollment; an unknown id does nothing. */
  deletePending(id: string): Promise<void>;
  /**
   * In one transaction: stores `credential`, deletes the pending enrollment `pendingId` and,
   * for a renewal, deletes the credential `replace`. Either all of it lands or none does, so
   * there is never a moment with neither the old nor the new certificate. Refused with
   * `INVALID_ARGUMENT` (nothing written) when the pending enrollment is not there.
   */
  completeEnrollment(pendingId: string, credential: StoredCredential, options?: CompleteEnrollmentOptions): Promise<void>;
  /** Asks the browser to keep the store under storage pressure (`navigator.storage.persist()`). */
  persist(): Promise<PersistResult>;
  estimate(): Promise<StorageEstimateResult>;
  /** Releases the store; later calls fail with `STORAGE`. */
  close(): Promise<void>;
}
