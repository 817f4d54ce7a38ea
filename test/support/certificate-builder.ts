// Builds X.509 certificates at run time on the core's own DER writer and WebCrypto, so a test
// can make exactly the certificate it needs: a CA that is not one, a leaf with CA:TRUE, a key
// usage without digitalSignature, an expired chain, a name that does not link up.
import { concatBytes, toPem, utf8 } from '../../src/core/crypto/bytes';
import { der, tlv } from '../../src/core/crypto/der';
import { signingAlgorithm } from '../../src/core/crypto/x509-algorithm';
import { writeName } from '../../src/core/crypto/x509-name';
import { writeTime } from '../../src/core/crypto/x509-time';

/** Key usage bits as the first byte of the BIT STRING holds them (RFC 5280 §4.2.1.3). */
export const keyUsage = {
  digitalSignature: 0x80,
  nonRepudiation: 0x40,
  keyEncipherment: 0x20,
  keyCertSign: 0x04,
  cRLSign: 0x02,
} as const;

/** A subject: its key pair and the name it goes by. */
export interface Party {
  name: ReadonlyArray<readonly [oid: string, text: string]>;
  keys: CryptoKeyPair;
  /** The public key as DER SubjectPublicKeyInfo. */
  spki: Uint8Array<ArrayBuffer>;
}

export interface CertificateSpec {
  subject: Pick<Party, 'name' | 'spki'>;
  /** Who signs; the subject itself (self-signed) when left out. */
  issuer?: Pick<Party, 'name' | 'keys'>;
  /** Used when `issuer` is left out (a self-signed certificate). */
  selfKeys?: CryptoKeyPair;
  /** INTEGER contents (minimal, positive); random when left out. */
  serial?: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints: `undefined` leaves the extension out. */
  ca?: boolean | { pathLen: number };
  /** keyUsage bits: `undefined` leaves the extension out. */
  keyUsage?: number;
  /** Signs this instead of the real tbsCertificate (a signature that does not verify). */
  corruptSignature?: boolean;
}

export const names = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
} as const;

const ecdsa: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

/** A new P-256 party with a name of `CN=<commonName>, O=<organization>`. */
export async function createParty(commonName: string, organization = 'Cert Center Tests'): Promise<Party> {
  const keys = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  return { name: [[names.commonName, commonName], [names.organization, organization]], keys, spki: await spkiOf(keys.publicKey) };
}

export async function spkiOf(publicKey: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/** One DER certificate as the spec says. */
export async function buildCertificate(spec: CertificateSpec): Promise<Uint8Array<ArrayBuffer>> {
  const signer = spec.issuer?.keys ?? spec.selfKeys;
  if (!signer) throw new Error('buildCertificate: an issuer or selfKeys is needed');
  const algorithm = signingAlgorithm(signer.privateKey);
  const extensions: Uint8Array[] = [];
  if (spec.ca !== undefined) {
    const fields = spec.ca === false ? [] : [tlv(0x01, new Uint8Array([0xff])), ...(typeof spec.ca === 'object' ? [der.integer(spec.ca.pathLen)] : [])];
    extensions.push(extension('2.5.29.19', true, der.sequence(...fields)));
  }
  if (spec.keyUsage !== undefined) extensions.push(extension('2.5.29.15', true, bitString(spec.keyUsage)));
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)),
    tlv(0x02, spec.serial ?? randomSerial()),
    algorithm.x509Signature,
    name(spec.issuer?.name ?? spec.subject.name),
    der.sequence(writeTime(spec.notBefore), writeTime(spec.notAfter)),
    name(spec.subject.name),
    spec.subject.spki,
    ...(extensions.length ? [der.explicit(3, der.sequence(...extensions))] : []),
  );
  const signature = await algorithm.sign(spec.corruptSignature ? concatBytes(tbs, new Uint8Array([0])) : tbs);
  return der.sequence(tbs, algorithm.x509Signature, tlv(0x03, concatBytes(new Uint8Array([0]), signature)));
}

export const pem = (certificate: Uint8Array) => toPem(certificate, 'CERTIFICATE');

/** A root and an issuing CA below it, as a broker's CA has them; validity around `now`. */
export interface Authority {
  root: Party;
  issuing: Party;
  rootDer: Uint8Array<ArrayBuffer>;
  issuingDer: Uint8Array<ArrayBuffer>;
  /** The chain as the contract sends it: issuing CA, then root (PEM). */
  chain: string[];
}

export async function createAuthority(now: Date, label = 'Forged'): Promise<Authority> {
  const root = await createParty(`${label} Root CA`);
  const issuing = await createParty(`${label} Issuing CA`);
  const notBefore = new Date(now.getTime() - 365 * 86_400_000);
  const notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const caUsage = keyUsage.keyCertSign | keyUsage.cRLSign;
  const rootDer = await buildCertificate({ subject: root, selfKeys: root.keys, notBefore, notAfter, ca: true, keyUsage: caUsage });
  const issuingDer = await buildCertificate({ subject: issuing, issuer: root, notBefore, notAfter, ca: { pathLen: 0 }, keyUsage: caUsage });
  return { root, issuing, rootDer, issuingDer, chain: [pem(issuingDer), pem(rootDer)] };
}

/** A customer certificate from `authority`'s issuing CA, as the mock CA issues one, with overrides. */
export function leafSpec(
  authority: Authority,
  subject: { commonName: string; spki: Uint8Array<ArrayBuffer> },
  now: Date,
  overrides: Partial<CertificateSpec> = {},
): CertificateSpec {
  return {
    subject: { name: [[names.commonName, subject.commonName], [names.organization, 'Cert Center Tests Customers'], [names.country, 'TW']], spki: subject.spki },
    issuer: authority.issuing,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    ca: false,
    keyUsage: keyUsage.digitalSignature | keyUsage.nonRepudiation,
    ...overrides,
  };
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return der.sequence(der.oid(id), ...(critical ? [tlv(0x01, new Uint8Array([0xff]))] : []), der.octetString(value));
}

/** A named bit list in DER: trailing zero bits dropped and counted as unused. */
function bitString(bits: number): Uint8Array {
  if (bits === 0) return tlv(0x03, new Uint8Array([0]));
  let unused = 0;
  while (((bits >> unused) & 1) === 0) unused++;
  return tlv(0x03, new Uint8Array([unused, bits & 0xff]));
}

function name(attributes: CertificateSpec['subject']['name']): Uint8Array {
  return writeName(attributes.map(([type, text]) => [type, tlv(0x0c, utf8(text))] as const));
}

/** INTEGER contents of a positive 12-byte serial number in minimal DER (first byte 1–127). */
export function randomSerial(): Uint8Array<ArrayBuffer> {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  bytes[0] = 1 + (bytes[0]! % 0x7f);
  return bytes;
}
