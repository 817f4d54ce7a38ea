// CBC mode and PKCS#7 padding (RFC 5652 §6.3) over a block cipher of any block size, shared by
// the PKCS#12 ciphers written here (RC2 and 3DES with 8-byte blocks, AES with 16).
import { CertCenterError } from '../../errors';
import { runSync, sliceUnits, type Sliced } from './work';

/** A block cipher with its key already expanded. */
export interface BlockCipher {
  /** Bytes per block: 8 for RC2 and 3DES, 16 for AES. */
  blockSize: number;
  encryptBlock(input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void;
  decryptBlock(input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void;
}

/** `data` followed by 1–`blockSize` bytes of PKCS#7 padding. */
export function pkcs7Pad(data: Uint8Array, blockSize = 8): Uint8Array {
  const pad = blockSize - (data.length % blockSize);
  const out = new Uint8Array(data.length + pad);
  out.set(data);
  out.fill(pad, data.length);
  return out;
}

/**
 * `data` without its PKCS#7 padding. Invalid padding is what a wrong password produces, so
 * it throws `PFX_BAD_PASSWORD`; the message never shows the bytes.
 */
export function pkcs7Unpad(data: Uint8Array, cipher: string, blockSize = 8): Uint8Array {
  const pad = data.length === 0 ? 0 : data[data.length - 1]!;
  let ok = pad >= 1 && pad <= blockSize && pad <= data.length;
  for (let i = 2; ok && i <= pad; i++) ok = data[data.length - i] === pad;
  if (!ok) throw new CertCenterError('PFX_BAD_PASSWORD', `${cipher} decryption: the padding is wrong (wrong password?)`);
  return data.slice(0, data.length - pad);
}

/** Throws `INVALID_ARGUMENT` unless the IV is one block. */
export function checkIv(iv: Uint8Array, cipher: string, blockSize = 8): void {
  if (iv.length !== blockSize) throw new CertCenterError('INVALID_ARGUMENT', `${cipher}: the IV must be ${blockSize} bytes`);
}

/** Throws `PFX_MALFORMED` unless `data` is one or more whole blocks. */
export function checkCiphertext(data: Uint8Array, cipher: string, blockSize = 8): void {
  if (data.length === 0 || data.length % blockSize !== 0) {
    throw new CertCenterError('PFX_MALFORMED', `${cipher} decryption: the ciphertext is not a whole number of ${blockSize}-byte blocks`);
  }
}

/** CBC encryption of `data` after PKCS#7 padding. */
export function cbcEncrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array, name: string): Uint8Array {
  const size = cipher.blockSize;
  checkIv(iv, name, size);
  const out = pkcs7Pad(data, size);
  let prev = iv;
  let prevOff = 0;
  for (let off = 0; off < out.length; off += size) {
    for (let i = 0; i < size; i++) out[off + i]! ^= prev[prevOff + i]!;
    cipher.encryptBlock(out, off, out, off);
    prev = out;
    prevOff = off;
  }
  return out;
}

/** CBC decryption of `data`, checking and removing the PKCS#7 padding. */
export function cbcDecrypt(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array, name: string): Uint8Array {
  return runSync(cbcDecryptSliced(cipher, iv, data, name, Infinity));
}

/**
 * {@link cbcDecrypt} that pauses after every `bytesPerSlice` bytes while more remain, for
 * `runSliced`: a file may hold up to a megabyte of ciphertext for the JavaScript ciphers.
 */
export function* cbcDecryptSliced(cipher: BlockCipher, iv: Uint8Array, data: Uint8Array, name: string, bytesPerSlice: number): Sliced<Uint8Array> {
  const size = cipher.blockSize;
  checkIv(iv, name, size);
  checkCiphertext(data, name, size);
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += size) {
    if (off > 0 && off % bytesPerSlice === 0) yield sliceUnits;
    cipher.decryptBlock(data, off, out, off);
    const prev = off === 0 ? iv : data;
    const prevOff = off === 0 ? 0 : off - size;
    for (let i = 0; i < size; i++) out[off + i]! ^= prev[prevOff + i]!;
  }
  return pkcs7Unpad(out, name, size);
}
