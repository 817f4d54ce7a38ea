// The password-based encryption schemes of RFC 7292 Appendix C: the key (id 1) and IV (id 2)
// come from the PKCS#12 KDF with SHA-1, the cipher is 3DES or RC2 in CBC mode. Old and weak,
// but OpenSSL's `-legacy`, macOS Keychain and Windows before 1709 write and read only these.
import { CertCenterError } from '../../errors';
import { bmpPassword, pkcs12KdfSliced } from './pkcs12-kdf';
import { runSync, type Sliced } from './work';
import { rc2CbcDecryptSliced, rc2CbcEncrypt } from './rc2';
import { tripleDesCbcDecryptSliced, tripleDesCbcEncrypt } from './triple-des';

/** Object identifiers of the RFC 7292 Appendix C schemes (under pkcs-12PbeIds, 1.2.840.113549.1.12.1). */
export const pkcs12PbeOids = {
  pbeWithSHAAnd128BitRC4: '1.2.840.113549.1.12.1.1',
  pbeWithSHAAnd40BitRC4: '1.2.840.113549.1.12.1.2',
  pbeWithSHAAnd3KeyTripleDESCBC: '1.2.840.113549.1.12.1.3',
  pbeWithSHAAnd2KeyTripleDESCBC: '1.2.840.113549.1.12.1.4',
  pbeWithSHAAnd128BitRC2CBC: '1.2.840.113549.1.12.1.5',
  pbeWithSHAAnd40BitRC2CBC: '1.2.840.113549.1.12.1.6',
} as const;

/** Parameters of {@link pkcs12PbeEncrypt} and {@link pkcs12PbeDecrypt}. */
export interface Pkcs12PbeParams {
  /** One of {@link pkcs12PbeOids}. */
  oid: string;
  /**
   * The password, or its bytes already BMP-encoded (see `bmpPassword`) — the latter lets a
   * reader try both encodings of the empty password that writers disagree on: `[0, 0]`
   * (RFC 7292 §B.1, OpenSSL) and no bytes at all (some older writers).
   */
  password: string | Uint8Array;
  salt: Uint8Array;
  iterations: number;
  data: Uint8Array;
}

interface Scheme {
  keyLength: number;
  encrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** Decryption in slices: a part may hold up to a megabyte of ciphertext. */
  decrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Sliced<Uint8Array>;
}

const schemes: Record<string, Scheme> = {
  [pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC]: { keyLength: 24, encrypt: tripleDesCbcEncrypt, decrypt: tripleDesCbcDecryptSliced },
  [pkcs12PbeOids.pbeWithSHAAnd2KeyTripleDESCBC]: { keyLength: 16, encrypt: tripleDesCbcEncrypt, decrypt: tripleDesCbcDecryptSliced },
  [pkcs12PbeOids.pbeWithSHAAnd128BitRC2CBC]: {
    keyLength: 16,
    encrypt: (key, iv, data) => rc2CbcEncrypt(key, 128, iv, data),
    decrypt: (key, iv, data) => rc2CbcDecryptSliced(key, 128, iv, data),
  },
  [pkcs12PbeOids.pbeWithSHAAnd40BitRC2CBC]: {
    keyLength: 5,
    encrypt: (key, iv, data) => rc2CbcEncrypt(key, 40, iv, data),
    decrypt: (key, iv, data) => rc2CbcDecryptSliced(key, 40, iv, data),
  },
};

/**
 * Encrypts with an RFC 7292 Appendix C scheme. RC4 schemes and unknown OIDs throw
 * `PFX_UNSUPPORTED_ALGORITHM`.
 * @example pkcs12PbeEncrypt({ oid: pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC, password, salt, iterations: 2048, data })
 */
export function pkcs12PbeEncrypt(p: Pkcs12PbeParams): Uint8Array {
  return runSync(pkcs12PbeEncryptSliced(p));
}

/**
 * Decrypts with an RFC 7292 Appendix C scheme. A wrong password shows as bad padding and
 * throws `PFX_BAD_PASSWORD` — except about once in 256 tries, when the garbage happens to
 * end in valid padding, so callers should treat unparseable plaintext the same way.
 * Ciphertext that is not whole blocks throws `PFX_MALFORMED`; RC4 schemes and unknown OIDs
 * `PFX_UNSUPPORTED_ALGORITHM`.
 */
export function pkcs12PbeDecrypt(p: Pkcs12PbeParams): Uint8Array {
  return runSync(pkcs12PbeDecryptSliced(p));
}

/** {@link pkcs12PbeEncrypt} with its three key derivations in slices, for `runSliced`. */
export function* pkcs12PbeEncryptSliced(p: Pkcs12PbeParams): Sliced<Uint8Array> {
  const { scheme, key, iv } = yield* derive(p);
  try {
    return scheme.encrypt(key, iv, p.data);
  } finally {
    key.fill(0);
  }
}

/** {@link pkcs12PbeDecrypt} with its three key derivations and the decryption in slices, for `runSliced`. */
export function* pkcs12PbeDecryptSliced(p: Pkcs12PbeParams): Sliced<Uint8Array> {
  const { scheme, key, iv } = yield* derive(p);
  try {
    return yield* scheme.decrypt(key, iv, p.data);
  } finally {
    key.fill(0);
  }
}

/** The key length of a supported scheme; RC4 and unknown OIDs throw `PFX_UNSUPPORTED_ALGORITHM`. */
export function pkcs12PbeKeyLength(oid: string): number {
  return schemeOf(oid).keyLength;
}

function schemeOf(oid: string): Scheme {
  const scheme = Object.hasOwn(schemes, oid) ? schemes[oid] : undefined;
  if (!scheme) {
    const rc4 = oid === pkcs12PbeOids.pbeWithSHAAnd128BitRC4 || oid === pkcs12PbeOids.pbeWithSHAAnd40BitRC4;
    throw new CertCenterError(
      'PFX_UNSUPPORTED_ALGORITHM',
      rc4 ? `PKCS#12 PBE: RC4 (${oid}) is not supported` : `PKCS#12 PBE: unknown scheme ${String(oid).slice(0, 64)}`,
    );
  }
  return scheme;
}

function* derive(p: Pkcs12PbeParams): Sliced<{ scheme: Scheme; key: Uint8Array; iv: Uint8Array }> {
  const scheme = schemeOf(p.oid);
  const password = typeof p.password === 'string' ? bmpPassword(p.password) : p.password;
  try {
    const common = { hash: 'SHA-1', password, salt: p.salt, iterations: p.iterations } as const;
    const key = yield* pkcs12KdfSliced({ ...common, id: 1, length: scheme.keyLength });
    const iv = yield* pkcs12KdfSliced({ ...common, id: 2, length: 8 });
    return { scheme, key, iv };
  } finally {
    if (password !== p.password) password.fill(0);
  }
}
