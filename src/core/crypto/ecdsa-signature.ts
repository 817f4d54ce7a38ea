// ECDSA signatures in two encodings: WebCrypto speaks IEEE P1363 (r ‖ s, each padded to the
// field size), X.509 and CMS carry DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`
// (RFC 3279 §2.2.3).

import { Tag, der, expectTag, parseBer, sequence, tlv } from './der';

/** DER `ECDSA-Sig-Value` from a P1363 signature. */
export function ecdsaP1363ToDer(signature: Uint8Array): Uint8Array<ArrayBuffer> {
  if (signature.length === 0 || signature.length % 2 !== 0) throw new TypeError('ECDSA signature of odd length');
  const half = signature.length / 2;
  return der.sequence(unsignedInteger(signature.subarray(0, half)), unsignedInteger(signature.subarray(half)));
}

/**
 * P1363 `r ‖ s` of `size` bytes each from a DER `ECDSA-Sig-Value`. Throws `TypeError` when the
 * encoding is malformed or a value does not fit the curve.
 */
export function ecdsaDerToP1363(signature: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const parts = sequence(parseBer(signature), 'ECDSA-Sig-Value', 2);
  if (parts.length !== 2) throw new TypeError('ECDSA-Sig-Value with extra fields');
  const out = new Uint8Array(size * 2);
  parts.forEach((part, i) => {
    let v = expectTag(part, Tag.INTEGER, 'ECDSA-Sig-Value INTEGER').value;
    if (v.length === 0 || (v[0]! & 0x80) !== 0) throw new TypeError('ECDSA-Sig-Value: not a positive INTEGER');
    let start = 0;
    while (start < v.length - 1 && v[start] === 0) start++;
    v = v.subarray(start);
    if (v.length > size) throw new TypeError('ECDSA-Sig-Value: INTEGER longer than the curve');
    out.set(v, i * size + size - v.length);
  });
  return out;
}

function unsignedInteger(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const v = bytes.subarray(start);
  const contents = new Uint8Array(v.length + ((v[0]! & 0x80) !== 0 ? 1 : 0));
  contents.set(v, contents.length - v.length);
  return tlv(0x02, contents);
}
