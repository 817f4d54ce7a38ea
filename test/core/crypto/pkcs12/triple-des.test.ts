import { describe, expect, it } from 'vitest';
import { tripleDesCbcDecrypt, tripleDesCbcEncrypt } from '../../../../src/core/crypto/pkcs12/triple-des';
import { fromHex, utf8 } from '../../../../src/core/crypto/bytes';
import { opensslOk } from '../../../support/openssl';
import { hex } from './support';

const key24 = fromHex('0123456789abcdef23456789abcdef01456789abcdef0123');
const key16 = fromHex('0123456789abcdef23456789abcdef01');
const iv = fromHex('f69f2445df4f9b17');
const zeroIv = new Uint8Array(8);
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 53 + 11) & 0xff);

describe('3DES-CBC', () => {
  it('encrypts the NIST SP 800-67 TDEA example (first block: CBC with a zero IV is ECB)', () => {
    // SP 800-67 Rev. 1 example: "The qufck brown fox jump" under K1 K2 K3 above.
    const out = tripleDesCbcEncrypt(key24, zeroIv, utf8('The qufc'));
    expect(hex(out.subarray(0, 8))).toBe('a826fd8ce53b855f');
  });

  it('encrypts with PKCS#7 padding exactly as openssl enc -des-ede3-cbc, for lengths 0, 1, 7, 8, 9 and 100', async () => {
    for (const n of [0, 1, 7, 8, 9, 100]) {
      const data = message(n);
      const run = await opensslOk(['enc', '-des-ede3-cbc', '-K', hex(key24), '-iv', hex(iv), '-in', 'in.bin', '-out', 'out.bin'], {
        files: { 'in.bin': data },
      });
      const ours = tripleDesCbcEncrypt(key24, iv, data);
      expect(hex(ours), `length ${n}`).toBe(hex(run.files['out.bin']!));
      expect(hex(tripleDesCbcDecrypt(key24, iv, ours)), `length ${n}`).toBe(hex(data));
    }
  });

  it('treats a 16-byte key as two-key 3DES (K3 = K1), as openssl enc -des-ede-cbc does', async () => {
    const data = message(30);
    const run = await opensslOk(['enc', '-des-ede-cbc', '-K', hex(key16), '-iv', hex(iv), '-in', 'in.bin', '-out', 'out.bin'], {
      files: { 'in.bin': data },
    });
    const ours = tripleDesCbcEncrypt(key16, iv, data);
    expect(hex(ours)).toBe(hex(run.files['out.bin']!));
    expect(hex(ours)).toBe(hex(tripleDesCbcEncrypt(fromHex(hex(key16) + hex(key16.subarray(0, 8))), iv, data)));
    expect(hex(tripleDesCbcDecrypt(key16, iv, ours))).toBe(hex(data));
  });

  it('decrypts what openssl enc -des-ede3-cbc wrote', async () => {
    const data = utf8('a private key, in a bag, in a PFX');
    const run = await opensslOk(['enc', '-des-ede3-cbc', '-K', hex(key24), '-iv', hex(iv), '-in', 'in.bin', '-out', 'out.bin'], {
      files: { 'in.bin': data },
    });
    expect(hex(tripleDesCbcDecrypt(key24, iv, run.files['out.bin']!))).toBe(hex(data));
  });

  it('throws PFX_BAD_PASSWORD when the padding is wrong, as a wrong key makes it', () => {
    const sealed = tripleDesCbcEncrypt(key24, iv, message(20));
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 0x5a;
    expect(() => tripleDesCbcDecrypt(key24, iv, flipped)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
    const wrongKey = key24.slice();
    wrongKey[0] = 0x03; // not just a parity bit
    expect(() => tripleDesCbcDecrypt(wrongKey, iv, sealed)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
  });

  it('throws PFX_MALFORMED for ciphertext that is empty or not whole 8-byte blocks', () => {
    expect(() => tripleDesCbcDecrypt(key24, iv, new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
    expect(() => tripleDesCbcDecrypt(key24, iv, new Uint8Array(15))).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
  });

  it.each([
    ['an 8-byte key', new Uint8Array(8), iv],
    ['a 32-byte key', new Uint8Array(32), iv],
    ['a 7-byte IV', key24, new Uint8Array(7)],
  ])('refuses %s with INVALID_ARGUMENT, both ways', (_name, key, badIv) => {
    expect(() => tripleDesCbcEncrypt(key, badIv, message(8))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => tripleDesCbcDecrypt(key, badIv, message(8))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
