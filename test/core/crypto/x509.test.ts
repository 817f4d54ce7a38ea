// X.509, PKCS#10 and CMS on the project's own DER code, judged by the OpenSSL CLI. Runs in Node
// and in Chromium alike (no Node modules here; openssl() reaches the CLI from both).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { parseCertificate, type CertificateInfo } from '../../../src/core/crypto/certificate';
import { createCsr } from '../../../src/core/crypto/csr';
import { signCms, verifyCms } from '../../../src/core/crypto/cms';
import { oid, parseBer } from '../../../src/core/crypto/der';
import { ecdsaDerToP1363, ecdsaP1363ToDer } from '../../../src/core/crypto/ecdsa-signature';
import { readTime, writeTime } from '../../../src/core/crypto/x509-time';
import { parsePemBlocks, toHex, utf8 } from '../../../src/core/crypto/bytes';
import { openssl, opensslOk } from '../../support/openssl';
import { createTestCa, type TestCa } from '../../support/test-ca';

const runs = Number((globalThis as { process?: { env?: Record<string, string> } }).process?.env?.FUZZ_RUNS ?? 0) || 300;

const latin1Bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** openssl's stdout comes back as Latin-1 text; names in it are UTF-8. */
const decodeStdout = (s: string) => new TextDecoder().decode(latin1Bytes(s));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A `req -x509` configuration: the string mask for names and, optionally, v3 extensions. */
function reqConfig(stringMask: string, extensions?: string): string {
  return `[req]\ndistinguished_name=dn\nstring_mask=${stringMask}\n${extensions ? 'x509_extensions=ext\n' : ''}[dn]\n${extensions ? `[ext]\n${extensions}\n` : ''}`;
}

/** A self-signed certificate and its key, made by `openssl req -x509`. */
async function selfSigned(options: { key: string[]; subject: string; config: string; days?: number; extra?: string[] }): Promise<{ pem: string; keyPem: string }> {
  const run = await opensslOk(
    ['req', '-x509', ...options.key, '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', String(options.days ?? 30),
      '-config', 'req.cnf', '-utf8', '-subj', options.subject, ...(options.extra ?? [])],
    { files: { 'req.cnf': options.config } },
  );
  return { pem: text(run.files['c.pem']!), keyPem: text(run.files['k.pem']!) };
}

const rsaKey = ['-newkey', 'rsa:2048'];
const p256Key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
const p384Key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'];

/** What `openssl x509` says of a certificate, in the shapes CertificateInfo uses. */
async function opensslView(pem: string) {
  const run = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-subject', '-issuer', '-serial', '-dates', '-fingerprint', '-sha256',
    '-nameopt', 'utf8,sep_comma_plus_space,sname,esc_2253', '-dateopt', 'iso_8601'], { files: { 'c.pem': pem } });
  const out = decodeStdout(run.stdout);
  const field = (name: string) => {
    const m = new RegExp(`^${name}=(.*)$`, 'm').exec(out);
    if (!m) throw new Error(`no ${name} in ${out}`);
    return m[1]!;
  };
  // Multi-valued RDNs: OpenSSL joins their attributes with '+', CertificateInfo with ', '.
  const flatten = (name: string) => name.replace(/ ?(?<!\\)\+ ?/g, ', ');
  const spki = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-pubkey'], { files: { 'c.pem': pem } });
  return {
    subject: flatten(field('subject')),
    issuer: flatten(field('issuer')),
    serialNumber: field('serial'),
    notBefore: new Date(field('notBefore').replace(' ', 'T')),
    notAfter: new Date(field('notAfter').replace(' ', 'T')),
    fingerprintSha256: field('sha256 Fingerprint').replace(/:/g, ''),
    subjectPublicKeyInfo: toHex(parsePemBlocks(spki.stdout)[0]!.der),
  };
}

function ourView(info: CertificateInfo) {
  return {
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    fingerprintSha256: info.fingerprintSha256,
    subjectPublicKeyInfo: toHex(info.subjectPublicKeyInfo),
  };
}

async function asn1parse(pemOrDer: string | Uint8Array): Promise<string> {
  const der = typeof pemOrDer !== 'string';
  const run = await opensslOk(['asn1parse', '-i', '-in', 'x', ...(der ? ['-inform', 'DER'] : [])], { files: { x: pemOrDer } });
  return decodeStdout(run.stdout);
}

let ca: TestCa;
beforeAll(async () => {
  ca = await createTestCa('ec');
});

describe('parseCertificate on certificates OpenSSL made', () => {
  const cases: Array<{ name: string; make: () => Promise<string>; keyAlgorithm: 'RSA' | 'ECDSA'; isCa: boolean; strings: RegExp[]; subject?: string }> = [
    {
      name: 'an RSA CA with UTF8String names that need escaping',
      make: async () => (await selfSigned({ key: rsaKey, config: reqConfig('utf8only', 'basicConstraints=critical,CA:TRUE\nsubjectKeyIdentifier=hash'),
        subject: '/CN=Root Ünïcode/O=Cert Center, Tests/OU=R&D "Lab" <1>; A\\+B \\\\C' })).pem,
      keyAlgorithm: 'RSA',
      isCa: true,
      strings: [/UTF8STRING/],
      subject: 'CN=Root Ünïcode, O=Cert Center\\, Tests, OU=R&D \\"Lab\\" \\<1\\>\\; A\\+B \\\\C',
    },
    {
      name: 'a P-256 end-entity with T61String and PrintableString names',
      make: async () => (await selfSigned({ key: p256Key, config: reqConfig('nombstr', 'basicConstraints=CA:FALSE'), subject: '/CN=José Müller/O=Plain Org/C=TW' })).pem,
      keyAlgorithm: 'ECDSA',
      isCa: false,
      strings: [/T61STRING/, /PRINTABLESTRING\s+:Plain Org/],
    },
    {
      name: 'a P-384 v1 certificate without extensions and a BMPString name',
      make: async () => (await selfSigned({ key: p384Key, config: reqConfig('pkix'), subject: '/CN=陳小明/O=Plain' })).pem,
      keyAlgorithm: 'ECDSA',
      isCa: false,
      strings: [/BMPSTRING/],
    },
    {
      name: 'a multi-valued RDN and a GeneralizedTime notAfter past 2049',
      make: async () => (await selfSigned({ key: p256Key, config: reqConfig('utf8only', 'basicConstraints=critical,CA:TRUE,pathlen:0'), days: 12_000,
        subject: '/CN=A123456789+serialNumber=S-1/O=Org/L=Taipei/ST=TPE/C=TW', extra: ['-multivalue-rdn'] })).pem,
      keyAlgorithm: 'ECDSA',
      isCa: true,
      // One SET holding both attributes, in DER order (OpenSSL sorts it).
      strings: [/GENERALIZEDTIME/, /UTCTIME/, /SET[^\n]*\n[^\n]*SEQUENCE[^\n]*\n[^\n]*:serialNumber[^\n]*\n[^\n]*\n[^\n]*SEQUENCE[^\n]*\n[^\n]*:commonName/],
    },
    {
      name: 'GeneralizedTime on both ends: 1945 to 2060',
      make: () => ca.sign(csrPem, { startDate: '19450101000000Z', endDate: '20600101000000Z' }),
      keyAlgorithm: 'ECDSA',
      isCa: false,
      strings: [/GENERALIZEDTIME\s+:19450101000000Z/, /GENERALIZEDTIME\s+:20600101000000Z/],
    },
    {
      name: 'UTCTime at both edges of the 1950–2049 window',
      make: () => ca.sign(csrPem, { startDate: '500101000000Z', endDate: '491231235959Z' }),
      keyAlgorithm: 'ECDSA',
      isCa: false,
      strings: [/UTCTIME\s+:500101000000Z/, /UTCTIME\s+:491231235959Z/],
    },
    {
      name: 'a serial whose first byte has the high bit set',
      make: () => ca.sign(csrPem, { serial: '80000000000000000001' }),
      keyAlgorithm: 'ECDSA',
      isCa: false,
      strings: [/INTEGER\s+:80000000000000000001/],
    },
  ];
  let csrPem: string;
  beforeAll(async () => {
    csrPem = await createCsr({ keyPair: await generateKeyPair({ algorithm: 'ECDSA-P256' }), subject: { commonName: 'B123456789' } });
  });

  it.each(cases)('reads $name as openssl x509 does', async ({ make, keyAlgorithm, isCa, strings, subject }) => {
    const pem = await make();
    const dump = await asn1parse(pem);
    for (const s of strings) expect(dump).toMatch(s);
    const info = parseCertificate(pem);
    expect(ourView(info)).toEqual(await opensslView(pem));
    expect(info.keyAlgorithm).toBe(keyAlgorithm);
    expect(info.isCa).toBe(isCa);
    if (subject) expect(info.subject).toBe(subject);
    expect(parseCertificate(info.der)).toEqual(info);
  });

  it('reads the edges of the UTCTime window as 1950 and 2049', async () => {
    const info = parseCertificate(await ca.sign(csrPem, { startDate: '500101000000Z', endDate: '491231235959Z' }));
    expect(info.notBefore.toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(info.notAfter.toISOString()).toBe('2049-12-31T23:59:59.000Z');
  });

  it('takes the first CN as commonName, whatever its string type', async () => {
    const bmp = parseCertificate((await selfSigned({ key: p256Key, config: reqConfig('pkix'), subject: '/O=First/CN=陳小明/CN=second' })).pem);
    expect(bmp.commonName).toBe('陳小明');
    expect(bmp.subject).toBe('O=First, CN=陳小明, CN=second');
    const none = parseCertificate((await selfSigned({ key: p256Key, config: reqConfig('utf8only'), subject: '/O=No CN' })).pem);
    expect(none.commonName).toBe('');
  });

  it('knows a v1 certificate as v1 and reads it whole', async () => {
    const { pem } = await selfSigned({ key: p256Key, config: reqConfig('utf8only'), subject: '/CN=v1' });
    const t = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-text'], { files: { 'c.pem': pem } });
    expect(t.stdout).toMatch(/Version: 1 \(0x0\)/);
    expect(parseCertificate(pem)).toMatchObject({ commonName: 'v1', isCa: false, keyAlgorithm: 'ECDSA' });
  });

  it('gives a key WebCrypto imports back as subjectPublicKeyInfo (P-384)', async () => {
    const { pem } = await selfSigned({ key: p384Key, config: reqConfig('utf8only'), subject: '/CN=p384' });
    const info = parseCertificate(pem);
    const key = await crypto.subtle.importKey('spki', info.subjectPublicKeyInfo.slice(), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']);
    expect((key.algorithm as EcKeyAlgorithm).namedCurve).toBe('P-384');
  });

  it('gives UNSUPPORTED_ALGORITHM for an Ed25519 certificate', async () => {
    const { pem } = await selfSigned({ key: ['-newkey', 'ed25519'], config: reqConfig('utf8only'), subject: '/CN=ed' });
    expect(() => parseCertificate(pem)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ALGORITHM' }));
  });
});

describe('x509 times', () => {
  const node = (tag: number, s: string) => parseBer(Uint8Array.from([tag, s.length, ...latin1Bytes(s)]));

  it('maps UTCTime years 50–99 to 19xx and 00–49 to 20xx (RFC 5280 §4.1.2.5.1)', () => {
    expect(readTime(node(0x17, '500101000000Z'), 't').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(readTime(node(0x17, '491231235959Z'), 't').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime(node(0x17, '000229120000Z'), 't').toISOString()).toBe('2000-02-29T12:00:00.000Z');
  });

  it('reads GeneralizedTime with and without fractional seconds, years below 100 included', () => {
    expect(readTime(node(0x18, '20600101000000Z'), 't').toISOString()).toBe('2060-01-01T00:00:00.000Z');
    expect(readTime(node(0x18, '20240501020304.5Z'), 't').toISOString()).toBe('2024-05-01T02:03:04.500Z');
    expect(readTime(node(0x18, '00500101000000Z'), 't').getUTCFullYear()).toBe(50);
  });

  it('refuses times that are not RFC 5280 forms or not dates', () => {
    for (const [tag, s] of [[0x17, '5001010000Z'], [0x17, '500101000000+0100'], [0x17, '230229000000Z'], [0x17, '231301000000Z'],
      [0x17, '231231240000Z'], [0x18, '20240101000000'], [0x18, '20240101000000.50Z'], [0x04, '500101000000Z']] as const) {
      expect(() => readTime(node(tag, s), 't')).toThrow(TypeError);
    }
  });

  it('writes UTCTime inside 1950–2049 and GeneralizedTime outside', () => {
    const write = (iso: string) => text(writeTime(new Date(iso)));
    expect(write('1950-01-01T00:00:00Z')).toBe('\x17\x0d500101000000Z');
    expect(write('2049-12-31T23:59:59.999Z')).toBe('\x17\x0d491231235959Z');
    expect(write('2050-01-01T00:00:00Z')).toBe('\x18\x0f20500101000000Z');
    expect(write('1949-12-31T23:59:59Z')).toBe('\x18\x0f19491231235959Z');
    expect(() => writeTime(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('ECDSA signature encodings', () => {
  it('round-trips P1363 and DER, with leading zeros and high bits', () => {
    const p1363 = new Uint8Array(64);
    p1363[0] = 0x80; // r needs a 0x00 pad in DER
    p1363[63] = 1; // s is 1: 31 leading zeros dropped
    const der = ecdsaP1363ToDer(p1363);
    expect(toHex(der)).toBe(`3026022100${'80'.padEnd(64, '0')}020101`);
    expect(ecdsaDerToP1363(der, 32)).toEqual(p1363);
    expect(() => ecdsaDerToP1363(der, 16)).toThrow(TypeError);
  });
});

describe('createCsr on the DER writer', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('writes the %s request field by field as RFC 2986 says', async (algorithm) => {
    const keyPair = await generateKeyPair({ algorithm });
    const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789', serialNumber: 'S-01', email: 'chen@example.com' } });
    const run = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout', '-subject', '-nameopt', 'sep_comma_plus_space,sname'], { files: { 'r.pem': csr } });
    expect(run.stderr + run.stdout).toMatch(/verify OK/i);
    expect(run.stdout.trim()).toBe('subject=CN=A123456789, serialNumber=S-01, emailAddress=chen@example.com');
    const dump = await asn1parse(csr);
    expect(dump).toMatch(/PRINTABLESTRING\s+:A123456789/);
    expect(dump).toMatch(/PRINTABLESTRING\s+:S-01/);
    expect(dump).toMatch(/IA5STRING\s+:chen@example.com/);
    expect(dump).toMatch(/l=\s*0 cons:\s+cont \[ 0 \]/); // empty attributes, present
    if (algorithm === 'RSA-2048') expect(dump).toMatch(/:sha256WithRSAEncryption\n.*NULL/);
    else expect(dump).toMatch(/:ecdsa-with-SHA256\n.*BIT STRING/);
  });

  it('puts a non-printable common name in a UTF8String', async () => {
    const csr = await createCsr({ keyPair: await generateKeyPair({ algorithm: 'ECDSA-P256' }), subject: { commonName: 'A12345678_' } });
    expect(await asn1parse(csr)).toMatch(/UTF8STRING\s+:A12345678_/);
  });

  it('signs with a P-384 key as ecdsa-with-SHA256, which openssl verifies', async () => {
    const keyPair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789' } });
    const run = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout'], { files: { 'r.pem': csr } });
    expect(run.stderr + run.stdout).toMatch(/verify OK/i);
    expect(await asn1parse(csr)).toMatch(/:ecdsa-with-SHA256/);
  });

  it('refuses a serialNumber or e-mail its string types cannot hold with INVALID_ARGUMENT', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    await expect(createCsr({ keyPair, subject: { commonName: 'A123456789', serialNumber: 'S_01' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(createCsr({ keyPair, subject: { commonName: 'A123456789', email: 'chén@example.com' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('gives UNSUPPORTED_ALGORITHM for a key that cannot sign here', async () => {
    const keyPair = (await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    await expect(createCsr({ keyPair, subject: { commonName: 'A123456789' } })).rejects.toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });
});

describe('CMS SignedData both ways with openssl cms', () => {
  const order = utf8('BUY 2330 1000 @ 1085.00');

  async function signer(kind: 'RSA' | 'P-256' | 'P-384') {
    const keyPair = kind === 'RSA' ? await generateKeyPair({ algorithm: 'RSA-2048' }) : kind === 'P-256'
      ? await generateKeyPair({ algorithm: 'ECDSA-P256' })
      : ((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as CryptoKeyPair);
    return { keyPair, certificate: parseCertificate(await ca.issue(keyPair)) };
  }

  it.each(['RSA', 'P-256', 'P-384'] as const)('writes %s signatures, detached and encapsulated, that openssl verifies', async (kind) => {
    const { keyPair, certificate } = await signer(kind);
    const detached = await signCms(order, { privateKey: keyPair.privateKey, certificate, chain: [ca.rootPem] });
    const run = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 's.der', '-content', 'd.txt', '-CAfile', 'ca.pem', '-purpose', 'any', '-out', 'o.txt'],
      { files: { 's.der': detached, 'd.txt': order, 'ca.pem': ca.rootPem } });
    expect(run.stderr).toMatch(/Verification successful/);
    const encapsulated = await signCms(order, { privateKey: keyPair.privateKey, certificate }, { detached: false });
    const out = await opensslOk(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 's.der', '-CAfile', 'ca.pem', '-purpose', 'any'],
      { files: { 's.der': encapsulated, 'ca.pem': ca.rootPem } });
    expect(out.stdout).toBe('BUY 2330 1000 @ 1085.00');
    expect((await verifyCms(encapsulated)).content).toEqual(order);
    expect((await verifyCms(detached, order)).signer.serialNumber).toBe(certificate.serialNumber);
  });

  it.each(['RSA', 'P-256'] as const)('writes the %s structure RFC 5652 asks: v1, sha256, sorted signed attributes, issuer and serial, no self-signed root', async (kind) => {
    const { keyPair, certificate } = await signer(kind);
    const signature = await signCms(order, { privateKey: keyPair.privateKey, certificate, chain: [ca.rootPem] }, { signingTime: new Date('2026-01-02T03:04:05Z') });
    const signedData = parseBer(signature).children[1]!.children[0]!;
    const [version, digestAlgorithms, encap, certificates, signerInfos] = signedData.children;
    expect(toHex(version!.raw)).toBe('020101');
    expect(toHex(digestAlgorithms!.raw)).toBe('310F300D06096086480165030402010500');
    expect(encap!.children).toHaveLength(1); // detached: eContentType only
    expect(certificates).toMatchObject({ cls: 2, tag: 0 });
    expect(certificates!.children.map((c) => c.raw)).toEqual([certificate.der]); // the root stays out
    const [siVersion, sid, , signedAttrs, signatureAlgorithm] = signerInfos!.children[0]!.children;
    expect(toHex(siVersion!.raw)).toBe('020101');
    expect(toHex(sid!.children[1]!.value).replace(/^00/, '')).toBe(certificate.serialNumber);
    expect(signedAttrs).toMatchObject({ cls: 2, tag: 0, constructed: true });
    const attrs = signedAttrs!.children;
    expect(attrs.map((a) => oid(a.children[0], 'type'))).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4']);
    for (let i = 1; i < attrs.length; i++) expect(toHex(attrs[i - 1]!.raw) < toHex(attrs[i]!.raw)).toBe(true); // DER SET OF order
    expect(toHex(attrs[1]!.children[1]!.raw)).toBe(toHex(utf8('1\x0f\x17\x0d260102030405Z')));
    expect(toHex(signatureAlgorithm!.raw)).toBe(kind === 'RSA' ? '300D06092A864886F70D0101010500' : '300A06082A8648CE3D040302');
  });

  it('writes a signing time after 2049 as GeneralizedTime and reads it back', async () => {
    const { keyPair, certificate } = await signer('P-256');
    const signingTime = new Date('2051-02-03T04:05:06Z');
    const signature = await signCms(order, { privateKey: keyPair.privateKey, certificate }, { signingTime });
    expect(await asn1parse(signature)).toMatch(/GENERALIZEDTIME\s+:20510203040506Z/);
    const run = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 's.der', '-content', 'd.txt', '-CAfile', 'ca.pem', '-purpose', 'any', '-out', 'o.txt'],
      { files: { 's.der': signature, 'd.txt': order, 'ca.pem': ca.rootPem } });
    expect(run.stderr).toMatch(/Verification successful/);
    expect((await verifyCms(signature, order)).signingTime).toEqual(signingTime);
  });

  describe('reads what openssl cms -sign wrote', () => {
    let rsa: { pem: string; keyPem: string };
    let ec: { pem: string; keyPem: string };
    beforeAll(async () => {
      rsa = await selfSigned({ key: rsaKey, config: reqConfig('utf8only', 'subjectKeyIdentifier=hash'), subject: '/CN=C123456789' });
      ec = await selfSigned({ key: p384Key, config: reqConfig('utf8only', 'subjectKeyIdentifier=hash'), subject: '/CN=D123456789' });
    });

    async function opensslSign(who: { pem: string; keyPem: string }, flags: string[], data: Uint8Array = order): Promise<Uint8Array> {
      const run = await opensslOk(['cms', '-sign', '-binary', '-in', 'd.txt', '-signer', 'c.pem', '-inkey', 'k.pem', '-outform', 'DER', '-out', 's.der', ...flags],
        { files: { 'c.pem': who.pem, 'k.pem': who.keyPem, 'd.txt': data } });
      return run.files['s.der']!;
    }

    const cases = [
      { name: 'RSA, detached, signed attributes', who: () => rsa, flags: [] as string[] },
      { name: 'RSA, encapsulated, signed attributes, SHA-512', who: () => rsa, flags: ['-nodetach', '-md', 'sha512'] },
      { name: 'RSA, detached, no signed attributes', who: () => rsa, flags: ['-noattr'] },
      { name: 'RSA, encapsulated, no signed attributes, SHA-384', who: () => rsa, flags: ['-noattr', '-nodetach', '-md', 'sha384'] },
      { name: 'P-384, detached, signed attributes, SHA-384', who: () => ec, flags: ['-md', 'sha384'] },
      { name: 'P-384, encapsulated, no signed attributes', who: () => ec, flags: ['-noattr', '-nodetach'] },
      { name: 'P-384, detached, signer named by subject key identifier', who: () => ec, flags: ['-keyid'] },
      { name: 'RSA, encapsulated, signer named by subject key identifier, no attributes', who: () => rsa, flags: ['-keyid', '-noattr', '-nodetach'] },
    ];

    it.each(cases)('verifies $name, and refuses other content', async ({ who, flags }) => {
      const detached = !flags.includes('-nodetach');
      const signature = await opensslSign(who(), flags);
      const result = await verifyCms(signature, detached ? order : undefined);
      expect(result.content).toEqual(order);
      expect(result.signer.fingerprintSha256).toBe(parseCertificate(who().pem).fingerprintSha256);
      if (!flags.includes('-noattr')) expect(result.signingTime).toBeInstanceOf(Date);
      else expect(result.signingTime).toBeUndefined();
      if (detached) await expect(verifyCms(signature)).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
      await expect(verifyCms(signature, utf8('BUY 2330 9000 @ 1085.00'))).rejects.toMatchObject({ code: 'CMS_INVALID_SIGNATURE' });
      await expect(verifyCms(signature, detached ? order : undefined, { signer: who().pem })).resolves.toMatchObject({ content: order });
      const stranger = who() === rsa ? ec : rsa;
      await expect(verifyCms(signature, detached ? order : undefined, { signer: stranger.pem })).rejects.toMatchObject({ code: 'CMS_INVALID_SIGNATURE' });
    });

    it('needs the given certificate when the signature carries none', async () => {
      const signature = await opensslSign(ec, ['-nocerts']);
      await expect(verifyCms(signature, order)).rejects.toMatchObject({ code: 'CMS_INVALID_SIGNATURE' });
      await expect(verifyCms(signature, order, { signer: ec.pem })).resolves.toMatchObject({ signer: { commonName: 'D123456789' } });
    });

    it('gives CMS_MALFORMED for two signers', async () => {
      const run = await opensslOk(['cms', '-sign', '-binary', '-in', 'd.txt', '-signer', 'a.pem', '-inkey', 'ak.pem', '-signer', 'b.pem', '-inkey', 'bk.pem', '-outform', 'DER', '-out', 's.der'],
        { files: { 'a.pem': rsa.pem, 'ak.pem': rsa.keyPem, 'b.pem': ec.pem, 'bk.pem': ec.keyPem, 'd.txt': order } });
      await expect(verifyCms(run.files['s.der']!, order)).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
    });
  });
});

describe('hostile input', () => {
  let certificate: Uint8Array;
  let signature: Uint8Array;
  let order: Uint8Array;
  beforeAll(async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const info = parseCertificate(await ca.issue(keyPair));
    certificate = info.der;
    order = utf8('order');
    signature = await signCms(order, { privateKey: keyPair.privateKey, certificate: info, chain: [ca.rootPem] }, { detached: false });
  });

  const mutated = (source: () => Uint8Array) =>
    fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
        const copy = source().slice();
        copy[i % copy.length] = copy[i % copy.length]! ^ x;
        return copy;
      }),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => {
        const bytes = source();
        return bytes.slice(Math.min(a, b) % bytes.length, Math.max(a, b) % bytes.length);
      }),
    );

  it('only ever throws CertCenterError from parseCertificate for random, mutated and cut certificates', () => {
    fc.assert(
      fc.property(mutated(() => certificate), (bytes) => {
        try {
          parseCertificate(bytes);
        } catch (error) {
          expect(error).toMatchObject({ name: 'CertCenterError', code: expect.stringMatching(/^(CERT_MALFORMED|UNSUPPORTED_ALGORITHM)$/) });
        }
      }),
      { numRuns: runs },
    );
  });

  it('only ever rejects with CertCenterError from verifyCms for random, mutated and cut signatures', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(() => signature), async (bytes) => {
        try {
          await verifyCms(bytes);
        } catch (error) {
          expect(error).toMatchObject({ name: 'CertCenterError', code: expect.stringMatching(/^(CMS_MALFORMED|CMS_INVALID_SIGNATURE|CERT_MALFORMED|UNSUPPORTED_ALGORITHM)$/) });
        }
      }),
      { numRuns: runs },
    );
  });
});
