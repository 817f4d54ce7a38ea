// AES (FIPS-197) in CBC mode with PKCS#7 padding, for PBES2 files whose WebCrypto key import
// fails: Chromium has no AES-192 ("192-bit AES keys are not supported"), yet
// `openssl pkcs12 -export -certpbe AES-192-CBC` writes it. WebCrypto stays the first choice
// (pbes2.ts); this is the fallback. CBC and padding come from cbc.ts, as for RC2 and 3DES.
import { CertCenterError } from '../../errors';
import { cbcDecrypt, cbcDecryptSliced, cbcEncrypt, type BlockCipher } from './cbc';
import type { Sliced } from './work';

const BLOCK = 16;

/** An expanded AES key: encryption round keys and the equivalent inverse cipher's (FIPS-197 §5.3.5). */
export interface AesKey {
  readonly rounds: number;
  readonly encrypt: Uint32Array;
  readonly decrypt: Uint32Array;
}

interface Tables {
  sbox: Uint8Array;
  inv: Uint8Array;
  te: [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  td: [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
}

let tables: Tables | undefined; // built on first use: no work on import

/** GF(2^8) doubling modulo x^8 + x^4 + x^3 + x + 1 (FIPS-197 §4.2.1). */
const xtime = (b: number): number => ((b << 1) ^ (b & 0x80 ? 0x1b : 0)) & 0xff;

function buildTables(): Tables {
  // Powers of the generator 3 give log and antilog tables for the field inverse.
  const exp = new Uint8Array(256);
  const log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++, x ^= xtime(x)) {
    exp[i] = x;
    log[x] = i;
  }
  const mul = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : exp[(log[a]! + log[b]!) % 255]!);

  const sbox = new Uint8Array(256);
  const inv = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    // FIPS-197 §5.1.1: the multiplicative inverse, then the affine map with constant 0x63.
    const b = x === 0 ? 0 : exp[(255 - log[x]!) % 255]!;
    let s = b ^ 0x63;
    for (let r = 1; r <= 4; r++) s ^= ((b << r) | (b >>> (8 - r))) & 0xff;
    sbox[x] = s;
    inv[s] = x;
  }

  // Each round's SubBytes, ShiftRows and MixColumns as four lookups per column; columns are
  // big-endian words, row 0 in the top byte.
  const te = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as Tables['te'];
  const td = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as Tables['td'];
  for (let x = 0; x < 256; x++) {
    const s = sbox[x]!;
    const e = ((mul(s, 2) << 24) | (s << 16) | (s << 8) | mul(s, 3)) >>> 0;
    const i = inv[x]!;
    const d = ((mul(i, 14) << 24) | (mul(i, 9) << 16) | (mul(i, 13) << 8) | mul(i, 11)) >>> 0;
    for (let t = 0; t < 4; t++) {
      te[t]![x] = t === 0 ? e : ((e >>> (8 * t)) | (e << (32 - 8 * t))) >>> 0;
      td[t]![x] = t === 0 ? d : ((d >>> (8 * t)) | (d << (32 - 8 * t))) >>> 0;
    }
  }
  return { sbox, inv, te, td };
}

/**
 * FIPS-197 §5.2 key expansion for a 16-, 24- or 32-byte key (10, 12 or 14 rounds); any
 * other length throws `INVALID_ARGUMENT`.
 */
export function aesExpandKey(key: Uint8Array): AesKey {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new CertCenterError('INVALID_ARGUMENT', 'AES: the key must be 16, 24 or 32 bytes');
  }
  const { sbox, td } = (tables ??= buildTables());
  const nk = key.length / 4;
  const rounds = nk + 6;
  const words = 4 * (rounds + 1);
  const enc = new Uint32Array(words);
  for (let i = 0; i < nk; i++) {
    enc[i] = ((key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!) >>> 0;
  }
  const subWord = (w: number): number =>
    ((sbox[w >>> 24]! << 24) | (sbox[(w >>> 16) & 0xff]! << 16) | (sbox[(w >>> 8) & 0xff]! << 8) | sbox[w & 0xff]!) >>> 0;
  for (let i = nk, rcon = 1; i < words; i++) {
    let t = enc[i - 1]!;
    if (i % nk === 0) {
      t = (subWord(((t << 8) | (t >>> 24)) >>> 0) ^ (rcon << 24)) >>> 0;
      rcon = xtime(rcon);
    } else if (nk > 6 && i % nk === 4) {
      t = subWord(t);
    }
    enc[i] = (enc[i - nk]! ^ t) >>> 0;
  }

  // The equivalent inverse cipher takes the round keys in reverse order, InvMixColumns applied
  // to all but the first and last. td[] includes InvSubBytes, so the S-box first cancels it.
  const dec = new Uint32Array(words);
  for (let r = 0; r <= rounds; r++) {
    for (let c = 0; c < 4; c++) {
      const w = enc[4 * (rounds - r) + c]!;
      dec[4 * r + c] = r === 0 || r === rounds
        ? w
        : (td[0][sbox[w >>> 24]!]! ^ td[1][sbox[(w >>> 16) & 0xff]!]! ^ td[2][sbox[(w >>> 8) & 0xff]!]! ^ td[3][sbox[w & 0xff]!]!) >>> 0;
    }
  }
  return { rounds, encrypt: enc, decrypt: dec };
}

/**
 * One AES block (FIPS-197 §5.1): 16 bytes from `input` at `inOff` to `output` at `outOff`
 * (the same buffer is fine). Exposed for the FIPS-197 Appendix C vectors.
 */
export function aesEncryptBlock(k: AesKey, input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void {
  const { sbox, te } = (tables ??= buildTables());
  const [t0, t1, t2, t3] = te;
  const rk = k.encrypt;
  let s0 = readWord(input, inOff) ^ rk[0]!;
  let s1 = readWord(input, inOff + 4) ^ rk[1]!;
  let s2 = readWord(input, inOff + 8) ^ rk[2]!;
  let s3 = readWord(input, inOff + 12) ^ rk[3]!;
  let j = 4;
  for (let round = 1; round < k.rounds; round++, j += 4) {
    const a0 = t0[s0 >>> 24]! ^ t1[(s1 >>> 16) & 0xff]! ^ t2[(s2 >>> 8) & 0xff]! ^ t3[s3 & 0xff]! ^ rk[j]!;
    const a1 = t0[s1 >>> 24]! ^ t1[(s2 >>> 16) & 0xff]! ^ t2[(s3 >>> 8) & 0xff]! ^ t3[s0 & 0xff]! ^ rk[j + 1]!;
    const a2 = t0[s2 >>> 24]! ^ t1[(s3 >>> 16) & 0xff]! ^ t2[(s0 >>> 8) & 0xff]! ^ t3[s1 & 0xff]! ^ rk[j + 2]!;
    const a3 = t0[s3 >>> 24]! ^ t1[(s0 >>> 16) & 0xff]! ^ t2[(s1 >>> 8) & 0xff]! ^ t3[s2 & 0xff]! ^ rk[j + 3]!;
    s0 = a0; s1 = a1; s2 = a2; s3 = a3;
  }
  // The last round has no MixColumns: SubBytes and ShiftRows alone.
  writeWord(output, outOff, lastRound(sbox, s0, s1, s2, s3) ^ rk[j]!);
  writeWord(output, outOff + 4, lastRound(sbox, s1, s2, s3, s0) ^ rk[j + 1]!);
  writeWord(output, outOff + 8, lastRound(sbox, s2, s3, s0, s1) ^ rk[j + 2]!);
  writeWord(output, outOff + 12, lastRound(sbox, s3, s0, s1, s2) ^ rk[j + 3]!);
}

/** The inverse of {@link aesEncryptBlock} (FIPS-197 §5.3.5, the equivalent inverse cipher). */
export function aesDecryptBlock(k: AesKey, input: Uint8Array, inOff: number, output: Uint8Array, outOff: number): void {
  const { inv, td } = (tables ??= buildTables());
  const [t0, t1, t2, t3] = td;
  const rk = k.decrypt;
  let s0 = readWord(input, inOff) ^ rk[0]!;
  let s1 = readWord(input, inOff + 4) ^ rk[1]!;
  let s2 = readWord(input, inOff + 8) ^ rk[2]!;
  let s3 = readWord(input, inOff + 12) ^ rk[3]!;
  let j = 4;
  for (let round = 1; round < k.rounds; round++, j += 4) {
    const a0 = t0[s0 >>> 24]! ^ t1[(s3 >>> 16) & 0xff]! ^ t2[(s2 >>> 8) & 0xff]! ^ t3[s1 & 0xff]! ^ rk[j]!;
    const a1 = t0[s1 >>> 24]! ^ t1[(s0 >>> 16) & 0xff]! ^ t2[(s3 >>> 8) & 0xff]! ^ t3[s2 & 0xff]! ^ rk[j + 1]!;
    const a2 = t0[s2 >>> 24]! ^ t1[(s1 >>> 16) & 0xff]! ^ t2[(s0 >>> 8) & 0xff]! ^ t3[s3 & 0xff]! ^ rk[j + 2]!;
    const a3 = t0[s3 >>> 24]! ^ t1[(s2 >>> 16) & 0xff]! ^ t2[(s1 >>> 8) & 0xff]! ^ t3[s0 & 0xff]! ^ rk[j + 3]!;
    s0 = a0; s1 = a1; s2 = a2; s3 = a3;
  }
  writeWord(output, outOff, lastRound(inv, s0, s3, s2, s1) ^ rk[j]!);
  writeWord(output, outOff + 4, lastRound(inv, s1, s0, s3, s2) ^ rk[j + 1]!);
  writeWord(output, outOff + 8, lastRound(inv, s2, s1, s0, s3) ^ rk[j + 2]!);
  writeWord(output, outOff + 12, lastRound(inv, s3, s2, s1, s0) ^ rk[j + 3]!);
}

/**
 * AES-CBC encryption with PKCS#7 padding. `key` is 16, 24 or 32 bytes and `iv` 16; anything
 * else throws `INVALID_ARGUMENT`.
 * @example aesCbcEncrypt(key24, iv, plaintext) // what `openssl enc -aes-192-cbc` writes
 */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbcEncrypt(aesCipher(key), iv, data, `AES-${key.length * 8}-CBC`);
}

/**
 * AES-CBC decryption that checks and removes PKCS#7 padding (RFC 5652 §6.3). Bad padding —
 * what a wrong password produces — throws `PFX_BAD_PASSWORD`; a ciphertext that is not whole
 * 16-byte blocks throws `PFX_MALFORMED`; a bad key or IV length `INVALID_ARGUMENT`.
 */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbcDecrypt(aesCipher(key), iv, data, `AES-${key.length * 8}-CBC`);
}

/** {@link aesCbcDecrypt} in slices of 16 KiB (about a millisecond), for `runSliced`. */
export function aesCbcDecryptSliced(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Sliced<Uint8Array> {
  return cbcDecryptSliced(aesCipher(key), iv, data, `AES-${key.length * 8}-CBC`, 16 * 1024);
}

function aesCipher(key: Uint8Array): BlockCipher {
  const k = aesExpandKey(key);
  return {
    blockSize: BLOCK,
    encryptBlock: (input, inOff, output, outOff) => aesEncryptBlock(k, input, inOff, output, outOff),
    decryptBlock: (input, inOff, output, outOff) => aesDecryptBlock(k, input, inOff, output, outOff),
  };
}

function readWord(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

function writeWord(b: Uint8Array, off: number, w: number): void {
  b[off] = w >>> 24;
  b[off + 1] = w >>> 16;
  b[off + 2] = w >>> 8;
  b[off + 3] = w;
}

/** One output column of the last round: row r's byte taken from the r-th word given, through `box`. */
function lastRound(box: Uint8Array, a: number, b: number, c: number, d: number): number {
  return ((box[a >>> 24]! << 24) | (box[(b >>> 16) & 0xff]! << 16) | (box[(c >>> 8) & 0xff]! << 8) | box[d & 0xff]!) >>> 0;
}
