// A small BER reader and DER writer for the structures we handle by hand (PKCS#12).
// BER in (files from any tool: indefinite lengths, constructed strings), DER out. The reader
// is bounded (depth, size, number of elements) so hostile input fails fast with a TypeError
// the caller wraps.

import { concatBytes } from './bytes';

export interface Asn1Node {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  constructed: boolean;
  tag: number;
  /** Content bytes of a primitive node (a view into the input). */
  value: Uint8Array;
  /** Children of a constructed node. */
  children: Asn1Node[];
  /** The whole encoding of this node, header included (a view into the input). */
  raw: Uint8Array;
}

export const Tag = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE_STRING: 19,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  BMP_STRING: 30,
} as const;

const maxDepth = 32;

/**
 * Elements one parse may hold. Each costs about 320 bytes of heap against 2 bytes of input, so
 * 1 MiB of empty SEQUENCEs would otherwise make 160 MiB; at the cap a parse stops at about
 * 16 MB. Honest input stays far below: a certificate holds 50 to a few hundred elements; the
 * largest parse of a 1 MiB PKCS#12 of 64 bags (a chain of 62 large certificates), its content
 * even in 1,000-byte BER chunks, about 1,060; a SafeContents of 2,300 small certificates
 * (1 MiB, more bags than the importer takes) 16,400.
 */
export const maxBerNodes = 50_000;

export interface BerLimits {
  /** Elements allowed in this parse; default {@link maxBerNodes}. */
  maxNodes?: number;
  /** Receives the number of elements read, also when the parse fails (for tests and measurements). */
  stats?: { nodes: number };
}

interface ParseState {
  nodes: number;
  maxNodes: number;
}

/** Parses exactly one BER element filling `input`. Throws `TypeError` on anything malformed. */
export function parseBer(input: Uint8Array, limits: BerLimits = {}): Asn1Node {
  const state: ParseState = { nodes: 0, maxNodes: limits.maxNodes ?? maxBerNodes };
  try {
    const [node, end] = readNode(input, 0, input.length, 0, state);
    if (end !== input.length) throw new TypeError('trailing bytes after the ASN.1 element');
    return node;
  } finally {
    if (limits.stats) limits.stats.nodes = state.nodes;
  }
}

function readNode(buf: Uint8Array, start: number, limit: number, depth: number, state: ParseState): [Asn1Node, number] {
  if (depth > maxDepth) throw new TypeError('ASN.1 nested too deeply');
  if (state.nodes >= state.maxNodes) throw new TypeError(`ASN.1 input with more than ${state.maxNodes} elements`);
  state.nodes++;
  let pos = start;
  if (pos >= limit) throw new TypeError('ASN.1 element truncated');
  const first = buf[pos++]!;
  const cls = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i > 3) throw new TypeError('ASN.1 tag truncated or too long');
      const b = buf[pos++]!;
      tag = (tag << 7) | (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw new TypeError('ASN.1 length truncated');
  const lenByte = buf[pos++]!;
  if (lenByte === 0x80) {
    // Indefinite length: constructed only, children until an end-of-contents marker.
    if (!constructed) throw new TypeError('indefinite length on a primitive ASN.1 element');
    const children: Asn1Node[] = [];
    for (;;) {
      if (pos + 2 > limit) throw new TypeError('ASN.1 indefinite element not terminated');
      if (buf[pos] === 0 && buf[pos + 1] === 0) {
        pos += 2;
        break;
      }
      const [child, next] = readNode(buf, pos, limit, depth + 1, state);
      children.push(child);
      pos = next;
    }
    return [{ cls, constructed, tag, value: buf.subarray(pos, pos), children, raw: buf.subarray(start, pos) }, pos];
  }
  let length = lenByte;
  if (lenByte & 0x80) {
    const count = lenByte & 0x7f;
    if (count > 4) throw new TypeError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= limit) throw new TypeError('ASN.1 length truncated');
      length = length * 256 + buf[pos++]!;
    }
  }
  const end = pos + length;
  if (end > limit) throw new TypeError('ASN.1 element longer than its container');
  const children: Asn1Node[] = [];
  if (constructed) {
    let p = pos;
    while (p < end) {
      const [child, next] = readNode(buf, p, end, depth + 1, state);
      children.push(child);
      p = next;
    }
  }
  return [{ cls, constructed, tag, value: buf.subarray(pos, end), children, raw: buf.subarray(start, end) }, end];
}

// ---- Reading helpers: each checks the shape and throws TypeError with what it expected ----

export function expectTag(node: Asn1Node | undefined, tag: number, what: string, cls = 0): Asn1Node {
  if (!node || node.cls !== cls || node.tag !== tag) throw new TypeError(`expected ${what}`);
  return node;
}

export function sequence(node: Asn1Node | undefined, what: string, minChildren = 0): Asn1Node[] {
  const n = expectTag(node, Tag.SEQUENCE, `${what} (SEQUENCE)`);
  if (!n.constructed || n.children.length < minChildren) throw new TypeError(`expected ${what} with ${minChildren}+ fields`);
  return n.children;
}

export function setOf(node: Asn1Node | undefined, what: string): Asn1Node[] {
  const n = expectTag(node, Tag.SET, `${what} (SET)`);
  if (!n.constructed) throw new TypeError(`expected ${what} (SET)`);
  return n.children;
}

/** The contents of an OCTET STRING, primitive or BER-constructed (chunks joined). */
export function octetString(node: Asn1Node | undefined, what: string, cls = 0, tag: number = Tag.OCTET_STRING): Uint8Array {
  if (!node || node.cls !== cls || node.tag !== tag) throw new TypeError(`expected ${what} (OCTET STRING)`);
  return stringContents(node, what);
}

/** Contents of a string-like node, joining the chunks of a constructed encoding. */
export function stringContents(node: Asn1Node, what: string): Uint8Array {
  if (!node.constructed) return node.value;
  const parts: Uint8Array[] = [];
  const walk = (n: Asn1Node, depth: number): void => {
    if (depth > 8) throw new TypeError(`${what}: constructed string nested too deeply`);
    for (const c of n.children) {
      if (c.cls !== 0 || c.tag !== Tag.OCTET_STRING) throw new TypeError(`${what}: bad chunk in a constructed string`);
      if (c.constructed) walk(c, depth + 1);
      else parts.push(c.value);
    }
  };
  walk(node, 0);
  return concatBytes(...parts);
}

/**
 * The contents of a primitive INTEGER in its one valid form: X.690 §8.3.2 (BER as well as DER)
 * forbids a first byte 00 before a byte below 80 and FF before one from 80, so each value has
 * one encoding (OpenSSL refuses the others too).
 */
export function integerContents(node: Asn1Node | undefined, what: string): Uint8Array {
  const n = expectTag(node, Tag.INTEGER, `${what} (INTEGER)`);
  const v = n.value;
  if (n.constructed || v.length === 0) throw new TypeError(`${what}: empty INTEGER`);
  if (v.length > 1 && ((v[0] === 0 && v[1]! < 0x80) || (v[0] === 0xff && v[1]! >= 0x80))) {
    throw new TypeError(`${what}: INTEGER not in its shortest form`);
  }
  return v;
}

/**
 * A non-negative INTEGER read as a JS number, exactly: values above 2^53 − 1 are refused, not
 * rounded. Callers check their own bounds on what comes back.
 */
export function smallInteger(node: Asn1Node | undefined, what: string): number {
  const v = integerContents(node, what);
  if (v.length > 7 || (v[0]! & 0x80) !== 0) throw new TypeError(`${what}: not a small non-negative INTEGER`);
  let out = 0;
  for (const b of v) {
    if (out > (Number.MAX_SAFE_INTEGER - b) / 256) throw new TypeError(`${what}: INTEGER above 2^53 - 1`);
    out = out * 256 + b;
  }
  return out;
}

export function oid(node: Asn1Node | undefined, what: string): string {
  const n = expectTag(node, Tag.OID, `${what} (OBJECT IDENTIFIER)`);
  const v = n.value;
  if (v.length === 0 || v.length > 64) throw new TypeError(`${what}: bad OBJECT IDENTIFIER`);
  const arcs: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    // X.690 §8.19.2: an arc is written in the fewest 7-bit groups, so it never starts with 0x80.
    if (acc === 0 && b === 0x80) throw new TypeError(`${what}: OBJECT IDENTIFIER arc not in its shortest form`);
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new TypeError(`${what}: OBJECT IDENTIFIER arc too large`);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        const first = acc < 80 ? Math.floor(acc / 40) : 2;
        arcs.push(first, acc - first * 40);
      } else arcs.push(acc);
      acc = 0;
    } else if (i === v.length - 1) throw new TypeError(`${what}: OBJECT IDENTIFIER truncated`);
  }
  return arcs.join('.');
}

/** The one child of an explicit context tag `[n]`. */
export function explicit(node: Asn1Node | undefined, n: number, what: string): Asn1Node {
  if (!node || node.cls !== 2 || node.tag !== n || !node.constructed || node.children.length !== 1) {
    throw new TypeError(`expected ${what} ([${n}] EXPLICIT)`);
  }
  return node.children[0]!;
}

export function decodeBmpString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s;
}

// ---- DER writer ----

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) out.unshift(l & 0xff);
  return [0x80 | out.length, ...out];
}

/** One DER element from its identifier octet and contents. */
export function tlv(identifier: number, contents: Uint8Array): Uint8Array<ArrayBuffer> {
  const header = [identifier, ...lengthBytes(contents.length)];
  const out = new Uint8Array(header.length + contents.length);
  out.set(header, 0);
  out.set(contents, header.length);
  return out;
}

export const der = {
  sequence: (...items: Uint8Array[]) => tlv(0x30, concatBytes(...items)),
  /** SET OF in DER order (elements sorted by their encodings, X.690 §11.6). */
  setOf: (...items: Uint8Array[]) => tlv(0x31, concatBytes(...[...items].sort(compareBytes))),
  octetString: (bytes: Uint8Array) => tlv(0x04, bytes),
  null: () => tlv(0x05, new Uint8Array(0)),
  integer(value: number): Uint8Array<ArrayBuffer> {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError('der.integer takes a non-negative safe integer');
    const bytes: number[] = [];
    for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0);
    return tlv(0x02, new Uint8Array(bytes));
  },
  oid(dotted: string): Uint8Array<ArrayBuffer> {
    const arcs = dotted.split('.').map(Number);
    const bytes: number[] = [];
    const push = (n: number) => {
      const chunk = [n & 0x7f];
      for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
      bytes.push(...chunk);
    };
    push(arcs[0]! * 40 + arcs[1]!);
    for (const a of arcs.slice(2)) push(a);
    return tlv(0x06, new Uint8Array(bytes));
  },
  bmpString(text: string): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      out[i * 2] = text.charCodeAt(i) >> 8;
      out[i * 2 + 1] = text.charCodeAt(i) & 0xff;
    }
    return tlv(0x1e, out);
  },
  /** `[n] EXPLICIT` around one element. */
  explicit: (n: number, item: Uint8Array) => tlv(0xa0 | n, item),
  /** `[n] IMPLICIT` primitive contents. */
  implicitPrimitive: (n: number, contents: Uint8Array) => tlv(0x80 | n, contents),
  /** An AlgorithmIdentifier; `params` null → NULL, undefined → absent. */
  algorithm: (dotted: string, params?: Uint8Array | null) =>
    der.sequence(der.oid(dotted), ...(params === undefined ? [] : [params ?? der.null()])),
};

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
