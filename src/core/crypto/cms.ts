import * as asn1js from 'asn1js';
import {
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerInfo,
  SignedAndUnsignedAttributes,
} from 'pkijs';
import { CertCenterError, guard } from '../errors';
import { isBytesLike, toArrayBuffer, toBytes, type BytesLike } from './bytes';
import { parseCertificate, toCertificateInfo, type CertificateInfo, type CertificateInput } from './certificate';
import { cryptoEngine } from './engine';

const oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

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
export async function signCms(data: BytesLike, signer: CmsSigner, options: SignCmsOptions = {}): Promise<Uint8Array> {
  if (!isBytesLike(data)) throw new CertCenterError('INVALID_ARGUMENT', 'signCms: data must be bytes');
  if (!signer?.privateKey) throw new CertCenterError('INVALID_ARGUMENT', 'signCms: a signer private key is needed');
  const certificate = toCertificateInfo(signer.certificate);
  const content = toArrayBuffer(toBytes(data));
  const detached = options.detached ?? true;
  return guard('UNSUPPORTED_ALGORITHM', 'signCms: could not sign with this key', async () => {
    const engine = cryptoEngine();
    const toPkijs = (info: CertificateInfo) => new Certificate({ schema: asn1js.fromBER(toArrayBuffer(info.der)).result });
    const cert = toPkijs(certificate);
    // Self-signed roots stay out: the verifier brings its own trust anchor.
    const extra = (signer.chain ?? []).map(toCertificateInfo).filter((c) => c.subject !== c.issuer).map(toPkijs);
    const messageDigest = await crypto.subtle.digest('SHA-256', content);
    options.signal?.throwIfAborted();
    const signedAttrs = new SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new Attribute({ type: oids.contentType, values: [new asn1js.ObjectIdentifier({ value: oids.data })] }),
        new Attribute({ type: oids.signingTime, values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })] }),
        new Attribute({ type: oids.messageDigest, values: [new asn1js.OctetString({ valueHex: messageDigest })] }),
      ],
    });
    const signedData = new SignedData({
      version: 1,
      encapContentInfo: new EncapsulatedContentInfo({
        eContentType: oids.data,
        ...(detached ? {} : { eContent: new asn1js.OctetString({ valueHex: content }) }),
      }),
      signerInfos: [
        new SignerInfo({
          version: 1,
          sid: new IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs,
        }),
      ],
      certificates: [cert, ...extra],
    });
    await signedData.sign(signer.privateKey, 0, 'SHA-256', detached ? content : undefined, engine);
    const contentInfo = new ContentInfo({ contentType: oids.signedData, content: signedData.toSchema(true) });
    return new Uint8Array(contentInfo.toSchema().toBER(false));
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
 *   `CMS_INVALID_SIGNATURE` when the signature does not hold.
 */
export async function verifyCms(signature: BytesLike, data?: BytesLike, options: VerifyCmsOptions = {}): Promise<CmsVerification> {
  if (!isBytesLike(signature)) throw new CertCenterError('INVALID_ARGUMENT', 'verifyCms: signature must be bytes');
  const bytes = toBytes(signature);
  let signedData: SignedData;
  try {
    if (bytes.length === 0 || bytes.length > 1024 * 1024) throw new TypeError('size');
    const asn = asn1js.fromBER(toArrayBuffer(bytes));
    if (asn.offset === -1 || asn.offset !== bytes.length) throw new TypeError('bad BER');
    const contentInfo = new ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== oids.signedData) throw new TypeError('not SignedData');
    signedData = new SignedData({ schema: contentInfo.content });
    if (signedData.signerInfos.length !== 1) throw new TypeError('expected exactly one signer');
  } catch (error) {
    throw new CertCenterError('CMS_MALFORMED', 'verifyCms: not a well-formed CMS SignedData with one signer', { cause: error });
  }
  return guard('CMS_INVALID_SIGNATURE', 'verifyCms: the signature does not verify', async () => {
    const engine = cryptoEngine();
    const given = options.signer === undefined ? undefined : toCertificateInfo(options.signer);
    if (given) {
      signedData.certificates = [new Certificate({ schema: asn1js.fromBER(toArrayBuffer(given.der)).result })];
    }
    const certificates = (signedData.certificates ?? []).filter((c): c is Certificate => c instanceof Certificate);
    const embedded = signedData.encapContentInfo.eContent;
    const content = data !== undefined ? toBytes(data) : embedded ? new Uint8Array(embedded.getValue()) : undefined;
    if (!content) throw new CertCenterError('CMS_MALFORMED', 'verifyCms: a detached signature needs the signed data');
    const result = await signedData.verify(
      { signer: 0, data: data !== undefined ? toArrayBuffer(content) : undefined, extendedMode: true, checkChain: false },
      engine,
    );
    if (!result.signatureVerified || !result.signerCertificate) {
      throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: the signature does not verify');
    }
    if (given && certificates.length !== 1) throw new CertCenterError('CMS_INVALID_SIGNATURE', 'verifyCms: signer mismatch');
    const signer = parseCertificate(new Uint8Array(result.signerCertificate.toSchema().toBER(false)));
    const timeAttr = signedData.signerInfos[0]!.signedAttrs?.attributes.find((a) => a.type === oids.signingTime);
    const time = timeAttr?.values[0] as { toDate?: () => Date } | undefined;
    const signingTime = typeof time?.toDate === 'function' ? time.toDate() : undefined;
    return { signer, content, ...(signingTime ? { signingTime } : {}) };
  });
}
