// Builds PKCS#12 files of any shape with the core's DER writer, at run time: honest ones other
// tools write, and hostile ones (huge iteration counts, long MACs, many parts). Browser-safe.
import { der } from '../../../../src/core/crypto/der';
import { aesCbcEncrypt } from '../../../../src/core/crypto/pkcs12/aes';
import { oids } from '../../../../src/core/crypto/oids';
import type { HashName } from '../../../../src/core/crypto/hash';
import { hmac } from '../../../../src/core/crypto/pkcs12/hmac';
import { encodePbes2Algorithm, pbes2Encrypt, pbes2Key, type Pbes2Params } from '../../../../src/core/crypto/pkcs12/pbes2';
import { bmpPassword, pkcs12Kdf } from '../../../../src/core/crypto/pkcs12/pkcs12-kdf';
import { pkcs12PbeEncrypt, pkcs12PbeOids } from '../../../../src/core/crypto/pkcs12/pkcs12-pbe';

const digestOid: Record<HashName, string> = {
  'SHA-1': oids.sha1,
  'SHA-224': oids.sha224,
  'SHA-256': oids.sha256,
  'SHA-384': oids.sha384,
  'SHA-512': oids.sha512,
};

const bagAttributes = (localKeyId?: Uint8Array) =>
  localKeyId ? [der.setOf(der.sequence(der.oid(oids.localKeyId), der.setOf(der.octetString(localKeyId))))] : [];

/** SafeBags. */
export const bag = {
  key: (pkcs8: Uint8Array, localKeyId?: Uint8Array) => der.sequence(der.oid(oids.keyBag), der.explicit(0, pkcs8), ...bagAttributes(localKeyId)),
  shroudedKey: (algorithm: Uint8Array, encrypted: Uint8Array, localKeyId?: Uint8Array) =>
    der.sequence(der.oid(oids.pkcs8ShroudedKeyBag), der.explicit(0, der.sequence(algorithm, der.octetString(encrypted))), ...bagAttributes(localKeyId)),
  cert: (certificateDer: Uint8Array, localKeyId?: Uint8Array) =>
    der.sequence(
      der.oid(oids.certBag),
      der.explicit(0, der.sequence(der.oid(oids.x509Certificate), der.explicit(0, der.octetString(certificateDer)))),
      ...bagAttributes(localKeyId),
    ),
};

/** SafeContents: a SEQUENCE of SafeBags. */
export const safeContents = (...bags: Uint8Array[]) => der.sequence(...bags);

/** An AuthenticatedSafe part in the clear. */
export const dataPart = (contents: Uint8Array) => der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(contents)));

/** An AuthenticatedSafe part encrypted with `algorithm` (an AlgorithmIdentifier's DER). */
export const encryptedPart = (algorithm: Uint8Array, encrypted: Uint8Array) =>
  der.sequence(
    der.oid(oids.encryptedData),
    der.explicit(0, der.sequence(der.integer(0), der.sequence(der.oid(oids.data), algorithm, der.implicitPrimitive(0, encrypted)))),
  );

/** An RFC 7292 Appendix C AlgorithmIdentifier. */
export const pbeAlgorithm = (oid: string, salt: Uint8Array, iterations: number) => der.algorithm(oid, der.sequence(der.octetString(salt), der.integer(iterations)));

export interface MacSpec {
  hash: HashName;
  iterations: number;
  salt?: Uint8Array;
  /** The password the MAC key comes from (BMP-encoded as RFC 7292 says). */
  password?: string;
  /** The MAC value to write instead of the right one (a hostile length, say). */
  value?: Uint8Array;
}

/** A PFX of these AuthenticatedSafe parts, with a MAC unless `mac` is undefined. */
export function pfx(parts: Uint8Array[], mac?: MacSpec): Uint8Array<ArrayBuffer> {
  const authSafe = der.sequence(...parts);
  const content = der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(authSafe)));
  if (!mac) return der.sequence(der.integer(3), content);
  const salt = mac.salt ?? new Uint8Array(8).fill(3);
  const value =
    mac.value ??
    hmac(mac.hash, pkcs12Kdf({ hash: mac.hash, password: bmpPassword(mac.password ?? ''), salt, id: 3, iterations: mac.iterations, length: hashLength(mac.hash) }), authSafe);
  return der.sequence(
    der.integer(3),
    content,
    der.sequence(der.sequence(der.algorithm(digestOid[mac.hash], null), der.octetString(value)), der.octetString(salt), der.integer(mac.iterations)),
  );
}

export function hashLength(hash: HashName): number {
  return { 'SHA-1': 20, 'SHA-224': 28, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash];
}

/** PBES2 parameters with fixed salt and IV (tests need no randomness). */
export function pbes2Params(change: Partial<Pbes2Params> = {}): Pbes2Params {
  return { prf: 'SHA-256', salt: new Uint8Array(16).fill(7), iterations: 2048, cipher: 'AES-256-CBC', iv: new Uint8Array(16).fill(9), ...change };
}

/** PBES2-encrypts `data` keyed with `secret` (a string is UTF-8): the AlgorithmIdentifier and the ciphertext. */
export async function pbes2Seal(params: Pbes2Params, secret: string | Uint8Array, data: Uint8Array): Promise<[Uint8Array, Uint8Array]> {
  const key = await pbes2Key(params, secret);
  // Chromium's WebCrypto has no AES-192: the core's own AES writes it there.
  const sealed = params.cipher === 'AES-192-CBC' ? aesCbcEncrypt(key, params.iv, data) : await pbes2Encrypt(params, key, data);
  return [encodePbes2Algorithm(params), sealed];
}

/** 3DES PKCS#12 PBE of `data`: the AlgorithmIdentifier and the ciphertext. */
export function pbeSeal(password: string, data: Uint8Array, iterations = 2048, oid: string = pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC): [Uint8Array, Uint8Array] {
  const salt = new Uint8Array(8).fill(5);
  return [pbeAlgorithm(oid, salt, iterations), pkcs12PbeEncrypt({ oid, password, salt, iterations, data })];
}
