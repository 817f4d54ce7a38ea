import { describe, expect, it } from 'vitest';
import { bytesToWords, digest, hashInfo, iterateDigest, wordsToBytes, type HashName } from '../../../src/core/crypto/hash';
import { fromHex, toHex, utf8 } from '../../../src/core/crypto/bytes';

const hex = (b: Uint8Array) => toHex(b).toLowerCase();
const msg448 = 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq';
const msg896 = 'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu';
const millionA = new Uint8Array(1_000_000).fill(0x61);

// FIPS 180-2 appendix examples and the NIST "one million a" vector.
const vectors: Record<HashName, { empty: string; abc: string; long: [string, string]; million: string }> = {
  'SHA-1': {
    empty: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    abc: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    long: [msg448, '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    million: '34aa973cd4c4daa4f61eeb2bdbad27316534016f',
  },
  'SHA-224': {
    empty: 'd14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f',
    abc: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
    long: [msg448, '75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525'],
    million: '20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67',
  },
  'SHA-256': {
    empty: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    abc: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    long: [msg448, '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    million: 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
  },
  'SHA-384': {
    empty: '38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b',
    abc: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    long: [msg896, '09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039'],
    million: '9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985',
  },
  'SHA-512': {
    empty: 'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e',
    abc: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    long: [msg896, '8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909'],
    million: 'e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b',
  },
};

const hashes = Object.keys(vectors) as HashName[];

describe('digest', () => {
  describe.each(hashes)('%s', (hash) => {
    const v = vectors[hash];
    it('gives the FIPS 180 digest of the empty message', () => {
      expect(hex(digest(hash, new Uint8Array(0)))).toBe(v.empty);
    });
    it('gives the FIPS 180 digest of "abc"', () => {
      expect(hex(digest(hash, utf8('abc')))).toBe(v.abc);
    });
    it('gives the FIPS 180 digest of the two-block message', () => {
      expect(hex(digest(hash, utf8(v.long[0])))).toBe(v.long[1]);
    });
    it('gives the NIST digest of one million "a"', () => {
      expect(hex(digest(hash, millionA))).toBe(v.million);
    });
    it('reads a subarray view at its own offset, not the start of its buffer', () => {
      const backing = utf8('xxabcxx');
      expect(hex(digest(hash, backing.subarray(2, 5)))).toBe(v.abc);
    });
  });

  // WebCrypto is the judge in both Node and Chromium (it has no SHA-224, which the vectors cover).
  it.each(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const)(
    'matches WebCrypto %s for every length 0–300, across each padding boundary',
    async (hash) => {
      const data = new Uint8Array(300);
      for (let i = 0; i < data.length; i++) data[i] = (i * 151 + 7) & 0xff;
      for (let n = 0; n <= data.length; n++) {
        const slice = data.slice(0, n);
        const expected = new Uint8Array(await crypto.subtle.digest(hash, slice));
        expect(hex(digest(hash, slice)), `length ${n}`).toBe(hex(expected));
      }
    },
  );
});

describe('hashInfo', () => {
  it('gives RFC 7292 u (output) and v (block) lengths', () => {
    expect(hashes.map((h) => [h, hashInfo(h)])).toEqual([
      ['SHA-1', { outputLength: 20, blockLength: 64 }],
      ['SHA-224', { outputLength: 28, blockLength: 64 }],
      ['SHA-256', { outputLength: 32, blockLength: 64 }],
      ['SHA-384', { outputLength: 48, blockLength: 128 }],
      ['SHA-512', { outputLength: 64, blockLength: 128 }],
    ]);
  });
});

describe('iterateDigest', () => {
  it.each(hashes)('hashes a %s digest n more times, the same as n calls of digest', (hash) => {
    const { outputLength } = hashInfo(hash);
    for (const times of [0, 1, 2, 37]) {
      let expected = digest(hash, utf8('seed'));
      const words = bytesToWords(expected);
      for (let i = 0; i < times; i++) expected = digest(hash, expected);
      iterateDigest(hash, words, times);
      expect(hex(wordsToBytes(words, outputLength)), `${times} times`).toBe(hex(expected));
    }
  });
});

describe('word conversions', () => {
  it('packs bytes big-endian into words, zero-filling the last word', () => {
    expect(Array.from(bytesToWords(fromHex('0102030405')), (w) => w >>> 0)).toEqual([0x01020304, 0x05000000]);
    expect(hex(wordsToBytes(Int32Array.from([0x01020304, 0x05060708 | 0]), 6))).toBe('010203040506');
  });
});
