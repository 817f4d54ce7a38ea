// RC2 (RFC 2268) in CBC mode with PKCS#7 padding, for pbeWithSHAAnd40BitRC2-CBC and
// pbeWithSHAAnd128BitRC2-CBC (RFC 7292 Appendix C): OpenSSL's `-legacy` PFX and older
// Windows exports encrypt their certificates with it. No maintained package provides RC2,
// and WebCrypto never did.
import { CertCenterError } from '../../errors';
import { cbcDecrypt, cbcDecryptSliced, cbcEncrypt, type BlockCipher } from './cbc';
import type { Sliced } from './work';

// RFC 2268 §2: PITABLE, a permutation of 0..255 derived from the digits of pi.
const PITABLE = Uint8Array.from([
  0xd9, 0x78, 0xf9, 0xc4, 0x19, 0xdd, 0xb5, 0xed, 0x28, 0xe9, 0xfd, 0x79, 0x4a, 0xa0, 0xd8, 0x9d,
  0xc6, 0x7e, 0x37, 0x83, 0x2b, 0x76, 0x53, 0x8e, 0x62, 0x4c, 0x64, 0x88, 0x44, 0x8b, 0xfb, 0xa2,
  0x17, 0x9a, 0x59, 0xf5, 0x87, 0xb3, 0x4f, 0x13, 0x61, 0x45, 0x6d, 0x8d, 0x09, 0x81, 0x7d, 0x32,
  0xbd, 0x8f, 0x40, 0xeb, 0x86, 0xb7, 0x7b, 0x0b, 0xf0, 0x95, 0x21, 0x22, 0x5c, 0x6b, 0x4e, 0x82,
  0x54, 0xd6, 0x65, 0x93, 0xce, 0x60, 0xb2, 0x1c, 0x73, 0x56, 0xc0, 0x14, 0xa7, 0x8c, 0xf1, 0xdc,
  0x12, 0x75, 0xca, 0x1f, 0x3b, 0xbe, 0xe4, 0xd1, 0x42, 0x3d, 0xd4, 0x30, 0xa3, 0x3c, 0xb6, 0x26,
  0x6f, 0xbf, 0x0e, 0xda, 0x46, 0x69, 0x07, 0x57, 0x27, 0xf2, 0x1d, 0x9b, 0xbc, 0x94, 0x43, 0x03,
  0xf8, 0x11, 0xc7, 0xf6, 0x90, 0xef, 0x3e, 0xe7, 0x06, 0xc3, 0xd5, 0x2f, 0xc8, 0x66, 0x1e, 0xd7,
  0x08, 0xe8, 0xea, 0xde, 0x80, 0x52, 0xee, 0xf7, 0x84, 0xaa, 0x72, 0xac, 0x35, 0x4d, 0x6a, 0x2a,
  0x96, 0x1a, 0xd2, 0x71, 0x5a, 0x15, 0x49, 0x74, 0x4b, 0x9f, 0xd0, 0x5e, 0x04, 0x18, 0xa4, 0xec,
  0xc2, 0xe0, 0x41, 0x6e, 0x0f, 0x51, 0xcb, 0xcc, 0x24, 0x91, 0xaf, 0x50, 0xa1, 0xf4, 0x70, 0x39,
  0x99, 0x7c, 0x3a, 0x85, 0x23, 0xb8, 0xb4, 0x7a, 0xfc, 0x02, 0x36, 0x5b, 0x25, 0x55, 0x97, 0x31,
  0x2d, 0x5d, 0xfa, 0x98, 0xe3, 0x8a, 0x92, 0xae, 0x05, 0xdf, 0x29, 0x10, 0x67, 0x6c, 0xba, 0xc9,
  0xd3, 0x00, 0xe6, 0xcf, 0xe1, 0x9e, 0xa8, 0x2c, 0x63, 0x16, 0x01, 0x3f, 0x58, 0xe2, 0x89, 0xa9,
  0x0d, 0x38, 0x34, 0x1b, 0xab, 0x33, 0xff, 0xb0, 0xbb, 0x48, 0x0c, 0x5f, 0xb9, 0xb1, 0xcd, 0x2e,
  0xc5, 0xf3, 0xdb, 0x47, 0xe5, 0xa5, 0x9c, 0x77, 0x0a, 0xa6, 0x20, 0x68, 0xfe, 0x7f, 0xc1, 0xad,
]);

/**
 * RFC 2268 §2 key expansion: 64 16-bit subkeys from a 1–128-byte key, with the effective key
 * length (1–1024 bits) bounding the search space — 40 for the export-grade PBE, 128 for
 * the strong one.
 */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128) throw invalid('the key must be 1 to 128 bytes');
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) {
    throw invalid('the effective key length must be 1 to 1024 bits');
  }
  const t = key.length;
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - effectiveBits);
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
  l[128 - t8] = PITABLE[l[128 - t8]! & tm]!;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
  return k;
}

/**
 * One RC2 block (RFC 2268 §3): 8 bytes from `input` at `inOff` to `output` at `outOff`
 * (the same buffer is fine). Exposed for the RFC's ECB test vectors.
 */
export function rc2EncryptBlock(k: Uint16Array, input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void {
  let r0 = input[inOff]! | (input[inOff + 1]! << 8);
  let r1 = input[inOff + 2]! | (input[inOff + 3]! << 8);
  let r2 = input[inOff + 4]! | (input[inOff + 5]! << 8);
  let r3 = input[inOff + 6]! | (input[inOff + 7]! << 8);
  let j = 0;
  for (let round = 0; round < 16; round++) {
    // MIX: R[i] += K[j] + (R[i-1] & R[i-2]) + (~R[i-1] & R[i-3]), then rotate left by 1, 2, 3, 5.
    r0 = (r0 + k[j++]! + (r3 & r2) + (~r3 & r1)) & 0xffff;
    r0 = ((r0 << 1) | (r0 >>> 15)) & 0xffff;
    r1 = (r1 + k[j++]! + (r0 & r3) + (~r0 & r2)) & 0xffff;
    r1 = ((r1 << 2) | (r1 >>> 14)) & 0xffff;
    r2 = (r2 + k[j++]! + (r1 & r0) + (~r1 & r3)) & 0xffff;
    r2 = ((r2 << 3) | (r2 >>> 13)) & 0xffff;
    r3 = (r3 + k[j++]! + (r2 & r1) + (~r2 & r0)) & 0xffff;
    r3 = ((r3 << 5) | (r3 >>> 11)) & 0xffff;
    // MASH after the 5th and 11th mixing rounds: R[i] += K[R[i-1] & 63].
    if (round === 4 || round === 10) {
      r0 = (r0 + k[r3 & 63]!) & 0xffff;
      r1 = (r1 + k[r0 & 63]!) & 0xffff;
      r2 = (r2 + k[r1 & 63]!) & 0xffff;
      r3 = (r3 + k[r2 & 63]!) & 0xffff;
    }
  }
  output[outOff] = r0; output[outOff + 1] = r0 >>> 8;
  output[outOff + 2] = r1; output[outOff + 3] = r1 >>> 8;
  output[outOff + 4] = r2; output[outOff + 5] = r2 >>> 8;
  output[outOff + 6] = r3; output[outOff + 7] = r3 >>> 8;
}

/** The inverse of {@link rc2EncryptBlock} (RFC 2268 §4). */
export function rc2DecryptBlock(k: Uint16Array, input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void {
  let r0 = input[inOff]! | (input[inOff + 1]! << 8);
  let r1 = input[inOff + 2]! | (input[inOff + 3]! << 8);
  let r2 = input[inOff + 4]! | (input[inOff + 5]! << 8);
  let r3 = input[inOff + 6]! | (input[inOff + 7]! << 8);
  let j = 63;
  for (let round = 15; round >= 0; round--) {
    // R-MIX: rotate right, then subtract what MIX added, words in reverse order.
    r3 = ((r3 >>> 5) | (r3 << 11)) & 0xffff;
    r3 = (r3 - k[j--]! - (r2 & r1) - (~r2 & r0)) & 0xffff;
    r2 = ((r2 >>> 3) | (r2 << 13)) & 0xffff;
    r2 = (r2 - k[j--]! - (r1 & r0) - (~r1 & r3)) & 0xffff;
    r1 = ((r1 >>> 2) | (r1 << 14)) & 0xffff;
    r1 = (r1 - k[j--]! - (r0 & r3) - (~r0 & r2)) & 0xffff;
    r0 = ((r0 >>> 1) | (r0 << 15)) & 0xffff;
    r0 = (r0 - k[j--]! - (r3 & r2) - (~r3 & r1)) & 0xffff;
    // R-MASH before the 11th and 5th mixing rounds, counted backwards.
    if (round === 11 || round === 5) {
      r3 = (r3 - k[r2 & 63]!) & 0xffff;
      r2 = (r2 - k[r1 & 63]!) & 0xffff;
      r1 = (r1 - k[r0 & 63]!) & 0xffff;
      r0 = (r0 - k[r3 & 63]!) & 0xffff;
    }
  }
  output[outOff] = r0; output[outOff + 1] = r0 >>> 8;
  output[outOff + 2] = r1; output[outOff + 3] = r1 >>> 8;
  output[outOff + 4] = r2; output[outOff + 5] = r2 >>> 8;
  output[outOff + 6] = r3; output[outOff + 7] = r3 >>> 8;
}

/**
 * RC2-CBC encryption with PKCS#7 padding. `key` is 1–128 bytes, `effectiveBits` 1–1024,
 * `iv` 8 bytes; anything else throws `INVALID_ARGUMENT`.
 * @example rc2CbcEncrypt(key5, 40, iv, plaintext) // pbeWithSHAAnd40BitRC2-CBC
 */
export function rc2CbcEncrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbcEncrypt(rc2Cipher(key, effectiveBits), iv, data, 'RC2-CBC');
}

/**
 * RC2-CBC decryption that checks and removes PKCS#7 padding. Bad padding — what a wrong
 * password produces — throws `PFX_BAD_PASSWORD`; a ciphertext that is not whole blocks
 * throws `PFX_MALFORMED`.
 */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbcDecrypt(rc2Cipher(key, effectiveBits), iv, data, 'RC2-CBC');
}

/** {@link rc2CbcDecrypt} in slices of 16 KiB (about a millisecond), for `runSliced`. */
export function rc2CbcDecryptSliced(key: Uint8Array, effectiveBits: number, iv: Uint8Array, data: Uint8Array): Sliced<Uint8Array> {
  return cbcDecryptSliced(rc2Cipher(key, effectiveBits), iv, data, 'RC2-CBC', 16 * 1024);
}

function rc2Cipher(key: Uint8Array, effectiveBits: number): BlockCipher {
  const k = rc2ExpandKey(key, effectiveBits);
  return {
    blockSize: 8,
    encryptBlock: (input, inOff, output, outOff) => rc2EncryptBlock(k, input, inOff, output, outOff),
    decryptBlock: (input, inOff, output, outOff) => rc2DecryptBlock(k, input, inOff, output, outOff),
  };
}

function invalid(message: string): CertCenterError {
  return new CertCenterError('INVALID_ARGUMENT', `RC2: ${message}`);
}
