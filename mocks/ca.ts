// The mock's certificate authority: a root and an issuing CA made per backend with WebCrypto,
// CSR checks as a real CA does them, issuance, and the renewal proof check.
import '@abraham/reflection';
import * as x509 from '@peculiar/x509';
import { verifyCms } from '../src/core/crypto/cms.ts';
import { explicit, parseBer, sequence } from '../src/core/crypto/der.ts';

const caAlgorithm: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const caSigning: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const yearMs = 365 * 86_400_000;

/** What survives a reload: both certificates and the issuing CA's keys as JWK (mock only). */
export interface CaSnapshot {
  rootPem: string;
  issuingPem: string;
  issuingPrivateJwk: JsonWebKey;
  issuingPublicJwk: JsonWebKey;
}

/** A live CA: its certificates and the issuing key. */
export interface MockCa {
  rootPem: string;
  issuingPem: string;
  issuing: x509.X509Certificate;
  issuingKeys: CryptoKeyPair;
  snapshot: CaSnapshot;
}

/** Why a CSR is refused; the detail goes into the problem. */
export class CsrRejection extends Error {}

/** Makes a root and an issuing CA whose validity covers the backend's clock for years. */
export async function createCa(now: Date): Promise<MockCa> {
  const rootKeys = (await crypto.subtle.generateKey(caAlgorithm, false, ['sign', 'verify'])) as CryptoKeyPair;
  const issuingKeys = (await crypto.subtle.generateKey(caAlgorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 5 * yearMs);
  const notAfter = new Date(notBefore.getTime() + 30 * yearMs);
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=Cert Center Mock Root CA, O=Cert Center Mock, C=TW',
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const issuing = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=Cert Center Mock Issuing CA, O=Cert Center Mock, C=TW',
    issuer: root.subject,
    notBefore,
    notAfter,
    publicKey: issuingKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  const snapshot: CaSnapshot = {
    rootPem: root.toString('pem'),
    issuingPem: issuing.toString('pem'),
    issuingPrivateJwk: await crypto.subtle.exportKey('jwk', issuingKeys.privateKey),
    issuingPublicJwk: await crypto.subtle.exportKey('jwk', issuingKeys.publicKey),
  };
  return { rootPem: snapshot.rootPem, issuingPem: snapshot.issuingPem, issuing, issuingKeys, snapshot };
}

/** Brings a CA back from its snapshot. */
export async function restoreCa(snapshot: CaSnapshot): Promise<MockCa> {
  const privateKey = await crypto.subtle.importKey('jwk', snapshot.issuingPrivateJwk, caAlgorithm, true, ['sign']);
  const publicKey = await crypto.subtle.importKey('jwk', snapshot.issuingPublicJwk, caAlgorithm, true, ['verify']);
  return {
    rootPem: snapshot.rootPem,
    issuingPem: snapshot.issuingPem,
    issuing: new x509.X509Certificate(snapshot.issuingPem),
    issuingKeys: { privateKey, publicKey },
    snapshot,
  };
}

/** A random positive serial number of 16 bytes, upper-case hex (RFC 5280 §4.1.2.2). */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/**
 * Checks a PEM CSR: it parses, its signature verifies with its own key, and the key is
 * RSA ≥ 2048 bits (RSASSA-PKCS1-v1_5) or ECDSA P-256, signed with SHA-256 or stronger.
 * Returns the public key to certify; throws `CsrRejection` with the reason otherwise.
 */
export async function checkCsr(pem: string): Promise<{ publicKey: x509.PublicKey; der: Uint8Array<ArrayBuffer> }> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch {
    throw new CsrRejection('The CSR is not a PKCS#10 certificate request');
  }
  const signature = csr.signatureAlgorithm as { name?: string; hash?: { name?: string } };
  const hash = signature.hash?.name ?? '';
  if (!['SHA-256', 'SHA-384', 'SHA-512'].includes(hash)) throw new CsrRejection('The CSR must be signed with SHA-256 or stronger');
  if (signature.name !== 'RSASSA-PKCS1-v1_5' && signature.name !== 'ECDSA') {
    throw new CsrRejection('The CSR must be signed with RSASSA-PKCS1-v1_5 or ECDSA');
  }
  const spki = csr.publicKey;
  const keyAlgorithm = spki.algorithm as { name?: string; namedCurve?: string };
  if (keyAlgorithm.name === 'ECDSA' || keyAlgorithm.name === 'ECDH') {
    if (keyAlgorithm.namedCurve !== 'P-256') throw new CsrRejection('EC keys must be on the P-256 curve');
    if (signature.name !== 'ECDSA') throw new CsrRejection('The CSR signature does not match its key');
  } else if (keyAlgorithm.name === 'RSASSA-PKCS1-v1_5' || keyAlgorithm.name === 'RSA-PSS' || keyAlgorithm.name === 'RSA-OAEP') {
    const key = await spki
      .export({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as RsaHashedImportParams, ['verify'])
      .catch(() => undefined);
    const bits = (key?.algorithm as RsaHashedKeyAlgorithm | undefined)?.modulusLength ?? 0;
    if (bits < 2048) throw new CsrRejection('RSA keys must have at least 2048 bits');
    if (signature.name !== 'RSASSA-PKCS1-v1_5') throw new CsrRejection('RSA CSRs must be signed with RSASSA-PKCS1-v1_5');
  } else {
    throw new CsrRejection('The key must be RSA (2048 bits or more) or EC P-256');
  }
  const verified = await csr.verify().catch(() => false);
  if (!verified) throw new CsrRejection('The CSR signature does not verify');
  return { publicKey: spki, der: new Uint8Array(csr.rawData) };
}

/** Issues an end-entity certificate for a customer (CN = ID number) from the issuing CA. */
export async function issueCertificate(
  ca: MockCa,
  params: { idNumber: string; publicKey: x509.PublicKey | CryptoKey; notBefore: Date; notAfter: Date; serialNumber?: string },
): Promise<{ serialNumber: string; pem: string }> {
  const serialNumber = params.serialNumber ?? randomSerial();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: [{ CN: [params.idNumber] }, { O: ['Cert Center Mock Customers'] }, { C: ['TW'] }],
    issuer: ca.issuing.subject,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey: ca.issuingKeys.privateKey,
    signingAlgorithm: caSigning,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth, x509.ExtendedKeyUsage.emailProtection]),
      await x509.SubjectKeyIdentifierExtension.create(params.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.issuingKeys.publicKey),
    ],
  });
  return { serialNumber, pem: certificate.toString('pem') };
}

/**
 * Verifies a renewal proof: base64 of a detached CMS SignedData over `data`, checked against
 * `certificatePem` (the stored current certificate). Certificates inside the proof are
 * ignored, so a proof cannot bring its own signer.
 */
export async function verifyProof(proofBase64: string, data: Uint8Array, certificatePem: string): Promise<boolean> {
  try {
    const bytes = Uint8Array.from(atob(proofBase64), (c) => c.charCodeAt(0));
    if (!isDetached(bytes)) return false;
    // Against the stored certificate only, never one the proof carries.
    await verifyCms(bytes, data, { signer: certificatePem });
    return true;
  } catch {
    return false;
  }
}

/** Whether a CMS SignedData leaves its content out (the contract's proof is detached). */
function isDetached(bytes: Uint8Array): boolean {
  const [, content] = sequence(parseBer(bytes), 'ContentInfo', 2);
  const fields = sequence(explicit(content, 0, 'SignedData content'), 'SignedData', 4);
  return sequence(fields[2], 'EncapsulatedContentInfo', 1).length === 1;
}
