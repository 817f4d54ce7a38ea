// What the mock CA's tests share: a raw HTTP caller, CSRs and renewal proofs made
// independently of the core, and the contract's validator.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, CryptoEngine, IssuerAndSerialNumber, SignedData, SignerInfo, EncapsulatedContentInfo, Attribute } from 'pkijs';
import { createMockBackend } from '../../mocks/index.ts';
import type { MockBackend, MockBackendOptions } from '../../mocks/index.ts';
import { assertContract } from './contract.ts';

/** The origin the tests call in Node (the handlers match any origin). */
export const origin = 'http://cert-center.test';
export const basePath = '/api/cert-center/v1';

export interface Call {
  status: number;
  headers: Headers;
  contentType: string;
  body: any;
  /** The request, for contract checks. */
  method: string;
  path: string;
}

export interface CallOptions {
  body?: unknown;
  /** Idempotency-Key: a fresh one by default on POST; `null` sends none. */
  key?: string | null;
  /** Bearer token; `null` sends none. Default: the first customer's. */
  token?: string | null;
  cookie?: string;
  rawBody?: string;
}

/** A test's view of one backend: the backend itself and a caller for it. */
export interface Harness {
  backend: MockBackend;
  call(method: string, path: string, options?: CallOptions): Promise<Call>;
  /** Sends, reads and verifies a code for `purpose`; returns the otpToken. */
  otpToken(purpose: 'apply' | 'renew' | 'revoke', token?: string): Promise<string>;
}

export function harness(options: MockBackendOptions = {}, fetchImpl: typeof fetch = fetch, root = `${origin}${basePath}`): Harness {
  const backend = createMockBackend(options);
  const call: Harness['call'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    const token = o.token === undefined ? backend.customers[0]!.token : o.token;
    if (token !== null) headers['Authorization'] = `Bearer ${token}`;
    if (o.cookie) headers['Cookie'] = o.cookie;
    if (method === 'POST') {
      const key = o.key === undefined ? crypto.randomUUID() : o.key;
      if (key !== null) headers['Idempotency-Key'] = key;
    }
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetchImpl(`${root}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const result: Call = {
      status: response.status,
      headers: response.headers,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? JSON.parse(text) : undefined,
      method,
      path,
    };
    // Every response any test sees is judged against the OpenAPI document.
    assertContract(result);
    return result;
  };
  const otpToken: Harness['otpToken'] = async (purpose, token) => {
    const sent = await call('POST', '/otp', { body: { purpose }, ...(token ? { token } : {}) });
    if (sent.status !== 201) throw new Error(`POST /otp answered ${sent.status}`);
    const code = backend.inbox.last()!.code;
    const verified = await call('POST', `/otp/${sent.body.otpId}/verification`, { body: { code }, ...(token ? { token } : {}) });
    if (verified.status !== 200) throw new Error(`verification answered ${verified.status}`);
    return verified.body.otpToken as string;
  };
  return { backend, call, otpToken };
}

export type KeyKind = 'RSA-2048' | 'RSA-1024' | 'P-256' | 'P-384' | 'RSA-PSS-2048';

const keyParams: Record<KeyKind, { gen: RsaHashedKeyGenParams | EcKeyGenParams; sign: Algorithm | EcdsaParams }> = {
  'RSA-2048': { gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
  'RSA-1024': { gen: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
  'RSA-PSS-2048': { gen: { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, sign: { name: 'RSA-PSS', saltLength: 32 } as Algorithm },
  'P-256': { gen: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams },
  'P-384': { gen: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } as EcdsaParams },
};

export async function keyPair(kind: KeyKind = 'P-256'): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(keyParams[kind].gen, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A PKCS#10 request for `keys`; `tamper` flips a bit of the signature. */
export async function makeCsr(keys: CryptoKeyPair, options: { commonName?: string; tamper?: boolean } = {}): Promise<{ pem: string; der: Uint8Array }> {
  const kind = (Object.keys(keyParams) as KeyKind[]).find((k) => {
    const a = keys.publicKey.algorithm as RsaHashedKeyAlgorithm & EcKeyAlgorithm;
    const g = keyParams[k].gen as RsaHashedKeyGenParams & EcKeyGenParams;
    return a.name === g.name && (a.namedCurve ?? a.modulusLength) === (g.namedCurve ?? g.modulusLength);
  })!;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${options.commonName ?? 'ANYONE'}`,
    keys,
    signingAlgorithm: { ...keyParams[kind].sign, hash: 'SHA-256' } as unknown as Algorithm,
  });
  const der = new Uint8Array(csr.rawData);
  if (options.tamper) der[der.length - 1]! ^= 0x01;
  return { pem: x509.PemConverter.encode(der, 'CERTIFICATE REQUEST'), der };
}

const engine = new CryptoEngine({ name: 'test', crypto: globalThis.crypto });

/**
 * A renewal proof: base64 of a detached CMS SignedData over `data`, signed by `privateKey` as
 * the holder of `certificatePem`; with signed attributes unless told otherwise.
 */
export async function makeProof(
  data: Uint8Array,
  privateKey: CryptoKey,
  certificatePem: string,
  options: { signedAttributes?: boolean; embedCertificate?: boolean } = {},
): Promise<string> {
  const certificate = Certificate.fromBER(new Uint8Array(new x509.X509Certificate(certificatePem).rawData));
  const signer = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
  });
  if (options.signedAttributes !== false) {
    const digest = await crypto.subtle.digest('SHA-256', data.slice());
    signer.signedAttrs = new (await import('pkijs')).SignedAndUnsignedAttributes({
      type: 0,
      attributes: [
        new Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })] }),
        new Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
      ],
    });
  }
  const signedData = new SignedData({
    version: 1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    signerInfos: [signer],
    ...(options.embedCertificate === false ? {} : { certificates: [certificate] }),
  });
  await signedData.sign(privateKey, 0, 'SHA-256', data.slice().buffer, engine);
  const contentInfo = new ContentInfo({ contentType: ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
  const der = new Uint8Array(contentInfo.toSchema().toBER(false));
  let s = '';
  for (const b of der) s += String.fromCharCode(b);
  return btoa(s);
}

/** DER of a PEM CSR. */
export function csrDer(pem: string): Uint8Array {
  return new Uint8Array(new x509.Pkcs10CertificateRequest(pem).rawData);
}

export { x509 };
