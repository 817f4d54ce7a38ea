// The mock's certificate authority: a root and an issuing CA made per backend with WebCrypto,
// CSR checks as a real CA does them, issuance, and the renewal proof check.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { verifyCms } from '../src/core/crypto/cms.ts';
import type { CsrRejectionReason } from '../src/core/api/contract-types.ts';
import { type Asn1Node, Tag, explicit, oid, parseBer, sequence } from '../src/core/crypto/der.ts';
import { oids } from '../src/core/crypto/oids.ts';

const caAlgorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const caSigning: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const yearMs = 365 * 86_400_000;

/** What survives a reload: both certificates and the issuing CA's keys as JWK (mock only). */
export interface CaSnapshot {
  rootPem: string;
  issuingPem: string;
  issuingPrivateJwk: JsonWebKey;
  issuingPublicJwk: JsonWebKey;
}

/** A live CA: its certificates and the issuing key. */
export interface MockCa {
  rootPem: string;
  issuingPem: string;
  issuing: x509.X509Certificate;
  issuingKeys: CryptoKeyPair;
  snapshot: CaSnapshot;
}

/** Why a CSR is refused: the contract's machine `reason`, and the detail for developers. */
export class CsrRejection extends Error {
  constructor(
    readonly reason: CsrRejectionReason,
    message: string,
  ) {
    super(message);
  }
}

/** Makes a root and an issuing CA whose validity covers the backend's clock for years. */
export async function createCa(now: Date): Promise<MockCa> {
  const rootKeys = (await crypto.subtle.generateKey(caAlgorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
  const issuingKeys = (await crypto.subtle.generateKey(caAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 5 * yearMs);
  const notAfter = new Date(notBefore.getTime() + 30 * yearMs);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Cert Center Mock Root CA, O=Cert Center Mock, C=TW',
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=Cert Center Mock Issuing CA, O=Cert Center Mock, C=TW',
    issuer: root.subject,
    notBefore,
    notAfter,
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const snapshot: CaSnapshot = {
    rootPem: root.toString('pem'),
    issuingPem: issuing.toString('pem'),
    issuingPrivateJwk: await crypto.subtle.exportKey('jwk', issuingKeys.privateKey),
    issuingPublicJwk: await crypto.subtle.exportKey('jwk', issuingKeys.publicKey),
  };
  return { rootPem: snapshot.rootPem, issuingPem: snapshot.issuingPem, issuing, issuingKeys, snapshot };
}

/** Brings a CA back from its snapshot. */
export async function restoreCa(snapshot: CaSnapshot): Promise<MockCa> {
  const privateKey = await crypto.subtle.importKey('jwk', snapshot.issuingPrivateJwk, caAlgorithm, true, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', snapshot.issuingPublicJwk, caAlgorithm, true, ['verify']);
  return {
    rootPem: snapshot.rootPem,
    issuingPem: snapshot.issuingPem,
    issuing: new x509.X509Certificate(snapshot.issuingPem),
    issuingKeys: { privateKey, publicKey },
    snapshot,
  };
}

/** A random positive serial number of 16 bytes, upper-case hex (RFC 5280 §4.1.2.2). */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

// ---- the key a CSR may carry ----

/** RSA moduli the CA certifies (Let's Encrypt's largest is 4096; 8192 bounds the work of a check). */
const rsaModulusBits = { min: 2048, max: 8192 } as const;
/** FIPS 186-5 §A.1.1 and the CA/Browser Forum's baseline requirements (§6.1.6): 2^16 < e < 2^256, e odd. */
const rsaExponentRange = { min: 65_537n, below: 1n << 256n } as const;
/** P-256 (SEC 2 §2.4.2): y² = x³ − 3x + b over the prime field p. */
const p256 = {
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
};

let primesBelow752: readonly bigint[] | undefined;

/** The odd primes below 752 (Boulder's goodkey test, as Let's Encrypt runs it), made once. */
function smallPrimes(): readonly bigint[] {
  if (!primesBelow752) {
    const composite = new Uint8Array(752);
    const found: bigint[] = [];
    for (let i = 3; i < 752; i += 2) {
      if (composite[i]) continue;
      found.push(BigInt(i));
      for (let j = i * i; j < 752; j += 2 * i) composite[j] = 1;
    }
    primesBelow752 = found;
  }
  return primesBelow752;
}

/** A DER INTEGER that is positive and minimally encoded, as a bigint; `undefined` otherwise. */
function positiveInteger(node: Asn1Node | undefined): bigint | undefined {
  if (!node || node.cls !== 0 || node.tag !== Tag.INTEGER || node.constructed) return undefined;
  const v = node.value;
  if (v.length === 0 || (v[0]! & 0x80) !== 0) return undefined;
  if (v[0] === 0 && (v.length === 1 || (v[1]! & 0x80) === 0)) return undefined;
  let value = 0n;
  for (const b of v) value = (value << 8n) | BigInt(b);
  return value;
}

/** The contents of a primitive BIT STRING without unused bits (a key is whole bytes). */
function keyBits(node: Asn1Node | undefined): Uint8Array | undefined {
  if (!node || node.cls !== 0 || node.tag !== Tag.BIT_STRING || node.constructed) return undefined;
  if (node.value.length < 2 || node.value[0] !== 0) return undefined;
  return node.value.subarray(1);
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/**
 * RSA (rsaEncryption, NULL parameters; RFC 3279 §2.3.1): an odd modulus of 2048 to 8192 bits
 * without a prime factor below 752, and an odd public exponent with 65537 ≤ e < 2^256. With
 * e = 1 (or any small e) the "signature" needs no private key, so such a CSR proves nothing.
 */
function checkRsaKey(params: Asn1Node | undefined, bits: Uint8Array): void {
  if (params && (params.tag !== Tag.NULL || params.cls !== 0 || params.value.length !== 0)) {
    throw new CsrRejection('malformed', 'The parameters of an rsaEncryption key must be NULL');
  }
  let fields: Asn1Node[];
  try {
    fields = sequence(parseBer(bits), 'RSAPublicKey', 2);
  } catch {
    throw new CsrRejection('malformed', 'The RSA public key is not an RSAPublicKey');
  }
  const n = positiveInteger(fields[0]);
  const e = positiveInteger(fields[1]);
  if (fields.length !== 2 || n === undefined || e === undefined) {
    throw new CsrRejection('malformed', 'The RSA public key must be two positive DER integers, modulus and exponent');
  }
  const size = n.toString(2).length;
  if (size < rsaModulusBits.min || size > rsaModulusBits.max) {
    throw new CsrRejection('rsa-modulus', `RSA keys must have ${rsaModulusBits.min} to ${rsaModulusBits.max} bits (this one has ${size})`);
  }
  if ((n & 1n) === 0n || smallPrimes().some((prime) => n % prime === 0n)) {
    throw new CsrRejection('rsa-modulus', 'The RSA modulus has a small factor: it is not the product of two large primes');
  }
  if ((e & 1n) === 0n || e < rsaExponentRange.min || e >= rsaExponentRange.below) {
    throw new CsrRejection('rsa-exponent', 'The RSA public exponent must be odd, at least 65537 and below 2^256');
  }
}

/**
 * EC: the named curve P-256 and an uncompressed point on it (SP 800-56A rev. 3 §5.6.2.3.4; the
 * cofactor is 1, so that is full validation). Compressed points and the point at infinity are
 * refused, as Go's x509 (and so Let's Encrypt) refuses them: WebCrypto writes uncompressed.
 */
function checkEcKey(params: Asn1Node | undefined, bits: Uint8Array): void {
  let curve: string | undefined;
  try {
    curve = oid(params, 'namedCurve');
  } catch {
    curve = undefined;
  }
  if (curve !== oids.p256) throw new CsrRejection('ec-curve', 'EC keys must name the P-256 curve');
  if (bits.length !== 65 || bits[0] !== 0x04) {
    throw new CsrRejection('ec-point', 'The EC public key must be an uncompressed point (04 ‖ X ‖ Y); compressed points and the point at infinity are refused');
  }
  let x = 0n;
  let y = 0n;
  for (let i = 1; i <= 32; i++) x = (x << 8n) | BigInt(bits[i]!);
  for (let i = 33; i <= 64; i++) y = (y << 8n) | BigInt(bits[i]!);
  const { p, b } = p256;
  const onCurve = x < p && y < p && (y * y) % p === (((modPow(x, 3n, p) - 3n * x + b) % p) + p) % p;
  if (!onCurve) throw new CsrRejection('ec-point', 'The EC public key is not a point on the P-256 curve');
}

/** Checks the SubjectPublicKeyInfo of a CSR as a real CA does; returns the key's kind. */
function checkPublicKey(spki: Uint8Array): 'RSA' | 'EC' {
  let algorithm: { oid: string; params: Asn1Node | undefined };
  let bits: Uint8Array | undefined;
  try {
    const fields = sequence(parseBer(spki), 'SubjectPublicKeyInfo', 2);
    const identifier = sequence(fields[0], 'AlgorithmIdentifier', 1);
    if (fields.length !== 2 || identifier.length > 2) throw new TypeError('extra fields');
    algorithm = { oid: oid(identifier[0], 'algorithm'), params: identifier[1] };
    bits = keyBits(fields[1]);
  } catch {
    throw new CsrRejection('malformed', 'The CSR’s SubjectPublicKeyInfo cannot be read');
  }
  if (!bits) throw new CsrRejection('malformed', 'The CSR’s public key is not a whole-byte BIT STRING');
  if (algorithm.oid === oids.rsaEncryption) {
    checkRsaKey(algorithm.params, bits);
    return 'RSA';
  }
  if (algorithm.oid === oids.ecPublicKey) {
    checkEcKey(algorithm.params, bits);
    return 'EC';
  }
  throw new CsrRejection('key-algorithm', 'The key must be RSA (rsaEncryption, 2048 bits or more) or EC P-256');
}

/**
 * Checks a PEM CSR: it parses, its key passes {@link checkPublicKey}'s rules, it is signed with
 * RSASSA-PKCS1-v1_5 (RSA) or ECDSA (EC) and SHA-256 or stronger, and the signature verifies
 * with its own key. Returns the key to certify and its SubjectPublicKeyInfo; throws
 * `CsrRejection` with the reason otherwise.
 */
export async function checkCsr(pem: string): Promise<{ publicKey: x509.PublicKey; der: Uint8Array<ArrayBuffer>; spki: Uint8Array<ArrayBuffer> }> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch {
    throw new CsrRejection('malformed', 'The CSR is not a PKCS#10 certificate request');
  }
  const spki = new Uint8Array(csr.publicKey.rawData);
  const kind = checkPublicKey(spki);
  const signature = csr.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = signature.hash?.name ?? '';
  if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(hash)) throw new CsrRejection('signature-algorithm', 'The CSR must be signed with SHA-256 or stronger');
  if (kind === 'RSA' && signature.name !== 'RSASSA-PKCS1-v1_5') throw new CsrRejection('signature-algorithm', 'RSA CSRs must be signed with RSASSA-PKCS1-v1_5');
  if (kind === 'EC' && signature.name !== 'ECDSA') throw new CsrRejection('signature-algorithm', 'EC CSRs must be signed with ECDSA');
  const verified = await csr.verify().catch(() => false);
  if (!verified) throw new CsrRejection('signature', 'The CSR signature does not verify');
  return { publicKey: csr.publicKey, der: new Uint8Array(csr.rawData), spki };
}

/** A CSR's key and subject CN without any check (only for the backend's deliberate defects). */
export function readCsrUnchecked(pem: string): { publicKey: x509.PublicKey; der: Uint8Array<ArrayBuffer>; spki: Uint8Array<ArrayBuffer>; commonName: string } {
  const csr = new x509.Pkcs10CertificateRequest(pem);
  const commonName = csr.subjectName.getField('CN')[0] ?? '';
  return { publicKey: csr.publicKey, der: new Uint8Array(csr.rawData), spki: new Uint8Array(csr.publicKey.rawData), commonName };
}

/** The SubjectPublicKeyInfo (DER) of a PEM certificate. */
export function certificateSpki(pem: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new x509.X509Certificate(pem).publicKey.rawData);
}

/** Issues an end-entity certificate for a customer (CN = ID number) from the issuing CA. */
export async function issueCertificate(
  ca: MockCa,
  params: { idNumber: string; publicKey: x509.PublicKey | CryptoKey; notBefore: Date; notAfter: Date; serialNumber?: string },
): Promise<{ serialNumber: string; pem: string }> {
  const serialNumber = params.serialNumber ?? randomSerial();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: [{ CN: [params.idNumber] }, { O: ['Cert Center Mock Customers'] }, { C: ['TW'] }],
    issuer: ca.issuing.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey: ca.issuingKeys.privateKey,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.emailProtection]),
      await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.issuingKeys.publicKey),
    ],
  });
  return { serialNumber, pem: certificate.toString('pem') };
}

/**
 * Verifies a renewal proof: base64 of a detached CMS SignedData over `data`, checked against
 * `certificatePem` (the stored current certificate). Certificates inside the proof are
 * ignored, so a proof cannot bring its own signer.
 */
export async function verifyProof(proofBase64: string, data: Uint8Array, certificatePem: string): Promise<boolean> {
  try {
    const bytes = Uint8Array.from(atob(proofBase64), (c) => c.charCodeAt(0));
    if (!isDetached(bytes)) return false;
    // Against the stored certificate only, never one the proof carries.
    await verifyCms(bytes, data, { signer: certificatePem });
    return true;
  } catch {
    return false;
  }
}

/** Whether a CMS SignedData leaves its content out (the contract's proof is detached). */
function isDetached(bytes: Uint8Array): boolean {
  const [, content] = sequence(parseBer(bytes), 'ContentInfo', 2);
  const fields = sequence(explicit(content, 0, 'SignedData content'), 'SignedData', 4);
  return sequence(fields[2], 'EncapsulatedContentInfo', 1).length === 1;
}
