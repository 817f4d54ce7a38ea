// Algorithm identifiers of X.509 and CMS (RFC 3279, RFC 4055, RFC 5480, RFC 5754) and the
// WebCrypto parameters they stand for: RSASSA-PKCS1-v1_5 and ECDSA on P-256/384/521, SHA-2.

import { type Asn1Node, der, oid, sequence } from './der';
import { ecdsaDerToP1363, ecdsaP1363ToDer } from './ecdsa-signature';
import { oids } from './oids';


type ShaName = 'SHA-256' | 'SHA-384' | 'SHA-512';

const digestByOid: Record<string, ShaName> = {
  [oids.sha256]: 'SHA-256',
  [oids.sha384]: 'SHA-384',
  [oids.sha512]: 'SHA-512',
};
const digestOidByName: Record<ShaName, string> = {
  'SHA-256': oids.sha256,
  'SHA-384': oids.sha384,
  'SHA-512': oids.sha512,
};
const rsaWithOid: Record<ShaName, string> = {
  'SHA-256': oids.sha256WithRSAEncryption,
  'SHA-384': oids.sha384WithRSAEncryption,
  'SHA-512': oids.sha512WithRSAEncryption,
};
const ecdsaWithOid: Record<ShaName, string> = {
  'SHA-256': oids.ecdsaWithSHA256,
  'SHA-384': oids.ecdsaWithSHA384,
  'SHA-512': oids.ecdsaWithSHA512,
};
const curves: Record<string, { namedCurve: string; size: number }> = {
  [oids.p256]: { namedCurve: 'P-256', size: 32 },
  [oids.p384]: { namedCurve: 'P-384', size: 48 },
  [oids.p521]: { namedCurve: 'P-521', size: 66 },
};

/** An AlgorithmIdentifier's OID and parameters (absent, NULL or anything). */
export function readAlgorithm(node: Asn1Node | undefined, what: string): { oid: string; params: Asn1Node | undefined } {
  const fields = sequence(node, what, 1);
  if (fields.length > 2) throw new TypeError(`${what}: AlgorithmIdentifier with extra fields`);
  return { oid: oid(fields[0], `${what} algorithm`), params: fields[1] };
}

/** The WebCrypto hash of a digest AlgorithmIdentifier; SHA-1 and MD5 are refused. */
export function digestName(digestOid: string): ShaName {
  const name = digestByOid[digestOid];
  if (!name) throw new TypeError(`digest algorithm ${digestOid} is not supported`);
  return name;
}

/** How a private key signs: the WebCrypto parameters, its hash and the identifiers to write. */
export interface SigningAlgorithm {
  hash: ShaName;
  /** DER AlgorithmIdentifier of the digest (with NULL parameters, as CMS writers do). */
  digestAlgorithm: Uint8Array;
  /** DER AlgorithmIdentifier for an X.509 / PKCS#10 signature: sha256WithRSAEncryption or ecdsa-with-SHA256. */
  x509Signature: Uint8Array;
  /** DER AlgorithmIdentifier for a CMS SignerInfo (RFC 3370 §3.2: rsaEncryption for RSA). */
  cmsSignature: Uint8Array;
  /** Makes the signature over `data` in the DER encoding X.509 and CMS carry. */
  sign(data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * The signing algorithm of a WebCrypto private key: RSASSA-PKCS1-v1_5 with the key's own hash,
 * or ECDSA with SHA-256 on any curve. Throws `TypeError` for other keys.
 */
export function signingAlgorithm(privateKey: CryptoKey): SigningAlgorithm {
  const name = privateKey?.algorithm?.name;
  if (name === 'RSASSA-PKCS1-v1_5') {
    const hash = (privateKey.algorithm as RsaHashedKeyAlgorithm).hash?.name as ShaName;
    if (!rsaWithOid[hash]) throw new TypeError(`RSA keys hashing with ${String(hash)} are not supported`);
    const params = { name };
    return {
      hash,
      digestAlgorithm: der.algorithm(digestOidByName[hash], null),
      x509Signature: der.algorithm(rsaWithOid[hash], null),
      cmsSignature: der.algorithm(oids.rsaEncryption, null),
      sign: async (data) => new Uint8Array(await crypto.subtle.sign(params, privateKey, data)),
    };
  }
  if (name === 'ECDSA') {
    const params = { name, hash: 'SHA-256' };
    return {
      hash: 'SHA-256',
      digestAlgorithm: der.algorithm(oids.sha256, null),
      x509Signature: der.algorithm(ecdsaWithOid['SHA-256']),
      cmsSignature: der.algorithm(ecdsaWithOid['SHA-256']),
      sign: async (data) => ecdsaP1363ToDer(new Uint8Array(await crypto.subtle.sign(params, privateKey, data))),
    };
  }
  throw new TypeError(`${String(name)} keys cannot sign here`);
}

/** What a SubjectPublicKeyInfo holds: RSA, or EC on a named curve we know. */
type PublicKeyKind = { kind: 'RSA' } | { kind: 'ECDSA'; namedCurve: string; size: number };

/** The key kind of a SubjectPublicKeyInfo node; `undefined` for algorithms we do not handle. */
function publicKeyKind(spki: Asn1Node): PublicKeyKind | undefined {
  const { oid: keyOid, params } = readAlgorithm(sequence(spki, 'SubjectPublicKeyInfo', 2)[0], 'SubjectPublicKeyInfo algorithm');
  if (keyOid === oids.rsaEncryption) return { kind: 'RSA' };
  if (keyOid === oids.ecPublicKey) {
    const curve = curves[oid(params, 'EC named curve')];
    return curve ? { kind: 'ECDSA', ...curve } : undefined;
  }
  return undefined;
}

/**
 * Verifies a DER-encoded signature made with `signatureOid` over `data` by the key of `spki`
 * (DER). `digestOid` names the hash where the signature algorithm does not (rsaEncryption,
 * ecPublicKey in CMS). Throws `TypeError` for algorithms other than RSASSA-PKCS1-v1_5 and ECDSA
 * with SHA-2.
 */
export async function verifySignature(
  spki: { node: Asn1Node; der: Uint8Array<ArrayBuffer> },
  signatureOid: string,
  digestOid: string,
  signature: Uint8Array,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const key = publicKeyKind(spki.node);
  const named = Object.entries(rsaWithOid).find(([, o]) => o === signatureOid)?.[0] as ShaName | undefined;
  const ecNamed = Object.entries(ecdsaWithOid).find(([, o]) => o === signatureOid)?.[0] as ShaName | undefined;
  if (key?.kind === 'RSA' && (named || signatureOid === oids.rsaEncryption)) {
    const hash = named ?? digestName(digestOid);
    const params = { name: 'RSASSA-PKCS1-v1_5', hash };
    const publicKey = await crypto.subtle.importKey('spki', spki.der, params, false, ['verify']);
    return crypto.subtle.verify(params, publicKey, signature.slice(), data);
  }
  if (key?.kind === 'ECDSA' && (ecNamed || signatureOid === oids.ecPublicKey)) {
    const hash = ecNamed ?? digestName(digestOid);
    const publicKey = await crypto.subtle.importKey('spki', spki.der, { name: 'ECDSA', namedCurve: key.namedCurve }, false, ['verify']);
    let raw: Uint8Array<ArrayBuffer>;
    try {
      raw = ecdsaDerToP1363(signature, key.size);
    } catch {
      return false; // a malformed ECDSA-Sig-Value is a signature that does not verify
    }
    return crypto.subtle.verify({ name: 'ECDSA', hash }, publicKey, raw, data);
  }
  throw new TypeError(`signature algorithm ${signatureOid} with this key is not supported`);
}
