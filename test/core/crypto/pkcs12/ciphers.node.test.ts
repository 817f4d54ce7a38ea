import { createCipheriv } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tripleDesCbcDecrypt, tripleDesCbcEncrypt } from '../../../../src/core/crypto/pkcs12/triple-des';
import { rc2CbcDecrypt, rc2CbcEncrypt } from '../../../../src/core/crypto/pkcs12/rc2';
import { pkcs12PbeDecrypt, pkcs12PbeOids } from '../../../../src/core/crypto/pkcs12/pkcs12-pbe';
import { isCertCenterError } from '../../../../src/core/errors';

const runs = Number(process.env.FC_RUNS ?? 200);
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe('3DES-CBC against node:crypto', () => {
  it.each([[24, 'des-ede3-cbc'], [16, 'des-ede-cbc']] as const)(
    'a %i-byte key encrypts arbitrary data as node:crypto %s does, and decrypts it back',
    (keyLength, name) => {
      fc.assert(
        fc.property(bytes(keyLength), bytes(8), fc.uint8Array({ maxLength: 100 }), (key, iv, data) => {
          const cipher = createCipheriv(name, key, iv);
          const expected = Buffer.concat([cipher.update(data), cipher.final()]);
          const ours = tripleDesCbcEncrypt(key, iv, data);
          expect(Buffer.from(ours).equals(expected)).toBe(true);
          expect(Buffer.from(tripleDesCbcDecrypt(key, iv, ours)).equals(Buffer.from(data))).toBe(true);
        }),
        { numRuns: runs },
      );
    },
  );
});

describe('RC2-CBC', () => {
  it('decrypts what it encrypted, for any key length, effective key length and data', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 128 }), fc.integer({ min: 1, max: 1024 }), bytes(8), fc.uint8Array({ maxLength: 70 }),
        (key, bits, iv, data) => {
          const sealed = rc2CbcEncrypt(key, bits, iv, data);
          expect(sealed.length).toBe(data.length + 8 - (data.length % 8));
          expect(Buffer.from(rc2CbcDecrypt(key, bits, iv, sealed)).equals(Buffer.from(data))).toBe(true);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('pkcs12PbeDecrypt on hostile input', () => {
  it('only ever returns bytes or throws CertCenterError, whatever the ciphertext, salt, password and scheme', () => {
    const oids = Object.values(pkcs12PbeOids);
    fc.assert(
      fc.property(
        fc.constantFrom(...oids, '1.2.3'), fc.string({ maxLength: 12 }), fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 40 }),
        (oid, password, salt, data) => {
          try {
            expect(pkcs12PbeDecrypt({ oid, password, salt, iterations: 1, data })).toBeInstanceOf(Uint8Array);
          } catch (error) {
            expect(isCertCenterError(error)).toBe(true);
            expect(['PFX_BAD_PASSWORD', 'PFX_MALFORMED', 'PFX_UNSUPPORTED_ALGORITHM']).toContain((error as { code: string }).code);
          }
        },
      ),
      { numRuns: runs * 2 },
    );
  });
});
