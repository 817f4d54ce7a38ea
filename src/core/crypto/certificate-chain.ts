// Path validation of an issued certificate (RFC 5280 §6, the parts a client of one CA needs):
// every signature from the leaf up the chain to a root, the names linking them, CA flags and
// key usage, validity at a time with a clock-skew allowance, and an optional set of pinned roots.
// On the core's own DER reader and WebCrypto; the work is bounded by the chain length.

import { CertCenterError, guard } from '../errors';
import { bytesEqual, toBytes } from './bytes';
import { type Asn1Node, Tag, expectTag, octetString, oid, parseBer, sequence, smallInteger } from './der';
import { readCertificate, toCertificateInfo, type CertificateInfo, type CertificateInput } from './certificate';
import { readAlgorithm, verifySignature } from './x509-algorithm';
import type { NameAttribute } from './x509-name';
import { isValidDate } from '../time';

/** Why a chain does not hold; `at` in {@link ChainVerification} says where. */
export type ChainProblem =
  /** More than {@link maxChainLength} certificates: refused before any signature is checked. */
  | 'too-long'
  /** The end-entity certificate appears again inside the chain (the chain must not carry it). */
  | 'leaf-in-chain'
  /** The end-entity certificate says `CA:TRUE`. */
  | 'leaf-is-ca'
  /** The end-entity certificate's key usage allows neither digitalSignature nor nonRepudiation. */
  | 'leaf-key-usage'
  | 'expired'
  | 'not-yet-valid'
  /** A certificate's issuer is not the subject of the next one up. */
  | 'name-mismatch'
  /** The certificate that signs another is not a CA (no `CA:TRUE`). */
  | 'issuer-not-ca'
  /** The certificate that signs another has key usage without keyCertSign. */
  | 'issuer-key-usage'
  /** A CA's pathLenConstraint is exceeded. */
  | 'path-length'
  | 'signature'
  | 'unsupported-algorithm'
  /** The chain does not end at a self-signed root. */
  | 'no-root'
  /** The chain ends at a root that is not one of the trust anchors. */
  | 'untrusted-root';

export interface VerifyChainParams {
  /** The end-entity certificate. */
  certificate: CertificateInput;
  /** Its CA chain, issuing CA first, up to and including the root. */
  chain: readonly CertificateInput[];
  /** The instant of validity. */
  now: Date;
  /** How far `now` may lie outside a certificate's validity; default {@link defaultClockSkewMs}. */
  clockSkewMs?: number;
  /**
   * Pinned roots (or CAs): the path must reach one of them. Without them, any self-signed
   * root at the end of a chain whose signatures hold is accepted.
   */
  trustAnchors?: readonly CertificateInput[];
}

/** The outcome of {@link verifyCertificateChain}. */
export type ChainVerification =
  | { valid: true; /** Where the path ends: the root, or the trust anchor reached. */ anchor: CertificateInfo }
  | {
      valid: false;
      problem: ChainProblem;
      /** Index in `[certificate, ...chain]` of the certificate the problem is about. */
      at: number;
      /** English, for developers; names no key material. */
      detail: string;
    };

/** The longest chain looked at (issuing CAs and root). */
export const maxChainLength = 8;
/** Five minutes, as the computer check fails a clock beyond that. */
export const defaultClockSkewMs = 5 * 60_000;

const basicConstraintsOid = '2.5.29.19';
const keyUsageOid = '2.5.29.15';

/** Key usage bits (RFC 5280 §4.2.1.3), as the first byte of the BIT STRING holds them. */
const usage = { digitalSignature: 0x80, nonRepudiation: 0x40, keyCertSign: 0x04 } as const;

/** A certificate as path validation needs it. */
interface PathCertificate {
  info: CertificateInfo;
  subject: NameAttribute[];
  issuer: NameAttribute[];
  spki: { node: Asn1Node; der: Uint8Array<ArrayBuffer> };
  tbs: Uint8Array<ArrayBuffer>;
  signatureOid: string;
  signature: Uint8Array;
  /** Whether the tbsCertificate's signature algorithm is the outer one (RFC 5280 §4.1.1.2). */
  algorithmsAgree: boolean;
  isCa: boolean;
  pathLen?: number;
  /** The first byte of key usage, or `undefined` when the certificate has no key usage extension. */
  keyUsage?: number;
}

/**
 * Checks that `certificate` is an end-entity certificate for signatures, issued through
 * `chain` to a root: each signature verifies with the next certificate's key, names link up,
 * every issuer is a CA allowed to sign certificates, the chain does not carry the leaf, every
 * certificate is valid at `now` (± the skew), and the path ends at a self-signed root — one of
 * `trustAnchors` when given. Work is bounded: at most {@link maxChainLength} + 1 signatures.
 * @throws CertCenterError `CERT_MALFORMED` when a certificate cannot be read at all.
 * @example
 * const result = await verifyCertificateChain({ certificate: leafPem, chain: [issuingPem, rootPem], now: new Date() });
 * if (!result.valid) console.warn(result.problem);
 */
export async function verifyCertificateChain(params: VerifyChainParams): Promise<ChainVerification> {
  if (typeof params !== 'object' || params === null || !Array.isArray(params.chain)) {
    throw new CertCenterError('INVALID_ARGUMENT', 'verifyCertificateChain: expected { certificate, chain, now }');
  }
  const now = isValidDate(params.now) ? params.now.getTime() : Number.NaN;
  const skew = params.clockSkewMs ?? defaultClockSkewMs;
  if (Number.isNaN(now) || !Number.isFinite(skew) || skew < 0) {
    throw new CertCenterError('INVALID_ARGUMENT', 'verifyCertificateChain: now must be a valid Date and clockSkewMs a number ≥ 0');
  }
  if (params.chain.length > maxChainLength) {
    return refuse('too-long', params.chain.length, `the chain has ${params.chain.length} certificates; at most ${maxChainLength} are read`);
  }
  const path = [params.certificate, ...params.chain].map(read);
  const anchors = params.trustAnchors?.map(read);
  return guard('CERT_MALFORMED', 'verifyCertificateChain: a certificate could not be checked', () => verifyPath(path, anchors, now, skew));
}

async function verifyPath(path: PathCertificate[], anchors: PathCertificate[] | undefined, now: number, skew: number): Promise<ChainVerification> {
  const leaf = path[0]!;
  const repeated = path.findIndex((c, i) => i > 0 && c.info.fingerprintSha256 === leaf.info.fingerprintSha256);
  if (repeated > 0) return refuse('leaf-in-chain', repeated, 'the chain carries the end-entity certificate itself');
  if (leaf.isCa) return refuse('leaf-is-ca', 0, 'the end-entity certificate is a CA certificate (CA:TRUE)');
  if (leaf.keyUsage !== undefined && (leaf.keyUsage & (usage.digitalSignature | usage.nonRepudiation)) === 0) {
    return refuse('leaf-key-usage', 0, 'the end-entity certificate may not make digital signatures (key usage)');
  }
  for (let i = 0; i < path.length; i++) {
    const cert = path[i]!;
    const validity = checkValidity(cert, i, now, skew);
    if (validity) return validity;
    // A pinned certificate reached inside the chain ends the path: it is trusted as it is.
    if (i > 0 && anchors?.some((a) => sameAnchor(a, cert))) return { valid: true, anchor: cert.info };
    const issuer = path[i + 1];
    if (!issuer) return endOfChain(cert, i, anchors);
    const link = await checkLink(cert, issuer, i);
    if (link) return link;
  }
  /* c8 ignore next */
  throw new TypeError('unreachable');
}

/** The last certificate of the chain: a self-signed root (pinned when anchors are given), or one an anchor signed. */
async function endOfChain(cert: PathCertificate, at: number, anchors: PathCertificate[] | undefined): Promise<ChainVerification> {
  const selfSigned = at > 0 && sameName(cert.subject, cert.issuer) && (await signs(cert, cert)) === true;
  if (!anchors) {
    return selfSigned ? { valid: true, anchor: cert.info } : refuse('no-root', at, 'the chain does not end at a self-signed root certificate');
  }
  if (!selfSigned) {
    for (const anchor of anchors) {
      if (anchor.isCa && sameName(cert.issuer, anchor.subject) && (await signs(anchor, cert)) === true) return { valid: true, anchor: anchor.info };
    }
  }
  return refuse('untrusted-root', at, 'the chain does not end at one of the trust anchors');
}

/** `cert` is issued by `issuer`, the certificate above it at `at + 1`. */
async function checkLink(cert: PathCertificate, issuer: PathCertificate, at: number): Promise<ChainVerification | undefined> {
  if (!sameName(cert.issuer, issuer.subject)) {
    return refuse('name-mismatch', at, `the issuer of certificate ${at} is not the subject of certificate ${at + 1}`);
  }
  if (!issuer.isCa) return refuse('issuer-not-ca', at + 1, `certificate ${at + 1} signs certificates but is not a CA (CA:TRUE)`);
  if (issuer.keyUsage !== undefined && (issuer.keyUsage & usage.keyCertSign) === 0) {
    return refuse('issuer-key-usage', at + 1, `certificate ${at + 1} may not sign certificates (key usage without keyCertSign)`);
  }
  // Intermediate CAs between this issuer and the leaf: `at` of them (RFC 5280 §4.2.1.9).
  if (issuer.pathLen !== undefined && at > issuer.pathLen) {
    return refuse('path-length', at + 1, `certificate ${at + 1} allows ${issuer.pathLen} CAs below it, the chain has ${at}`);
  }
  const verified = await signs(issuer, cert);
  if (verified === 'unsupported') return refuse('unsupported-algorithm', at, `the signature algorithm of certificate ${at} is not supported`);
  if (!verified) return refuse('signature', at, `the signature of certificate ${at} does not verify with the key of certificate ${at + 1}`);
  return undefined;
}

function checkValidity(cert: PathCertificate, at: number, now: number, skew: number): ChainVerification | undefined {
  const what = at === 0 ? 'the end-entity certificate' : `CA certificate ${at}`;
  if (now + skew < cert.info.notBefore.getTime()) {
    return refuse('not-yet-valid', at, `${what} is valid only from ${cert.info.notBefore.toISOString()} (is this computer's clock right?)`);
  }
  if (now - skew > cert.info.notAfter.getTime()) return refuse('expired', at, `${what} expired on ${cert.info.notAfter.toISOString()}`);
  return undefined;
}

/** Whether `issuer`'s key verifies `cert`'s signature; `unsupported` for algorithms WebCrypto is not asked about. */
async function signs(issuer: PathCertificate, cert: PathCertificate): Promise<boolean | 'unsupported'> {
  if (!cert.algorithmsAgree) return false;
  try {
    return await verifySignature(issuer.spki, cert.signatureOid, '', cert.signature, cert.tbs);
  } catch (error) {
    // TypeError: an algorithm we do not handle; anything else: a key WebCrypto will not import.
    return error instanceof TypeError ? 'unsupported' : false;
  }
}

function sameAnchor(anchor: PathCertificate, cert: PathCertificate): boolean {
  return bytesEqual(anchor.info.subjectPublicKeyInfo, cert.info.subjectPublicKeyInfo) && sameName(anchor.subject, cert.subject);
}

/** Names compared attribute by attribute, strings case- and space-insensitively (RFC 5280 §7.1, simplified). */
function sameName(a: readonly NameAttribute[], b: readonly NameAttribute[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x.type !== y.type) return false;
    if (x.text === undefined || y.text === undefined) return bytesEqual(x.raw, y.raw);
    return normalise(x.text) === normalise(y.text);
  });
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function refuse(problem: ChainProblem, at: number, detail: string): ChainVerification {
  return { valid: false, problem, at, detail };
}

/** Reads what path validation needs of one certificate. */
function read(input: CertificateInput): PathCertificate {
  const info = toCertificateInfo(input);
  try {
    const der = toBytes(info.der).slice();
    const fields = readCertificate(der);
    const [tbsNode, algorithm, signature] = sequence(parseBer(der), 'Certificate', 3);
    const bits = expectTag(signature, Tag.BIT_STRING, 'signatureValue (BIT STRING)');
    if (bits.constructed || bits.value[0] !== 0) throw new TypeError('signatureValue with unused bits');
    const tbsFields = sequence(tbsNode, 'tbsCertificate', 6);
    const innerAlgorithm = tbsFields[tbsFields[0]!.cls === 2 ? 2 : 1]!;
    const { pathLen, keyUsage } = readExtensions(tbsFields.at(-1)!);
    return {
      info,
      subject: fields.subject,
      issuer: fields.issuer,
      spki: { node: fields.spki, der: fields.spki.raw.slice() },
      tbs: tbsNode!.raw.slice(),
      signatureOid: readAlgorithm(algorithm, 'signatureAlgorithm').oid,
      signature: bits.value.subarray(1),
      algorithmsAgree: bytesEqual(innerAlgorithm.raw, algorithm!.raw),
      isCa: fields.isCa,
      ...(pathLen === undefined ? {} : { pathLen }),
      ...(keyUsage === undefined ? {} : { keyUsage }),
    };
  } catch (error) {
    throw new CertCenterError('CERT_MALFORMED', 'verifyCertificateChain: a certificate could not be read', { cause: error });
  }
}

/** pathLenConstraint and keyUsage of the `[3]` extensions node, when `last` is that node (cA is read by readCertificate). */
function readExtensions(last: Asn1Node): { pathLen?: number; keyUsage?: number } {
  const out: { pathLen?: number; keyUsage?: number } = {};
  if (last.cls !== 2 || last.tag !== 3) return out;
  for (const extension of sequence(last.children[0], 'extensions', 1)) {
    const fields = sequence(extension, 'extension', 2);
    const id = oid(fields[0], 'extnID');
    const value = parseBer(octetString(fields[fields.length - 1], 'extnValue'));
    if (id === basicConstraintsOid) {
      const [first, second] = sequence(value, 'basicConstraints');
      const length = first?.cls === 0 && first.tag === Tag.BOOLEAN ? second : first;
      if (length) out.pathLen = smallInteger(length, 'pathLenConstraint');
    } else if (id === keyUsageOid) {
      const bits = expectTag(value, Tag.BIT_STRING, 'keyUsage (BIT STRING)');
      if (bits.constructed || bits.value.length < 1) throw new TypeError('keyUsage: malformed BIT STRING');
      out.keyUsage = bits.value[1] ?? 0;
    }
  }
  return out;
}
