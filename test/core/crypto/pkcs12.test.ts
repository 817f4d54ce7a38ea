import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPair, type KeyAlgorithmName } from '../../../src/core/crypto/key-pair';
import { parseCertificate, type CertificateInfo } from '../../../src/core/crypto/certificate';
import { createCsr } from '../../../src/core/crypto/csr';
import { parsePemBlocks, toBase64, toPem, utf8 } from '../../../src/core/crypto/bytes';
import { der } from '../../../src/core/crypto/der';
import { exportPkcs12 } from '../../../src/core/crypto/pkcs12/pkcs12-export';
import { importPkcs12, importPkcs12WithMeter, maxPkcs12Bytes } from '../../../src/core/crypto/pkcs12/pkcs12-import';
import { oids } from '../../../src/core/crypto/oids';
import { encodePbes2Algorithm, pbes2Decrypt, pbes2Encrypt, pbes2Key } from '../../../src/core/crypto/pkcs12/pbes2';
import { bmpPassword, pkcs12Kdf } from '../../../src/core/crypto/pkcs12/pkcs12-kdf';
import { hmac } from '../../../src/core/crypto/pkcs12/hmac';
import { openssl, opensslOk } from '../../support/openssl';
import { createTestCa, type TestCa } from '../../support/test-ca';
import { bag, dataPart, encryptedPart, pbeAlgorithm, pbes2Params, pbes2Seal, pbeSeal, pfx, safeContents } from './pkcs12/pfx-builder';
import { pkcs12PbeDecrypt, pkcs12PbeEncrypt, pkcs12PbeOids } from '../../../src/core/crypto/pkcs12/pkcs12-pbe';


const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const fuzzRuns = Number(env.FUZZ_RUNS ?? 0) || 1000;

interface Identity {
  keyPair: CryptoKeyPair;
  keyPem: string;
  certificate: CertificateInfo;
}

let ca: TestCa;
let intermediatePem: string;
const identities = new Map<KeyAlgorithmName, Identity>();

async function identity(algorithm: KeyAlgorithmName): Promise<Identity> {
  const existing = identities.get(algorithm);
  if (existing) return existing;
  const keyPair = await generateKeyPair({ algorithm });
  const keyPem = toPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', keyPair.privateKey)), 'PRIVATE KEY');
  const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789' } });
  const certificate = parseCertificate(await issueFromIntermediate(csr, 1000 + identities.size));
  const made = { keyPair, keyPem, certificate };
  identities.set(algorithm, made);
  return made;
}

/** Proves the imported key is the certificate's: it signs, the certificate's key verifies. */
async function expectWorkingKey(privateKey: CryptoKey, certificate: CertificateInfo): Promise<void> {
  const isEc = certificate.keyAlgorithm === 'ECDSA';
  const params = isEc ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
  const importParams = isEc ? { name: 'ECDSA', namedCurve: (privateKey.algorithm as EcKeyAlgorithm).namedCurve } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  expect(privateKey.algorithm.name).toBe(isEc ? 'ECDSA' : 'RSASSA-PKCS1-v1_5');
  const publicKey = await crypto.subtle.importKey('spki', certificate.subjectPublicKeyInfo.slice(), importParams, false, ['verify']);
  const data = utf8('order 2330');
  const signature = await crypto.subtle.sign(params, privateKey, data);
  expect(await crypto.subtle.verify(params, publicKey, signature, data)).toBe(true);
}

let intermediateKeyPem: string;

/** Signs a CSR with the intermediate CA, so leaf → intermediate → root is a real chain. */
async function issueFromIntermediate(csrPem: string, serial: number): Promise<string> {
  const made = await opensslOk(['x509', '-req', '-in', 'r.pem', '-CA', 'i.pem', '-CAkey', 'i.key', '-days', '5', '-set_serial', String(serial), '-out', 'c.pem'], {
    files: { 'r.pem': csrPem, 'i.pem': intermediatePem, 'i.key': intermediateKeyPem },
  });
  return new TextDecoder().decode(made.files['c.pem']);
}

beforeAll(async () => {
  ca = await createTestCa('ec');
  // An issuing CA signed by the root: leaf certificates come from it.
  const inter = await opensslOk(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'i.key', '-out', 'i.csr', '-subj', '/CN=Test Issuing CA']);
  intermediateKeyPem = new TextDecoder().decode(inter.files['i.key']);
  const made = await opensslOk(['x509', '-req', '-in', 'i.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-days', '10', '-set_serial', '77', '-extfile', 'e.cnf', '-out', 'i.pem'], {
    files: { 'i.csr': inter.files['i.csr']!, 'ca.pem': ca.rootPem, 'ca.key': ca.rootKeyPem, 'e.cnf': 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n' },
  });
  intermediatePem = new TextDecoder().decode(made.files['i.pem']);
});

describe('exportPkcs12', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('writes a modern %s file (PBES2 AES-256, SHA-256 MAC) that OpenSSL opens, key matching certificate', async (algorithm) => {
    const id = await identity(algorithm);
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, chain: [ca.rootPem], password: 'abcd1234', friendlyName: '憑證 A123', iterations: 2048 });
    const info = await opensslOk(['pkcs12', '-in', 'f.pfx', '-passin', 'pass:abcd1234', '-info', '-nokeys', '-noout'], { files: { 'f.pfx': pfx } });
    expect(info.stderr).toMatch(/MAC: sha256, Iteration 2048/);
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256/);
    const keyOut = await opensslOk(['pkcs12', '-in', 'f.pfx', '-passin', 'pass:abcd1234', '-nocerts', '-nodes', '-out', 'k.pem'], { files: { 'f.pfx': pfx } });
    const certOut = await opensslOk(['pkcs12', '-in', 'f.pfx', '-passin', 'pass:abcd1234', '-clcerts', '-nokeys', '-out', 'c.pem'], { files: { 'f.pfx': pfx } });
    const pubFromKey = await opensslOk(['pkey', '-in', 'k.pem', '-pubout'], { files: { 'k.pem': keyOut.files['k.pem']! } });
    const pubFromCert = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-pubkey'], { files: { 'c.pem': certOut.files['c.pem']! } });
    expect(pubFromKey.stdout).toBe(pubFromCert.stdout);
    expect(new TextDecoder().decode(certOut.files['c.pem'])).toContain('friendlyName: ');
    // Definite-length DER throughout: no indefinite lengths anywhere.
    const parsed = await opensslOk(['asn1parse', '-inform', 'DER', '-in', 'f.pfx', '-i'], { files: { 'f.pfx': pfx } });
    expect(parsed.stdout).not.toMatch(/l=inf/);
  });

  it('writes a legacy file (3DES for key and certificates, SHA-1 MAC) that OpenSSL opens', async () => {
    const id = await identity('RSA-2048');
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, password: 'abcd1234', iterations: 2048, compatibility: 'legacy' });
    const info = await opensslOk(['pkcs12', '-legacy', '-in', 'f.pfx', '-passin', 'pass:abcd1234', '-info', '-nodes', '-out', 'all.pem'], { files: { 'f.pfx': pfx } });
    expect(info.stderr).toMatch(/MAC: sha1, Iteration 2048/);
    expect(info.stderr.match(/pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/g)?.length).toBe(2);
    expect(new TextDecoder().decode(info.files['all.pem'])).toMatch(/BEGIN PRIVATE KEY/);
  });

  it('uses 600,000 iterations by default', async () => {
    const id = await identity('ECDSA-P256');
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, password: 'abcd1234' });
    const info = await opensslOk(['pkcs12', '-in', 'f.pfx', '-passin', 'pass:abcd1234', '-info', '-nokeys', '-noout'], { files: { 'f.pfx': pfx } });
    expect(info.stderr).toMatch(/MAC: sha256, Iteration 600000/);
    expect(info.stderr).toMatch(/Iteration 600000, PRF hmacWithSHA256/);
  });

  it('refuses a key that is not the certificate\'s (KEY_MISMATCH) and a non-exportable key (KEY_NOT_EXTRACTABLE)', async () => {
    const id = await identity('ECDSA-P256');
    const other = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    await expect(exportPkcs12({ privateKey: other.privateKey, certificate: id.certificate, password: 'abcd1234', iterations: 1 })).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    const locked = await generateKeyPair({ algorithm: 'ECDSA-P256', extractable: false });
    await expect(exportPkcs12({ privateKey: locked.privateKey, certificate: id.certificate, password: 'abcd1234' })).rejects.toMatchObject({ code: 'KEY_NOT_EXTRACTABLE' });
  });

  it('refuses iteration counts Windows would refuse', async () => {
    const id = await identity('ECDSA-P256');
    await expect(exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, password: 'x', iterations: 600_001 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('importPkcs12', () => {
  it.each(['modern', 'legacy'] as const)('round-trips its own %s files: key, certificate, chain in order, friendly name, integrity', async (compatibility) => {
    const id = await identity('RSA-2048');
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, chain: [ca.rootPem, intermediatePem], password: 'Ab12', friendlyName: 'A123456789', iterations: 2048, compatibility });
    const imported = await importPkcs12(pfx, 'Ab12');
    expect(imported.certificate.fingerprintSha256).toBe(id.certificate.fingerprintSha256);
    expect(imported.friendlyName).toBe('A123456789');
    expect(imported.integrity).toBe('mac');
    expect(imported.chain.map((c) => c.commonName)).toEqual(['Test Issuing CA', 'Test Root CA']);
    await expectWorkingKey(imported.privateKey, imported.certificate);
  });

  // Every file a customer may bring, made by the OpenSSL CLI at run time.
  const variants: Array<{ name: string; args: string[]; password?: string; algorithm?: KeyAlgorithmName; integrity?: 'mac' | 'none' }> = [
    { name: 'OpenSSL 3 default (PBES2 AES-256-CBC, SHA-256 MAC)', args: [] },
    { name: 'OpenSSL -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)', args: ['-legacy'] },
    { name: '3DES for key and certificates', args: ['-legacy', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES'] },
    { name: 'RC2-128 certificates', args: ['-legacy', '-certpbe', 'PBE-SHA1-RC2-128'] },
    { name: 'AES-128 key and AES-192 certificates', args: ['-keypbe', 'AES-128-CBC', '-certpbe', 'AES-192-CBC'] },
    { name: 'unencrypted certificate bags', args: ['-certpbe', 'NONE'] },
    { name: 'a SHA-1 MAC', args: ['-macalg', 'sha1'] },
    { name: 'a SHA-384 MAC', args: ['-macalg', 'sha384'] },
    { name: 'a SHA-512 MAC', args: ['-macalg', 'sha512'] },
    { name: 'no MAC', args: ['-nomac'], integrity: 'none' },
    { name: 'an empty password', args: [], password: '' },
    { name: 'an empty password, legacy', args: ['-legacy'], password: '' },
    { name: 'a non-ASCII password', args: [], password: '憑證密碼ab' },
    { name: 'a non-ASCII password, legacy', args: ['-legacy'], password: 'pässwörd' },
    { name: 'an EC P-256 key', args: [], algorithm: 'ECDSA-P256' },
    { name: 'an EC P-256 key, legacy', args: ['-legacy'], algorithm: 'ECDSA-P256' },
    { name: 'an RSA-3072 key with SHA-512 PBKDF2', args: ['-keypbe', 'AES-256-CBC', '-macalg', 'sha512'], algorithm: 'RSA-3072' },
    { name: 'a chain in reverse order', args: ['-certfile', 'chain-reversed.pem'] },
    { name: 'a high iteration count', args: ['-iter', '100000'] },
  ];

  it.each(variants)('reads $name', async ({ args, password = 'abcd1234', algorithm = 'RSA-2048', integrity = 'mac' }) => {
    const id = await identity(algorithm);
    const chainFile = args.includes('-certfile') ? [] : ['-certfile', 'chain.pem'];
    const made = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', ...chainFile, ...args, '-name', 'my cert', '-passout', `pass:${password}`, '-out', 'f.pfx'], {
      files: { 'k.pem': id.keyPem, 'c.pem': id.certificate.pem, 'chain.pem': intermediatePem + ca.rootPem, 'chain-reversed.pem': ca.rootPem + intermediatePem },
    });
    const imported = await importPkcs12(made.files['f.pfx']!, password);
    expect(imported.certificate.fingerprintSha256).toBe(id.certificate.fingerprintSha256);
    expect(imported.chain.map((c) => c.commonName)).toEqual(['Test Issuing CA', 'Test Root CA']);
    expect(imported.friendlyName).toBe('my cert');
    expect(imported.integrity).toBe(integrity);
    await expectWorkingKey(imported.privateKey, imported.certificate);
    await expect(importPkcs12(made.files['f.pfx']!, `${password}x`)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
  });

  it('tells a wrong password apart from a corrupt file', async () => {
    const id = await identity('ECDSA-P256');
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, password: 'abcd1234', iterations: 64 });
    await expect(importPkcs12(pfx, 'abcd1235')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    await expect(importPkcs12(pfx.subarray(0, pfx.length - 40), 'abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    await expect(importPkcs12(pfx.subarray(0, 10), 'abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    await expect(importPkcs12(id.certificate.der, 'abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    await expect(importPkcs12(utf8('hello, this is not a pfx file at all'), 'x')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    await expect(importPkcs12(new Uint8Array(maxPkcs12Bytes + 1), 'x')).rejects.toMatchObject({ code: 'PFX_TOO_LARGE' });
  });

  it('reads PBES2 files whose writer fed PBKDF2 the UTF-16 password instead of UTF-8', async () => {
    const id = await identity('ECDSA-P256');
    const password = 'pässwörd1';
    const bmp = bmpPassword(password);
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', id.keyPair.privateKey));
    const params = { prf: 'SHA-256' as const, salt: new Uint8Array(16).fill(7), iterations: 2048, cipher: 'AES-256-CBC' as const, iv: new Uint8Array(16).fill(9) };
    const encrypted = await pbes2Encrypt(params, await pbes2Key(params, bmp.subarray(0, bmp.length - 2)), pkcs8);
    const keyBag = der.sequence(der.oid(oids.pkcs8ShroudedKeyBag), der.explicit(0, der.sequence(encodePbes2Algorithm(params), der.octetString(encrypted))));
    const certBag = der.sequence(der.oid(oids.certBag), der.explicit(0, der.sequence(der.oid(oids.x509Certificate), der.explicit(0, der.octetString(id.certificate.der)))));
    const authSafe = der.sequence(der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(der.sequence(keyBag, certBag)))));
    const macSalt = new Uint8Array(8).fill(3);
    const mac = hmac('SHA-256', pkcs12Kdf({ hash: 'SHA-256', password: bmp, salt: macSalt, id: 3, iterations: 2048, length: 32 }), authSafe);
    const pfx = der.sequence(
      der.integer(3),
      der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(authSafe))),
      der.sequence(der.sequence(der.algorithm(oids.sha256, null), der.octetString(mac)), der.octetString(macSalt), der.integer(2048)),
    );
    const imported = await importPkcs12(pfx, password);
    await expectWorkingKey(imported.privateKey, imported.certificate);
    await expect(importPkcs12(pfx, 'other')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
  });

  it('refuses a file whose MAC iteration count is above the limit before deriving anything', async () => {
    const authSafe = der.sequence();
    const pfx = der.sequence(
      der.integer(3),
      der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(authSafe))),
      der.sequence(der.sequence(der.algorithm(oids.sha256, null), der.octetString(new Uint8Array(32))), der.octetString(new Uint8Array(8)), der.integer(50_000_000)),
    );
    const derivations: string[] = [];
    await expect(importPkcs12WithMeter(pfx, 'x', {}, { derivation: (d) => derivations.push(d.kind) })).rejects.toMatchObject({ code: 'PFX_TOO_COSTLY' });
    expect(derivations).toEqual([]);
  });

  it('gives KEY_MISMATCH when no certificate matches the key, and PFX_MALFORMED when there is no key', async () => {
    const id = await identity('ECDSA-P256');
    const stranger = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', stranger.privateKey));
    const bag = (id: string, value: Uint8Array) => der.sequence(der.oid(id), der.explicit(0, value));
    const certBag = bag(oids.certBag, der.sequence(der.oid(oids.x509Certificate), der.explicit(0, der.octetString(id.certificate.der))));
    const file = (...bags: Uint8Array[]) => {
      const contents = der.sequence(...bags);
      const authSafe = der.sequence(der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(contents))));
      return der.sequence(der.integer(3), der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(authSafe))));
    };
    await expect(importPkcs12(file(bag(oids.keyBag, pkcs8), certBag), '')).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    await expect(importPkcs12(file(certBag), '')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    const own = new Uint8Array(await crypto.subtle.exportKey('pkcs8', id.keyPair.privateKey));
    const plain = await importPkcs12(file(bag(oids.keyBag, own), certBag), '');
    expect(plain.integrity).toBe('none');
    await expectWorkingKey(plain.privateKey, plain.certificate);
  });

  it('only ever throws CertCenterError for random and mutated files', async () => {
    const id = await identity('ECDSA-P256');
    const pfx = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, chain: [ca.rootPem], password: 'abcd', iterations: 16 });
    const legacy = await exportPkcs12({ privateKey: id.keyPair.privateKey, certificate: id.certificate, password: 'abcd', iterations: 16, compatibility: 'legacy' });
    const mutate = (base: Uint8Array) =>
      fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((edits) => {
        const copy = base.slice();
        for (const [i, x] of edits) copy[i] = copy[i]! ^ x;
        return copy;
      });
    const truncate = (base: Uint8Array) => fc.nat(base.length - 1).map((n) => base.slice(0, n));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), mutate(pfx), mutate(legacy), truncate(pfx)), fc.constantFrom('abcd', 'wrong'), async (bytes, password) => {
        try {
          await importPkcs12(bytes, password);
        } catch (error) {
          expect(error).toMatchObject({ name: 'CertCenterError', isCertCenterError: true });
        }
      }),
      { numRuns: fuzzRuns },
    );
  });
});

// Shapes other tools write (BouncyCastle, Windows and .NET, Java, NSS), each built at run time
// with OpenSSL or the core's DER writer.
describe('importPkcs12 reads the files other tools write', () => {
  const mac = (password: string) => ({ hash: 'SHA-256', iterations: 2048, password }) as const;

  it.each(['PBES2', 'PKCS#12 PBE'] as const)('decrypts a shrouded key inside an encrypted SafeContents (BouncyCastle), %s', async (scheme) => {
    const id = await identity('ECDSA-P256');
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', id.keyPair.privateKey));
    const seal = (data: Uint8Array, salt: number) =>
      scheme === 'PBES2' ? pbes2Seal(pbes2Params({ salt: new Uint8Array(16).fill(salt) }), 'abcd1234', data) : Promise.resolve(pbeSeal('abcd1234', data));
    const key = await seal(pkcs8, 1);
    const inner = safeContents(bag.shroudedKey(...key), bag.cert(id.certificate.der), bag.cert(pemDer(intermediatePem)));
    const file = pfx([encryptedPart(...(await seal(inner, 2)))], mac('abcd1234'));
    const imported = await importPkcs12(file, 'abcd1234');
    expect(imported.integrity).toBe('mac');
    expect(imported.certificate.fingerprintSha256).toBe(id.certificate.fingerprintSha256);
    expect(imported.chain.map((c) => c.commonName)).toEqual(['Test Issuing CA']);
    await expectWorkingKey(imported.privateKey, imported.certificate);
    await expect(importPkcs12(file, 'abcd1235')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
  });

  it('reads the one PFX and ignores the bytes after it (zero padding of Windows and .NET exports), within the size cap', async () => {
    const id = await identity('RSA-2048');
    const made = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], {
      files: { 'k.pem': id.keyPem, 'c.pem': id.certificate.pem },
    });
    const file = made.files['f.pfx']!;
    const padded = (tail: Uint8Array) => {
      const out = new Uint8Array(file.length + tail.length);
      out.set(file);
      out.set(tail, file.length);
      return out;
    };
    // The same PFX with indefinite-length BER outside (0x30 0x80 … 0x00 0x00), as some writers use.
    const header = file[1]! & 0x80 ? 2 + (file[1]! & 0x7f) : 2;
    const indefinite = Uint8Array.from([0x30, 0x80, ...file.subarray(header), 0, 0, ...new Uint8Array(100)]);
    for (const bytes of [padded(new Uint8Array(4096)), padded(crypto.getRandomValues(new Uint8Array(333))), indefinite]) {
      const imported = await importPkcs12(bytes, 'abcd1234');
      expect(imported.integrity).toBe('mac');
      expect(imported.certificate.fingerprintSha256).toBe(id.certificate.fingerprintSha256);
      await expectWorkingKey(imported.privateKey, imported.certificate);
    }
    await expect(importPkcs12(padded(new Uint8Array(maxPkcs12Bytes)), 'abcd1234')).rejects.toMatchObject({ code: 'PFX_TOO_LARGE' });
    // What follows is not read, yet the PFX itself must still be whole.
    await expect(importPkcs12(padded(new Uint8Array(16)).subarray(0, file.length - 1), 'abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
  });

  it('keeps chain certificates with a key algorithm it does not read (Ed25519, DSA, RSA-PSS CAs) as DER, and imports the key and its leaf', async () => {
    const id = await identity('RSA-2048');
    const selfSigned = async (args: string[]) => {
      const run = await opensslOk([...args, '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=Odd CA']);
      return new TextDecoder().decode(run.files['c.pem']);
    };
    const dsaParams = await opensslOk(['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', 'p.pem']);
    const odd = [
      await selfSigned(['req', '-x509', '-newkey', 'ed25519']),
      new TextDecoder().decode((await opensslOk(['req', '-x509', '-newkey', 'dsa:p.pem', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=Odd CA'], {
        files: { 'p.pem': dsaParams.files['p.pem']! },
      })).files['c.pem']),
      await selfSigned(['req', '-x509', '-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048']),
    ];
    const made = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-certfile', 'chain.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], {
      files: { 'k.pem': id.keyPem, 'c.pem': id.certificate.pem, 'chain.pem': intermediatePem + odd.join('') + ca.rootPem },
    });
    const imported = await importPkcs12(made.files['f.pfx']!, 'abcd1234');
    expect(imported.certificate.fingerprintSha256).toBe(id.certificate.fingerprintSha256);
    expect(imported.chain.map((c) => c.commonName)).toEqual(['Test Issuing CA', 'Test Root CA']);
    expect(imported.otherCertificates.map((c) => toBase64(c)).sort()).toEqual(odd.map((pem) => toBase64(pemDer(pem))).sort());
    await expectWorkingKey(imported.privateKey, imported.certificate);
  });

  it.each([
    ['an Ed25519 key', ['-newkey', 'ed25519']],
    ['a secp256k1 key', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp256k1']],
  ])('answers PFX_UNSUPPORTED_ALGORITHM for %s, the key itself being unusable', async (_name, keyArgs) => {
    const self = await opensslOk(['req', '-x509', ...keyArgs, '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '5', '-subj', '/CN=A123456789']);
    const made = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], { files: self.files });
    await expect(importPkcs12(made.files['f.pfx']!, 'abcd1234')).rejects.toMatchObject({ code: 'PFX_UNSUPPORTED_ALGORITHM' });
  });

  it('tries the ISO-8859-1 password for PBES2 once the MAC proved it (older Java and RSA JSafe writers), on one part only', async () => {
    const id = await identity('ECDSA-P256');
    const password = 'pässwörd1';
    const latin1 = Uint8Array.from(password, (c) => c.charCodeAt(0));
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', id.keyPair.privateKey));
    const key = await pbes2Seal(pbes2Params({ salt: new Uint8Array(16).fill(1) }), latin1, pkcs8);
    const certs = await pbes2Seal(pbes2Params({ salt: new Uint8Array(16).fill(2) }), latin1, safeContents(bag.cert(id.certificate.der)));
    const file = pfx([encryptedPart(...certs), dataPart(safeContents(bag.shroudedKey(...key)))], mac(password));
    const derivations: string[] = [];
    const imported = await importPkcs12WithMeter(file, password, {}, { derivation: (d) => derivations.push(d.kind) });
    await expectWorkingKey(imported.privateKey, imported.certificate);
    // The MAC; both parts with UTF-8; the other three encodings on one part; the right one on the other.
    expect(derivations).toEqual(['mac', 'pbes2', 'pbes2', 'pbes2', 'pbes2', 'pbes2', 'pbes2']);
    await expect(importPkcs12(file, 'pässwörd2')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    // Without a MAC nothing proves the password, so no other encoding is tried.
    await expect(importPkcs12(pfx([encryptedPart(...certs), dataPart(safeContents(bag.shroudedKey(...key)))]), password)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
  });

  it('goes on to the next encoding when the wrong key happens to end in valid padding (one try in 256), so the file still opens', async () => {
    const id = await identity('ECDSA-P256');
    const password = 'pässwörd1';
    const latin1 = Uint8Array.from(password, (c) => c.charCodeAt(0));
    const contents = safeContents(bag.cert(id.certificate.der));
    // Walk the IV until the UTF-8 key (tried first) decrypts the part to garbage with valid padding:
    // each IV gives another ciphertext, and one in about 256 does; 4,096 tries miss with odds of e^-16.
    const base = pbes2Params({ salt: new Uint8Array(16).fill(2) });
    const rightKey = await pbes2Key(base, latin1);
    const firstKey = await pbes2Key(base, password);
    let sealed: [Uint8Array, Uint8Array] | undefined;
    for (let n = 0; n < 4096 && !sealed; n++) {
      const params = { ...base, iv: Uint8Array.from({ length: 16 }, (_, i) => (i < 4 ? (n >>> (8 * i)) & 0xff : 0)) };
      const data = await pbes2Encrypt(params, rightKey, contents);
      const opened = await pbes2Decrypt(params, firstKey, data).catch(() => undefined);
      if (opened) sealed = [encodePbes2Algorithm(params), data];
    }
    expect(sealed).toBeDefined();
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', id.keyPair.privateKey));
    const key = await pbes2Seal(pbes2Params({ salt: new Uint8Array(16).fill(1) }), latin1, pkcs8);
    const file = pfx([encryptedPart(...sealed!), dataPart(safeContents(bag.shroudedKey(...key)))], mac(password));
    const imported = await importPkcs12(file, password);
    await expectWorkingKey(imported.privateKey, imported.certificate);
  });

  it('answers PFX_BAD_PASSWORD for a file without a MAC whose wrong password happens to decrypt to valid padding (3DES)', async () => {
    const id = await identity('ECDSA-P256');
    const oid = pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC;
    const contents = safeContents(bag.cert(id.certificate.der));
    // Walk the salt until the wrong password's 3DES key leaves valid padding (one in about 256; 4,096 tries miss with odds of e^-16).
    let part: Uint8Array | undefined;
    for (let n = 0; n < 4096 && !part; n++) {
      const salt = Uint8Array.from({ length: 8 }, (_, i) => (i < 4 ? (n >>> (8 * i)) & 0xff : 0));
      const data = pkcs12PbeEncrypt({ oid, password: 'abcd1234', salt, iterations: 1, data: contents });
      let opened = false;
      try {
        pkcs12PbeDecrypt({ oid, password: 'wrong-pass', salt, iterations: 1, data });
        opened = true;
      } catch {
        // bad padding: the usual case
      }
      if (opened) part = encryptedPart(pbeAlgorithm(oid, salt, 1), data);
    }
    expect(part).toBeDefined();
    await expect(importPkcs12(pfx([part!]), 'wrong-pass')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    await expect(importPkcs12(pfx([part!]), 'abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' }); // no key in it
  });

  it('calls a part that the proven password decrypts to something other than ASN.1 malformed, not a wrong password', async () => {
    const password = 'abcd1234';
    const file = pfx([encryptedPart(...(await pbes2Seal(pbes2Params(), password, new Uint8Array(40).fill(1))))], mac(password));
    await expect(importPkcs12(file, password)).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    // Without a MAC the same bytes cannot tell a wrong password from a broken file: a wrong password it is.
    const unsealed = pfx([encryptedPart(...(await pbes2Seal(pbes2Params(), password, new Uint8Array(40).fill(1))))]);
    await expect(importPkcs12(unsealed, password)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
  });
});

function pemDer(pem: string): Uint8Array {
  return parsePemBlocks(pem)[0]!.der;
}
