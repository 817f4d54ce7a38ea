// CBC mode and PKCS#7 padding (RFC 5652 §6.3) over an 8-byte block cipher, shared by the
// legacy PKCS#12 ciphers.
import { CertCenterError } from '../../errors';

/** An 8-byte block cipher with its key already expanded. */
export interface BlockCipher {
  encryptBlock(input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void;
  decryptBlock(input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void;
}

const BLOCK = 8;

/** `data` followed by 1–8 bytes of PKCS#7 padding. */
export function pkcs7Pad(data: Uint8Array): Uint8Array {
  const pad = BLOCK - (data.length % BLOCK);
  const out = new Uint8Array(data.length + pad);
  out.set(data);
  out.fill(pad, data.length);
  return out;
}

/**
 * `data` without its PKCS#7 padding. Invalid padding is what a wrong password produces, so
 * it throws `PFX_BAD_PASSWORD`; the message never shows the bytes.
 */
export function pkcs7Unpad(data: Uint8Array, cipher: string): Uint8Array {
  const pad = data.length === 0 ? 0 : data[data.length - 1]!;
  let ok = pad >= 1 && pad <= BLOCK && pad <= data.length;
  for (let i = 2; ok && i <= pad; i++) ok = data[data.length - i] === pad;
  if (!ok) throw new CertCenterError('PFX_BAD_PASSWORD', `${cipher} decryption: the padding is wrong (wrong password?)`);
  return data.slice(0, data.length - pad);
}

/** Checks the IV and the ciphertext length shared by both directions. */
export function checkIv(iv: Uint8Array, cipher: string): void {
  if (iv.length !== BLOCK) throw new CertCenterError('INVALID_ARGUMENT', `${cipher}: the IV must be ${BLOCK} bytes`);
}

/** Throws `PFX_MALFORMED` unless `data` is one or more whole blocks. */
export function checkCiphertext(data: Uint8Array, cipher: string): void {
  if (data.length === 0 || data.length % BLOCK !== 0) {
    throw new CertCenterError('PFX_MALFORMED', `${cipher} decryption: the ciphertext is not a whole number of ${BLOCK}-byte blocks`);
  }
}

/** CBC encryption of `data` after PKCS#7 padding. */
export function cbcEncrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array, name: string): Uint8Array {
  checkIv(iv, name);
  const out = pkcs7Pad(data);
  let prev = iv;
  let prevOff = 0;
  for (let off = 0; off < out.length; off += BLOCK) {
    for (let i = 0; i < BLOCK; i++) out[off + i]! ^= prev[prevOff + i]!;
    cipher.encryptBlock(out, off, out, off);
    prev = out;
    prevOff = off;
  }
  return out;
}

/** CBC decryption of `data`, checking and removing the PKCS#7 padding. */
export function cbcDecrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array, name: string): Uint8Array {
  checkIv(iv, name);
  checkCiphertext(data, name);
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += BLOCK) {
    cipher.decryptBlock(data, off, out, off);
    const prev = off === 0 ? iv : data;
    const prevOff = off === 0 ? 0 : off - BLOCK;
    for (let i = 0; i < BLOCK; i++) out[off + i]! ^= prev[prevOff + i]!;
  }
  return pkcs7Unpad(out, name);
}
