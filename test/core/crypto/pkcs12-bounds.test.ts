// PKCS#12 import does bounded work whatever the file: every hostile file here is built at run
// time (the core's DER writer, or OpenSSL), and the work is counted through the import's meter
// (derivations started, units of each synchronous slice, event-loop ticks between slices),
// never timed.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { parseCertificate, type CertificateInfo } from '../../../src/core/crypto/certificate';
import { toPem, utf8 } from '../../../src/core/crypto/bytes';
import { exportPkcs12 } from '../../../src/core/crypto/pkcs12/pkcs12-export';
import {
  importPkcs12, importPkcs12WithMeter, maxPkcs12Bags, maxPkcs12Iterations, maxPkcs12Parts, maxPkcs12Work,
} from '../../../src/core/crypto/pkcs12/pkcs12-import';
import { pkcs12PbeOids } from '../../../src/core/crypto/pkcs12/pkcs12-pbe';
import { sliceUnits, type DerivationInfo, type WorkMeter } from '../../../src/core/crypto/pkcs12/work';
import { opensslOk } from '../../support/openssl';
import { createTestCa } from '../../support/test-ca';
import {
  bag, dataPart, encryptedPart, hashLength, pbeAlgorithm, pbes2Params, pbes2Seal, pbeSeal, pfx, safeContents,
} from './pkcs12/pfx-builder';
import { encodePbes2Algorithm } from '../../../src/core/crypto/pkcs12/pbes2';
import { der } from '../../../src/core/crypto/der';

/** Records what the import does: each derivation as it starts, each slice with the ticks seen so far. */
function recorder(onSlice?: (n: number) => void) {
  const derivations: DerivationInfo[] = [];
  const slices: Array<{ units: number; ticks: number }> = [];
  let ticks = 0;
  let ticking = true;
  // An independent task that reschedules itself: it can only run when the import yields.
  const tick = inBrowser() ? channelTicker(() => ticking, () => ticks++) : immediateTicker(() => ticking, () => ticks++);
  const meter: WorkMeter = {
    derivation: (info) => derivations.push(info),
    slice: (units) => {
      slices.push({ units, ticks });
      onSlice?.(slices.length);
    },
  };
  tick();
  return {
    meter,
    derivations,
    slices,
    kinds: () => derivations.map((d) => d.kind),
    units: () => derivations.reduce((sum, d) => sum + d.units, 0),
    stop: () => {
      ticking = false;
    },
  };
}

const inBrowser = () => typeof window !== 'undefined';

function immediateTicker(running: () => boolean, count: () => void): () => void {
  const next = () => {
    if (!running()) return;
    count();
    (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(next);
  };
  return () => (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(next);
}

function channelTicker(running: () => boolean, count: () => void): () => void {
  const { port1, port2 } = new MessageChannel();
  port1.onmessage = () => {
    if (!running()) return port1.close();
    count();
    port2.postMessage(null);
  };
  return () => port2.postMessage(null);
}

let certificate: CertificateInfo;
let keyPair: CryptoKeyPair;
let pkcs8: Uint8Array;
let keyPem: string;

beforeAll(async () => {
  const ca = await createTestCa('ec');
  keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
  certificate = parseCertificate(await ca.issue(keyPair));
  pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keyPair.privateKey));
  keyPem = toPem(pkcs8, 'PRIVATE KEY');
});

/** A PFX whose parts are PBES2 with `iterations` and junk ciphertext: nothing in it can decrypt. */
function junkPbes2Parts(count: number, iterations: number, mac = { hash: 'SHA-256' as const, iterations: 1, password: 'abcd1234' }) {
  const algorithm = encodePbes2Algorithm(pbes2Params({ iterations }));
  return pfx(Array.from({ length: count }, () => encryptedPart(algorithm, new Uint8Array(64))), mac);
}

describe('importPkcs12 does bounded work, whatever the file', () => {
  it.each([
    ['a 200-byte SHA-1 MAC at 2,000,000 iterations', 'SHA-1', 200],
    ['a 640-byte SHA-512 MAC at 2,000,000 iterations', 'SHA-512', 640],
    ['a 16-byte SHA-256 MAC', 'SHA-256', 16],
  ] as const)('refuses %s as PFX_MALFORMED before any key derivation', async (_name, hash, length) => {
    const file = pfx([dataPart(safeContents(bag.key(pkcs8), bag.cert(certificate.der)))], {
      hash, iterations: maxPkcs12Iterations, password: 'abcd1234', value: new Uint8Array(length).fill(1),
    });
    const seen = recorder();
    await expect(importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    seen.stop();
    expect(seen.derivations).toEqual([]);
    expect(seen.slices).toEqual([]);
    expect(hashLength(hash)).not.toBe(length);
  });

  it('refuses a MAC iteration count over the cap as PFX_TOO_COSTLY before any key derivation', async () => {
    const file = pfx([dataPart(safeContents())], { hash: 'SHA-256', iterations: 50_000_000, value: new Uint8Array(32) });
    const seen = recorder();
    await expect(importPkcs12WithMeter(file, 'x', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_TOO_COSTLY' });
    seen.stop();
    expect(seen.derivations).toEqual([]);
  });

  it('verifies the MAC before any decryption derivation starts, and a wrong password starts none', async () => {
    const modern = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations: 2048 });
    const legacy = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations: 2048, compatibility: 'legacy' });
    for (const [file, part] of [[modern, 'pbes2'], [legacy, 'pbe']] as const) {
      const right = recorder();
      const imported = await importPkcs12WithMeter(file, 'abcd1234', {}, right.meter);
      right.stop();
      expect(imported.certificate.fingerprintSha256).toBe(certificate.fingerprintSha256);
      expect(right.kinds()).toEqual(['mac', part, part]);
      const wrong = recorder();
      await expect(importPkcs12WithMeter(file, 'abcd1235', {}, wrong.meter)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
      wrong.stop();
      expect(wrong.kinds()).toEqual(['mac']);
    }
  });

  it('a wrong password derives only the MAC key, however many PBES2 parts the file has (OpenSSL\'s two, or sixteen)', async () => {
    // Sixteen certificate parts, each its own PBES2 derivation, as a hostile writer could make them.
    const encrypted = Array.from({ length: 15 }, () => encryptedPart(encodePbes2Algorithm(pbes2Params()), new Uint8Array(64)));
    const made = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:abcd1234', '-iter', '2048', '-out', 'f.pfx'], {
      files: { 'k.pem': keyPem, 'c.pem': certificate.pem },
    });
    const seen = recorder();
    await expect(importPkcs12WithMeter(made.files['f.pfx']!, 'wrong', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    seen.stop();
    expect(seen.kinds()).toEqual(['mac']);
    const sixteen = pfx([...encrypted, dataPart(safeContents(bag.key(pkcs8), bag.cert(certificate.der)))], { hash: 'SHA-256', iterations: 2048, password: 'abcd1234' });
    const again = recorder();
    await expect(importPkcs12WithMeter(sixteen, 'wrong', {}, again.meter)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    again.stop();
    expect(again.kinds()).toEqual(['mac']);
  });

  it('refuses sixteen PBES2 parts at 2,000,000 iterations as PFX_TOO_COSTLY before any key derivation, right password or not', async () => {
    for (const password of ['abcd1234', 'wrong']) {
      const seen = recorder();
      await expect(importPkcs12WithMeter(junkPbes2Parts(16, maxPkcs12Iterations), password, {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_TOO_COSTLY' });
      seen.stop();
      expect(seen.derivations).toEqual([]);
    }
  });

  it('refuses ten legacy-PBE parts without a MAC at 600,000 iterations as PFX_TOO_COSTLY before any key derivation', async () => {
    const algorithm = pbeAlgorithm(pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC, new Uint8Array(8), 600_000);
    const file = pfx(Array.from({ length: 10 }, () => encryptedPart(algorithm, new Uint8Array(64))));
    const seen = recorder();
    await expect(importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_TOO_COSTLY' });
    seen.stop();
    expect(seen.derivations).toEqual([]);
  });

  it('admits the heaviest usual file, a modern one at the iteration cap, within the budget', async () => {
    // Priced, not run: the MAC was made with another password, so the import stops there.
    const file = junkPbes2Parts(2, maxPkcs12Iterations, { hash: 'SHA-256', iterations: maxPkcs12Iterations, password: 'other' });
    const seen = recorder();
    await expect(importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    seen.stop();
    expect(seen.kinds()).toEqual(['mac']);
  });

  it(`caps a file at ${maxPkcs12Parts} parts and ${maxPkcs12Bags} bags (PFX_TOO_LARGE) before any key derivation`, async () => {
    const mac = { hash: 'SHA-256', iterations: 2048, password: 'abcd1234' } as const;
    const parts = pfx(Array.from({ length: maxPkcs12Parts + 1 }, () => dataPart(safeContents())), mac);
    const bags = pfx([dataPart(safeContents(...Array.from({ length: maxPkcs12Bags + 1 }, () => bag.cert(certificate.der))))], mac);
    const nested = pfx([dataPart(safeContents(bag.key(pkcs8), bag.cert(certificate.der))), dataPart(safeContents(...Array.from({ length: maxPkcs12Bags - 1 }, () => bag.cert(certificate.der))))], mac);
    for (const file of [parts, bags, nested]) {
      const seen = recorder();
      await expect(importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_TOO_LARGE' });
      seen.stop();
      expect(seen.derivations).toEqual([]);
    }
    // At the caps, the file is read.
    const full = pfx([
      dataPart(safeContents(bag.key(pkcs8), ...Array.from({ length: maxPkcs12Bags - 1 }, () => bag.cert(certificate.der)))),
      ...Array.from({ length: maxPkcs12Parts - 1 }, () => dataPart(safeContents())),
    ], mac);
    expect((await importPkcs12(full, 'abcd1234')).certificate.fingerprintSha256).toBe(certificate.fingerprintSha256);
  });

  it('charges the shrouded keys found inside an encrypted part before deriving any of them', async () => {
    // The outer part opens (the password is right), and holds forty keys at 500,000 iterations each.
    const heavy = encodePbes2Algorithm(pbes2Params({ iterations: 500_000 }));
    const inner = safeContents(bag.cert(certificate.der), ...Array.from({ length: 40 }, () => bag.shroudedKey(heavy, new Uint8Array(64))));
    const part = await pbes2Seal(pbes2Params(), 'abcd1234', inner);
    const file = pfx([encryptedPart(...part)], { hash: 'SHA-256', iterations: 2048, password: 'abcd1234' });
    const seen = recorder();
    await expect(importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter)).rejects.toMatchObject({ code: 'PFX_TOO_COSTLY' });
    seen.stop();
    expect(seen.kinds()).toEqual(['mac', 'pbes2']);
  });

  it('runs the JavaScript derivations in slices of at most sliceUnits, with the event loop running between any two', async () => {
    // PBES2 with PBKDF2-HMAC-SHA224, which WebCrypto lacks: the JavaScript PBKDF2 runs after the MAC.
    const params = pbes2Params({ prf: 'SHA-224', iterations: 50_000 });
    const file = pfx([
      encryptedPart(...(await pbes2Seal(params, 'abcd1234', safeContents(bag.cert(certificate.der))))),
      dataPart(safeContents(bag.key(pkcs8))),
    ], { hash: 'SHA-256', iterations: 100_000, password: 'abcd1234' });
    const seen = recorder();
    const imported = await importPkcs12WithMeter(file, 'abcd1234', {}, seen.meter);
    seen.stop();
    expect(imported.certificate.fingerprintSha256).toBe(certificate.fingerprintSha256);
    expect(seen.derivations.map((d) => [d.kind, d.hash, d.engine])).toEqual([['mac', 'SHA-256', 'js'], ['pbes2', 'SHA-224', 'js']]);
    // The MAC's chain of 100,000 hashes, and PBKDF2's two 28-byte blocks for an AES-256 key at two
    // compressions per iteration, the first hash of each outside the slices.
    const total = seen.slices.reduce((sum, s) => sum + s.units, 0);
    expect(total).toBe(100_000 - 1 + 2 * 2 * (50_000 - 1));
    expect(seen.slices.length).toBeGreaterThanOrEqual(Math.ceil(total / sliceUnits));
    for (const s of seen.slices) expect(s.units).toBeLessThanOrEqual(sliceUnits);
    for (let i = 1; i < seen.slices.length; i++) expect(seen.slices[i]!.ticks).toBeGreaterThan(seen.slices[i - 1]!.ticks);
    expect(seen.units()).toBeLessThanOrEqual(maxPkcs12Work);
  });

  it('slices the three SHA-1 derivations of each legacy part of a file without a MAC', async () => {
    // OpenSSL 3.0 takes -nomac only after -iter, and then leaves the certificates in the clear unless told.
    const made = await opensslOk(['pkcs12', '-export', '-legacy', '-iter', '20000', '-nomac', '-certpbe', 'PBE-SHA1-RC2-40', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], {
      files: { 'k.pem': keyPem, 'c.pem': certificate.pem },
    });
    const seen = recorder();
    const imported = await importPkcs12WithMeter(made.files['f.pfx']!, 'abcd1234', {}, seen.meter);
    seen.stop();
    expect(imported.integrity).toBe('none');
    expect(seen.kinds()).toEqual(['pbe', 'pbe']);
    // RC2-40 certificates (key and IV: two KDF runs) and a 3DES key (key of two blocks and IV: three).
    expect(seen.slices.reduce((sum, s) => sum + s.units, 0)).toBe(5 * (20_000 - 1));
    for (const s of seen.slices) expect(s.units).toBeLessThanOrEqual(sliceUnits);
  });

  it('decrypts a large part in the JavaScript ciphers in slices too (3DES, RC2, AES-192)', async () => {
    // A secret bag of 64 KiB beside the key and certificate: ignored, but decrypted with them.
    const secret = der.sequence(der.oid('1.2.840.113549.1.12.10.1.5'), der.explicit(0, der.sequence(der.oid('1.2.3.4'), der.explicit(0, der.octetString(new Uint8Array(64 * 1024))))));
    const contents = safeContents(bag.key(pkcs8), bag.cert(certificate.der), secret);
    const sealed = [
      ['3DES', pbeSeal('abcd1234', contents, 1), 1024],
      ['RC2-128', pbeSeal('abcd1234', contents, 1, pkcs12PbeOids.pbeWithSHAAnd128BitRC2CBC), 16 * 1024],
      ['PBES2 AES-192', await pbes2Seal(pbes2Params({ cipher: 'AES-192-CBC', iterations: 1 }), 'abcd1234', contents), inBrowser() ? 16 * 1024 : 0],
    ] as const;
    for (const [, part, sliceBytes] of sealed) {
      const seen = recorder();
      const imported = await importPkcs12WithMeter(pfx([encryptedPart(...part)]), 'abcd1234', {}, seen.meter);
      seen.stop();
      expect(imported.certificate.fingerprintSha256).toBe(certificate.fingerprintSha256);
      // One iteration: no key-derivation slices, so every slice is the cipher's. (Node has AES-192 natively.)
      expect(seen.slices.length).toBe(sliceBytes === 0 ? 0 : Math.ceil(part[1].length / sliceBytes) - 1);
      for (let i = 1; i < seen.slices.length; i++) expect(seen.slices[i]!.ticks).toBeGreaterThan(seen.slices[i - 1]!.ticks);
    }
  });

  it('stops between two slices when the signal fires, and starts nothing after', async () => {
    const file = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations: 600_000 });
    const controller = new AbortController();
    const seen = recorder((n) => {
      if (n === 3) controller.abort();
    });
    await expect(importPkcs12WithMeter(file, 'abcd1234', { signal: controller.signal }, seen.meter)).rejects.toMatchObject({ code: 'ABORTED' });
    seen.stop();
    expect(seen.slices.length).toBe(3);
    expect(seen.kinds()).toEqual(['mac']);
  });

  it('keeps honest files whole: a modern file at 600,000 iterations within budget, a non-ASCII password, an empty one', async () => {
    for (const password of ['abcd1234', 'pässwörd', '']) {
      const file = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password, iterations: password === 'abcd1234' ? 600_000 : 2048 });
      const seen = recorder();
      const imported = await importPkcs12WithMeter(file, password, {}, seen.meter);
      seen.stop();
      expect(imported.certificate.fingerprintSha256).toBe(certificate.fingerprintSha256);
      expect(seen.units()).toBeLessThanOrEqual(maxPkcs12Work);
    }
  });

  it('only answers CertCenterError for hostile shapes, never a raw error', async () => {
    const shapes = [
      junkPbes2Parts(1, 1),
      pfx([encryptedPart(pbeAlgorithm(pkcs12PbeOids.pbeWithSHAAnd128BitRC4, new Uint8Array(8), 1), new Uint8Array(16))]),
      pfx([encryptedPart(pbeAlgorithm('1.2.3.4', new Uint8Array(8), 1), new Uint8Array(16))]),
      pfx([encryptedPart(pbeSeal('abcd1234', utf8('not a SafeContents'), 1)[0], new Uint8Array(7))]),
    ];
    for (const file of shapes) {
      await expect(importPkcs12(file, 'abcd1234')).rejects.toMatchObject({ isCertCenterError: true });
    }
  });
});
