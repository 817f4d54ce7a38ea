import { CertCenterError, isCertCenterError } from '../errors';
import type { CredentialOrigin, EnrollmentKind, PendingEnrollment, StoredCredential } from './cert-store';

// Checks on every record before it is written (strict) and after it is read (tolerant: a
// damaged record is left out rather than breaking the whole store). Each check also rebuilds
// the record from its known fields, so what is written or returned is a copy that the caller
// cannot change afterwards, and unknown fields never reach the storage.

const serialPattern = /^[0-9A-F]{1,64}$/;
// The certificate's CN: an ID number, though a CA may add a suffix; never control characters.
const idNumberPattern = /^[^\u0000-\u001f\u007f*]{1,128}$/u;
const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const errorCodePattern = /^[A-Z][A-Z0-9_]{0,63}$/;
const idPattern = /^[\x21-\x7e]{1,128}$/;
// The server's short labels of a certificate (format `EC+`, usage `e-trading`): shown in tables.
const serverLabelPattern = /^[^\u0000-\u001f\u007f]{1,64}$/u;
const origins: readonly CredentialOrigin[] = ['applied', 'renewed', 'imported'];
const kinds: readonly EnrollmentKind[] = ['apply', 'renew'];
const maxCertificateBytes = 64 * 1024;
const maxChainLength = 10;
const maxRequestChars = 256 * 1024;

class RecordProblem extends Error {}

function fail(field: string, rule: string): never {
  throw new RecordProblem(`${field} ${rule}`);
}

/** Whether `value` can be stored as a certificate's format or usage (1–64 characters, no control characters). */
export function isServerLabel(value: unknown): value is string {
  return typeof value === 'string' && serverLabelPattern.test(value);
}

/** Whether `value` is an upper-case hex serial number as the contract writes them. */
export function isSerialNumber(value: unknown): value is string {
  return typeof value === 'string' && serialPattern.test(value);
}

function isCryptoKey(value: unknown): value is CryptoKey {
  // toStringTag works across realms (iframes, workers) and in Node, where instanceof may not;
  // but any object can claim it, so the platform's own `type` getter, which checks that it was
  // given a real key (from any realm), has the last word where there is one.
  if (Object.prototype.toString.call(value) !== '[object CryptoKey]') return false;
  const Key = (globalThis as { CryptoKey?: { prototype: object } }).CryptoKey;
  const typeOf = Key && Object.getOwnPropertyDescriptor(Key.prototype, 'type')?.get;
  if (!typeOf) return true;
  try {
    typeOf.call(value);
    return true;
  } catch {
    return false;
  }
}

function checkKey(value: unknown, field: string, type: KeyType): CryptoKey {
  if (!isCryptoKey(value)) fail(field, 'must be a CryptoKey (raw key bytes are never stored)');
  if (value.type !== type) fail(field, `must be a ${type} key`);
  return value;
}

function checkTime(value: unknown, field: string): string {
  if (typeof value !== 'string' || !rfc3339Pattern.test(value) || Number.isNaN(Date.parse(value))) {
    fail(field, 'must be an RFC 3339 date-time');
  }
  return value;
}

function checkDer(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array) && Object.prototype.toString.call(value) !== '[object Uint8Array]') {
    fail(field, 'must be a Uint8Array of DER');
  }
  const bytes = value as Uint8Array;
  if (bytes.length < 2 || bytes[0] !== 0x30 || bytes.length > maxCertificateBytes) {
    fail(field, 'must be a DER certificate (a SEQUENCE, at most 64 KiB)');
  }
  // A fresh plain Uint8Array: Buffer#slice (Node) would return a view sharing the caller's memory.
  return new Uint8Array(bytes);
}

function checkOptionalString(value: unknown, field: string, pattern: RegExp, rule: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) fail(field, rule);
  return value;
}

function checkObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(what, 'must be an object');
  return value as Record<string, unknown>;
}

/** A deep copy of a JSON value, refusing anything JSON cannot carry exactly. */
function copyJson(value: unknown, field: string, depth = 0): unknown {
  if (depth > 32) fail(field, 'is nested too deeply');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(field, 'must hold only finite numbers');
    return value;
  }
  if (Array.isArray(value)) return value.map((item, index) => copyJson(item, `${field}[${index}]`, depth + 1));
  const prototype: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (prototype === Object.prototype || prototype === null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue; // JSON.stringify leaves these out too
      copy[key] = copyJson(item, `${field}.${key}`, depth + 1);
    }
    return copy;
  }
  fail(field, 'must be plain JSON (objects, arrays, strings, finite numbers, booleans, null)');
}

function credentialFrom(value: unknown): StoredCredential {
  const record = checkObject(value, 'credential');
  const serialNumber = record.serialNumber;
  if (!isSerialNumber(serialNumber)) fail('serialNumber', 'must be upper-case hex');
  if (typeof record.idNumber !== 'string' || !idNumberPattern.test(record.idNumber)) {
    fail('idNumber', 'must be the full ID number (1–128 characters, no control characters, not masked)');
  }
  const privateKey = checkKey(record.privateKey, 'privateKey', 'private');
  const publicKey = record.publicKey === undefined ? undefined : checkKey(record.publicKey, 'publicKey', 'public');
  const certificate = checkDer(record.certificate, 'certificate');
  if (!Array.isArray(record.chain) || record.chain.length > maxChainLength) {
    fail('chain', `must be an array of at most ${maxChainLength} DER certificates`);
  }
  const chain = record.chain.map((item, index) => checkDer(item, `chain[${index}]`));
  if (!origins.includes(record.origin as CredentialOrigin)) fail('origin', `must be one of ${origins.join(', ')}`);
  const storedAt = checkTime(record.storedAt, 'storedAt');
  const revokedAt = record.revokedAt === undefined ? undefined : checkTime(record.revokedAt, 'revokedAt');
  const friendlyName = checkOptionalString(record.friendlyName, 'friendlyName', /^[^\0]{0,256}$/u, 'must be a string of at most 256 characters');
  const format = checkOptionalString(record.format, 'format', serverLabelPattern, 'must be 1–64 characters without control characters');
  const usage = checkOptionalString(record.usage, 'usage', serverLabelPattern, 'must be 1–64 characters without control characters');
  const credential: StoredCredential = {
    serialNumber,
    idNumber: record.idNumber,
    privateKey,
    certificate,
    chain,
    origin: record.origin as CredentialOrigin,
    storedAt,
  };
  if (publicKey) credential.publicKey = publicKey;
  if (revokedAt !== undefined) credential.revokedAt = revokedAt;
  if (friendlyName !== undefined) credential.friendlyName = friendlyName;
  if (format !== undefined) credential.format = format;
  if (usage !== undefined) credential.usage = usage;
  return credential;
}

function pendingFrom(value: unknown): PendingEnrollment {
  const record = checkObject(value, 'pending enrollment');
  if (typeof record.id !== 'string' || !idPattern.test(record.id)) fail('id', 'must be 1–128 printable ASCII characters');
  if (!kinds.includes(record.kind as EnrollmentKind)) fail('kind', `must be one of ${kinds.join(', ')}`);
  if (typeof record.idempotencyKey !== 'string' || !idPattern.test(record.idempotencyKey)) {
    fail('idempotencyKey', 'must be 1–128 printable ASCII characters');
  }
  const pair = checkObject(record.keyPair, 'keyPair');
  const keyPair: CryptoKeyPair = {
    privateKey: checkKey(pair.privateKey, 'keyPair.privateKey', 'private'),
    publicKey: checkKey(pair.publicKey, 'keyPair.publicKey', 'public'),
  };
  if (typeof record.csrPem !== 'string' || !record.csrPem.includes('-----BEGIN CERTIFICATE REQUEST-----') || record.csrPem.length > maxRequestChars) {
    fail('csrPem', 'must be a PEM certificate request');
  }
  const request = copyJson(checkObject(record.request, 'request'), 'request') as Record<string, unknown>;
  if (JSON.stringify(request).length > maxRequestChars) fail('request', 'is too large');
  const renewOf = checkOptionalString(record.renewOf, 'renewOf', serialPattern, 'must be upper-case hex');
  if (record.kind === 'renew' && renewOf === undefined) fail('renewOf', 'is required for a renewal');
  const createdAt = checkTime(record.createdAt, 'createdAt');
  if (typeof record.attempts !== 'number' || !Number.isSafeInteger(record.attempts) || record.attempts < 0) {
    fail('attempts', 'must be a whole number ≥ 0');
  }
  const lastError = checkOptionalString(record.lastError, 'lastError', errorCodePattern, 'must be an error code (UPPER_SNAKE), not a message');
  const pending: PendingEnrollment = {
    id: record.id,
    kind: record.kind as EnrollmentKind,
    idempotencyKey: record.idempotencyKey,
    keyPair,
    csrPem: record.csrPem,
    request,
    createdAt,
    attempts: record.attempts,
  };
  if (renewOf !== undefined) pending.renewOf = renewOf;
  if (lastError !== undefined) pending.lastError = lastError;
  return pending;
}

function refuse(operation: string, problem: unknown): never {
  if (problem instanceof RecordProblem) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: refused, ${problem.message}; nothing was written`);
  }
  if (!isCertCenterError(problem)) {
    // A record whose getters throw, or any other oddity of a caller's object.
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: refused, the record could not be read; nothing was written`, { cause: problem });
  }
  throw problem;
}

/** A checked copy of a credential about to be written; `INVALID_ARGUMENT` when it is not sound. */
export function credentialToWrite(value: unknown, operation: string): StoredCredential {
  try {
    return credentialFrom(value);
  } catch (problem) {
    refuse(operation, problem);
  }
}

/** A checked copy of a pending enrollment about to be written; `INVALID_ARGUMENT` when it is not sound. */
export function pendingToWrite(value: unknown, operation: string): PendingEnrollment {
  try {
    return pendingFrom(value);
  } catch (problem) {
    refuse(operation, problem);
  }
}

/** A copy of a stored credential, or `undefined` when the stored record is damaged. */
export function credentialRead(value: unknown): StoredCredential | undefined {
  try {
    return credentialFrom(value);
  } catch {
    return undefined;
  }
}

/** A copy of a stored pending enrollment, or `undefined` when the stored record is damaged. */
export function pendingRead(value: unknown): PendingEnrollment | undefined {
  try {
    return pendingFrom(value);
  } catch {
    return undefined;
  }
}

/** Checks a serial number argument; `INVALID_ARGUMENT` otherwise. */
export function serialArgument(value: unknown, operation: string): string {
  if (!isSerialNumber(value)) throw new CertCenterError('INVALID_ARGUMENT', `${operation}: the serial number must be upper-case hex`);
  return value;
}

/** Checks a pending-enrollment id argument; `INVALID_ARGUMENT` otherwise. */
export function pendingIdArgument(value: unknown, operation: string): string {
  if (typeof value !== 'string' || !idPattern.test(value)) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: the pending enrollment id must be 1–128 printable ASCII characters`);
  }
  return value;
}
