// Byte, hex, base64 and PEM conversions used across the core, and the argument checks the
// public functions share. Pure and realm-neutral.

import { CertCenterError } from '../errors';

/** Any byte input the core accepts. */
export type BytesLike = ArrayBuffer | ArrayBufferView;

// The intrinsic getters check the internal slots, so they work across realms and refuse
// impostors (`Symbol.toStringTag` or a borrowed prototype makes no ArrayBuffer).
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'function' ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')?.get : undefined;

function hasSlot(getter: (() => unknown) | undefined, value: unknown): boolean {
  if (!getter || typeof value !== 'object' || value === null) return false;
  try {
    getter.call(value);
    return true;
  } catch {
    return false;
  }
}

/** True for an `ArrayBuffer`, `SharedArrayBuffer`, typed array or `DataView` from any realm. */
export function isBytesLike(input: unknown): input is BytesLike {
  return ArrayBuffer.isView(input) || hasSlot(arrayBufferByteLength, input) || hasSlot(sharedArrayBufferByteLength, input);
}

/**
 * A `Uint8Array` view of any byte input (no copy, except of shared memory).
 * @throws CertCenterError `INVALID_ARGUMENT` for anything else, or for a detached buffer (one
 *   transferred to a worker), whose bytes are gone.
 */
export function toBytes(input: BytesLike, operation = 'toBytes'): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array;
  try {
    // Read through the intrinsic getters: a view's own properties may have been redefined.
    // Constructing the view is what notices a detached buffer (its getters just answer 0).
    if (ArrayBuffer.isView(input)) {
      const get = hasSlot(typedArrayGetters.buffer, input) ? typedArrayGetters : dataViewGetters;
      bytes = new Uint8Array(get.buffer.call(input) as ArrayBuffer, get.byteOffset.call(input) as number, get.byteLength.call(input) as number);
    } else if (hasSlot(arrayBufferByteLength, input) || hasSlot(sharedArrayBufferByteLength, input)) {
      bytes = new Uint8Array(input);
    } else {
      throw new TypeError('not an ArrayBuffer or a view of one');
    }
  } catch (error) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: expected readable bytes (an ArrayBuffer or a view of one, not detached)`, { cause: error });
  }
  // Shared memory may change while it is parsed, and WebCrypto refuses it: take a copy.
  return (hasSlot(arrayBufferByteLength, bytes.buffer) ? bytes : bytes.slice()) as Uint8Array<ArrayBuffer>;
}

const intrinsicGetters = (prototype: object) => {
  const get = (name: string) => Object.getOwnPropertyDescriptor(prototype, name)!.get!;
  return { buffer: get('buffer'), byteOffset: get('byteOffset'), byteLength: get('byteLength') };
};
const typedArrayGetters = intrinsicGetters(Object.getPrototypeOf(Uint8Array.prototype) as object);
const dataViewGetters = intrinsicGetters(DataView.prototype);

/** An `ArrayBuffer` holding exactly these bytes (WebCrypto and asn1js want one). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const hexDigits = '0123456789ABCDEF';

/** Upper-case hex, as the contract writes serial numbers. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hexDigits[b >> 4]! + hexDigits[b & 15]!;
  return s;
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64.replace(/[\s]/g, ''));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** PEM armour with 64-column lines (RFC 7468). */
export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** The longest text {@link parsePemBlocks} reads: a certificate chain is a few kilobytes. */
export const maxPemTextLength = 1024 * 1024;

/** Longest label read after `-----BEGIN `; RFC 7468 labels are a few words. */
const maxPemLabelLength = 64;

const isLabelChar = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x20;

/**
 * Every PEM block of a text, in order, as `{ label, der }` (RFC 7468): a block runs from
 * `-----BEGIN L-----` to the first `-----END L-----` after it; text between blocks is
 * ignored, and so is a BEGIN without its END (scanning stops there). One pass with `indexOf`,
 * linear in the text, so hostile text costs no more than its length.
 * @throws TypeError for text over {@link maxPemTextLength} or a block whose body is not
 *   base64; callers turn it into their own malformed-input code.
 */
export function parsePemBlocks(text: string): Array<{ label: string; der: Uint8Array<ArrayBuffer> }> {
  if (text.length > maxPemTextLength) throw new TypeError(`PEM text of ${text.length} characters is over ${maxPemTextLength}`);
  const blocks: Array<{ label: string; der: Uint8Array<ArrayBuffer> }> = [];
  const begin = '-----BEGIN ';
  for (let at = text.indexOf(begin); at >= 0; ) {
    const labelStart = at + begin.length;
    let labelEnd = labelStart;
    while (labelEnd < text.length && labelEnd - labelStart <= maxPemLabelLength && isLabelChar(text.charCodeAt(labelEnd))) labelEnd++;
    if (labelEnd === labelStart || labelEnd - labelStart > maxPemLabelLength || !text.startsWith('-----', labelEnd)) {
      // Not a BEGIN line: look for the next one after this marker.
      at = text.indexOf(begin, labelStart);
      continue;
    }
    const label = text.slice(labelStart, labelEnd);
    const bodyStart = labelEnd + 5;
    const end = `-----END ${label}-----`;
    const bodyEnd = text.indexOf(end, bodyStart);
    if (bodyEnd < 0) break;
    const body = text.slice(bodyStart, bodyEnd).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new TypeError(`malformed PEM block ${label}`);
    blocks.push({ label, der: fromBase64(body) });
    at = text.indexOf(begin, bodyEnd + end.length);
  }
  return blocks;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}
