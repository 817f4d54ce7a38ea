// Reads a PKCS#12 file (RFC 7292) from any tool a customer may bring: ours, OpenSSL 3 default
// and -legacy, Windows (AES-256/SHA-256 and 3DES/RC2-40), macOS, Firefox, Java and BouncyCastle.
import { CertCenterError, guard, isAbortError, isCertCenterError, throwIfAborted } from '../../errors';
import { bytesEqual, isBytesLike, toArrayBuffer, toBytes, utf8, type BytesLike } from '../bytes';
import { parseCertificate, type CertificateInfo } from '../certificate';
import {
  decodeBmpString, explicit, oid, octetString, parseBer, sequence, setOf, smallInteger, Tag, type Asn1Node,
} from '../der';
import { hashInfo, type HashName } from '../hash';
import { hmac } from './hmac';
import { oids } from '../oids';
import { checkIterations, parsePbes2Params, pbes2Decrypt, pbes2Key, pbes2Units, type Pbes2Params } from './pbes2';
import { bmpPassword, pkcs12KdfSliced } from './pkcs12-kdf';
import { pkcs12PbeDecryptSliced, pkcs12PbeKeyLength } from './pkcs12-pbe';
import { hashUnits, pkcs12KdfUnits, runSliced, WorkBudget, type WorkContext, type WorkMeter } from './work';
import { optionsArgument, signalArgument } from '../../arguments';
import { maxPkcs12Bytes, maxPkcs12Iterations, maxPkcs12Work } from '../pkcs12-limits';

export { maxPkcs12Bytes, maxPkcs12Iterations, maxPkcs12Work } from '../pkcs12-limits';

/** ContentInfos of the AuthenticatedSafe a file may have (backups have one to three); more is `PFX_TOO_LARGE`. */
export const maxPkcs12Parts = 16;
/** SafeBags a file may hold in all, nested and encrypted ones included; more is `PFX_TOO_LARGE`. */
export const maxPkcs12Bags = 64;

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
  /**
   * Certificates of the file with a key algorithm the center does not read (an Ed25519, DSA
   * or RSA-PSS CA in the chain), kept as DER in file order.
   */
  otherCertificates: Uint8Array[];
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
 * The work is bounded whatever the file: the MAC is verified before any decryption starts, the
 * whole file's key derivations are priced first ({@link maxPkcs12Work}), and the JavaScript ones
 * run in slices of a few milliseconds that yield to the event loop and stop on abort.
 * @throws CertCenterError `PFX_MALFORMED`, `PFX_TOO_LARGE`, `PFX_TOO_COSTLY`, `PFX_BAD_PASSWORD`,
 *   `PFX_UNSUPPORTED_ALGORITHM`, `KEY_MISMATCH`; `INVALID_ARGUMENT` for arguments of the wrong
 *   kind or a detached buffer; `ABORTED`.
 */
export function importPkcs12(data: BytesLike, password: string, options?: ImportPkcs12Options | null): Promise<ImportedPkcs12> {
  return importPkcs12WithMeter(data, password, options, undefined);
}

/** {@link importPkcs12} with a meter that counts its key derivations and slices (tests). Internal. */
export function importPkcs12WithMeter(
  data: BytesLike,
  password: string,
  options: ImportPkcs12Options | null | undefined,
  meter: WorkMeter | undefined,
): Promise<ImportedPkcs12> {
  return guard('INVALID_ARGUMENT', 'importPkcs12: the arguments could not be read', () =>
    importFile(data, password, optionsArgument(options, 'importPkcs12'), meter),
  );
}

async function importFile(data: BytesLike, password: string, options: ImportPkcs12Options, meter: WorkMeter | undefined): Promise<ImportedPkcs12> {
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
    return await open(bytes, password, checked, { signal, meter });
  } catch (error) {
    if (isCertCenterError(error)) throw error;
    if (isAbortError(error)) {
      throw new CertCenterError('ABORTED', 'importPkcs12 was aborted', { cause: error });
    }
    throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: not a well-formed PKCS#12 file', { cause: error });
  }
}

async function open(bytes: Uint8Array, password: string, options: ImportPkcs12Options, context: WorkContext): Promise<ImportedPkcs12> {
  const signal = options.signal;
  if (bytes.length < 16) throw new TypeError('too short for a PKCS#12 file');
  // Some Windows and .NET exports pad the file after the PFX: read the one element, ignore the rest.
  const [version, authSafe, macData] = sequence(parseBer(firstElement(bytes)), 'PFX', 2);
  if (smallInteger(version, 'PFX version') !== 3) throw new TypeError('PFX version is not 3');
  const [contentType, content] = sequence(authSafe, 'authSafe ContentInfo', 1);
  const authType = oid(contentType, 'authSafe contentType');
  if (authType === oids.signedData) unsupported('public-key integrity mode (SignedData)');
  if (authType !== oids.data) throw new TypeError('authSafe is not data');
  const authSafeBytes = octetString(explicit(content, 0, 'authSafe content'), 'authSafe content');

  const infos = sequence(parseBer(authSafeBytes), 'AuthenticatedSafe');
  if (infos.length > maxPkcs12Parts) {
    throw new CertCenterError('PFX_TOO_LARGE', `importPkcs12: ${infos.length} parts is more than a backup has (${maxPkcs12Parts})`);
  }
  const count = { bags: 0 };
  const plainBags: Bag[] = [];
  const encrypted: EncryptedPart[] = [];
  for (const info of infos) {
    const [type, body] = sequence(info, 'ContentInfo', 1);
    const kind = oid(type, 'ContentInfo contentType');
    if (kind === oids.data) {
      readSafeContents(octetString(explicit(body, 0, 'data'), 'data'), plainBags, 0, count);
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

  // Price the whole file before any derivation starts.
  const candidates = passwordCandidates(password);
  const mac = macData ? readMac(macData, authSafeBytes.length) : undefined;
  const firstRound = [...encrypted, ...shrouded.map((b) => b.encrypted)].map(planDecryption);
  const decryption = new Decryption(password, context);
  const budget = new WorkBudget(maxPkcs12Work);
  budget.charge((mac ? mac.units * candidates.length : 0) + decryption.units(firstRound), 'this file');

  let integrity: 'mac' | 'none' = 'none';
  let secret = candidates[0]!;
  if (mac) {
    const verified = await verifyMac(mac, authSafeBytes, candidates, context);
    if (!verified) throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the password does not open this file');
    integrity = 'mac';
    secret = verified;
  }
  throwIfAborted(signal, 'importPkcs12');
  decryption.start(secret, integrity === 'mac', budget);

  const decrypted = await decryption.all(firstRound);
  const bags = plainBags.filter((b) => b.encrypted === undefined);
  const inner: Bag[] = [];
  try {
    for (const [i, plain] of decrypted.entries()) {
      if (i < encrypted.length) readSafeContents(plain, inner, 0, count);
      else bags.push({ ...shrouded[i - encrypted.length]!, kind: 'key', value: plain, encrypted: undefined });
    }
  } catch (error) {
    // Without a MAC, a wrong password can decrypt to garbage that still has valid padding.
    if (integrity === 'none' && !isCertCenterError(error)) {
      throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the content did not decrypt (wrong password)', { cause: error });
    }
    throw error;
  }
  // Shrouded keys inside encrypted parts (BouncyCastle writes them): a second round, charged first.
  const nested = inner.filter((b): b is Bag & { encrypted: EncryptedPart } => b.encrypted !== undefined);
  bags.push(...inner.filter((b) => b.encrypted === undefined));
  if (nested.length > 0) {
    const secondRound = nested.map((b) => planDecryption(b.encrypted));
    budget.charge(decryption.units(secondRound), 'the keys inside its encrypted parts');
    const keys = await decryption.all(secondRound);
    for (const [i, plain] of keys.entries()) bags.push({ ...nested[i]!, kind: 'key', value: plain, encrypted: undefined });
  }
  throwIfAborted(signal, 'importPkcs12');
  return { ...(await assemble(bags, options)), integrity };
}

function passwordCandidates(password: string): Uint8Array[] {
  // RFC 7292 says an empty password is two zero bytes; some tools use no bytes at all.
  return password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
}

/** The first BER element of `bytes`, wherever it ends: the bytes after it are not read. */
function firstElement(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, elementEnd(bytes, 0, 0));
}

/** Where the BER element at `start` ends; only headers are read (and indefinite-length children walked). */
function elementEnd(buf: Uint8Array, start: number, depth: number): number {
  if (depth > 32) throw new TypeError('ASN.1 nested too deeply');
  let pos = start;
  if (pos >= buf.length) throw new TypeError('ASN.1 element truncated');
  if ((buf[pos++]! & 0x1f) === 0x1f) {
    for (let i = 0; ; i++) {
      if (pos >= buf.length || i > 3) throw new TypeError('ASN.1 tag truncated or too long');
      if ((buf[pos++]! & 0x80) === 0) break;
    }
  }
  if (pos >= buf.length) throw new TypeError('ASN.1 length truncated');
  const lenByte = buf[pos++]!;
  if (lenByte === 0x80) {
    for (;;) {
      if (pos + 2 > buf.length) throw new TypeError('ASN.1 indefinite element not terminated');
      if (buf[pos] === 0 && buf[pos + 1] === 0) return pos + 2;
      pos = elementEnd(buf, pos, depth + 1);
    }
  }
  let length = lenByte;
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f;
    if (n > 4) throw new TypeError('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (pos >= buf.length) throw new TypeError('ASN.1 length truncated');
      length = length * 256 + buf[pos++]!;
    }
  }
  if (pos + length > buf.length) throw new TypeError('ASN.1 element longer than the file');
  return pos + length;
}

interface MacPlan {
  hash: HashName;
  mac: Uint8Array;
  salt: Uint8Array;
  iterations: number;
  /** Budget units of one candidate password: the KDF and the HMAC over the content. */
  units: number;
}

/** Reads MacData and checks it can be verified at a known cost: the digest length is the hash's own. */
function readMac(macData: Asn1Node, contentLength: number): MacPlan {
  const [digestInfo, saltNode, iterationsNode] = sequence(macData, 'MacData', 2);
  const [algorithm, expected] = sequence(digestInfo, 'DigestInfo', 2);
  const hashOid = oid(sequence(algorithm, 'digestAlgorithm', 1)[0], 'digestAlgorithm');
  if (hashOid === oids.pbmac1) unsupported('PBMAC1 integrity');
  const hash = Object.hasOwn(macHashByOid, hashOid) ? macHashByOid[hashOid] : undefined;
  if (!hash) unsupported(`MAC digest ${hashOid}`);
  const mac = octetString(expected, 'MAC digest');
  const { outputLength } = hashInfo(hash);
  // The MAC key is as long as the MAC: a longer one would multiply the derivation (RFC 7292 §B.4: the hash's length).
  if (mac.length !== outputLength) {
    throw new CertCenterError('PFX_MALFORMED', `importPkcs12: a ${hash} MAC is ${outputLength} bytes, not ${mac.length}`);
  }
  const salt = octetString(saltNode, 'MAC salt');
  const iterations = iterationsNode ? smallInteger(iterationsNode, 'MAC iterations') : 1;
  checkIterations(iterations, maxPkcs12Iterations);
  const units = pkcs12KdfUnits(hash, iterations, outputLength) + hashUnits(hash, salt.length) + hashUnits(hash, contentLength);
  return { hash, mac, salt, iterations, units };
}

async function verifyMac(mac: MacPlan, authSafe: Uint8Array, candidates: Uint8Array[], context: WorkContext): Promise<Uint8Array | undefined> {
  const { hash, salt, iterations } = mac;
  for (const candidate of candidates) {
    context.meter?.derivation?.({ kind: 'mac', hash, iterations, units: mac.units, engine: 'js' });
    const key = await runSliced(pkcs12KdfSliced({ hash, password: candidate, salt, id: 3, iterations, length: mac.mac.length }), context);
    if (bytesEqual(hmac(hash, key, authSafe), mac.mac)) return candidate;
  }
  return undefined;
}

/** How one encrypted part or shrouded key is to be decrypted, read before anything is derived. */
type Plan =
  | { kind: 'pbes2'; params: Pbes2Params; data: Uint8Array }
  | { kind: 'pkcs12-pbe'; oid: string; salt: Uint8Array; iterations: number; keyLength: number; data: Uint8Array };

/** Reads the algorithm: unknown ones are `PFX_UNSUPPORTED_ALGORITHM`, counts over the cap `PFX_TOO_COSTLY`. */
function planDecryption(part: EncryptedPart): Plan {
  const [algOid, params] = sequence(part.algorithm, 'AlgorithmIdentifier', 1);
  const id = oid(algOid, 'encryption algorithm');
  if (id === oids.pbes2) return { kind: 'pbes2', params: parsePbes2Params(params, maxPkcs12Iterations), data: part.data };
  const keyLength = pkcs12PbeKeyLength(id);
  const [salt, iterations] = sequence(params, 'pkcs-12PbeParams', 2);
  const count = smallInteger(iterations, 'PBE iterations');
  checkIterations(count, maxPkcs12Iterations);
  return { kind: 'pkcs12-pbe', oid: id, salt: octetString(salt, 'PBE salt'), iterations: count, keyLength, data: part.data };
}

/**
 * Decrypts the parts of one file after its MAC verified (or when it has none). PBES2 is keyed
 * with the UTF-8 password; when the MAC proved the password and that fails, the other
 * encodings older writers used are tried on one part, each attempt charged to the budget
 * first, and the one that works keys the rest of the file.
 */
class Decryption {
  #encodings: Uint8Array[];
  #pbeSecret: Uint8Array = new Uint8Array(0);
  #retry = false;
  #budget = new WorkBudget(0);
  /** The PBES2 password bytes of this file, once a part has opened with them. */
  #chosen: Uint8Array | undefined;
  /** A PBES2 decryption had valid padding but no ASN.1 inside. */
  #garbled = false;

  constructor(password: string, readonly context: WorkContext) {
    this.#encodings = pbes2Encodings(password);
  }

  /** Budget units of a first attempt at each plan. */
  units(plans: Plan[]): number {
    let units = 0;
    for (const plan of plans) units += this.#unitsOf(plan, this.#chosen ?? this.#encodings[0]!);
    return units;
  }

  /** `secret` keys the PKCS#12 PBE schemes; `verified` says the MAC proved the password. */
  start(secret: Uint8Array, verified: boolean, budget: WorkBudget): void {
    this.#pbeSecret = secret;
    this.#retry = verified;
    this.#budget = budget;
  }

  async all(plans: Plan[]): Promise<Uint8Array[]> {
    const first = this.#chosen ?? this.#encodings[0]!;
    const settled = await Promise.allSettled(plans.map((plan) => this.#decrypt(plan, first)));
    const results: Array<Uint8Array | undefined> = [];
    const retry: number[] = [];
    for (const [i, outcome] of settled.entries()) {
      if (outcome.status === 'fulfilled') results[i] = outcome.value;
      else if (this.#mayRetry(plans[i]!, outcome.reason)) retry.push(i);
      else throw outcome.reason;
    }
    if (retry.length === 0) {
      if (plans.some((p) => p.kind === 'pbes2')) this.#chosen ??= first;
      return results as Uint8Array[];
    }
    // The MAC proved the password, yet PBES2 did not decrypt: the writer fed PBKDF2 another
    // encoding of it. Find it on one part; the rest of the file uses the same.
    const [probe, ...others] = retry;
    const reason = (settled[probe!] as PromiseRejectedResult).reason as unknown;
    for (const encoding of this.#encodings.slice(1)) {
      this.#budget.charge(this.#unitsOf(plans[probe!]!, encoding), 'another encoding of the password');
      try {
        results[probe!] = await this.#decrypt(plans[probe!]!, encoding);
        this.#chosen = encoding;
        break;
      } catch (error) {
        if (!this.#mayRetry(plans[probe!]!, error)) throw error;
      }
    }
    if (!this.#chosen) {
      // The MAC proved the password and a key decrypted the part, but not to ASN.1: the file is broken.
      if (this.#garbled) throw new CertCenterError('PFX_MALFORMED', 'importPkcs12: an encrypted part does not hold ASN.1');
      throw reason;
    }
    for (const i of others) {
      this.#budget.charge(this.#unitsOf(plans[i]!, this.#chosen), 'another encoding of the password');
      results[i] = await this.#decrypt(plans[i]!, this.#chosen);
    }
    return results as Uint8Array[];
  }

  #mayRetry(plan: Plan, error: unknown): boolean {
    return this.#retry && !this.#chosen && plan.kind === 'pbes2' && this.#encodings.length > 1 && isCertCenterError(error) && error.code === 'PFX_BAD_PASSWORD';
  }

  #unitsOf(plan: Plan, encoding: Uint8Array): number {
    if (plan.kind === 'pbes2') return pbes2Units(plan.params, encoding);
    const perKdf = hashUnits('SHA-1', plan.salt.length + this.#pbeSecret.length);
    return pkcs12KdfUnits('SHA-1', plan.iterations, plan.keyLength) + pkcs12KdfUnits('SHA-1', plan.iterations, 8) + 2 * perKdf;
  }

  async #decrypt(plan: Plan, encoding: Uint8Array): Promise<Uint8Array> {
    const { context } = this;
    if (plan.kind === 'pbes2') {
      const key = await pbes2Key(plan.params, encoding, context);
      throwIfAborted(context.signal, 'importPkcs12');
      const plain = await pbes2Decrypt(plan.params, key, plan.data, context);
      // A wrong key ends in valid padding about once in 256 tries: what it leaves is not the
      // SEQUENCE a SafeContents or a PKCS#8 key is, so it counts as the wrong key it is.
      if (!isDerSequence(plain)) {
        this.#garbled = true;
        throw new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the content did not decrypt to ASN.1 (wrong key)');
      }
      return plain;
    }
    context.meter?.derivation?.({ kind: 'pbe', hash: 'SHA-1', iterations: plan.iterations, units: this.#unitsOf(plan, encoding), engine: 'js' });
    const { oid, salt, iterations, data } = plan;
    const plain = await runSliced(pkcs12PbeDecryptSliced({ oid, password: this.#pbeSecret, salt, iterations, data }), context);
    if (!isDerSequence(plain)) {
      // The MAC keys these schemes with the same password: once it verified, garbage is a broken file.
      throw this.#retry
        ? new CertCenterError('PFX_MALFORMED', 'importPkcs12: an encrypted part does not hold ASN.1')
        : new CertCenterError('PFX_BAD_PASSWORD', 'importPkcs12: the content did not decrypt to ASN.1 (wrong password)');
    }
    return plain;
  }
}

/** Whether `bytes` is one whole DER/BER SEQUENCE (what every decrypted part and key must be). */
function isDerSequence(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  try {
    parseBer(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The PBES2 password bytes to try, in order: UTF-8 (RFC 8018), then what older writers used. */
function pbes2Encodings(password: string): Uint8Array[] {
  const bmp = bmpPassword(password);
  const list = [utf8(password), bmp.subarray(0, bmp.length - 2), bmp];
  // ISO-8859-1, where every character has one (older Java and RSA JSafe writers).
  if (/^[\u0000-\u00ff]*$/.test(password)) list.push(Uint8Array.from(password, (c) => c.charCodeAt(0)));
  return list.filter((bytes, i) => list.findIndex((other) => bytesEqual(other, bytes)) === i);
}

function readSafeContents(bytes: Uint8Array, bags: Bag[], depth: number, count: { bags: number }): void {
  if (depth > 4) throw new TypeError('SafeContents nested too deeply');
  const safeBags = sequence(parseBer(bytes), 'SafeContents');
  count.bags += safeBags.length;
  if (count.bags > maxPkcs12Bags) {
    throw new CertCenterError('PFX_TOO_LARGE', `importPkcs12: more bags than a backup holds (${maxPkcs12Bags})`);
  }
  for (const safeBag of safeBags) {
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
      readSafeContents(value.raw, bags, depth + 1, count);
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
  // A certificate whose key algorithm the center does not read (an Ed25519 or DSA CA) is kept as DER.
  const certificates: Array<{ bag: Bag; info: CertificateInfo }> = [];
  const otherCertificates: Uint8Array[] = [];
  for (const bag of certBags) {
    try {
      certificates.push({ bag, info: parseCertificate(bag.value) });
    } catch (error) {
      if (!isCertCenterError(error) || error.code !== 'UNSUPPORTED_ALGORITHM') throw error;
      otherCertificates.push(bag.value.slice());
    }
  }

  let unusable: CertCenterError | undefined;
  let usable = 0;
  for (const keyBag of keyBags) {
    const pkcs8 = keyBag.value;
    let key: ReadKey;
    try {
      key = await readPrivateKey(pkcs8);
    } catch (error) {
      // A key the center cannot use (Ed25519, DSA, another curve) does not hide a usable one beside it.
      if (!isCertCenterError(error) || error.code !== 'PFX_UNSUPPORTED_ALGORITHM') throw error;
      unusable ??= error;
      continue;
    }
    usable++;
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
      otherCertificates,
      ...(friendlyName === undefined ? {} : { friendlyName }),
    };
  }
  if (usable === 0 && unusable) throw unusable;
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
