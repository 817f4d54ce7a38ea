import { createHash, pbkdf2Sync as pbkdf2Node } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToWords, digest, hashInfo, iterateDigest, wordsToBytes, type HashName } from '../../../src/core/crypto/hash';
import { pbkdf2Sliced, pbkdf2Sync } from '../../../src/core/crypto/pkcs12/hmac';
import { jsWeight, sliceUnits } from '../../../src/core/crypto/pkcs12/work';

const nodeName: Record<HashName, string> = {
  'SHA-1': 'sha1', 'SHA-224': 'sha224', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512',
};
const hashes = Object.keys(nodeName) as HashName[];
const runs = Number(process.env.FC_RUNS ?? 300);

describe('digest against node:crypto', () => {
  it.each(hashes)('%s equals node:crypto for arbitrary inputs up to 600 bytes', (hash) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => {
        expect(Buffer.from(digest(hash, data)).toString('hex')).toBe(createHash(nodeName[hash]).update(data).digest('hex'));
      }),
      { numRuns: runs },
    );
  });

  it.each(hashes)('%s iterated n times equals n node:crypto hashes of the digest', (hash) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.integer({ min: 0, max: 200 }), (seed, times) => {
        let expected = createHash(nodeName[hash]).update(seed).digest();
        const words = bytesToWords(expected);
        for (let i = 0; i < times; i++) expected = createHash(nodeName[hash]).update(expected).digest();
        iterateDigest(hash, words, times);
        expect(Buffer.from(wordsToBytes(words, hashInfo(hash).outputLength)).equals(expected)).toBe(true);
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });
});

describe('the JavaScript PBKDF2 against node:crypto', () => {
  it.each(hashes)('%s PBKDF2 (HMAC key states computed once, two compressions per iteration) equals node:crypto, sliced or not', (hash) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 80 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 150 }),
        (password, salt, iterations, length) => {
          const expected = pbkdf2Node(password, salt, iterations, length, nodeName[hash]).toString('hex');
          expect(Buffer.from(pbkdf2Sync(hash, password, salt, iterations, length)).toString('hex')).toBe(expected);
          let slices = 0;
          const sliced = pbkdf2Sliced(hash, password, salt, iterations, length);
          for (let step = sliced.next(); ; step = sliced.next()) {
            if (step.done) {
              expect(Buffer.from(step.value).toString('hex')).toBe(expected);
              break;
            }
            expect(step.value).toBeLessThanOrEqual(sliceUnits);
            slices++;
          }
          expect(slices).toBe(iterations === 1 ? 0 : Math.ceil(length / hashInfo(hash).outputLength) * Math.ceil((iterations - 1) / Math.floor(sliceUnits / (2 * jsWeight[hash]))));
        }),
      { numRuns: Math.ceil(runs / 6) },
    );
  });
});
