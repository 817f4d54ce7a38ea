import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { aesCbcDecrypt, aesCbcEncrypt, aesDecryptBlock, aesEncryptBlock, aesExpandKey } from '../../../../src/core/crypto/pkcs12/aes';
import { concatBytes, fromHex, toArrayBuffer, utf8 } from '../../../../src/core/crypto/bytes';
import { opensslOk } from '../../../support/openssl';
import { hex } from './support';

// FIPS-197 Appendix C: key, then the ciphertext of 00112233445566778899aabbccddeeff.
const fipsPlain = '00112233445566778899aabbccddeeff';
const fipsVectors: Array<[string, string, string]> = [
  ['C.1 AES-128', '000102030405060708090a0b0c0d0e0f', '69c4e0d86a7b0430d8cdb78070b4c55a'],
  ['C.2 AES-192', '000102030405060708090a0b0c0d0e0f1011121314151617', 'dda97ca4864cdfe06eaf70a0ec0d7191'],
  ['C.3 AES-256', '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', '8ea2b7ca516745bfeafc49904b496089'],
];

// NIST SP 800-38A F.2: the same IV and four plaintext blocks for every key size.
const spIv = fromHex('000102030405060708090a0b0c0d0e0f');
const spPlain = fromHex(
  '6bc1bee22e409f96e93d7e117393172a' + 'ae2d8a571e03ac9c9eb76fac45af8e51' +
  '30c81c46a35ce411e5fbc1191a0a52ef' + 'f69f2445df4f9b17ad2b417be66c3710',
);
const spVectors: Array<[string, string, string]> = [
  ['F.2.1/F.2.2 CBC-AES128', '2b7e151628aed2a6abf7158809cf4f3c',
    '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7'],
  ['F.2.3/F.2.4 CBC-AES192', '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b',
    '4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd'],
  ['F.2.5/F.2.6 CBC-AES256', '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
    'f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b'],
];

const key16 = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
const key24 = fromHex('8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b');
const key32 = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const iv = fromHex('f69f2445df4f9b17ad2b417be66c3710');
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 5) & 0xff);

/** The encryption of one more block, `bytes` XOR `prev`: the PKCS#7 block SP 800-38A leaves out. */
function nextBlock(key: Uint8Array, prev: Uint8Array, bytes: Uint8Array): Uint8Array {
  const block = bytes.map((b, i) => b ^ prev[i]!);
  aesEncryptBlock(aesExpandKey(key), block, 0, block, 0);
  return block;
}

describe('AES block (FIPS-197)', () => {
  it.each(fipsVectors)('encrypts and decrypts the Appendix %s vector', (_name, key, cipher) => {
    const k = aesExpandKey(fromHex(key));
    const out = new Uint8Array(16);
    aesEncryptBlock(k, fromHex(fipsPlain), 0, out, 0);
    expect(hex(out)).toBe(cipher);
    aesDecryptBlock(k, fromHex(cipher), 0, out, 0);
    expect(hex(out)).toBe(fipsPlain);
  });

  it('uses 10, 12 and 14 rounds for 128-, 192- and 256-bit keys', () => {
    expect([key16, key24, key32].map((k) => aesExpandKey(k).rounds)).toEqual([10, 12, 14]);
  });

  it('works in place and at offsets', () => {
    const k = aesExpandKey(fromHex(fipsVectors[1]![1]));
    const buffer = concatBytes(new Uint8Array(3), fromHex(fipsPlain), new Uint8Array(5));
    aesEncryptBlock(k, buffer, 3, buffer, 3);
    expect(hex(buffer.subarray(3, 19))).toBe(fipsVectors[1]![2]);
    expect(hex(buffer.subarray(0, 3)) + hex(buffer.subarray(19))).toBe('00'.repeat(8));
    aesDecryptBlock(k, buffer, 3, buffer, 3);
    expect(hex(buffer.subarray(3, 19))).toBe(fipsPlain);
  });
});

describe('AES-CBC', () => {
  it.each(spVectors)('encrypts the SP 800-38A %s vector, then one block of PKCS#7 padding', (_name, key, cipher) => {
    const out = aesCbcEncrypt(fromHex(key), spIv, spPlain);
    expect(out.length).toBe(80);
    expect(hex(out.subarray(0, 64))).toBe(cipher);
    expect(hex(out.subarray(64))).toBe(hex(nextBlock(fromHex(key), fromHex(cipher).subarray(48), new Uint8Array(16).fill(16))));
  });

  it.each(spVectors)('decrypts the SP 800-38A %s vector', (_name, key, cipher) => {
    const sealed = fromHex(cipher);
    const padded = concatBytes(sealed, nextBlock(fromHex(key), sealed.subarray(48), new Uint8Array(16).fill(16)));
    expect(hex(aesCbcDecrypt(fromHex(key), spIv, padded))).toBe(hex(spPlain));
  });

  it.each([
    ['aes-128-cbc', key16],
    ['aes-192-cbc', key24],
    ['aes-256-cbc', key32],
  ])('matches openssl enc -%s both ways, for lengths 0, 1, 15, 16, 17 and 100', async (cipher, key) => {
    for (const n of [0, 1, 15, 16, 17, 100]) {
      const data = message(n);
      const run = await opensslOk(['enc', `-${cipher}`, '-K', hex(key), '-iv', hex(iv), '-in', 'in.bin', '-out', 'out.bin'], {
        files: { 'in.bin': data },
      });
      const theirs = run.files['out.bin']!;
      expect(hex(aesCbcEncrypt(key, iv, data)), `length ${n}`).toBe(hex(theirs));
      expect(hex(aesCbcDecrypt(key, iv, theirs)), `length ${n}`).toBe(hex(data));
    }
  });

  it('decrypts what openssl enc -aes-192-cbc -d reads back', async () => {
    const data = utf8('a certificate bag, in a PFX made with -certpbe AES-192-CBC');
    const sealed = aesCbcEncrypt(key24, iv, data);
    const run = await opensslOk(['enc', '-d', '-aes-192-cbc', '-K', hex(key24), '-iv', hex(iv), '-in', 'in.bin', '-out', 'out.bin'], {
      files: { 'in.bin': sealed },
    });
    expect(hex(run.files['out.bin']!)).toBe(hex(data));
  });

  it('round-trips any data under any key size', () => {
    const keyArb = fc.constantFrom(16, 24, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
    const ivArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
    fc.assert(
      fc.property(keyArb, ivArb, fc.uint8Array({ maxLength: 200 }), (key, iv, data) => {
        const sealed = aesCbcEncrypt(key, iv, data);
        expect(sealed.length).toBe((Math.floor(data.length / 16) + 1) * 16);
        expect(hex(aesCbcDecrypt(key, iv, sealed))).toBe(hex(data));
      }),
    );
  });

  it('agrees with WebCrypto AES-CBC for 128- and 256-bit keys', async () => {
    const keyArb = fc.constantFrom(16, 32).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
    const ivArb = fc.uint8Array({ minLength: 16, maxLength: 16 });
    await fc.assert(
      fc.asyncProperty(keyArb, ivArb, fc.uint8Array({ maxLength: 100 }), async (key, iv, data) => {
        const k = await crypto.subtle.importKey('raw', toArrayBuffer(key), 'AES-CBC', false, ['encrypt']);
        const native = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, k, toArrayBuffer(data)));
        expect(hex(aesCbcEncrypt(key, iv, data))).toBe(hex(native));
      }),
      { numRuns: 50 },
    );
  });

  it('throws PFX_BAD_PASSWORD when the padding is wrong, as a wrong key makes it', () => {
    const sealed = aesCbcEncrypt(key24, iv, message(40));
    const wrongKey = key24.slice();
    wrongKey[0]! ^= 0x01;
    expect(() => aesCbcDecrypt(wrongKey, iv, sealed)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 0x5a;
    expect(() => aesCbcDecrypt(key24, iv, flipped)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
  });

  it('only ever throws CertCenterError under a wrong key, and never returns the plaintext', () => {
    const data = message(33);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 24, maxLength: 24 }), (wrongKey) => {
        fc.pre(hex(wrongKey) !== hex(key24));
        const sealed = aesCbcEncrypt(key24, iv, data);
        try {
          expect(hex(aesCbcDecrypt(wrongKey, iv, sealed))).not.toBe(hex(data));
        } catch (error) {
          expect(error).toMatchObject({ isCertCenterError: true, code: 'PFX_BAD_PASSWORD' });
        }
      }),
    );
  });

  it.each([
    ['a last byte of 0', 0],
    ['a last byte of 17', 17],
  ])('throws PFX_BAD_PASSWORD for padding with %s', (_name, last) => {
    const k = aesExpandKey(key16);
    const block = new Uint8Array(16).fill(last);
    for (let i = 0; i < 16; i++) block[i]! ^= iv[i]!;
    aesEncryptBlock(k, block, 0, block, 0);
    expect(() => aesCbcDecrypt(key16, iv, block)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
  });

  it('throws PFX_MALFORMED for ciphertext that is empty or not whole 16-byte blocks', () => {
    for (const n of [0, 8, 15, 17]) {
      expect(() => aesCbcDecrypt(key16, iv, new Uint8Array(n)), `length ${n}`).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
    }
  });

  it.each([
    ['an empty key', new Uint8Array(0), iv],
    ['a 15-byte key', new Uint8Array(15), iv],
    ['a 20-byte key', new Uint8Array(20), iv],
    ['a 33-byte key', new Uint8Array(33), iv],
    ['an 8-byte IV', key24, new Uint8Array(8)],
    ['a 17-byte IV', key24, new Uint8Array(17)],
  ])('refuses %s with INVALID_ARGUMENT, both ways', (_name, key, badIv) => {
    expect(() => aesCbcEncrypt(key, badIv, message(16))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => aesCbcDecrypt(key, badIv, message(16))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
