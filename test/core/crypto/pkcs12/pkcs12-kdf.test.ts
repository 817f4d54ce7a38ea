import { describe, expect, it } from 'vitest';
import { bmpPassword, pkcs12Kdf, pkcs12KdfSliced } from '../../../../src/core/crypto/pkcs12/pkcs12-kdf';
import { jsWeight, runSliced, sliceUnits } from '../../../../src/core/crypto/pkcs12/work';
import type { HashName } from '../../../../src/core/crypto/hash';
import { fromHex, utf8 } from '../../../../src/core/crypto/bytes';
import { opensslOk } from '../../../support/openssl';
import { fromColonHex, hex } from './support';

const nonAscii = 'Pässwörd-密碼-😀';

/** `openssl kdf … PKCS12KDF` with the password bytes given as they are (it does no BMP encoding). */
async function opensslKdf(p: { hash: HashName; password: Uint8Array; salt: Uint8Array; id: number; iterations: number; length: number }) {
  const run = await opensslOk([
    'kdf', '-keylen', String(p.length),
    '-kdfopt', `digest:${p.hash.replace('-', '')}`,
    '-kdfopt', `hexpass:${hex(p.password)}`,
    '-kdfopt', `hexsalt:${hex(p.salt)}`,
    '-kdfopt', `iter:${p.iterations}`,
    '-kdfopt', `id:${p.id}`,
    'PKCS12KDF',
  ]);
  return fromColonHex(run.stdout);
}

describe('bmpPassword', () => {
  it('writes UTF-16 big-endian code units and a two-byte zero terminator (RFC 7292 §B.1)', () => {
    expect(hex(bmpPassword('smeg'))).toBe('0073006d006500670000');
  });
  it('turns the empty password into just the terminator', () => {
    expect(Array.from(bmpPassword(''))).toEqual([0, 0]);
  });
  it('writes non-Latin characters as their UTF-16 code unit', () => {
    expect(hex(bmpPassword('密碼é'))).toBe('5bc678bc00e90000');
  });
  it('writes characters outside the BMP as a surrogate pair', () => {
    expect(hex(bmpPassword('😀'))).toBe('d83dde000000');
  });
});

describe('pkcs12Kdf', () => {
  // Published PKCS#12 KDF vectors (used by OpenSSL and Bouncy Castle), SHA-1, password "smeg".
  it('derives the published "smeg" key, IV and MAC-key vectors', () => {
    const password = bmpPassword('smeg');
    const salt1 = fromHex('0A58CF64530D823F');
    expect(hex(pkcs12Kdf({ hash: 'SHA-1', password, salt: salt1, id: 1, iterations: 1, length: 24 })))
      .toBe('8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3');
    expect(hex(pkcs12Kdf({ hash: 'SHA-1', password, salt: salt1, id: 2, iterations: 1, length: 8 })))
      .toBe('79993dfe048d3b76');
    expect(hex(pkcs12Kdf({ hash: 'SHA-1', password, salt: fromHex('3D83C0E4546AC140'), id: 3, iterations: 1, length: 20 })))
      .toBe('8d967d88f6caa9d714800ab3d48051d63f73a312');
  });

  it('returns exactly the requested number of bytes, a prefix of any longer output', () => {
    const base = { hash: 'SHA-256', password: bmpPassword('x'), salt: fromHex('0102'), id: 1, iterations: 2 } as const;
    const long = pkcs12Kdf({ ...base, length: 100 });
    expect(long.length).toBe(100);
    for (const n of [0, 1, 31, 32, 33, 64, 99]) expect(hex(pkcs12Kdf({ ...base, length: n }))).toBe(hex(long.subarray(0, n)));
  });

  it.each([['SHA-256', 20_000], ['SHA-1', 9000], ['SHA-512', 3000]] as const)(
    '%s in slices of at most sliceUnits, yielding between them, gives the same key as in one go',
    async (hash, iterations) => {
      const p = { hash, password: bmpPassword('pw'), salt: fromHex('0102030405060708'), id: 3, iterations, length: 40 } as const;
      const slices: number[] = [];
      const key = await runSliced(pkcs12KdfSliced(p), { meter: { slice: (units) => slices.push(units) } });
      expect(hex(key)).toBe(hex(pkcs12Kdf(p)));
      for (const units of slices) expect(units).toBeLessThanOrEqual(sliceUnits);
      // Every hash after the first of each output block, weighted by the hash's cost.
      const blocks = Math.ceil(40 / { 'SHA-1': 20, 'SHA-256': 32, 'SHA-512': 64 }[hash]);
      expect(slices.reduce((a, b) => a + b, 0)).toBe(blocks * (iterations - 1) * jsWeight[hash]);
    },
  );

  it('stops between slices when the signal fires', async () => {
    const controller = new AbortController();
    let slices = 0;
    const work = runSliced(pkcs12KdfSliced({ hash: 'SHA-256', password: bmpPassword('pw'), salt: new Uint8Array(8), id: 3, iterations: 100_000, length: 32 }), {
      signal: controller.signal,
      meter: { slice: () => ++slices === 2 && controller.abort() },
    });
    await expect(work).rejects.toMatchObject({ code: 'ABORTED' });
    expect(slices).toBe(2);
  });

  it('leaves its inputs untouched', () => {
    const password = bmpPassword('pw');
    const salt = fromHex('ffffffffffffffff');
    pkcs12Kdf({ hash: 'SHA-1', password, salt, id: 1, iterations: 3, length: 100 });
    expect(hex(password)).toBe('007000770000');
    expect(hex(salt)).toBe('ffffffffffffffff');
  });

  it.each([
    ['iterations 0', { iterations: 0 }],
    ['fractional iterations', { iterations: 1.5 }],
    ['a negative length', { length: -1 }],
    ['id 4', { id: 4 }],
  ])('refuses %s with INVALID_ARGUMENT', (_name, change) => {
    const p = { hash: 'SHA-1', password: bmpPassword('a'), salt: new Uint8Array(8), id: 1, iterations: 1, length: 8, ...change };
    expect(() => pkcs12Kdf(p as Parameters<typeof pkcs12Kdf>[0])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses an unknown hash with PFX_UNSUPPORTED_ALGORITHM', () => {
    const p = { hash: 'MD5', password: bmpPassword('a'), salt: new Uint8Array(8), id: 1, iterations: 1, length: 8 };
    expect(() => pkcs12Kdf(p as never)).toThrow(expect.objectContaining({ code: 'PFX_UNSUPPORTED_ALGORITHM' }));
  });

  describe('equals OpenSSL PKCS12KDF', () => {
    const salt8 = fromHex('0a58cf64530d823f');
    const saltFF = fromHex('ffffffffffffffffffff'); // all-ones I blocks: the I-update carries run the whole width
    const salt70 = Uint8Array.from({ length: 70 }, (_, i) => (i * 37) & 0xff); // longer than one SHA-256 block
    const cases: Array<{ hash: HashName; password: string; salt: Uint8Array; id: 1 | 2 | 3; iterations: number; length: number }> = [];
    for (const hash of ['SHA-1', 'SHA-256', 'SHA-512'] as const) {
      for (const id of [1, 2, 3] as const) {
        cases.push({ hash, password: 'smeg', salt: salt8, id, iterations: 1, length: id === 2 ? 8 : 24 });
        cases.push({ hash, password: '', salt: salt8, id, iterations: 1000, length: 32 });
        cases.push({ hash, password: nonAscii, salt: saltFF, id, iterations: 3, length: 200 });
      }
      cases.push({ hash, password: 'a long password of more than sixty-four bytes once BMP-encoded', salt: salt70, id: 1, iterations: 2, length: 65 });
      cases.push({ hash, password: 'x', salt: new Uint8Array(0), id: 3, iterations: 2048, length: 1 });
    }
    cases.push({ hash: 'SHA-224', password: nonAscii, salt: salt8, id: 3, iterations: 5, length: 28 });
    cases.push({ hash: 'SHA-384', password: nonAscii, salt: salt8, id: 1, iterations: 5, length: 100 });
    // The MAC key derivations a PFX asks for by default: the loop the iterated hash speeds up.
    cases.push({ hash: 'SHA-256', password: nonAscii, salt: salt8, id: 3, iterations: 600_000, length: 32 });
    cases.push({ hash: 'SHA-1', password: 'legacy', salt: salt8, id: 3, iterations: 600_000, length: 20 });

    it.each(cases.map((c) => [
      `${c.hash} id ${c.id}, ${c.length} bytes, ${c.iterations} iterations, password ${JSON.stringify(c.password)}, salt ${c.salt.length} bytes`,
      c,
    ] as const))('for %s', async (_name, c) => {
      const p = { ...c, password: bmpPassword(c.password) };
      expect(hex(pkcs12Kdf(p))).toBe(hex(await opensslKdf(p)));
    });

    it('takes the password bytes as given, so the tests hand OpenSSL the BMP encoding themselves', async () => {
      const run = await opensslOk(['kdf', '-keylen', '24', '-kdfopt', 'digest:SHA1', '-kdfopt', 'pass:smeg',
        '-kdfopt', 'hexsalt:0a58cf64530d823f', '-kdfopt', 'iter:1', '-kdfopt', 'id:1', 'PKCS12KDF']);
      const base = { hash: 'SHA-1', salt: salt8, id: 1, iterations: 1, length: 24 } as const;
      expect(hex(fromColonHex(run.stdout))).toBe(hex(pkcs12Kdf({ ...base, password: utf8('smeg') })));
      expect(hex(fromColonHex(run.stdout))).not.toBe(hex(pkcs12Kdf({ ...base, password: bmpPassword('smeg') })));
    });
  });
});
