import { beforeAll, describe, expect, it } from 'vitest';
import { pkcs12PbeDecrypt, pkcs12PbeEncrypt, pkcs12PbeOids } from '../../../../src/core/crypto/pkcs12/pkcs12-pbe';
import { bmpPassword, pkcs12Kdf } from '../../../../src/core/crypto/pkcs12/pkcs12-kdf';
import type { HashName } from '../../../../src/core/crypto/hash';
import { isCertCenterError } from '../../../../src/core/errors';
import { importPkcs12 } from '../../../../src/core/crypto/pkcs12/pkcs12-import';
import { fromHex, utf8 } from '../../../../src/core/crypto/bytes';
import { opensslOk } from '../../../support/openssl';
import { at, fromColonHex, hex, indexOfBytes, intOf, oidOf, parseDer, pbeOf, pemBody, type Der } from './support';

const oids = pkcs12PbeOids;
const supported = [
  ['pbeWithSHAAnd3KeyTripleDESCBC', oids.pbeWithSHAAnd3KeyTripleDESCBC, 'des-ede3-cbc', 24],
  ['pbeWithSHAAnd2KeyTripleDESCBC', oids.pbeWithSHAAnd2KeyTripleDESCBC, 'des-ede-cbc', 16],
  ['pbeWithSHAAnd128BitRC2CBC', oids.pbeWithSHAAnd128BitRC2CBC, 'rc2-cbc', 16],
  ['pbeWithSHAAnd40BitRC2CBC', oids.pbeWithSHAAnd40BitRC2CBC, 'rc2-40-cbc', 5],
] as const;
const salt = fromHex('4e56826097e472e1');
const nonAscii = 'Pässwörd-密碼-😀';
const legacy = ['-provider', 'legacy', '-provider', 'default'];
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 71 + 5) & 0xff);

describe('pkcs12PbeOids', () => {
  it('holds the six RFC 7292 Appendix C identifiers under 1.2.840.113549.1.12.1', () => {
    expect(Object.values(oids)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `1.2.840.113549.1.12.1.${n}`));
  });
});

describe('pkcs12PbeEncrypt / pkcs12PbeDecrypt', () => {
  it.each(supported)('%s round-trips any length, with ASCII, empty and non-ASCII passwords', (_name, oid) => {
    for (const password of ['secret', '', nonAscii]) {
      for (const n of [0, 1, 8, 33]) {
        const data = message(n);
        const sealed = pkcs12PbeEncrypt({ oid, password, salt, iterations: 3, data });
        expect(sealed.length % 8).toBe(0);
        expect(sealed.length).toBeGreaterThan(n);
        expect(hex(pkcs12PbeDecrypt({ oid, password, salt, iterations: 3, data: sealed }))).toBe(hex(data));
      }
    }
  });

  it.each(supported)(
    '%s is openssl enc -%s keyed by id 1 and IV by id 2 of the SHA-1 PKCS#12 KDF (RFC 7292 Appendix C)',
    async (_name, oid, cipher, keyLength) => {
      const kdf = async (id: number, length: number) =>
        fromColonHex((await opensslOk(['kdf', '-keylen', String(length), '-kdfopt', 'digest:SHA1',
          '-kdfopt', `hexpass:${hex(bmpPassword(nonAscii))}`, '-kdfopt', `hexsalt:${hex(salt)}`,
          '-kdfopt', 'iter:2048', '-kdfopt', `id:${id}`, 'PKCS12KDF'])).stdout);
      const key = await kdf(1, keyLength);
      const iv = await kdf(2, 8);
      const data = message(50);
      const run = await opensslOk(['enc', `-${cipher}`, '-K', hex(key), '-iv', hex(iv), ...legacy, '-in', 'in.bin', '-out', 'out.bin'], {
        files: { 'in.bin': data },
      });
      expect(hex(pkcs12PbeEncrypt({ oid, password: nonAscii, salt, iterations: 2048, data }))).toBe(hex(run.files['out.bin']!));
    },
  );

  it('takes a password already BMP-encoded, the same as the string', () => {
    const oid = oids.pbeWithSHAAnd3KeyTripleDESCBC;
    const data = message(20);
    const sealed = pkcs12PbeEncrypt({ oid, password: nonAscii, salt, iterations: 2, data });
    expect(hex(pkcs12PbeEncrypt({ oid, password: bmpPassword(nonAscii), salt, iterations: 2, data }))).toBe(hex(sealed));
    // The two encodings of an empty password differ: [0, 0] (the RFC) and no bytes at all.
    const empty = pkcs12PbeEncrypt({ oid, password: '', salt, iterations: 2, data });
    expect(hex(pkcs12PbeEncrypt({ oid, password: new Uint8Array(0), salt, iterations: 2, data }))).not.toBe(hex(empty));
  });

  it('leaves a caller-supplied password buffer as it was', () => {
    const password = bmpPassword('keep me');
    pkcs12PbeEncrypt({ oid: oids.pbeWithSHAAnd40BitRC2CBC, password, salt, iterations: 1, data: message(4) });
    expect(hex(password)).toBe(hex(bmpPassword('keep me')));
  });

  it.each([
    ['128-bit RC4', oids.pbeWithSHAAnd128BitRC4],
    ['40-bit RC4', oids.pbeWithSHAAnd40BitRC4],
    ['PBES2 (not an Appendix C scheme)', '1.2.840.113549.1.5.13'],
    ['an unknown OID', '1.2.3.4'],
    ['a prototype property name', 'constructor'],
  ])('refuses %s with PFX_UNSUPPORTED_ALGORITHM, both ways', (_name, oid) => {
    const p = { oid, password: 'pw', salt, iterations: 1, data: message(16) };
    expect(() => pkcs12PbeEncrypt(p)).toThrow(expect.objectContaining({ code: 'PFX_UNSUPPORTED_ALGORITHM' }));
    expect(() => pkcs12PbeDecrypt(p)).toThrow(expect.objectContaining({ code: 'PFX_UNSUPPORTED_ALGORITHM' }));
  });

  it('refuses a zero iteration count with INVALID_ARGUMENT', () => {
    const p = { oid: oids.pbeWithSHAAnd3KeyTripleDESCBC, password: 'pw', salt, iterations: 0, data: message(16) };
    expect(() => pkcs12PbeDecrypt(p)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it.each(supported)('%s: a wrong password gives PFX_BAD_PASSWORD, and the message does not show it', (_name, oid) => {
    const sealed = pkcs12PbeEncrypt({ oid, password: 'right horse', salt, iterations: 1, data: message(40) });
    // With this salt, 'wrong horse' is known to end in bad padding under every scheme.
    try {
      pkcs12PbeDecrypt({ oid, password: 'wrong horse', salt, iterations: 1, data: sealed });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'PFX_BAD_PASSWORD' });
      expect((error as Error).message).not.toContain('horse');
    }
  });

  it.each(supported)('%s: wrong passwords only ever throw PFX_BAD_PASSWORD or yield other bytes, never a raw error', (_name, oid) => {
    const data = message(40);
    const sealed = pkcs12PbeEncrypt({ oid, password: 'right', salt, iterations: 1, data });
    let badPadding = 0;
    for (let i = 0; i < 200; i++) {
      try {
        const out = pkcs12PbeDecrypt({ oid, password: `wrong ${i}`, salt, iterations: 1, data: sealed });
        expect(hex(out)).not.toBe(hex(data));
      } catch (error) {
        expect(isCertCenterError(error) && error.code).toBe('PFX_BAD_PASSWORD');
        badPadding++;
      }
    }
    expect(badPadding).toBeGreaterThan(180); // about 255 in 256 wrong keys break the padding
  });

  it('throws PFX_MALFORMED for truncated ciphertext', () => {
    const sealed = pkcs12PbeEncrypt({ oid: oids.pbeWithSHAAnd3KeyTripleDESCBC, password: 'pw', salt, iterations: 1, data: message(40) });
    const p = { oid: oids.pbeWithSHAAnd3KeyTripleDESCBC, password: 'pw', salt, iterations: 1, data: sealed.subarray(0, 21) };
    expect(() => pkcs12PbeDecrypt(p)).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
  });
});

// PFX files written by OpenSSL, taken apart with a minimal DER walker: their encrypted bags
// must open with our PBE, and their MAC must verify with our id-3 key. This is also where
// bmpPassword meets OpenSSL's own UTF-8 → BMP conversion of a non-ASCII password.
describe('PFX files written by openssl pkcs12', () => {
  let keyPem = '';
  let certPem = '';
  beforeAll(async () => {
    const run = await opensslOk(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-subj', '/CN=pkcs12 primitives', '-days', '1', '-keyout', 'key.pem', '-out', 'cert.pem']);
    keyPem = new TextDecoder().decode(run.files['key.pem']);
    certPem = new TextDecoder().decode(run.files['cert.pem']);
  });

  async function exportPfx(password: string, args: string[]): Promise<Uint8Array> {
    const run = await opensslOk(['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-passout', `pass:${password}`,
      ...args, '-out', 'out.p12'], { files: { 'key.pem': keyPem, 'cert.pem': certPem } });
    return run.files['out.p12']!;
  }

  const macHashes: Record<string, HashName> = {
    '1.3.14.3.2.26': 'SHA-1',
    '2.16.840.1.101.3.4.2.1': 'SHA-256',
    '2.16.840.1.101.3.4.2.2': 'SHA-384',
    '2.16.840.1.101.3.4.2.3': 'SHA-512',
  };

  /** Opens every encrypted part and checks the MAC; returns what was found. */
  async function openPfx(pfxBytes: Uint8Array, password: string) {
    const pfx = parseDer(pfxBytes)[0]!;
    const authSafeBytes = at(pfx, 1, 1, 0).content;
    const found = { schemes: [] as string[], cert: false, key: false, mac: '' as string };
    const openBag = (bag: Der) => {
      if (oidOf(at(bag, 0)) !== '1.2.840.113549.1.12.10.1.2') return; // pkcs8ShroudedKeyBag
      const epki = at(bag, 1, 0);
      const { oid, salt: s, iterations } = pbeOf(at(epki, 0));
      found.schemes.push(oid);
      const pkcs8 = pkcs12PbeDecrypt({ oid, password, salt: s, iterations, data: at(epki, 1).content });
      expect(hex(pkcs8)).toBe(hex(pemBody(keyPem)));
      found.key = true;
    };
    for (const contentInfo of parseDer(authSafeBytes)[0]!.children) {
      const type = oidOf(at(contentInfo, 0));
      if (type === '1.2.840.113549.1.7.6') {
        const encryptedContentInfo = at(contentInfo, 1, 0, 1);
        const { oid, salt: s, iterations } = pbeOf(at(encryptedContentInfo, 1));
        found.schemes.push(oid);
        const safeContents = pkcs12PbeDecrypt({ oid, password, salt: s, iterations, data: at(encryptedContentInfo, 2).content });
        expect(indexOfBytes(safeContents, pemBody(certPem))).toBeGreaterThan(0);
        found.cert = true;
        for (const bag of parseDer(safeContents)[0]!.children) openBag(bag);
      } else if (type === '1.2.840.113549.1.7.1') {
        for (const bag of parseDer(at(contentInfo, 1, 0).content)[0]!.children) openBag(bag);
      }
    }
    expect(await macVerifies(pfxBytes, password), 'MAC').toBe(true);
    const macData = at(pfx, 2);
    found.mac = `${macHashes[oidOf(at(macData, 0, 0, 0))]}/${intOf(at(macData, 2))}`;
    return found;
  }

  /** Whether the PFX's MAC verifies with our id-3 key for `password` (WebCrypto computes the HMAC). */
  async function macVerifies(pfxBytes: Uint8Array, password: string): Promise<boolean> {
    const pfx = parseDer(pfxBytes)[0]!;
    const macData = at(pfx, 2);
    const hash = macHashes[oidOf(at(macData, 0, 0, 0))]!;
    const macKey = pkcs12Kdf({ hash, password: bmpPassword(password), salt: at(macData, 1).content, id: 3,
      iterations: intOf(at(macData, 2)), length: hash === 'SHA-1' ? 20 : Number(hash.slice(4)) / 8 });
    const hmacKey = await crypto.subtle.importKey('raw', macKey as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash }, false, ['verify']);
    return crypto.subtle.verify('HMAC', hmacKey, at(macData, 0, 1).content as Uint8Array<ArrayBuffer>, at(pfx, 1, 1, 0).content as Uint8Array<ArrayBuffer>);
  }

  it('opens -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC) with a non-ASCII password', async () => {
    const pfx = await exportPfx(nonAscii, ['-legacy', '-iter', '1000']);
    const found = await openPfx(pfx, nonAscii);
    expect(found).toEqual({ schemes: [oids.pbeWithSHAAnd40BitRC2CBC, oids.pbeWithSHAAnd3KeyTripleDESCBC], cert: true, key: true, mac: 'SHA-1/1000' });
  });

  it('opens RC2-128 certificates and a two-key 3DES key', async () => {
    const pfx = await exportPfx('x', ['-legacy', '-certpbe', 'PBE-SHA1-RC2-128', '-keypbe', 'PBE-SHA1-2DES', '-iter', '1000']);
    const found = await openPfx(pfx, 'x');
    expect(found.schemes).toEqual([oids.pbeWithSHAAnd128BitRC2CBC, oids.pbeWithSHAAnd2KeyTripleDESCBC]);
    expect(found.cert && found.key).toBe(true);
  });

  it('opens 3DES everywhere with an empty password, which OpenSSL encodes as the two-byte terminator', async () => {
    const pfx = await exportPfx('', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-iter', '1000']);
    const found = await openPfx(pfx, '');
    expect(found).toEqual({ schemes: [oids.pbeWithSHAAnd3KeyTripleDESCBC, oids.pbeWithSHAAnd3KeyTripleDESCBC], cert: true, key: true, mac: 'SHA-1/1000' });
  });

  it('verifies the SHA-256 MAC of a 600,000-iteration PFX with the id-3 key', async () => {
    const pfx = await exportPfx(nonAscii, ['-certpbe', 'NONE', '-keypbe', 'NONE', '-iter', '600000']);
    expect((await openPfx(pfx, nonAscii)).mac).toBe('SHA-256/600000');
  });

  // OpenSSL draws new salts on every run, so whether a wrong 3DES key leaves valid padding is
  // chance (about 1 in 256). The MAC is what tells a wrong password, whatever the salts.
  it('a wrong password fails the OpenSSL file on its MAC (PFX_BAD_PASSWORD), and never decrypts a part to its plaintext', async () => {
    const pfxBytes = await exportPfx('right', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-iter', '1000']);
    expect(await macVerifies(pfxBytes, 'right')).toBe(true);
    expect(await macVerifies(pfxBytes, 'wrong')).toBe(false);
    await expect(importPkcs12(pfxBytes, 'wrong')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    const pfx = parseDer(pfxBytes)[0]!;
    const certPart = parseDer(at(pfx, 1, 1, 0).content)[0]!.children.find((c) => oidOf(at(c, 0)) === '1.2.840.113549.1.7.6')!;
    const encryptedContentInfo = at(certPart, 1, 0, 1);
    const { oid, salt: s, iterations } = pbeOf(at(encryptedContentInfo, 1));
    const data = at(encryptedContentInfo, 2).content;
    expect(indexOfBytes(pkcs12PbeDecrypt({ oid, password: 'right', salt: s, iterations, data }), pemBody(certPem))).toBeGreaterThan(0);
    try {
      const garbage = pkcs12PbeDecrypt({ oid, password: 'wrong', salt: s, iterations, data });
      expect(indexOfBytes(garbage, pemBody(certPem))).toBe(-1);
    } catch (error) {
      expect(error).toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    }
  });
});
