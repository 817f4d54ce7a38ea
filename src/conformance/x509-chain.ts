// Verifies a certificate's chain up to its root with WebCrypto alone: each certificate is
// signed by the next one's key, names link, every issuer is a CA, the last is a self-signed
// root. The core reads certificates (parseCertificate) but keeps its signature checks to
// itself, so the few DER steps the kit needs are here.
import { parseCertificate, type CertificateInfo } from '../core/index.ts';

interface Tlv {
  tag: number;
  /** The whole encoding. */
  raw: Uint8Array;
  /** The contents. */
  value: Uint8Array;
}

function readTlv(bytes: Uint8Array, offset: number): Tlv & { end: number } {
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  if (tag === undefined || length === undefined) throw new TypeError('truncated DER');
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new TypeError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = bytes[offset + 2 + i];
      if (byte === undefined) throw new TypeError('truncated DER');
      length = length * 256 + byte;
    }
    header += count;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new TypeError('truncated DER');
  return { tag, raw: bytes.subarray(offset, end), value: bytes.subarray(offset + header, end), end };
}

function children(node: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < node.value.length; ) {
    const child = readTlv(node.value, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

function oidText(value: Uint8Array): string {
  const arcs: number[] = [];
  let current = 0;
  for (const byte of value) {
    current = current * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(current);
      current = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

const hashOfSignature: Record<string, { scheme: 'RSA' | 'ECDSA'; hash: string }> = {
  '1.2.840.113549.1.1.11': { scheme: 'RSA', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { scheme: 'RSA', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { scheme: 'RSA', hash: 'SHA-512' },
  '1.2.840.10045.4.3.2': { scheme: 'ECDSA', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { scheme: 'ECDSA', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { scheme: 'ECDSA', hash: 'SHA-512' },
};
const curves: Record<string, { name: string; size: number }> = {
  '1.2.840.10045.3.1.7': { name: 'P-256', size: 32 },
  '1.3.132.0.34': { name: 'P-384', size: 48 },
  '1.3.132.0.35': { name: 'P-521', size: 66 },
};

interface Parsed {
  info: CertificateInfo;
  tbs: Uint8Array;
  signatureOid: string;
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
}

function parse(pem: string): Parsed {
  const info = parseCertificate(pem);
  const der = new Uint8Array(info.der);
  const [tbs, algorithm, signature] = children(readTlv(der, 0));
  if (!tbs || !algorithm || !signature) throw new TypeError('not a certificate');
  const fields = children(tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const [, , issuer, , subject, spki] = fields.slice(offset);
  if (!issuer || !subject || !spki) throw new TypeError('not a certificate');
  const [oid] = children(algorithm);
  return {
    info,
    tbs: tbs.raw,
    signatureOid: oidText(oid!.value),
    signature: signature.value.subarray(1),
    issuer: issuer.raw,
    subject: subject.raw,
    spki: spki.raw,
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** An X.509 ECDSA signature (a DER SEQUENCE of r and s) as WebCrypto's r ‖ s. */
function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const parts = children(readTlv(signature, 0)).map((n) => {
    let v = n.value;
    while (v.length > size && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new TypeError('ECDSA integer too long');
    const out = new Uint8Array(size);
    out.set(v, size - v.length);
    return out;
  });
  if (parts.length !== 2) throw new TypeError('not an ECDSA signature');
  const raw = new Uint8Array(size * 2);
  raw.set(parts[0]!, 0);
  raw.set(parts[1]!, size);
  return raw;
}

async function signedBy(child: Parsed, issuer: Parsed): Promise<boolean> {
  try {
    return await verifySignature(child, issuer);
  } catch (error) {
    if (error instanceof ChainProblem) throw error;
    throw new ChainProblem(`the signature of "${child.info.subject}" could not be checked with the key of "${issuer.info.subject}"`);
  }
}

async function verifySignature(child: Parsed, issuer: Parsed): Promise<boolean> {
  const algorithm = hashOfSignature[child.signatureOid];
  if (!algorithm) throw new ChainProblem(`signature algorithm ${child.signatureOid} is not one the kit verifies`, { unsupported: true });
  const [keyAlgorithm] = children(readTlv(issuer.spki, 0));
  const [keyOid, keyParams] = children(keyAlgorithm!);
  const spki = issuer.spki.slice();
  if (algorithm.scheme === 'RSA') {
    if (oidText(keyOid!.value) !== '1.2.840.113549.1.1.1') return false;
    const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash }, false, ['verify']);
    return crypto.subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, child.signature.slice(), child.tbs.slice());
  }
  const curve = keyParams && keyParams.tag === 0x06 ? curves[oidText(keyParams.value)] : undefined;
  if (oidText(keyOid!.value) !== '1.2.840.10045.2.1' || !curve) return false;
  const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: curve.name }, false, ['verify']);
  return crypto.subtle.verify({ name: 'ECDSA', hash: algorithm.hash }, key, ecdsaRaw(child.signature, curve.size), child.tbs.slice());
}

/** Why a chain does not verify; `unsupported` when it uses an algorithm the kit cannot check. */
export class ChainProblem extends Error {
  readonly unsupported: boolean;

  constructor(message: string, options: { unsupported?: boolean } = {}) {
    super(message);
    this.unsupported = options.unsupported ?? false;
  }
}

/** What a verified chain showed. */
export interface VerifiedChain {
  /** Subjects from the leaf up to the root. */
  path: string[];
  root: CertificateInfo;
}

/**
 * Verifies `leafPem` against `chainPems` (issuing CA first, root last, never the leaf): each
 * signature with the next certificate's key, linked names, CA issuers valid when the leaf was
 * issued, and a self-signed root. Throws {@link ChainProblem} saying what failed.
 */
export async function verifyChain(leafPem: string, chainPems: readonly string[]): Promise<VerifiedChain> {
  let leaf: Parsed;
  let chain: Parsed[];
  try {
    leaf = parse(leafPem);
    chain = chainPems.map(parse);
  } catch {
    throw new ChainProblem('a certificate of the chain could not be read');
  }
  if (chain.length === 0) throw new ChainProblem('the chain is empty');
  if (chain.some((c) => sameBytes(c.info.der, leaf.info.der))) throw new ChainProblem('the chain holds the leaf itself');
  if (leaf.info.isCa) throw new ChainProblem('the leaf is a CA certificate');
  const path = [leaf, ...chain];
  for (let i = 0; i + 1 < path.length; i++) {
    const child = path[i]!;
    const issuer = path[i + 1]!;
    if (!sameBytes(child.issuer, issuer.subject)) throw new ChainProblem(`"${child.info.subject}" names issuer "${child.info.issuer}", but the next certificate is "${issuer.info.subject}"`);
    if (!issuer.info.isCa) throw new ChainProblem(`"${issuer.info.subject}" is not a CA certificate`);
    const issuedAt = child.info.notBefore.getTime();
    if (issuedAt < issuer.info.notBefore.getTime() || issuedAt > issuer.info.notAfter.getTime()) {
      throw new ChainProblem(`"${issuer.info.subject}" was not valid when "${child.info.subject}" was issued`);
    }
    if (!(await signedBy(child, issuer))) throw new ChainProblem(`"${child.info.subject}" is not signed by the key of "${issuer.info.subject}"`);
  }
  const root = path.at(-1)!;
  if (!sameBytes(root.issuer, root.subject)) throw new ChainProblem(`the chain ends at "${root.info.subject}", which is not a root (issued by "${root.info.issuer}")`);
  if (!(await signedBy(root, root))) throw new ChainProblem(`the root "${root.info.subject}" is not self-signed`);
  return { path: path.map((c) => c.info.subject), root: root.info };
}
