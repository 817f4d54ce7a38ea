// The check of an issued certificate before it is stored: it is for the pending key, it is the
// one the answer names, it is this customer's, and it chains up to a root as an end-entity
// certificate for signatures, valid now. Whatever fails, nothing is stored.
import type { CertificateDetail } from '../api/contract-types';
import { parsePemBlocks } from '../crypto/bytes';
import { compareKeyToCertificate, parseCertificate, type CertificateInfo } from '../crypto/certificate';
import { verifyCertificateChain, type ChainProblem } from '../crypto/certificate-chain';
import { CertCenterError } from '../errors';
import { idNumberMatchesMask } from '../policy/id-number';

/** What the issued certificate must agree with. */
export interface IssuanceExpectation {
  /** The private half of the key the certificate was asked for. */
  privateKey: CryptoKey;
  /** The customer's ID number as the profile shows it (masked). */
  maskedIdNumber: string;
  now: Date;
  trustAnchors?: readonly CertificateInfo[];
}

/** A certificate and chain that passed {@link checkIssuance}. */
export interface CheckedIssuance {
  certificate: CertificateInfo;
  chain: CertificateInfo[];
}

const chainReasons: Record<ChainProblem, string> = {
  'too-long': 'its chain is too long',
  'leaf-in-chain': 'its chain carries the certificate itself',
  'leaf-is-ca': 'it is a CA certificate (CA:TRUE), not an end-entity certificate',
  'leaf-key-usage': 'its key usage does not allow digital signatures',
  expired: 'a certificate of the chain has expired',
  'not-yet-valid': 'a certificate of the chain is not valid yet',
  'name-mismatch': 'its chain does not link up by name',
  'issuer-not-ca': 'it is signed by a certificate that is not a CA',
  'issuer-key-usage': 'it is signed by a CA not allowed to sign certificates',
  'path-length': 'its chain breaks a CA path length constraint',
  signature: 'a signature of its chain does not verify',
  'unsupported-algorithm': 'its chain uses a signature algorithm the SDK does not verify',
  'no-root': 'its chain does not end at a root certificate',
  'untrusted-root': 'its chain does not end at one of the trustAnchors',
};

/**
 * Reads and checks the certificate of a server answer (`POST /certificates`, a renewal, or
 * `GET /certificates/{serialNumber}` when looking for one issued earlier).
 * @throws CertCenterError `SERVER` when the certificate or chain cannot be read, `KEY_MISMATCH`
 *   when the certificate is not for the pending key, `CERT_INVALID_ISSUANCE` for anything else.
 */
export async function checkIssuance(detail: CertificateDetail, expected: IssuanceExpectation, operation: string): Promise<CheckedIssuance> {
  let certificate: CertificateInfo;
  let chain: CertificateInfo[];
  try {
    certificate = parseCertificate(detail.certificate);
    chain = detail.chain.flatMap((pem) => parsePemBlocks(pem).filter((b) => b.label === 'CERTIFICATE').map((b) => parseCertificate(b.der)));
  } catch (error) {
    throw new CertCenterError('SERVER', `${operation}: the server sent a certificate that cannot be read`, { cause: error });
  }
  const refuse = (reason: string) =>
    new CertCenterError('CERT_INVALID_ISSUANCE', `${operation}: the broker's certificate ${certificate.serialNumber} is refused, nothing was stored: ${reason}`);
  if ((await compareKeyToCertificate(expected.privateKey, certificate)) !== 'match') {
    throw new CertCenterError('KEY_MISMATCH', `${operation}: the certificate the server sent is not for this key`);
  }
  if (normaliseSerial(detail.serialNumber) !== certificate.serialNumber) {
    throw refuse(`the answer names serial number ${detail.serialNumber}`);
  }
  if (!idNumberMatchesMask(certificate.commonName, expected.maskedIdNumber)) {
    throw refuse(`its CN is not this customer's ID number (the profile shows ${expected.maskedIdNumber})`);
  }
  const verdict = await verifyCertificateChain({
    certificate,
    chain,
    now: expected.now,
    ...(expected.trustAnchors ? { trustAnchors: expected.trustAnchors } : {}),
  });
  if (!verdict.valid) throw refuse(`${chainReasons[verdict.problem]} (${verdict.detail})`);
  return { certificate, chain };
}

/** A contract serial number as `parseCertificate` writes one: without leading zero bytes. */
function normaliseSerial(serial: string): string {
  let s = serial.length % 2 === 0 ? serial : `0${serial}`;
  while (s.length > 2 && s.startsWith('00')) s = s.slice(2);
  return s;
}
