// Byte, hex, base64 and PEM conversions used across the core. Pure and realm-neutral.

/** Any byte input the core accepts. */
export type BytesLike = ArrayBuffer | ArrayBufferView;

/** A fresh `Uint8Array` view of any byte input (no copy when already a view). */
export function toBytes(input: BytesLike): Uint8Array<ArrayBuffer> {
  if (input instanceof Uint8Array) return input as Uint8Array<ArrayBuffer>;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer as ArrayBuffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

/** True for an `ArrayBuffer` or typed array from any realm. */
export function isBytesLike(input: unknown): input is BytesLike {
  return input instanceof ArrayBuffer || ArrayBuffer.isView(input) ||
    Object.prototype.toString.call(input) === '[object ArrayBuffer]';
}

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

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** PEM armour with 64-column lines (RFC 7468). */
export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** Every PEM block of a text, in order, as `{ label, der }`. */
export function parsePemBlocks(text: string): Array<{ label: string; der: Uint8Array<ArrayBuffer> }> {
  const blocks: Array<{ label: string; der: Uint8Array<ArrayBuffer> }> = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new TypeError(`malformed PEM block ${m[1]}`);
    blocks.push({ label: m[1]!, der: fromBase64(body) });
  }
  return blocks;
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
}
