// Helpers for the PKCS#12 primitive tests: OpenSSL output parsing and a minimal DER walker to
// pull the encrypted parts out of PFX files OpenSSL writes. Browser-safe.
import { fromHex, toHex } from '../../../../src/core/crypto/bytes';

/** Lower-case hex. */
export const hex = (bytes: Uint8Array): string => toHex(bytes).toLowerCase();

/** Bytes of the `AA:BB:…` hex that `openssl kdf` prints. */
export function fromColonHex(text: string): Uint8Array {
  return fromHex(text.trim().replace(/:/g, ''));
}

/** One DER element: its tag byte, content and, when constructed, its children. */
export interface Der {
  tag: number;
  content: Uint8Array;
  children: Der[];
}

/** Parses definite-length DER (what OpenSSL writes) into a tree. */
export function parseDer(bytes: Uint8Array): Der[] {
  const out: Der[] = [];
  let i = 0;
  while (i < bytes.length) {
    const tag = bytes[i++]!;
    let length = bytes[i++]!;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4) throw new Error('unsupported DER length');
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + bytes[i++]!;
    }
    const content = bytes.subarray(i, i + length);
    if (content.length !== length) throw new Error('truncated DER');
    i += length;
    out.push({ tag, content, children: tag & 0x20 ? parseDer(content) : [] });
  }
  return out;
}

/** The child at a path of indexes, failing loudly when the shape is not as expected. */
export function at(node: Der, ...path: number[]): Der {
  let n = node;
  for (const p of path) {
    const next = n.children[p];
    if (!next) throw new Error(`no DER child at ${path.join('.')}`);
    n = next;
  }
  return n;
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function oidOf(node: Der): string {
  if (node.tag !== 0x06) throw new Error('not an OID');
  const c = node.content;
  const parts = [Math.floor(c[0]! / 40), c[0]! % 40];
  let v = 0;
  for (let i = 1; i < c.length; i++) {
    v = v * 128 + (c[i]! & 0x7f);
    if (!(c[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** A non-negative INTEGER's value. */
export function intOf(node: Der): number {
  if (node.tag !== 0x02) throw new Error('not an INTEGER');
  let v = 0;
  for (const b of node.content) v = v * 256 + b;
  return v;
}

/** The PBE parameters of an AlgorithmIdentifier { oid, SEQUENCE { salt, iterations } }. */
export function pbeOf(algorithm: Der): { oid: string; salt: Uint8Array; iterations: number } {
  return { oid: oidOf(at(algorithm, 0)), salt: at(algorithm, 1, 0).content, iterations: intOf(at(algorithm, 1, 1)) };
}

/** Index of `needle` in `haystack`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** DER of the first PEM block of a text. */
export function pemBody(pem: string): Uint8Array {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const s = atob(b64);
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}
