import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { maxChainLength, verifyCertificateChain, type ChainProblem } from '../../../src/core/crypto/certificate-chain';
import { openssl } from '../../support/openssl';
import { createTestCa } from '../../support/test-ca';
import {
  buildCertificate,
  createAuthority,
  createParty,
  keyUsage,
  leafSpec,
  pem,
  spkiOf,
  type Authority,
  type CertificateSpec,
} from '../../support/certificate-builder';

const now = new Date('2026-03-01T00:00:00Z');
const hour = 3_600_000;
let ca: Authority;
let other: Authority;
let customer: { commonName: string; spki: Uint8Array<ArrayBuffer> };

beforeAll(async () => {
  ca = await createAuthority(now, 'Broker');
  other = await createAuthority(now, 'Unrelated');
  const keys = await generateKeyPair({ algorithm: 'ECDSA-P256' });
  customer = { commonName: 'A103200003', spki: await spkiOf(keys.publicKey) };
});
afterEach(() => vi.restoreAllMocks());

const leaf = (overrides: Partial<CertificateSpec> = {}) => buildCertificate(leafSpec(ca, customer, now, overrides));
const verify = (certificate: Uint8Array, chain: Array<Uint8Array | string> = ca.chain, extra: { trustAnchors?: Array<Uint8Array | string> } = {}) =>
  verifyCertificateChain({ certificate, chain, now, ...extra });
const problem = async (certificate: Uint8Array, chain?: Array<Uint8Array | string>, extra?: { trustAnchors?: Array<Uint8Array | string> }) => {
  const result = await verify(certificate, chain, extra);
  return result.valid ? 'valid' : { problem: result.problem, at: result.at };
};

describe('verifyCertificateChain', () => {
  it('accepts an honest chain built at run time, as openssl verify does', async () => {
    const certificate = await leaf();
    const result = await verify(certificate);
    expect(result).toMatchObject({ valid: true, anchor: { subject: expect.stringContaining('Broker Root CA') } });
    const judged = await openssl(['verify', '-attime', String(now.getTime() / 1000), '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
      files: { 'root.pem': ca.chain[1]!, 'issuing.pem': ca.chain[0]!, 'leaf.pem': pem(certificate) },
    });
    expect(judged.stdout).toMatch(/leaf\.pem: OK/);
  });

  it('accepts an RSA chain OpenSSL issued, the chain being only the root', async () => {
    const rsa = await createTestCa('rsa');
    const keys = await generateKeyPair({ algorithm: 'RSA-2048' });
    const certificate = await rsa.issue(keys, { commonName: 'A103200003', days: 30 });
    await expect(verifyCertificateChain({ certificate, chain: [rsa.rootPem], now: new Date() })).resolves.toMatchObject({ valid: true });
  });

  const refusals: Array<[rule: string, build: () => Promise<[Uint8Array, Array<Uint8Array | string>?]>, expected: { problem: ChainProblem; at: number }]> = [
    ['a chain that carries the leaf itself', async () => { const c = await leaf(); return [c, [c, ...ca.chain]]; }, { problem: 'leaf-in-chain', at: 1 }],
    ['a leaf that says CA:TRUE', async () => [await leaf({ ca: true })], { problem: 'leaf-is-ca', at: 0 }],
    ['a leaf whose key usage allows no signatures', async () => [await leaf({ keyUsage: keyUsage.keyEncipherment })], { problem: 'leaf-key-usage', at: 0 }],
    ['an expired leaf', async () => [await leaf({ notBefore: new Date(now.getTime() - 400 * 24 * hour), notAfter: new Date(now.getTime() - hour) })], { problem: 'expired', at: 0 }],
    ['a leaf not valid yet', async () => [await leaf({ notBefore: new Date(now.getTime() + hour) })], { problem: 'not-yet-valid', at: 0 }],
    ['a leaf from an unrelated CA sent with the broker\'s chain', async () => [await buildCertificate(leafSpec(other, customer, now))], { problem: 'name-mismatch', at: 0 }],
    ['a leaf signed by a key that only borrows the issuing CA\'s name', async () => {
      const forger = await createParty('x');
      return [await leaf({ issuer: { name: ca.issuing.name, keys: forger.keys } })];
    }, { problem: 'signature', at: 0 }],
    ['a leaf whose signature is corrupt', async () => [await leaf({ corruptSignature: true })], { problem: 'signature', at: 0 }],
    ['a chain in the wrong order', async () => [await leaf(), [ca.chain[1]!, ca.chain[0]!]], { problem: 'name-mismatch', at: 0 }],
    ['a chain without its root', async () => [await leaf(), [ca.chain[0]!]], { problem: 'no-root', at: 1 }],
    ['no chain at all', async () => [await leaf(), []], { problem: 'no-root', at: 0 }],
    ['an issuer that is not a CA', async () => {
      const notCa = await buildCertificate({ subject: ca.issuing, issuer: ca.root, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour), ca: false });
      return [await leaf(), [notCa, ca.chain[1]!]];
    }, { problem: 'issuer-not-ca', at: 1 }],
    ['an issuer without basicConstraints', async () => {
      const bare = await buildCertificate({ subject: ca.issuing, issuer: ca.root, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour) });
      return [await leaf(), [bare, ca.chain[1]!]];
    }, { problem: 'issuer-not-ca', at: 1 }],
    ['an issuing CA without keyCertSign', async () => {
      const signOnly = await buildCertificate({ subject: ca.issuing, issuer: ca.root, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour), ca: true, keyUsage: keyUsage.digitalSignature });
      return [await leaf(), [signOnly, ca.chain[1]!]];
    }, { problem: 'issuer-key-usage', at: 1 }],
    ['an expired issuing CA', async () => {
      const old = await buildCertificate({ subject: ca.issuing, issuer: ca.root, notBefore: new Date(now.getTime() - 99 * hour), notAfter: new Date(now.getTime() - 9 * hour), ca: true, keyUsage: keyUsage.keyCertSign });
      return [await leaf(), [old, ca.chain[1]!]];
    }, { problem: 'expired', at: 1 }],
    ['a root whose path length forbids the issuing CA', async () => {
      const strictRoot = await buildCertificate({ subject: ca.root, selfKeys: ca.root.keys, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour), ca: { pathLen: 0 }, keyUsage: keyUsage.keyCertSign });
      return [await leaf(), [ca.chain[0]!, strictRoot]];
    }, { problem: 'path-length', at: 2 }],
    ['a last certificate that names itself but is not self-signed', async () => {
      const fakeRoot = await buildCertificate({ subject: ca.root, selfKeys: ca.root.keys, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour), ca: true, corruptSignature: true });
      return [await leaf(), [ca.chain[0]!, fakeRoot]];
    }, { problem: 'no-root', at: 2 }],
  ];
  for (const [rule, build, expected] of refusals) {
    it(`refuses ${rule} (${expected.problem})`, async () => {
      const [certificate, chain] = await build();
      expect(await problem(certificate, chain)).toEqual(expected);
    });
  }

  it('allows the clock five minutes of skew either side, not more', async () => {
    const minute = 60_000;
    expect(await problem(await leaf({ notBefore: new Date(now.getTime() + 4 * minute) }))).toBe('valid');
    expect(await problem(await leaf({ notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() - 4 * minute) }))).toBe('valid');
    expect(await problem(await leaf({ notBefore: new Date(now.getTime() + 6 * minute) }))).toMatchObject({ problem: 'not-yet-valid' });
    expect(await problem(await leaf({ notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() - 6 * minute) }))).toMatchObject({ problem: 'expired' });
  });

  it('accepts a leaf with no key usage extension, and one for nonRepudiation only', async () => {
    expect(await problem(await leaf({ keyUsage: undefined }))).toBe('valid');
    expect(await problem(await leaf({ keyUsage: keyUsage.nonRepudiation }))).toBe('valid');
  });

  it('accepts a self-consistent chain of any root without trust anchors, and only the pinned root with them', async () => {
    const foreign = await buildCertificate(leafSpec(other, customer, now));
    expect(await problem(foreign, other.chain)).toBe('valid');
    expect(await problem(foreign, other.chain, { trustAnchors: [ca.chain[1]!] })).toEqual({ problem: 'untrusted-root', at: 2 });
    expect(await problem(await leaf(), ca.chain, { trustAnchors: [ca.rootDer] })).toBe('valid');
  });

  it('completes a chain sent without its root from the pinned root, and stops at a pinned issuing CA', async () => {
    expect(await problem(await leaf(), [ca.chain[0]!], { trustAnchors: [ca.chain[1]!] })).toBe('valid');
    expect(await problem(await leaf(), [ca.chain[0]!], { trustAnchors: [other.chain[1]!] })).toEqual({ problem: 'untrusted-root', at: 1 });
    expect(await problem(await leaf(), ca.chain, { trustAnchors: [ca.issuingDer] })).toBe('valid');
  });

  it('refuses a chain longer than the limit before checking any signature', async () => {
    const certificate = await leaf();
    const verifyCalls = vi.spyOn(crypto.subtle, 'verify');
    const result = await verify(certificate, Array.from({ length: 50 }, () => ca.chain[0]!));
    expect(result).toMatchObject({ valid: false, problem: 'too-long' });
    expect(verifyCalls).not.toHaveBeenCalled();
  });

  it('checks at most one signature per certificate: a chain of the longest length costs its length plus one', async () => {
    // Seven intermediate CAs below a root: eight chain certificates, the most that are read.
    const root = await createParty('Deep Root');
    const notBefore = new Date(now.getTime() - hour);
    const notAfter = new Date(now.getTime() + hour);
    const chain: Uint8Array[] = [await buildCertificate({ subject: root, selfKeys: root.keys, notBefore, notAfter, ca: true, keyUsage: keyUsage.keyCertSign })];
    let above = root;
    for (let i = 0; i < maxChainLength - 1; i++) {
      const below = await createParty(`Deep CA ${i}`);
      chain.unshift(await buildCertificate({ subject: below, issuer: above, notBefore, notAfter, ca: true, keyUsage: keyUsage.keyCertSign }));
      above = below;
    }
    const deepAuthority = { ...ca, issuing: above };
    const certificate = await buildCertificate(leafSpec(deepAuthority, customer, now));
    const verifyCalls = vi.spyOn(crypto.subtle, 'verify');
    expect(await problem(certificate, chain)).toBe('valid');
    expect(verifyCalls).toHaveBeenCalledTimes(maxChainLength + 1);
    verifyCalls.mockClear();
    expect(await problem(certificate, [...chain, chain.at(-1)!])).toMatchObject({ problem: 'too-long' });
    expect(verifyCalls).not.toHaveBeenCalled();
  });

  it('agrees with openssl verify on the refusals both make', async () => {
    const notCa = await buildCertificate({ subject: ca.issuing, issuer: ca.root, notBefore: new Date(now.getTime() - hour), notAfter: new Date(now.getTime() + hour), ca: false });
    const cases: Array<[Uint8Array, string]> = [
      [await leaf({ corruptSignature: true }), ca.chain[0]!],
      [await leaf({ notBefore: new Date(now.getTime() - 400 * 24 * hour), notAfter: new Date(now.getTime() - hour) }), ca.chain[0]!],
      [await leaf(), pem(notCa)],
    ];
    for (const [certificate, issuing] of cases) {
      expect(await verify(certificate, [issuing, ca.chain[1]!])).toMatchObject({ valid: false });
      const judged = await openssl(['verify', '-attime', String(now.getTime() / 1000), '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
        files: { 'root.pem': ca.chain[1]!, 'issuing.pem': issuing, 'leaf.pem': pem(certificate) },
      });
      expect(judged.code).not.toBe(0);
    }
  });

  it('answers CERT_MALFORMED for a chain entry that is no certificate, and INVALID_ARGUMENT for junk arguments', async () => {
    const certificate = await leaf();
    await expect(verifyCertificateChain({ certificate, chain: [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])], now })).rejects.toMatchObject({ code: 'CERT_MALFORMED' });
    await expect(verifyCertificateChain({ certificate, chain: ca.chain, now: new Date(Number.NaN) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(verifyCertificateChain(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(verifyCertificateChain({ certificate, chain: 'x' as never, now })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
