// Triple DES (EDE) in CBC mode with PKCS#7 padding, for pbeWithSHAAnd3-KeyTripleDES-CBC and
// pbeWithSHAAnd2-KeyTripleDES-CBC (RFC 7292 Appendix C): the key bags of OpenSSL's
// `-legacy` PFX and of Windows before 1709. WebCrypto has no DES, so `des.js` does the
// block cipher and this module the key handling, padding and errors.
import des from 'des.js';
import { CertCenterError, isCertCenterError } from '../../errors';
import { checkCiphertext, checkIv, pkcs7Pad, pkcs7Unpad } from './cbc';
import { runSync, sliceUnits, type Sliced } from './work';

const NAME = '3DES-CBC';
let tripleDesCbc: ReturnType<typeof des.CBC.instantiate> | undefined; // built on first use: no work on import

/**
 * 3DES-CBC encryption with PKCS#7 padding. `key` is 24 bytes (K1 K2 K3) or 16 (two-key
 * K1 K2 K1); `iv` 8 bytes; anything else throws `INVALID_ARGUMENT`.
 * @example tripleDesCbcEncrypt(key24, iv, plaintext)
 */
export function tripleDesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const k = edeKey(key);
  checkIv(iv, NAME);
  return run('encrypt', k, iv, pkcs7Pad(data));
}

/**
 * 3DES-CBC decryption that checks and removes PKCS#7 padding: bad padding (a wrong
 * password) throws `PFX_BAD_PASSWORD`, a ciphertext that is not whole blocks `PFX_MALFORMED`.
 */
export function tripleDesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return runSync(tripleDesCbcDecryptSliced(key, iv, data));
}

/** des.js takes about 10 µs a block: {@link tripleDesCbcDecrypt} in slices of 1 KiB, for `runSliced`. */
export function* tripleDesCbcDecryptSliced(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Sliced<Uint8Array> {
  const k = edeKey(key);
  checkIv(iv, NAME);
  checkCiphertext(data, NAME);
  const sliceBytes = 1024;
  const out = new Uint8Array(data.length);
  let cipher: ReturnType<ReturnType<typeof des.CBC.instantiate>['create']>;
  try {
    tripleDesCbc ??= des.CBC.instantiate(des.EDE);
    cipher = tripleDesCbc.create({ type: 'decrypt', key: k, iv, padding: false });
  } catch (cause) {
    throw refused(cause);
  }
  // The cipher keeps its chaining block between updates (and holds one block back for final),
  // so the slices decrypt as one call would.
  let written = 0;
  try {
    for (let off = 0; off < data.length; off += sliceBytes) {
      if (off > 0) yield sliceUnits;
      const plain = cipher.update(data.subarray(off, off + sliceBytes));
      out.set(plain, written);
      written += plain.length;
    }
    out.set(cipher.final(), written);
  } catch (cause) {
    if (isCertCenterError(cause)) throw cause;
    throw refused(cause);
  }
  return pkcs7Unpad(out, NAME);
}

function refused(cause: unknown): CertCenterError {
  // des.js only throws on inputs checked above; keep its error as the cause all the same.
  return new CertCenterError('INVALID_ARGUMENT', `${NAME}: the cipher refused its input`, { cause });
}

function edeKey(key: Uint8Array): Uint8Array {
  if (key.length === 24) return key;
  if (key.length === 16) {
    // Two-key 3DES is three-key with K3 = K1 (RFC 7292 Appendix C, ANSI X9.52 keying option 2).
    const k = new Uint8Array(24);
    k.set(key);
    k.set(key.subarray(0, 8), 16);
    return k;
  }
  throw new CertCenterError('INVALID_ARGUMENT', `${NAME}: the key must be 16 or 24 bytes`);
}

function run(type: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  let out: number[];
  try {
    tripleDesCbc ??= des.CBC.instantiate(des.EDE);
    const cipher = tripleDesCbc.create({ type, key, iv, padding: false });
    out = cipher.update(data).concat(cipher.final());
  } catch (cause) {
    // des.js only throws on inputs checked above; keep its error as the cause all the same.
    throw new CertCenterError('INVALID_ARGUMENT', `${NAME}: the cipher refused its input`, { cause });
  }
  return Uint8Array.from(out);
}
