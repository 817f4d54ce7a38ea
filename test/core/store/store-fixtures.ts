// Records for store tests: real WebCrypto keys (Node and Chromium), small DER-shaped bytes.
import type { PendingEnrollment, StoredCredential } from '../../../src/core/store/cert-store';

/** A P-256 signing pair; `extractable: false` makes the private key non-extractable. */
export async function ecKeyPair(extractable = true): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, extractable, ['sign', 'verify'])) as CryptoKeyPair;
}

/** An RSASSA-PKCS1-v1_5 2048 / SHA-256 signing pair. */
export async function rsaKeyPair(extractable = true): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    extractable,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
}

/** Whether `privateKey` still makes signatures that `publicKey` accepts. */
export async function stillSigns(privateKey: CryptoKey, publicKey: CryptoKey): Promise<boolean> {
  const params = privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: privateKey.algorithm.name };
  const data = new TextEncoder().encode('order 2330 buy 1000 @ 1,085');
  const signature = await crypto.subtle.sign(params, privateKey, data);
  return crypto.subtle.verify(params, publicKey, signature, data);
}

/** Bytes shaped like DER (a SEQUENCE), distinct per `tag`. */
export function der(tag: number): Uint8Array {
  return new Uint8Array([0x30, 0x03, 0x02, 0x01, tag & 0xff]);
}

export function credential(keyPair: CryptoKeyPair, overrides: Partial<StoredCredential> = {}): StoredCredential {
  return {
    serialNumber: '0A1B2C',
    idNumber: 'A123456789',
    privateKey: keyPair.privateKey,
    publicKey: keyPair.publicKey,
    certificate: der(1),
    chain: [der(2), der(3)],
    origin: 'applied',
    storedAt: '2026-11-25T13:00:00.000Z',
    ...overrides,
  };
}

export function pending(keyPair: CryptoKeyPair, overrides: Partial<PendingEnrollment> = {}): PendingEnrollment {
  return {
    id: 'enrollment-1',
    kind: 'apply',
    idempotencyKey: '5f0c7a52-0f8e-4c55-9d43-1d0d2a1c9e11',
    keyPair,
    csrPem: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n',
    request: { csr: '-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n', otpToken: 'tok-1', consentVersion: '2026-01' },
    createdAt: '2026-11-25T12:59:00.000Z',
    attempts: 0,
    ...overrides,
  };
}
