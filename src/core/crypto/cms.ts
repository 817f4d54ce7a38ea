import { CertCenterError, guard } from '../errors';
import { bytesEqual, concatBytes, isBytesLike, toBytes, type BytesLike } from './bytes';
import { type Asn1Node, Tag, der, explicit, expectTag, octetString, oid, parseBer, sequence, setOf, smallInteger, tlv } from './der';
import { parseCertificate, readCertificate, toCertificateInfo, type CertificateInfo, type CertificateInput, type CertificateFields } from './certificate';
import { digest } from './hash';
import { digestName, readAlgorithm, signingAlgorithm, verifySignature } from './x509-algorithm';
import { readTime, writeTime } from './x509-time';
import { isValidDate } from '../time';
import { oids } from './oids';
import { optionsArgument, signalArgument } from '../arguments';


/** The stored credential that signs: its private key and certificate. */
export interface CmsSigner {
  privateKey: CryptoKey;
  certificate: CertificateInput;
  /** Issuing CA certificates to include, so a verifier that trusts only the root can build the path. */
  chain?: CertificateInput[];
}

export interface SignCmsOptions {
  /** Leave the content out of the SignedData (default `true`): orders travel beside it. */
  detached?: boolean;
  /** The signing-time attribute; default now. */
  signingTime?: Date;
  signal?: AbortSignal;
}

/**
 * Signs bytes as CMS SignedData (RFC 5652): SHA-256, signed attributes (content type, message
 * digest, signing time), the signer certificate included; detached unless told otherwise.
 * Returns the DER ContentInfo, verifiable by `openssl cms -verify`.
 */
export function signCms(data: BytesLike, signer: CmsSigner, options?: SignCmsOptions | null): Promise<Uint8Array> {
  return guard('INVALID_ARGUMENT', 'signCms: the arguments could not be read', () => sign(data, signer, optionsArgument(options, 'signCms')));
}

async function sign(data: BytesLike, signer: CmsSigner, options: SignCmsOptions): Promise<Uint8Array> {
  if (!isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'signCms: data must be bytes');
  if (!signer?.privateKey) throw new CertCenterError('INVALID_ARGUMENT', 'signCms: a signer private key is needed');
  if (signer.chain !== undefined && !Array.isArray(signer.chain)) throw new CertCenterError('INVALID_ARGUMENT', 'signCms: signer.chain must be a list of certificates');
  const signal = signalArgument(options.signal, 'signCms');
  const signingTime = options.signingTime ?? new Date();
  if (!isValidDate(signingTime)) {
    throw new CertCenterError('INVALID_ARGUMENT', 'signCms: signingTime must be a valid Date');
  }
  const certificate = toCertificateInfo(signer.certificate);
  const chain = signer.chain ?? [];
  const content = toBytes(data, 'signCms').slice();
  const detached = options.detached ?? true;
  return guard('UNSUPPORTED_ALGORITHM', 'signCms: could not sign with this key', async () => {
    const cert = readCertificate(toBytes(certificate.der).slice());
    // Self-signed roots stay out: the verifier brings its own trust anchor.
    const extra = chain.map(toCertificateInfo).filter((c) => c.subject !== c.issuer);
    const algorithm = signingAlgorithm(signer.privateKey);
    const messageDigest = new Uint8Array(await crypto.subtle.digest(algorithm.hash, content));
    signal?.throwIfAborted();
    const attribute = (type: string, value: Uint8Array) => der.sequence(der.oid(type), der.setOf(value));
    // RFC 5652 §5.4: the signature covers the DER SET OF the attributes (tag 0x31), sorted.
    const signedAttrsSet = der.setOf(
      attribute(oids.contentType, der.oid(oids.data)),
      attribute(oids.signingTime, writeTime(signingTime)),
      attribute(oids.messageDigest, der.octetString(messageDigest)),
    );
    const signature = await algorithm.sign(signedAttrsSet);
    const signedAttrs = signedAttrsSet.slice();
    signedAttrs[0] = 0xa0; // [0] IMPLICIT in the SignerInfo
    const signerInfo = der.sequence(
      der.integer(1),
      der.sequence(cert.issuerDer, cert.serial.raw),
      algorithm.digestAlgorithm,
      signedAttrs,
      algorithm.cmsSignature,
      der.octetString(signature),
    );
    const signedData = der.sequence(
      der.integer(1),
      der.setOf(algorithm.digestAlgorithm),
      der.sequence(der.oid(oids.data), ...(detached ? [] : [der.explicit(0, der.octetString(content))])),
      tlv(0xa0, concatBytes(cert.der, ...extra.map((c) => c.der))),
      der.setOf(signerInfo),
    );
    return der.sequence(der.oid(oids.signedData), der.explicit(0, signedData));
  });
}

export interface VerifyCmsOptions {
  /**
   * Verify against this certificate instead of the one inside the signature (a server checks
   * a renewal proof against the certificate it stored, never one the client sent).
   */
  signer?: CertificateInput;
}

/** What a valid signature tells: who signed and, where the signature says, when. */
export interface CmsVerification {
  signer: CertificateInfo;
  signingTime?: Date;
  /** The signed content: `data` for a detached signature, else the encapsulated bytes. */
  content: Uint8Array;
}

/**
 * Verifies a CMS SignedData made by {@link signCms} (or OpenSSL): the signature over the signed
 * attributes, the message digest of the content, with the embedded or the given certificate.
 * @throws CertCenterError `CMS_MALFORMED` for a structure that is not SignedData,
 *   `CMS_INVALID_SIGNATURE` when the signature does not hold, `INVALID_ARGUMENT` for arguments
 *   of the wrong kind or a detached buffer.
 */
export function verifyCms(signature: BytesLike, data?: BytesLike | null, options?: VerifyCmsOptions | null): Promise<CmsVerification> {
  return guard('INVALID_ARGUMENT', 'verifyCms: the arguments could not be read', () => verify(signature, data ?? undefined, optionsArgument(options, 'verifyCms')));
}

async function verify(signature: BytesLike, data: BytesLike | undefined, options: VerifyCmsOptions): Promise<CmsVerification> {
  if (!isBytesLike(signature)) throw new CertCenterError('INVALID_ARGUMENT', 'verifyCms: signature must be bytes');
  if (data !== undefined && !isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'verifyCms: data must be bytes');
  const bytes = toBytes(signature, 'verifyCms').slice();
  const detachedContent = data === undefined ? undefined : toBytes(data, 'verifyCms');
  let parsed: ParsedSignedData;
  try {
    if (bytes.length === 0 || bytes.length > 1024 * 1024) throw new TypeError('size');
    parsed = readSignedData(bytes);
  } catch (error) {
    throw new CertCenterError('CMS_MALFORMED', 'verifyCms: not a well-formed CMS SignedData with one signer', { cause: error });
  }
  const given = options.signer === undefined ? undefined : toCertificateInfo(options.signer);
  return guard('CMS_INVALID_SIGNATURE', 'verifyCms: the signature does not verify', async () => {
    const { signerInfo } = parsed;
    // A given certificate replaces the embedded ones: the signature cannot bring its own signer.
    const candidates = given ? [readCertificate(toBytes(given.der).slice())] : parsed.certificates;
    const content = detachedContent ?? parsed.eContent?.slice();
    if (!content) throw new CertCenterError('CMS_MALFORMED', 'verifyCms: a detached signature needs the signed data');
    const signerCert = candidates.find((c) => identifies(signerInfo.sid, c));
    if (!signerCert) throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: no certificate matches the signer');
    const hash = digestName(signerInfo.digestAlgorithm);
    let signed: Uint8Array<ArrayBuffer>;
    const attrs = signerInfo.signedAttrs;
    if (attrs) {
      if (attrs.contentType !== parsed.eContentType) throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: the content-type attribute does not match');
      const actual = new Uint8Array(await crypto.subtle.digest(hash, content.slice()));
      if (!bytesEqual(actual, attrs.messageDigest)) throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: the message digest does not match the content');
      // RFC 5652 §5.4: verified over the attributes as received, with the SET OF tag.
      signed = attrs.raw.slice();
      signed[0] = 0x31;
    } else {
      // No signed attributes (OpenSSL's -noattr): the signature covers the content itself.
      signed = content.slice();
    }
    const spki = { node: signerCert.spki, der: signerCert.spki.raw.slice() };
    if (!(await verifySignature(spki, signerInfo.signatureAlgorithm, signerInfo.digestAlgorithm, signerInfo.signature, signed))) {
      throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: the signature does not verify');
    }
    const signer = parseCertificate(signerCert.der);
    return { signer, content, ...(attrs?.signingTime ? { signingTime: attrs.signingTime } : {}) };
  });
}

/** How a SignerInfo names its certificate (RFC 5652 §5.3). */
type SignerIdentifier = { issuer: Uint8Array; serial: Uint8Array } | { keyId: Uint8Array };

interface ParsedSignerInfo {
  sid: SignerIdentifier;
  digestAlgorithm: string;
  signedAttrs?: { raw: Uint8Array; contentType: string; messageDigest: Uint8Array; signingTime?: Date };
  signatureAlgorithm: string;
  signature: Uint8Array;
}

interface ParsedSignedData {
  eContentType: string;
  eContent?: Uint8Array;
  certificates: CertificateFields[];
  signerInfo: ParsedSignerInfo;
}

/** ContentInfo → SignedData with exactly one SignerInfo (RFC 5652 §3, §5). Throws `TypeError`. */
function readSignedData(bytes: Uint8Array<ArrayBuffer>): ParsedSignedData {
  const contentInfo = sequence(parseBer(bytes), 'ContentInfo', 2);
  if (contentInfo.length !== 2 || oid(contentInfo[0], 'contentType') !== oids.signedData) throw new TypeError('not SignedData');
  const fields = sequence(explicit(contentInfo[1], 0, 'content'), 'SignedData', 4);
  let i = 0;
  const version = smallInteger(fields[i++], 'version');
  if (version > 5) throw new TypeError(`SignedData version ${version}`);
  setOf(fields[i++], 'digestAlgorithms').forEach((a) => readAlgorithm(a, 'digestAlgorithm'));
  const encap = sequence(fields[i++], 'encapContentInfo', 1);
  if (encap.length > 2) throw new TypeError('encapContentInfo with extra fields');
  const eContentType = oid(encap[0], 'eContentType');
  const eContent = encap[1] ? octetString(explicit(encap[1], 0, 'eContent'), 'eContent') : undefined;
  const certificates: CertificateFields[] = [];
  if (fields[i]?.cls === 2 && fields[i]!.tag === 0) {
    const set = fields[i++]!;
    if (!set.constructed) throw new TypeError('certificates: not a SET');
    for (const c of set.children) {
      // Other choices (attribute certificates, other formats) cannot sign: skip them.
      if (c.cls === 0 && c.tag === Tag.SEQUENCE) certificates.push(readCertificate(c.raw.slice()));
    }
  }
  if (fields[i]?.cls === 2 && fields[i]!.tag === 1) i++; // crls: not needed to verify
  const signerInfos = setOf(fields[i++], 'signerInfos');
  if (i !== fields.length) throw new TypeError('SignedData with unknown fields');
  if (signerInfos.length !== 1) throw new TypeError('expected exactly one signer');
  return { eContentType, ...(eContent ? { eContent } : {}), certificates, signerInfo: readSignerInfo(signerInfos[0]!) };
}

function readSignerInfo(node: Asn1Node): ParsedSignerInfo {
  const fields = sequence(node, 'SignerInfo', 5);
  let i = 0;
  const version = smallInteger(fields[i++], 'SignerInfo version');
  if (version !== 1 && version !== 3) throw new TypeError(`SignerInfo version ${version}`);
  const sidNode = fields[i++]!;
  let sid: SignerIdentifier;
  if (sidNode.cls === 2 && sidNode.tag === 0) {
    sid = { keyId: octetString(sidNode, 'subjectKeyIdentifier', 2, 0) };
  } else {
    const issuerAndSerial = sequence(sidNode, 'issuerAndSerialNumber', 2);
    if (issuerAndSerial.length !== 2) throw new TypeError('issuerAndSerialNumber with extra fields');
    expectTag(issuerAndSerial[0], Tag.SEQUENCE, 'issuer (Name)');
    const serial = expectTag(issuerAndSerial[1], Tag.INTEGER, 'serialNumber (INTEGER)');
    sid = { issuer: issuerAndSerial[0]!.raw, serial: serial.value };
  }
  const digestAlgorithm = readAlgorithm(fields[i++], 'digestAlgorithm').oid;
  let signedAttrs: ParsedSignerInfo['signedAttrs'];
  if (fields[i]?.cls === 2 && fields[i]!.tag === 0) signedAttrs = readSignedAttributes(fields[i++]!);
  const signatureAlgorithm = readAlgorithm(fields[i++], 'signatureAlgorithm').oid;
  const signature = octetString(fields[i++], 'signature');
  if (fields[i]?.cls === 2 && fields[i]!.tag === 1) i++; // unsignedAttrs
  if (i !== fields.length) throw new TypeError('SignerInfo with unknown fields');
  return { sid, digestAlgorithm, ...(signedAttrs ? { signedAttrs } : {}), signatureAlgorithm, signature };
}

/** The signed attributes we check; each must hold one value and appear once (RFC 5652 §11). */
function readSignedAttributes(node: Asn1Node): NonNullable<ParsedSignerInfo['signedAttrs']> {
  if (!node.constructed) throw new TypeError('signedAttrs: not a SET');
  const values = new Map<string, Asn1Node>();
  for (const attribute of node.children) {
    const [type, set] = sequence(attribute, 'Attribute', 2);
    if (attribute.children.length !== 2) throw new TypeError('Attribute with extra fields');
    const id = oid(type, 'attrType');
    const attrValues = setOf(set, 'attrValues');
    if (values.has(id)) throw new TypeError(`attribute ${id} appears twice`);
    if (attrValues.length === 0) throw new TypeError(`attribute ${id} without a value`);
    const watched = id === oids.contentType || id === oids.messageDigest || id === oids.signingTime;
    if (watched && attrValues.length !== 1) throw new TypeError(`attribute ${id} with several values`);
    values.set(id, attrValues[0]!);
  }
  const contentType = values.get(oids.contentType);
  const messageDigest = values.get(oids.messageDigest);
  if (!contentType || !messageDigest) throw new TypeError('signedAttrs without content-type or message-digest');
  const time = values.get(oids.signingTime);
  return {
    raw: node.raw,
    contentType: oid(contentType, 'content-type'),
    messageDigest: octetString(messageDigest, 'message-digest'),
    ...(time ? { signingTime: readTime(time, 'signing-time') } : {}),
  };
}

/** Whether `certificate` is the one a SignerIdentifier names. */
function identifies(sid: SignerIdentifier, certificate: CertificateFields): boolean {
  if ('keyId' in sid) {
    if (certificate.subjectKeyId) return bytesEqual(certificate.subjectKeyId, sid.keyId);
    // No extension: RFC 5280 §4.2.1.2 method 1, SHA-1 of the subjectPublicKey bits.
    const key = certificate.spki.children[1]!.value.subarray(1);
    return bytesEqual(digest('SHA-1', key), sid.keyId);
  }
  return bytesEqual(sid.issuer, certificate.issuerDer) && bytesEqual(sid.serial, certificate.serial.value);
}
