// Reads a PKCS#12 file (RFC 7292) from any tool a customer may bring: ours, OpenSSL 3 default
// and -legacy, Windows (AES-256/SHA-256 and 3DES/RC2-40), macOS and Firefox.
import { CertCenterError, guard, isAbortError, isCertCenterError } from '../../errors';
import { bytesEqual, isBytesLike, toArrayBuffer, toBytes, type BytesLike } from '../bytes';
import { parseCertificate, type CertificateInfo } from '../certificate';
import {
  decodeBmpString, explicit, oid, octetString, parseBer, sequence, setOf, smallInteger, Tag, type Asn1Node,
} from '../der';
import type { HashName } from './hash';
import { hmac } from './hmac';
import { oids } from '../oids';
import { checkIterations, parsePbes2Params, pbes2Decrypt, pbes2Key, type Pbes2Params } from './pbes2';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf';
import { pkcs12PbeDecrypt } from './pkcs12-pbe';
import { optionsArgument, signalArgument } from '../../arguments';

/** Files larger than this are refused before parsing: a backup is a few kilobytes. */
export const maxPkcs12Bytes = 1024 * 1024;
/** Iteration counts above this are refused before deriving anything, so a hostile file cannot hang the page. */
export const maxPkcs12Iterations = 2_000_000;

export interface ImportPkcs12Options {
  /** Whether the imported private key may be exported again (default `true`: backups). */
  extractable?: boolean;
  signal?: AbortSignal;
}

export interface ImportedPkcs12 {
  privateKey: CryptoKey;
  /** The end-entity certificate whose public key matches the private key. */
  certificate: CertificateInfo;
  /** The other certificates of the file, issuer first after the end-entity one where they link. */
  chain: CertificateInfo[];
  friendlyName?: string;
  /** `mac` when the file's integrity MAC verified; `none` when the file had none. */
  integrity: 'mac' | 'none';
}

interface Bag {
  kind: 'key' | 'cert';
  /** PKCS#8 or certificate DER; empty while `encrypted` waits for its password. */
  value: Uint8Array;
  encrypted?: EncryptedPart | undefined;
  friendlyName?: string;
  localKeyId?: Uint8Array;
}

interface EncryptedPart {
  algorithm: Asn1Node;
  data: Uint8Array;
}

const macHashByOid: Record<string, HashName> = {
  [oids.sha1]: 'SHA-1',
  [oids.sha224]: 'SHA-224',
  [oids.sha256]: 'SHA-256',
  [oids.sha384]: 'SHA-384',
  [oids.sha512]: 'SHA-512',
};

/**
 * Opens a PKCS#12 backup with its password: the private key (as a WebCrypto key that signs with
 * its certificate's algorithm family), the matching certificate and the rest of the chain.
 * @throws CertCenterError `PFX_MALFORMED`, `PFX_TOO_LARGE`, `PFX_BAD_PASSWORD`,
 *   `PFX_UNSUPPORTED_ALGORITHM`, `KEY_MISMATCH`; `INVALID_ARGUMENT` for arguments of the wrong
 *   kind or a detached buffer; `ABORTED`.
 */
export function importPkcs12(data: BytesLike, password: string, options?: ImportPkcs12Options | null): Promise<ImportedPkcs12> {
  return guard('INVALID_ARGUMENT', 'importPkcs12: the arguments could not be read', () => importFile(data, password, optionsArgument(options, 'importPkcs12')));
}

async function importFile(data: BytesLike, password: string, options: ImportPkcs12Options): Promise<ImportedPkcs12> {
  if (!isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'importPkcs12: data must be bytes');
  if (typeof password !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'importPkcs12: password must be a string');
  // Each option is read once, here: `open` gets the checked values.
  const { extractable } = options;
  if (extractable !== undefined && typeof extractable !== 'boolean') {
    throw new CertCenterError('INVALID_ARGUMENT', 'importPkcs12: extractable must be true or false');
  }
  const signal = signalArgument(options.signal, 'importPkcs12');
  const checked: ImportPkcs12Options = { ...(extractable === undefined ? {} : { extractable }), ...(signal ? { signal } : {}) };
  const bytes = toBytes(data, 'importPkcs12');
  if (bytes.length > maxPkcs12Bytes) {
    throw new CertCenterError('PFX_TOO_LARGE', `importPkcs12: ${bytes.length} bytes is larger than a backup can be (${maxPkcs12Bytes})`);
  }
  try {
    return await open(bytes, password, checked);
  } catch (error) {
    if (isCertCenterError(error)) throw error;
    if (isAbortError(error)) {
      throw new CertCenterError('ABORTED', 'importPkcs12 was aborted', { cause: error });
    }
    throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: not a well-formed PKCS#12 file', { cause: error });
  }
}

async function open(bytes: Uint8Array, password: string, options: ImportPkcs12Options): Promise<ImportedPkcs12> {
  const signal = options.signal;
  if (bytes.length < 16) throw new TypeError('too short for a PKCS#12 file');
  const [version, authSafe, macData] = sequence(parseBer(bytes), 'PFX', 2);
  if (smallInteger(version, 'PFX version') !== 3) throw new TypeError('PFX version is not 3');
  const [contentType, content] = sequence(authSafe, 'authSafe ContentInfo', 1);
  const authType = oid(contentType, 'authSafe contentType');
  if (authType === oids.signedData) unsupported('public-key integrity mode (SignedData)');
  if (authType !== oids.data) throw new TypeError('authSafe is not data');
  const authSafeBytes = octetString(explicit(content, 0, 'authSafe content'), 'authSafe content');

  // Collect the encrypted parts first so their (native) key derivation can start at once.
  const plainBags: Bag[] = [];
  const encrypted: EncryptedPart[] = [];
  for (const info of sequence(parseBer(authSafeBytes), 'AuthenticatedSafe')) {
    const [type, body] = sequence(info, 'ContentInfo', 1);
    const kind = oid(type, 'ContentInfo contentType');
    if (kind === oids.data) {
      readSafeContents(octetString(explicit(body, 0, 'data'), 'data'), plainBags, 0);
    } else if (kind === oids.encryptedData) {
      const [, encryptedContentInfo] = sequence(explicit(body, 0, 'EncryptedData'), 'EncryptedData', 2);
      const [, algorithm, contentNode] = sequence(encryptedContentInfo, 'EncryptedContentInfo', 2);
      if (!contentNode) continue; // an empty encrypted part carries nothing
      encrypted.push({ algorithm: algorithm!, data: octetString(contentNode, 'encryptedContent', 2, 0) });
    } else if (kind === oids.envelopedData) {
      unsupported('public-key privacy mode (EnvelopedData)');
    } else {
      throw new TypeError(`unknown ContentInfo type ${kind}`);
    }
  }
  const shrouded = plainBags.filter((b): b is Bag & { encrypted: EncryptedPart } => b.encrypted !== undefined);

  const candidates = passwordCandidates(password);
  let integrity: 'mac' | 'none' = 'none';
  let secret = candidates[0]!;
  // Native PBKDF2 runs in the background while the MAC key derivation (JavaScript) runs here.
  const parts = [...encrypted, ...shrouded.map((b) => b.encrypted)];
  const derivations = parts.map((part) => startDerivation(part, password));
  if (macData) {
    await nextTask();
    const verified = verifyMac(macData, authSafeBytes, candidates);
    if (!verified) {
      await Promise.allSettled(derivations);
      throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the password does not open this file');
    }
    integrity = 'mac';
    secret = verified;
  }
  signal?.throwIfAborted();

  const decrypted = await Promise.all(
    parts.map(async (part, i) => {
      const derivation = await derivations[i]!;
      try {
        return await decryptPart(part, derivation, secret);
      } catch (error) {
        // The MAC proved the password right, yet PBES2 did not decrypt: the writer fed PBKDF2
        // another encoding of it (UTF-16 as for the MAC, seen in some older writers).
        if (integrity !== 'mac' || derivation.kind !== 'pbes2' || !isCertCenterError(error) || error.code !== 'PFX_BAD_PASSWORD') throw error;
        return decryptWithOtherEncodings(part, derivation.params, password, error);
      }
    }),
  );
  const bags = plainBags.filter((b) => b.encrypted === undefined);
  try {
    for (const [i, plain] of decrypted.entries()) {
      if (i < encrypted.length) readSafeContents(plain, bags, 0);
      else bags.push({ ...shrouded[i - encrypted.length]!, kind: 'key', value: plain, encrypted: undefined });
    }
  } catch (error) {
    // Without a MAC, a wrong password can decrypt to garbage that still has valid padding.
    if (integrity === 'none' && !isCertCenterError(error)) {
      throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the content did not decrypt (wrong password)', { cause: error });
    }
    throw error;
  }
  signal?.throwIfAborted();
  return { ...(await assemble(bags, options)), integrity };
}

function passwordCandidates(password: string): Uint8Array[] {
  // RFC 7292 says an empty password is two zero bytes; some tools use no bytes at all.
  return password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
}

function verifyMac(macData: Asn1Node, authSafe: Uint8Array, candidates: Uint8Array[]): Uint8Array | undefined {
  const [digestInfo, saltNode, iterationsNode] = sequence(macData, 'MacData', 2);
  const [algorithm, expected] = sequence(digestInfo, 'DigestInfo', 2);
  const hashOid = oid(sequence(algorithm, 'digestAlgorithm', 1)[0], 'digestAlgorithm');
  if (hashOid === oids.pbmac1) unsupported('PBMAC1 integrity');
  const hash = macHashByOid[hashOid];
  if (!hash) unsupported(`MAC digest ${hashOid}`);
  const mac = octetString(expected, 'MAC digest');
  const salt = octetString(saltNode, 'MAC salt');
  const iterations = iterationsNode ? smallInteger(iterationsNode, 'MAC iterations') : 1;
  checkIterations(iterations, maxPkcs12Iterations);
  for (const candidate of candidates) {
    const key = pkcs12Kdf({ hash, password: candidate, salt, id: 3, iterations, length: mac.length });
    if (bytesEqual(hmac(hash, key, authSafe), mac)) return candidate;
  }
  return undefined;
}

type Derivation = { kind: 'pbes2'; params: Pbes2Params; key: Uint8Array } | { kind: 'pkcs12-pbe'; oid: string; salt: Uint8Array; iterations: number };

/** Parses the algorithm and, for PBES2, starts the native key derivation. */
function startDerivation(part: EncryptedPart, password: string): Promise<Derivation> {
  try {
    const [algOid, params] = sequence(part.algorithm, 'AlgorithmIdentifier', 1);
    const id = oid(algOid, 'encryption algorithm');
    if (id === oids.pbes2) {
      const p = parsePbes2Params(params, maxPkcs12Iterations);
      const key = pbes2Key(p, password).then((k) => ({ kind: 'pbes2' as const, params: p, key: k }));
      key.catch(() => undefined);
      return key;
    }
    const [salt, iterations] = sequence(params, 'pkcs-12PbeParams', 2);
    const count = smallInteger(iterations, 'PBE iterations');
    checkIterations(count, maxPkcs12Iterations);
    return Promise.resolve({ kind: 'pkcs12-pbe', oid: id, salt: octetString(salt, 'PBE salt'), iterations: count });
  } catch (error) {
    const failed = Promise.reject(error);
    failed.catch(() => undefined);
    return failed;
  }
}

async function decryptPart(part: EncryptedPart, derivation: Derivation, secret: Uint8Array): Promise<Uint8Array> {
  if (derivation.kind === 'pbes2') return pbes2Decrypt(derivation.params, derivation.key, part.data);
  return pkcs12PbeDecrypt({ oid: derivation.oid, password: secret, salt: derivation.salt, iterations: derivation.iterations, data: part.data });
}

async function decryptWithOtherEncodings(part: EncryptedPart, params: Pbes2Params, password: string, first: CertCenterError): Promise<Uint8Array> {
  const bmp = bmpPassword(password);
  for (const secret of [bmp.subarray(0, bmp.length - 2), bmp]) {
    try {
      return await pbes2Decrypt(params, await pbes2Key(params, secret), part.data);
    } catch {
      // try the next encoding
    }
  }
  throw first;
}

function readSafeContents(bytes: Uint8Array, bags: Bag[], depth: number): void {
  if (depth > 4) throw new TypeError('SafeContents nested too deeply');
  for (const safeBag of sequence(parseBer(bytes), 'SafeContents')) {
    const [idNode, valueNode, attributes] = sequence(safeBag, 'SafeBag', 2);
    const id = oid(idNode, 'bagId');
    const value = explicit(valueNode, 0, 'bagValue');
    const attrs = readAttributes(attributes);
    if (id === oids.keyBag) bags.push({ kind: 'key', value: value.raw, ...attrs });
    else if (id === oids.pkcs8ShroudedKeyBag) {
      const [algorithm, data] = sequence(value, 'EncryptedPrivateKeyInfo', 2);
      bags.push({ kind: 'key', value: new Uint8Array(0), encrypted: { algorithm: algorithm!, data: octetString(data, 'encryptedData') }, ...attrs });
    } else if (id === oids.certBag) {
      const [certId, certValue] = sequence(value, 'CertBag', 2);
      if (oid(certId, 'certId') !== oids.x509Certificate) continue; // SDSI certificates: not ours to read
      bags.push({ kind: 'cert', value: octetString(explicit(certValue, 0, 'certValue'), 'certValue'), ...attrs });
    } else if (id === oids.safeContentsBag) {
      readSafeContents(value.raw, bags, depth + 1);
    }
    // CRL and secret bags are not needed by the center.
  }
}

function readAttributes(node: Asn1Node | undefined): { friendlyName?: string; localKeyId?: Uint8Array } {
  const out: { friendlyName?: string; localKeyId?: Uint8Array } = {};
  if (!node) return out;
  for (const attribute of setOf(node, 'bagAttributes')) {
    const [type, values] = sequence(attribute, 'Attribute', 2);
    const id = oid(type, 'attribute type');
    const first = setOf(values, 'attribute values')[0];
    if (!first) continue;
    if (id === oids.friendlyName && first.tag === Tag.BMP_STRING) out.friendlyName = decodeBmpString(first.value);
    if (id === oids.localKeyId && first.tag === Tag.OCTET_STRING) out.localKeyId = first.value;
  }
  return out;
}

async function assemble(bags: Bag[], options: ImportPkcs12Options): Promise<Omit<ImportedPkcs12, 'integrity'>> {
  const keyBags = bags.filter((b) => b.kind !== 'cert');
  const certBags = bags.filter((b) => b.kind === 'cert');
  if (keyBags.length === 0) throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: the file holds no private key');
  if (certBags.length === 0) throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: the file holds no certificate');
  const certificates = certBags.map((bag) => ({ bag, info: parseCertificate(bag.value) }));

  for (const keyBag of keyBags) {
    const pkcs8 = keyBag.value;
    const key = await readPrivateKey(pkcs8);
    const matching: typeof certificates = [];
    for (const c of certificates) if (await publicKeyEquals(key.publicJwk, c.info)) matching.push(c);
    if (matching.length === 0) continue;
    // Several certificates for one key (a renewal kept the key): prefer the bag's localKeyId, then the newest.
    matching.sort((a, b) => {
      const am = keyBag.localKeyId && a.bag.localKeyId && bytesEqual(a.bag.localKeyId, keyBag.localKeyId) ? 1 : 0;
      const bm = keyBag.localKeyId && b.bag.localKeyId && bytesEqual(b.bag.localKeyId, keyBag.localKeyId) ? 1 : 0;
      return bm - am || b.info.notAfter.getTime() - a.info.notAfter.getTime();
    });
    const leaf = matching[0]!;
    const privateKey = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), key.params, options.extractable ?? true, ['sign']);
    const friendlyName = keyBag.friendlyName ?? leaf.bag.friendlyName;
    return {
      privateKey,
      certificate: leaf.info,
      chain: orderChain(leaf.info, certificates.filter((c) => c !== leaf).map((c) => c.info)),
      ...(friendlyName === undefined ? {} : { friendlyName }),
    };
  }
  throw new CertCenterError('KEY_MISMATCH', 'importPkcs12: no certificate in the file matches its private key');
}

interface ReadKey {
  params: RsaHashedImportParams | EcKeyImportParams;
  publicJwk: JsonWebKey;
}

/** Reads a PKCS#8 PrivateKeyInfo: the WebCrypto parameters for it and its public half. */
async function readPrivateKey(pkcs8: Uint8Array): Promise<ReadKey> {
  let algorithmId: string;
  let curve: string | undefined;
  try {
    const [, algorithm] = sequence(parseBer(pkcs8), 'PrivateKeyInfo', 3);
    const [algOid, params] = sequence(algorithm, 'privateKeyAlgorithm', 1);
    algorithmId = oid(algOid, 'privateKeyAlgorithm');
    if (algorithmId === oids.ecPublicKey) curve = oid(params, 'EC named curve');
  } catch (error) {
    throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the private key did not decrypt (wrong password)', { cause: error });
  }
  let params: RsaHashedImportParams | EcKeyImportParams;
  if (algorithmId === oids.rsaEncryption) params = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  else if (algorithmId === oids.ecPublicKey) {
    const namedCurve = curve === oids.p256 ? 'P-256' : curve === oids.p384 ? 'P-384' : curve === oids.p521 ? 'P-521' : undefined;
    if (!namedCurve) unsupported(`EC curve ${curve}`);
    params = { name: 'ECDSA', namedCurve };
  } else unsupported(`private key algorithm ${algorithmId}`);
  let jwk: JsonWebKey;
  try {
    const extractable = await crypto.subtle.importKey('pkcs8', toArrayBuffer(pkcs8), params, true, ['sign']);
    jwk = await crypto.subtle.exportKey('jwk', extractable);
  } catch (error) {
    throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: the private key is not valid', { cause: error });
  }
  const publicJwk: JsonWebKey = params.name === 'ECDSA' ? { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y } : { kty: 'RSA', n: jwk.n, e: jwk.e };
  return { params, publicJwk };
}

const spkiJwkCache = new WeakMap<CertificateInfo, Promise<JsonWebKey | undefined>>();

async function publicKeyEquals(publicJwk: JsonWebKey, certificate: CertificateInfo): Promise<boolean> {
  const jwk = await certificateJwk(certificate);
  if (!jwk || jwk.kty !== publicJwk.kty) return false;
  return jwk.kty === 'EC' ? jwk.crv === publicJwk.crv && jwk.x === publicJwk.x && jwk.y === publicJwk.y : jwk.n === publicJwk.n && jwk.e === publicJwk.e;
}

function certificateJwk(certificate: CertificateInfo): Promise<JsonWebKey | undefined> {
  let cached = spkiJwkCache.get(certificate);
  if (!cached) {
    const params: RsaHashedImportParams | EcKeyImportParams =
      certificate.keyAlgorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: curveOfSpki(certificate.subjectPublicKeyInfo) };
    cached = crypto.subtle
      .importKey('spki', toArrayBuffer(certificate.subjectPublicKeyInfo), params, true, ['verify'])
      .then((key) => crypto.subtle.exportKey('jwk', key))
      .catch(() => undefined);
    spkiJwkCache.set(certificate, cached);
  }
  return cached;
}

function curveOfSpki(spki: Uint8Array): string {
  try {
    const [algorithm] = sequence(parseBer(spki), 'SubjectPublicKeyInfo', 2);
    const curve = oid(sequence(algorithm, 'algorithm', 2)[1], 'curve');
    return curve === oids.p384 ? 'P-384' : curve === oids.p521 ? 'P-521' : 'P-256';
  } catch {
    return 'P-256';
  }
}

/** Issuer after subject where the certificates link, the unlinked ones after. */
function orderChain(leaf: CertificateInfo, others: CertificateInfo[]): CertificateInfo[] {
  const rest = [...others];
  const ordered: CertificateInfo[] = [];
  let current = leaf;
  for (;;) {
    const i = rest.findIndex((c) => c.subject === current.issuer && c !== current);
    if (i < 0 || current.subject === current.issuer) break;
    current = rest.splice(i, 1)[0]!;
    ordered.push(current);
  }
  return [...ordered, ...rest];
}

function unsupported(what: string): never {
  throw new CertCenterError('PFX_UNSUPPORTED_ALGORITHM', `importPkcs12: ${what} is not supported`);
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
