import * as asn1js from 'asn1js';
import { Certificate, type RelativeDistinguishedNames } from 'pkijs';
import { CertCenterError, guardSync } from '../errors';
import { isBytesLike, parsePemBlocks, toBytes, toHex, toPem, type BytesLike } from './bytes';
import { digest } from './pkcs12/hash';

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

const attributeNames: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'E',
};

/**
 * Parses one X.509 certificate from PEM or DER.
 * @throws CertCenterError `CERT_MALFORMED` for anything that is not one well-formed certificate.
 */
export function parseCertificate(input: string | BytesLike): CertificateInfo {
  return guardSync('CERT_MALFORMED', 'parseCertificate: not a well-formed X.509 certificate', () => {
    let der: Uint8Array;
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
    const asn = asn1js.fromBER(der);
    if (asn.offset === -1 || asn.offset !== der.length) throw new TypeError('bad DER');
    const cert = new Certificate({ schema: asn.result });
    const algorithmId = cert.subjectPublicKeyInfo.algorithm.algorithmId;
    const keyAlgorithm = algorithmId === '1.2.840.113549.1.1.1' ? 'RSA' : algorithmId === '1.2.840.10045.2.1' ? 'ECDSA' : undefined;
    if (!keyAlgorithm) throw new CertCenterError('UNSUPPORTED_ALGORITHM', `parseCertificate: key algorithm ${algorithmId} is not supported`);
    const basicConstraints = cert.extensions?.find((e) => e.extnID === '2.5.29.19');
    const isCa = Boolean((basicConstraints?.parsedValue as { cA?: boolean } | undefined)?.cA);
    const commonName = cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value;
    return {
      der,
      pem: toPem(der, 'CERTIFICATE'),
      serialNumber: serialHex(cert.serialNumber.valueBlock.valueHexView),
      subject: formatName(cert.subject),
      issuer: formatName(cert.issuer),
      commonName: typeof commonName === 'string' ? commonName : '',
      notBefore: cert.notBefore.value,
      notAfter: cert.notAfter.value,
      fingerprintSha256: toHex(digest('SHA-256', der)),
      keyAlgorithm,
      subjectPublicKeyInfo: new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false)),
      isCa,
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

function formatName(name: RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((t) => {
      const value = t.value.valueBlock.value;
      const text = typeof value === 'string' ? value : toHex(new Uint8Array(t.value.valueBeforeDecodeView));
      return `${attributeNames[t.type] ?? t.type}=${text.replace(/([,+"\\<>;])/g, '\\$1')}`;
    })
    .join(', ');
}

/**
 * Whether `privateKey` is the private half of the certificate's public key: it signs a fresh
 * challenge that the certificate's key verifies (works for non-extractable keys too).
 */
export async function keyMatchesCertificate(privateKey: CryptoKey, certificate: CertificateInfo): Promise<boolean> {
  try {
    const name = privateKey.algorithm.name;
    if ((name === 'ECDSA') !== (certificate.keyAlgorithm === 'ECDSA')) return false;
    const importParams: RsaHashedImportParams | EcKeyImportParams =
      name === 'ECDSA'
        ? { name, namedCurve: (privateKey.algorithm as EcKeyAlgorithm).namedCurve }
        : { name, hash: (privateKey.algorithm as RsaHashedKeyAlgorithm).hash };
    const publicKey = await crypto.subtle.importKey('spki', toBytes(certificate.subjectPublicKeyInfo), importParams, false, ['verify']);
    const challenge = crypto.getRandomValues(new Uint8Array(32));
    const params = name === 'ECDSA' ? { name, hash: 'SHA-256' } : { name };
    const signature = await crypto.subtle.sign(params, privateKey, challenge);
    return await crypto.subtle.verify(params, publicKey, signature, challenge);
  } catch {
    return false;
  }
}
