// Certificate requests a real CA must refuse, built at run time with the project's DER writer:
// RSA keys with a bad exponent or modulus (e = 1 among them, whose "signature" needs no private
// key), and P-256 keys whose point is off the curve, compressed or at infinity.
import { concatBytes, toPem } from '../../src/core/crypto/bytes.ts';
import { der, tlv } from '../../src/core/crypto/der.ts';
import { oids } from '../../src/core/crypto/oids.ts';
import { nameOids, writeName } from '../../src/core/crypto/x509-name.ts';

/** P-256 (SEC 2 §2.4.2): the field prime and the base point. */
export const p256 = {
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};

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
 * The P-256 point with the smallest x (p ≡ 3 mod 4, so y = rhs^((p+1)/4) where rhs is a square).
 * Its x is so small that x + p still fits 32 bytes: the same point with an unreduced coordinate.
 */
export function p256PointWithSmallX(): { x: bigint; y: bigint } {
  const { p, b } = p256;
  for (let x = 0n; ; x++) {
    const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
    const y = modPow(rhs, (p + 1n) / 4n, p);
    if ((y * y) % p === rhs) return { x, y };
  }
}

/** Big-endian bytes of a non-negative bigint, exactly `length` long (or as short as it fits). */
export function bigintBytes(value: bigint, length?: number): Uint8Array<ArrayBuffer> {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
  if (length === undefined || bytes.length === length) return bytes;
  if (bytes.length > length) throw new RangeError('value does not fit');
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

export function bytesBigint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

/** A DER INTEGER of any non-negative size. */
export function derInteger(value: bigint): Uint8Array<ArrayBuffer> {
  const bytes = bigintBytes(value);
  return tlv(0x02, bytes[0]! & 0x80 ? concatBytes(new Uint8Array([0]), bytes) : bytes);
}

const bitString = (bytes: Uint8Array) => tlv(0x03, concatBytes(new Uint8Array([0]), bytes));

/** SubjectPublicKeyInfo of an RSA key with any modulus and exponent (RFC 3279 §2.3.1). */
export function rsaSpki(n: bigint, e: bigint): Uint8Array<ArrayBuffer> {
  return der.sequence(der.algorithm(oids.rsaEncryption, null), bitString(der.sequence(derInteger(n), derInteger(e))));
}

/** SubjectPublicKeyInfo of a P-256 key carrying any point encoding (RFC 5480 §2). */
export function p256Spki(point: Uint8Array): Uint8Array<ArrayBuffer> {
  return der.sequence(der.sequence(der.oid(oids.ecPublicKey), der.oid(oids.p256)), bitString(point));
}

/** The uncompressed point `04 ‖ X ‖ Y`. */
export function uncompressed(x: bigint, y: bigint): Uint8Array<ArrayBuffer> {
  return concatBytes(new Uint8Array([4]), bigintBytes(x, 32), bigintBytes(y, 32));
}

/** A PKCS#10 request (RFC 2986) around `spki`, signed by `sign` over its CertificationRequestInfo. */
export async function csrAround(
  spki: Uint8Array,
  signatureOid: string,
  sign: (info: Uint8Array<ArrayBuffer>) => Promise<Uint8Array> | Uint8Array,
): Promise<string> {
  const subject = writeName([[nameOids.commonName, tlv(0x13, Uint8Array.from('HOSTILE', (c) => c.charCodeAt(0)))]]);
  const info = der.sequence(der.integer(0), subject, spki, tlv(0xa0, new Uint8Array(0)));
  const signature = await sign(info);
  const algorithm = signatureOid === oids.sha256WithRSAEncryption ? der.algorithm(signatureOid, null) : der.algorithm(signatureOid);
  return toPem(der.sequence(info, algorithm, bitString(signature)), 'CERTIFICATE REQUEST');
}

/** EMSA-PKCS1-v1_5 of SHA-256 over `data`, `length` bytes long (RFC 8017 §9.2). */
export async function emsaPkcs1Sha256(data: Uint8Array<ArrayBuffer>, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const digestInfoPrefix = Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]);
  const t = concatBytes(digestInfoPrefix, new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
  const padding = new Uint8Array(length - t.length - 3).fill(0xff);
  return concatBytes(new Uint8Array([0x00, 0x01]), padding, new Uint8Array([0x00]), t);
}

/**
 * A CSR for the modulus `n` with public exponent 1: s^1 mod n is s, so the encoded digest itself
 * is a "signature" that verifies, made without any private key.
 */
export async function exponentOneCsr(n: bigint): Promise<string> {
  const length = bigintBytes(n).length;
  return csrAround(rsaSpki(n, 1n), oids.sha256WithRSAEncryption, (info) => emsaPkcs1Sha256(info, length));
}

/** A CSR whose RSA key is (n, e) and whose signature is junk: the key check must come first. */
export function rsaKeyCsr(n: bigint, e: bigint): Promise<string> {
  return csrAround(rsaSpki(n, e), oids.sha256WithRSAEncryption, () => new Uint8Array(bigintBytes(n).length).fill(0x5a));
}

/** A CSR whose P-256 key is `point` (any encoding), signed with `privateKey` when given. */
export function p256KeyCsr(point: Uint8Array, privateKey?: CryptoKey): Promise<string> {
  return csrAround(p256Spki(point), oids.ecdsaWithSHA256, async (info) => {
    if (!privateKey) return der.sequence(derInteger(1n), derInteger(1n));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, info));
    return der.sequence(derInteger(bytesBigint(raw.subarray(0, 32))), derInteger(bytesBigint(raw.subarray(32))));
  });
}

/** The modulus of a real RSA key (so only the exponent is wrong). */
export async function realModulus(bits = 2048): Promise<bigint> {
  const keys = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return bytesBigint(Uint8Array.from(atob(jwk.n!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
}
