import { CertCenterError, guardSync } from '../errors';
import { isBytesLike, parsePemBlocks, toBytes, toHex, toPem, type BytesLike } from './bytes';
import { type Asn1Node, Tag, explicit, expectTag, integerContents, octetString, oid, parseBer, sequence, smallInteger } from './der';
import { digest } from './hash';
import { oids } from './oids';
import { readAlgorithm } from './x509-algorithm';
import { formatName, nameOids, readName, type NameAttribute } from './x509-name';
import { readTime } from './x509-time';

/** What the center needs to know of an X.509 certificate; a plain, structured-cloneable object. */
export interface CertificateInfo {
  der: Uint8Array;
  pem: string;
  /** Upper-case hex without leading zero bytes, as the REST contract writes it. */
  serialNumber: string;
  /** The subject as `CN=…, O=…` in encoding order. */
  subject: string;
  issuer: string;
  /** The subject's CN: the ID number on certificates of the center. */
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, upper-case hex. */
  fingerprintSha256: string;
  keyAlgorithm: 'RSA' | 'ECDSA';
  /** The subject public key as DER SubjectPublicKeyInfo. */
  subjectPublicKeyInfo: Uint8Array;
  isCa: boolean;
}

/** Anything that names a certificate: PEM text, DER bytes or a parsed one. */
export type CertificateInput = CertificateInfo | string | BytesLike;

const maxCertificateBytes = 64 * 1024;

const basicConstraintsOid = '2.5.29.19';
const subjectKeyIdentifierOid = '2.5.29.14';

/** The fields of an X.509 certificate the core reads (RFC 5280 §4.1), as views into its DER. */
export interface CertificateFields {
  der: Uint8Array<ArrayBuffer>;
  /** The serialNumber INTEGER, whole encoding and contents. */
  serial: Asn1Node;
  /** The issuer Name, whole encoding (CMS issuerAndSerialNumber compares it byte for byte). */
  issuerDer: Uint8Array;
  issuer: NameAttribute[];
  subject: NameAttribute[];
  notBefore: Date;
  notAfter: Date;
  spki: Asn1Node;
  isCa: boolean;
  /** The subjectKeyIdentifier extension's key ID, where there is one. */
  subjectKeyId?: Uint8Array;
}

/**
 * Reads the structure of one DER (or BER) certificate. Throws `TypeError` for anything that is
 * not one; the key algorithm is not checked here.
 */
export function readCertificate(der: Uint8Array<ArrayBuffer>): CertificateFields {
  const outer = sequence(parseBer(der), 'Certificate', 3);
  if (outer.length !== 3) throw new TypeError('Certificate with extra fields');
  readAlgorithm(outer[1], 'signatureAlgorithm');
  expectTag(outer[2], Tag.BIT_STRING, 'signatureValue (BIT STRING)');
  const tbs = sequence(outer[0], 'tbsCertificate', 6);
  let i = 0;
  if (tbs[0]!.cls === 2 && tbs[0]!.tag === 0) {
    const version = smallInteger(explicit(tbs[i++], 0, 'version'), 'version');
    if (version > 2) throw new TypeError(`unknown certificate version ${version + 1}`);
  }
  const serial = readSerialNumber(tbs[i++]);
  readAlgorithm(tbs[i++], 'signature');
  const issuerNode = tbs[i++];
  const issuer = readName(issuerNode, 'issuer');
  const validity = sequence(tbs[i++], 'validity', 2);
  if (validity.length !== 2) throw new TypeError('validity with extra fields');
  const subject = readName(tbs[i++], 'subject');
  const spki = tbs[i++]!;
  const spkiFields = sequence(spki, 'subjectPublicKeyInfo', 2);
  if (spkiFields.length !== 2) throw new TypeError('subjectPublicKeyInfo with extra fields');
  readAlgorithm(spkiFields[0], 'subjectPublicKeyInfo algorithm');
  expectTag(spkiFields[1], Tag.BIT_STRING, 'subjectPublicKey (BIT STRING)');
  // issuerUniqueID [1] and subjectUniqueID [2] are skipped; extensions are [3] EXPLICIT.
  if (tbs[i]?.cls === 2 && tbs[i]!.tag === 1) i++;
  if (tbs[i]?.cls === 2 && tbs[i]!.tag === 2) i++;
  let isCa = false;
  let subjectKeyId: Uint8Array | undefined;
  if (tbs[i]?.cls === 2 && tbs[i]!.tag === 3) {
    const seen = new Set<string>();
    for (const extension of sequence(explicit(tbs[i++], 3, 'extensions'), 'extensions', 1)) {
      const fields = sequence(extension, 'extension', 2);
      if (fields.length > 3) throw new TypeError('extension with extra fields');
      const id = oid(fields[0], 'extnID');
      if (seen.has(id)) throw new TypeError(`extension ${id} appears twice`); // RFC 5280 §4.2
      seen.add(id);
      if (fields.length === 3) expectTag(fields[1], Tag.BOOLEAN, 'critical (BOOLEAN)');
      const value = octetString(fields[fields.length - 1], 'extnValue');
      if (id === basicConstraintsOid) isCa = readBasicConstraintsCa(value);
      if (id === subjectKeyIdentifierOid) subjectKeyId = readKeyIdentifier(value);
    }
  }
  if (i !== tbs.length) throw new TypeError('tbsCertificate with unknown fields');
  return {
    der,
    serial,
    issuerDer: issuerNode!.raw,
    issuer,
    subject,
    notBefore: readTime(validity[0], 'notBefore'),
    notAfter: readTime(validity[1], 'notAfter'),
    spki,
    isCa,
    ...(subjectKeyId ? { subjectKeyId } : {}),
  };
}

/** Octets a serialNumber may take (RFC 5280 §4.1.2.2), counted as encoded, sign byte included. */
const maxSerialOctets = 20;

/**
 * RFC 5280 §4.1.2.2: a positive INTEGER of at most 20 octets, in its shortest encoding
 * (X.690 §8.3.2). The REST contract names certificates by the serial's hex, and a negative
 * serial (`FF`, −1) would read as the same hex as a positive one (`00FF`, 255), as would a
 * padded one (`0001` and `01`); zero is not positive either. OpenSSL 3.0 refuses only the
 * padded encodings, Go (since 1.23) negative serials as well.
 */
function readSerialNumber(node: Asn1Node | undefined): Asn1Node {
  const v = integerContents(node, 'serialNumber');
  if ((v[0]! & 0x80) !== 0) throw new TypeError('serialNumber: negative');
  if (v.length === 1 && v[0] === 0) throw new TypeError('serialNumber: zero');
  if (v.length > maxSerialOctets) throw new TypeError(`serialNumber: longer than ${maxSerialOctets} octets`);
  return node!;
}

/** The key ID of a subjectKeyIdentifier; a malformed one only matters to CMS, which falls back to the key hash. */
function readKeyIdentifier(value: Uint8Array): Uint8Array | undefined {
  try {
    return octetString(parseBer(value), 'subjectKeyIdentifier');
  } catch {
    return undefined;
  }
}

/** `BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }`. */
function readBasicConstraintsCa(value: Uint8Array): boolean {
  const fields = sequence(parseBer(value), 'basicConstraints');
  if (fields.length > 2) throw new TypeError('basicConstraints with extra fields');
  const first = fields[0];
  if (first?.cls === 0 && first.tag === Tag.BOOLEAN) {
    if (first.constructed || first.value.length !== 1) throw new TypeError('basicConstraints cA: malformed BOOLEAN');
    if (fields[1]) smallInteger(fields[1], 'pathLenConstraint');
    return first.value[0] !== 0;
  }
  if (fields.length > 1) throw new TypeError('basicConstraints: malformed');
  if (first) smallInteger(first, 'pathLenConstraint');
  return false;
}

/**
 * Parses one X.509 certificate from PEM or DER.
 * @throws CertCenterError `CERT_MALFORMED` for anything that is not one well-formed certificate.
 */
export function parseCertificate(input: string | BytesLike): CertificateInfo {
  return guardSync('CERT_MALFORMED', 'parseCertificate: not a well-formed X.509 certificate', () => {
    let der: Uint8Array<ArrayBuffer>;
    if (typeof input === 'string') {
      const block = parsePemBlocks(input).find((b) => b.label === 'CERTIFICATE');
      if (!block) throw new CertCenterError('CERT_MALFORMED', 'parseCertificate: no CERTIFICATE block in the PEM text');
      der = block.der;
    } else if (isBytesLike(input)) {
      der = toBytes(input).slice();
    } else {
      throw new CertCenterError('INVALID_ARGUMENT', 'parseCertificate: expected PEM text or DER bytes');
    }
    if (der.length === 0 || der.length > maxCertificateBytes) {
      throw new CertCenterError('CERT_MALFORMED', `parseCertificate: ${der.length} bytes is not a certificate size`);
    }
    const cert = readCertificate(der);
    const algorithmId = readAlgorithm(cert.spki.children[0], 'subjectPublicKeyInfo algorithm').oid;
    const keyAlgorithm = algorithmId === oids.rsaEncryption ? 'RSA' : algorithmId === oids.ecPublicKey ? 'ECDSA' : undefined;
    if (!keyAlgorithm) {
      throw new CertCenterError('UNSUPPORTED_ALGORITHM', `parseCertificate: key algorithm ${algorithmId} is not supported`);
    }
    return {
      der,
      pem: toPem(der, 'CERTIFICATE'),
      serialNumber: serialHex(cert.serial.value),
      subject: formatName(cert.subject),
      issuer: formatName(cert.issuer),
      commonName: cert.subject.find((a) => a.type === nameOids.commonName)?.text ?? '',
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      fingerprintSha256: toHex(digest('SHA-256', der)),
      keyAlgorithm,
      subjectPublicKeyInfo: cert.spki.raw.slice(),
      isCa: cert.isCa,
    };
  });
}

/** A parsed certificate from any {@link CertificateInput}. */
export function toCertificateInfo(input: CertificateInput): CertificateInfo {
  if (typeof input === 'object' && input !== null && !isBytesLike(input) && 'der' in input && 'serialNumber' in input) {
    return input;
  }
  return parseCertificate(input as string | BytesLike);
}

/** Upper-case hex of an INTEGER's bytes without leading zero bytes (one byte at least). */
export function serialHex(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return toHex(bytes.subarray(i));
}

/**
 * Whether `privateKey` is the private half of the certificate's public key: it signs a fresh
 * challenge that the certificate's key verifies (works for non-extractable keys too).
 * `unknown` when the key could not sign at all: that proves nothing either way.
 */
export async function compareKeyToCertificate(privateKey: CryptoKey, certificate: CertificateInfo): Promise<'match' | 'mismatch' | 'unknown'> {
  let name: string;
  let publicKey: CryptoKey;
  let params: AlgorithmIdentifier | EcdsaParams;
  try {
    name = privateKey.algorithm.name;
    if ((name === 'ECDSA') !== (certificate.keyAlgorithm === 'ECDSA')) return 'mismatch';
    const importParams: RsaHashedImportParams | EcKeyImportParams =
      name === 'ECDSA'
        ? { name, namedCurve: (privateKey.algorithm as EcKeyAlgorithm).namedCurve }
        : { name, hash: (privateKey.algorithm as RsaHashedKeyAlgorithm).hash };
    // A certificate key of another curve or kind does not import with the private key's parameters.
    publicKey = await crypto.subtle.importKey('spki', toBytes(certificate.subjectPublicKeyInfo), importParams, false, ['verify']);
    params = name === 'ECDSA' ? { name, hash: 'SHA-256' } : { name };
  } catch {
    return 'mismatch';
  }
  let signature: ArrayBuffer;
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  try {
    signature = await crypto.subtle.sign(params, privateKey, challenge);
  } catch {
    return 'unknown';
  }
  try {
    return (await crypto.subtle.verify(params, publicKey, signature, challenge)) ? 'match' : 'mismatch';
  } catch {
    return 'unknown';
  }
}

/** True only when {@link compareKeyToCertificate} proves the key is the certificate's. */
export async function keyMatchesCertificate(privateKey: CryptoKey, certificate: CertificateInfo): Promise<boolean> {
  return (await compareKeyToCertificate(privateKey, certificate)) === 'match';
}
