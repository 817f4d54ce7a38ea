import * as asn1js from 'asn1js';
import { AttributeTypeAndValue, CertificationRequest } from 'pkijs';
import { CertCenterError, guard } from '../errors';
import { toPem } from './bytes';
import { cryptoEngine } from './engine';

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
export async function createCsr(params: CreateCsrParams, options: { signal?: AbortSignal } = {}): Promise<string> {
  const { keyPair, subject } = params ?? ({} as CreateCsrParams);
  if (!keyPair?.privateKey || !keyPair.publicKey) throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: keyPair must hold a private and a public key');
  const commonName = subject?.commonName;
  if (typeof commonName !== 'string' || commonName.trim() === '' || commonName.length > 64) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: subject.commonName must be 1–64 characters');
  }
  if (subject.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(subject.email)) {
    throw new CertCenterError('INVALID_ARGUMENT', 'createCsr: subject.email is not an e-mail address');
  }
  return guard('UNSUPPORTED_ALGORITHM', 'createCsr: could not sign the request with this key', async () => {
    const engine = cryptoEngine();
    const csr = new CertificationRequest();
    const add = (type: string, value: asn1js.BaseStringBlock) =>
      csr.subject.typesAndValues.push(new AttributeTypeAndValue({ type, value }));
    add('2.5.4.3', printable.test(commonName) ? new asn1js.PrintableString({ value: commonName }) : new asn1js.Utf8String({ value: commonName }));
    if (subject.serialNumber) add('2.5.4.5', new asn1js.PrintableString({ value: subject.serialNumber }));
    if (subject.email) add('1.2.840.113549.1.9.1', new asn1js.IA5String({ value: subject.email }));
    await csr.subjectPublicKeyInfo.importKey(keyPair.publicKey, engine);
    options.signal?.throwIfAborted();
    await csr.sign(keyPair.privateKey, 'SHA-256', engine);
    return toPem(new Uint8Array(csr.toSchema(true).toBER(false)), 'CERTIFICATE REQUEST');
  });
}
