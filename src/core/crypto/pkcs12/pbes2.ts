// PBES2 (RFC 8018 §6.2) with PBKDF2: what OpenSSL 3 and Windows 10 1709+ write. PBKDF2 runs in
// native WebCrypto; JavaScript only where WebCrypto refuses (SHA-224, some empty passwords).
import { CertCenterError } from '../../errors';
import { toArrayBuffer, utf8 } from '../bytes';
import { der, oid, octetString, sequence, smallInteger, type Asn1Node } from '../der';
import { aesCbcDecryptSliced } from './aes';
import type { HashName } from '../hash';
import { pbkdf2Sliced } from './hmac';
import { hashUnits, pbkdf2Units, runSliced, type WorkContext } from './work';
import { oids } from '../oids';
import { tripleDesCbcDecryptSliced } from './triple-des';

export type Pbes2Cipher = 'AES-128-CBC' | 'AES-192-CBC' | 'AES-256-CBC' | 'DES-EDE3-CBC';

export interface Pbes2Params {
  prf: HashName;
  salt: Uint8Array;
  iterations: number;
  cipher: Pbes2Cipher;
  iv: Uint8Array;
}

const prfByOid: Record<string, HashName> = {
  [oids.hmacWithSHA1]: 'SHA-1',
  [oids.hmacWithSHA224]: 'SHA-224',
  [oids.hmacWithSHA256]: 'SHA-256',
  [oids.hmacWithSHA384]: 'SHA-384',
  [oids.hmacWithSHA512]: 'SHA-512',
};
const prfOid: Record<HashName, string> = Object.fromEntries(Object.entries(prfByOid).map(([k, v]) => [v, k])) as Record<HashName, string>;

const cipherByOid: Record<string, { cipher: Pbes2Cipher; keyLength: number; ivLength: number }> = {
  [oids.aes128Cbc]: { cipher: 'AES-128-CBC', keyLength: 16, ivLength: 16 },
  [oids.aes192Cbc]: { cipher: 'AES-192-CBC', keyLength: 24, ivLength: 16 },
  [oids.aes256Cbc]: { cipher: 'AES-256-CBC', keyLength: 32, ivLength: 16 },
  [oids.desEde3Cbc]: { cipher: 'DES-EDE3-CBC', keyLength: 24, ivLength: 8 },
};
const cipherInfo = (cipher: Pbes2Cipher) => Object.entries(cipherByOid).find(([, v]) => v.cipher === cipher)!;

/** Reads PBES2-params; unknown KDFs, PRFs or ciphers are `PFX_UNSUPPORTED_ALGORITHM`. */
export function parsePbes2Params(params: Asn1Node | undefined, maxIterations: number): Pbes2Params {
  const [kdf, scheme] = sequence(params, 'PBES2-params', 2);
  const [kdfOid, kdfParams] = sequence(kdf, 'keyDerivationFunc', 1);
  const kdfId = oid(kdfOid, 'keyDerivationFunc');
  if (kdfId !== oids.pbkdf2) unsupported(`key derivation ${kdfId}`);
  const fields = sequence(kdfParams, 'PBKDF2-params', 2);
  const salt = octetString(fields[0], 'PBKDF2 salt');
  const iterations = smallInteger(fields[1], 'PBKDF2 iterationCount');
  let prf: HashName = 'SHA-1';
  let keyLength: number | undefined;
  for (const field of fields.slice(2)) {
    if (field.tag === 2 && field.cls === 0) keyLength = smallInteger(field, 'PBKDF2 keyLength');
    else {
      const prfId = oid(sequence(field, 'PBKDF2 prf', 1)[0], 'PBKDF2 prf');
      const name = prfByOid[prfId];
      if (!name) unsupported(`PBKDF2 PRF ${prfId}`);
      prf = name;
    }
  }
  checkIterations(iterations, maxIterations);
  const [schemeOid, schemeIv] = sequence(scheme, 'encryptionScheme', 1);
  const schemeId = oid(schemeOid, 'encryptionScheme');
  const info = cipherByOid[schemeId];
  if (!info) unsupported(`cipher ${schemeId}`);
  if (keyLength !== undefined && keyLength !== info.keyLength) throw new TypeError('PBKDF2 keyLength does not fit the cipher');
  const iv = octetString(schemeIv, 'cipher IV');
  if (iv.length !== info.ivLength) throw new TypeError('cipher IV of the wrong length');
  return { prf, salt, iterations, cipher: info.cipher, iv };
}

/** The DER AlgorithmIdentifier of PBES2 with these parameters. */
export function encodePbes2Algorithm(p: Pbes2Params): Uint8Array {
  const [cipherOid] = cipherInfo(p.cipher);
  return der.algorithm(
    oids.pbes2,
    der.sequence(
      der.algorithm(oids.pbkdf2, der.sequence(der.octetString(p.salt), der.integer(p.iterations), der.algorithm(prfOid[p.prf], null))),
      der.algorithm(cipherOid, der.octetString(p.iv)),
    ),
  );
}

/**
 * Derives the cipher key: native PBKDF2, started at once so callers can overlap other work, or
 * sliced JavaScript where WebCrypto cannot (SHA-224, an empty password some engines refuse),
 * which yields between slices and stops on `context.signal`. The password is UTF-8 (RFC 8018,
 * OpenSSL, Windows); bytes may be given for the other encodings some writers used.
 */
export async function pbes2Key(p: Pbes2Params, password: string | Uint8Array, context: WorkContext = {}): Promise<Uint8Array> {
  const [, info] = cipherInfo(p.cipher);
  const secret = typeof password === 'string' ? utf8(password) : password;
  const native = p.prf !== 'SHA-224';
  context.meter?.derivation?.({ kind: 'pbes2', hash: p.prf, iterations: p.iterations, units: pbes2Units(p, secret), engine: native ? 'native' : 'js' });
  if (native) {
    try {
      const material = await crypto.subtle.importKey('raw', toArrayBuffer(secret), 'PBKDF2', false, ['deriveBits']);
      const bits = await crypto.subtle.deriveBits(
        { name: 'PBKDF2', hash: p.prf, salt: toArrayBuffer(p.salt), iterations: p.iterations },
        material,
        info.keyLength * 8,
      );
      return new Uint8Array(bits);
    } catch (error) {
      // Some engines refuse an empty PBKDF2 password; anything else is a real failure.
      if (secret.length !== 0) throw error;
    }
  }
  return runSliced(pbkdf2Sliced(p.prf, secret, p.salt, p.iterations, info.keyLength), context);
}

/**
 * Budget units of deriving this key from `secret` (see work.ts), priced as JavaScript where it
 * may run there: WebCrypto has no PBKDF2 with SHA-224, and some engines refuse an empty password.
 */
export function pbes2Units(p: Pbes2Params, secret: Uint8Array): number {
  const [, info] = cipherInfo(p.cipher);
  const engine = p.prf === 'SHA-224' || secret.length === 0 ? 'js' : 'native';
  return pbkdf2Units(p.prf, p.iterations, info.keyLength, engine) + hashUnits(p.prf, p.salt.length + secret.length);
}

/** Decrypts with a derived key; a padding failure (the usual sign of a wrong password) is `PFX_BAD_PASSWORD`. */
export async function pbes2Decrypt(p: Pbes2Params, key: Uint8Array, data: Uint8Array, context: WorkContext = {}): Promise<Uint8Array> {
  if (p.cipher === 'DES-EDE3-CBC') return runSliced(tripleDesCbcDecryptSliced(key, p.iv, data), context);
  if (data.length === 0 || data.length % 16 !== 0) throw new TypeError('encrypted content is not whole AES blocks');
  let aesKey: CryptoKey;
  try {
    aesKey = await crypto.subtle.importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['decrypt']);
  } catch {
    // Chromium's WebCrypto has no AES-192 ("192-bit AES keys are not supported"): decrypt in JavaScript.
    return runSliced(aesCbcDecryptSliced(key, p.iv, data), context);
  }
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: toArrayBuffer(p.iv) }, aesKey, toArrayBuffer(data)));
  } catch (error) {
    throw new CertCenterError('PFX_BAD_PASSWORD', 'PKCS#12: decryption failed (wrong password)', { cause: error });
  }
}

export async function pbes2Encrypt(p: Pbes2Params, key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (p.cipher === 'DES-EDE3-CBC') throw new CertCenterError('UNSUPPORTED_ALGORITHM', 'PBES2 with 3DES is read, not written');
  const aesKey = await crypto.subtle.importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['encrypt']);
  return new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: toArrayBuffer(p.iv) }, aesKey, toArrayBuffer(data)));
}

export function checkIterations(iterations: number, max: number): void {
  if (iterations < 1) throw new TypeError('iteration count below 1');
  if (iterations > max) {
    throw new CertCenterError('PFX_TOO_COSTLY', `PKCS#12: iteration count ${iterations} is above the limit of ${max}`);
  }
}

function unsupported(what: string): never {
  throw new CertCenterError('PFX_UNSUPPORTED_ALGORITHM', `PKCS#12: ${what} is not supported`);
}

