// X.509 distinguished names (RFC 5280 §4.1.2.4): read as `CN=…, O=…` in encoding order, and
// written one attribute per RDN for certificate requests.

import { toHex } from './bytes';
import { type Asn1Node, Tag, decodeBmpString, der, oid, sequence, setOf } from './der';

/** Short names of the attribute types we print; others print as their dotted OID. */
const attributeNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'E',
};

export const nameOids = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  emailAddress: '1.2.840.113549.1.9.1',
} as const;

/** One AttributeTypeAndValue: its type and, for a string type, the text. */
export interface NameAttribute {
  type: string;
  /** The decoded text, or `undefined` when the value is not a character string. */
  text: string | undefined;
  /** The value's whole encoding. */
  raw: Uint8Array;
}

/** Every attribute of a Name in encoding order, multi-valued RDNs flattened. */
export function readName(node: Asn1Node | undefined, what: string): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of sequence(node, what)) {
    const attributes = setOf(rdn, `${what} RDN`);
    if (attributes.length === 0) throw new TypeError(`${what}: empty RDN`);
    for (const atv of attributes) {
      const [type, value] = sequence(atv, `${what} attribute`, 2);
      if (atv.children.length !== 2) throw new TypeError(`${what}: attribute with extra fields`);
      out.push({ type: oid(type, `${what} attribute type`), text: decodeString(value!), raw: value!.raw });
    }
  }
  return out;
}

/** `CN=A123456789, O=…`: special characters backslash-escaped, non-strings as hex. */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes
    .map((a) => `${attributeNames[a.type] ?? a.type}=${(a.text ?? toHex(a.raw)).replace(/([,+"\\<>;])/g, '\\$1')}`)
    .join(', ');
}

/** A DER Name with one RDN per attribute, in the given order; values are whole encodings. */
export function writeName(attributes: ReadonlyArray<readonly [type: string, value: Uint8Array]>): Uint8Array<ArrayBuffer> {
  return der.sequence(...attributes.map(([type, value]) => der.setOf(der.sequence(der.oid(type), value))));
}

/** The character string types of X.520 names, by universal tag. */
const latin1Tags: ReadonlySet<number> = new Set([
  18, // NumericString
  Tag.PRINTABLE_STRING,
  20, // TeletexString (T61String): bytes as Latin-1, as OpenSSL and asn1js read it
  21, // VideotexString
  Tag.IA5_STRING,
  25, // GraphicString
  26, // VisibleString
  27, // GeneralString
]);
const universalString = 28;
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeString(node: Asn1Node): string | undefined {
  if (node.cls !== 0 || node.constructed) return undefined;
  const v = node.value;
  if (node.tag === Tag.UTF8_STRING) {
    try {
      return utf8Decoder.decode(v);
    } catch {
      return latin1(v); // not UTF-8 after all: keep the bytes visible rather than fail
    }
  }
  if (latin1Tags.has(node.tag)) return latin1(v);
  if (node.tag === Tag.BMP_STRING) {
    if (v.length % 2 !== 0) throw new TypeError('BMPString of odd length');
    return decodeBmpString(v);
  }
  if (node.tag === universalString) {
    if (v.length % 4 !== 0) throw new TypeError('UniversalString length not a multiple of 4');
    let s = '';
    for (let i = 0; i < v.length; i += 4) {
      const cp = ((v[i]! << 24) | (v[i + 1]! << 16) | (v[i + 2]! << 8) | v[i + 3]!) >>> 0;
      s += String.fromCodePoint(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    }
    return s;
  }
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x2000) s += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return s;
}
