import { describe, expect, it } from 'vitest';
import { rc2CbcDecrypt, rc2CbcEncrypt, rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from '../../../../src/core/crypto/pkcs12/rc2';
import { fromHex } from '../../../../src/core/crypto/bytes';
import { opensslOk } from '../../../support/openssl';
import { hex } from './support';

// RFC 2268 §5: effective key bits, key, plaintext, ciphertext.
const rfcVectors: Array<[number, string, string, string]> = [
  [63, '0000000000000000', '0000000000000000', 'ebb773f993278eff'],
  [64, 'ffffffffffffffff', 'ffffffffffffffff', '278b27e42e2f0d49'],
  [64, '3000000000000000', '1000000000000001', '30649edf9be7d2c2'],
  [64, '88', '0000000000000000', '61a8a244adacccf0'],
  [64, '88bca90e90875a', '0000000000000000', '6ccf4308974c267f'],
  [64, '88bca90e90875a7f0f79c384627bafb2', '0000000000000000', '1a807d272bbe5db1'],
  [128, '88bca90e90875a7f0f79c384627bafb2', '0000000000000000', '2269552ab0f85ca6'],
  [129, '88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', '0000000000000000', '5b78d3a43dfff1f1'],
];

const legacy = ['-provider', 'legacy', '-provider', 'default'];
const iv = fromHex('0123456789abcdef');
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 29 + 3) & 0xff);

describe('RC2 block (RFC 2268)', () => {
  it.each(rfcVectors)('encrypts the §5 vector with %i effective bits, key %s', (bits, key, plain, cipher) => {
    const k = rc2ExpandKey(fromHex(key), bits);
    const out = new Uint8Array(8);
    rc2EncryptBlock(k, fromHex(plain), 0, out, 0);
    expect(hex(out)).toBe(cipher);
  });

  it.each(rfcVectors)('decrypts the §5 vector with %i effective bits, key %s', (bits, key, plain, cipher) => {
    const k = rc2ExpandKey(fromHex(key), bits);
    const out = new Uint8Array(8);
    rc2DecryptBlock(k, fromHex(cipher), 0, out, 0);
    expect(hex(out)).toBe(plain);
  });
});

describe('RC2-CBC', () => {
  const cases: Array<[string, number, string]> = [
    ['rc2-40-cbc', 40, '0102030405'],
    ['rc2-64-cbc', 64, '0102030405060708'],
    ['rc2-cbc', 128, '000102030405060708090a0b0c0d0e0f'],
  ];
  for (const [cipher, bits, key] of cases) {
    it(`encrypts with PKCS#7 padding exactly as openssl enc -${cipher}, for lengths 0, 1, 7, 8, 9 and 100`, async () => {
      for (const n of [0, 1, 7, 8, 9, 100]) {
        const data = message(n);
        const run = await opensslOk(['enc', `-${cipher}`, '-K', key, '-iv', hex(iv), ...legacy, '-in', 'in.bin', '-out', 'out.bin'], {
          files: { 'in.bin': data },
        });
        const ours = rc2CbcEncrypt(fromHex(key), bits, iv, data);
        expect(hex(ours), `length ${n}`).toBe(hex(run.files['out.bin']!));
        expect(hex(rc2CbcDecrypt(fromHex(key), bits, iv, ours)), `length ${n}`).toBe(hex(data));
      }
    });
  }

  it('throws PFX_BAD_PASSWORD when the padding is wrong, as a wrong key makes it', () => {
    const key = fromHex('0102030405');
    const sealed = rc2CbcEncrypt(key, 40, iv, message(20));
    // A corrupt last byte of padding, then a wrong key (this one is known to give bad padding).
    const flipped = sealed.slice();
    flipped[flipped.length - 1]! ^= 0x5a;
    expect(() => rc2CbcDecrypt(key, 40, iv, flipped)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
    expect(() => rc2CbcDecrypt(fromHex('0102030406'), 40, iv, sealed)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
  });

  it('checks every padding byte, not just the last', () => {
    const key = fromHex('0102030405');
    // Plaintext that ends in …, 0x02, 0x03, 0x03 is not valid padding of 3 — encrypt it raw.
    const k = rc2ExpandKey(key, 40);
    const block = Uint8Array.from([1, 2, 3, 4, 5, 2, 3, 3]);
    for (let i = 0; i < 8; i++) block[i]! ^= iv[i]!;
    rc2EncryptBlock(k, block, 0, block, 0);
    expect(() => rc2CbcDecrypt(key, 40, iv, block)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
  });

  it('throws PFX_MALFORMED for ciphertext that is empty or not whole 8-byte blocks', () => {
    const key = fromHex('0102030405');
    expect(() => rc2CbcDecrypt(key, 40, iv, new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
    expect(() => rc2CbcDecrypt(key, 40, iv, new Uint8Array(12))).toThrow(expect.objectContaining({ code: 'PFX_MALFORMED' }));
  });

  it.each([
    ['an empty key', new Uint8Array(0), 40, iv],
    ['a 129-byte key', new Uint8Array(129), 40, iv],
    ['0 effective bits', fromHex('01'), 0, iv],
    ['1025 effective bits', fromHex('01'), 1025, iv],
    ['a 16-byte IV', fromHex('0102030405'), 40, new Uint8Array(16)],
  ])('refuses %s with INVALID_ARGUMENT, both ways', (_name, key, bits, badIv) => {
    expect(() => rc2CbcEncrypt(key, bits, badIv, message(8))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => rc2CbcDecrypt(key, bits, badIv, message(8))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('never puts key bytes in its error messages', () => {
    const key = fromHex('deadbeef42');
    const sealed = rc2CbcEncrypt(fromHex('0102030405'), 40, iv, message(3));
    expect(() => rc2CbcDecrypt(key, 40, iv, sealed)).toThrow(expect.objectContaining({ code: 'PFX_BAD_PASSWORD' }));
    try {
      rc2CbcDecrypt(key, 40, iv, sealed);
    } catch (error) {
      const text = `${(error as Error).message} ${JSON.stringify(error)}`.toLowerCase();
      expect(text).not.toContain('deadbeef');
      expect(text).not.toContain('222,173');
    }
  });
});
