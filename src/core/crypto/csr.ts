import { CertCenterError, guard } from '../errors';
import { concatBytes, toPem, utf8 } from './bytes';
import { der, tlv } from './der';
import { signingAlgorithm } from './x509-algorithm';
import { nameOids, writeName } from './x509-name';
import { optionsArgument, signalArgument } from '../arguments';

/** The subject a customer asks for; the CA takes the real one from the authenticated customer. */
export interface CsrSubject {
  /** The ID number (身分證字號 or 統編). */
  commonName: string;
  serialNumber?: string;
  email?: string;
}

export interface CreateCsrParams {
  keyPair: CryptoKeyPair;
  subject: CsrSubject;
}

const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * Makes a PKCS#10 certificate request signed with the pair's private key (SHA-256), PEM.
 * @example const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789' } });
 */
export function createCsr(params: CreateCsrParams, options?: { signal?: AbortSignal } | null): Promise<string> {
  return guard('INVALID_ARGUMENT', 'createCsr: the arguments could not be read', () => create(params, optionsArgument(options, 'createCsr')));
}

async function create(params: CreateCsrParams, options: { signal?: AbortSignal }): Promise<string> {
  const { keyPair, subject } = params ?? ({} as CreateCsrParams);
  const signal = signalArgument(options.signal, 'createCsr');
  if (!keyPair?.privateKey || !keyPair.publicKey) throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: keyPair must hold a private and a public key');
  const commonName = subject?.commonName;
  if (typeof commonName !== 'string' || commonName.trim() === '' || commonName.length > 64) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: subject.commonName must be 1–64 characters');
  }
  // emailAddress is an IA5String (PKCS #9): ASCII only, like serialNumber's PrintableString.
  if (subject.email !== undefined && (typeof subject.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(subject.email) || !/^[\x21-\x7e]*$/.test(subject.email))) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: subject.email is not an e-mail address');
  }
  if (subject.serialNumber && (typeof subject.serialNumber !== 'string' || subject.serialNumber.length > 64 || !printable.test(subject.serialNumber))) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: subject.serialNumber must be up to 64 PrintableString characters');
  }
  return guard('UNSUPPORTED_ALGORITHM', 'createCsr: could not sign the request with this key', async () => {
    const algorithm = signingAlgorithm(keyPair.privateKey);
    const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const subjectName = writeName([
      [nameOids.commonName, printable.test(commonName) ? tlv(0x13, ascii(commonName)) : tlv(0x0c, utf8(commonName))],
      ...(subject.serialNumber ? [[nameOids.serialNumber, tlv(0x13, ascii(subject.serialNumber))] as const] : []),
      ...(subject.email ? [[nameOids.emailAddress, tlv(0x16, ascii(subject.email))] as const] : []),
    ]);
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keyPair.publicKey));
    signal?.throwIfAborted();
    // RFC 2986 §4.1: version 0, subject, key, and the attributes [0] (none, but present).
    const info = der.sequence(der.integer(0), subjectName, spki, tlv(0xa0, new Uint8Array(0)));
    const signature = await algorithm.sign(info);
    const request = der.sequence(info, algorithm.x509Signature, tlv(0x03, concatBytes(new Uint8Array([0]), signature)));
    return toPem(request, 'CERTIFICATE REQUEST');
  });
}
