// The kit's chain verification (WebCrypto alone) with OpenSSL as the outside judge: chains of
// the mock CA and chains OpenSSL makes (RSA, P-384) verify; a missing root, another CA, the leaf
// in the chain, a broken signature, an empty or reversed chain do not.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMockBackend } from '../../mocks/index.ts';
import { ChainProblem, verifyChain } from '../../src/conformance/x509-chain.ts';
import { openssl, opensslOk } from '../support/openssl.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const attime = String(Math.floor(NOW.getTime() / 1000) + 86_400);

function tamper(pem: string): string {
  const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s+/g, '')), (c) => c.charCodeAt(0));
  der[der.length - 1]! ^= 0x01;
  let s = '';
  for (const b of der) s += String.fromCharCode(b);
  return `-----BEGIN CERTIFICATE-----\n${btoa(s).replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** Whether OpenSSL accepts `leaf` with `root` trusted and `untrusted` offered, at the test's time. */
async function opensslAccepts(leaf: string, root: string, untrusted: string[], at = attime): Promise<boolean> {
  const files: Record<string, string> = { 'leaf.pem': leaf, 'root.pem': root, 'untrusted.pem': untrusted.join('') || root };
  const run = await openssl(['verify', '-attime', at, '-CAfile', 'root.pem', '-untrusted', 'untrusted.pem', 'leaf.pem'], { files });
  return run.code === 0;
}

describe('verifyChain', () => {
  let leaf: string;
  let chain: string[];
  let foreign: string[];
  beforeAll(async () => {
    const backend = createMockBackend({ scenario: 'valid', now: NOW });
    const other = createMockBackend({ scenario: 'valid', now: NOW });
    await Promise.all([backend.ready, other.ready]);
    leaf = backend.certificates()[0]!.certificatePem;
    chain = (await backend.ca()).chain;
    foreign = (await other.ca()).chain;
  });

  it('verifies a certificate of the mock CA up to its root, as OpenSSL does', async () => {
    const verified = await verifyChain(leaf, chain);
    expect(verified.path).toHaveLength(3);
    expect(verified.root.subject).toBe(verified.path[2]);
    expect(await opensslAccepts(leaf, chain[1]!, [chain[0]!])).toBe(true);
  });

  it('refuses a chain without its root, of another CA, or with a broken signature, as OpenSSL does', async () => {
    const cases: Array<[string, string, string[], string]> = [
      ['no root', leaf, [chain[0]!], chain[0]!],
      ['another CA', leaf, foreign, foreign[1]!],
      ['broken leaf signature', tamper(leaf), chain, chain[1]!],
    ];
    for (const [, certificate, offered, trusted] of cases) {
      await expect(verifyChain(certificate, offered)).rejects.toBeInstanceOf(ChainProblem);
      expect(await opensslAccepts(certificate, trusted, offered.filter((c) => c !== trusted))).toBe(false);
    }
  });

  it('refuses an empty chain, the leaf inside the chain, and a chain out of order (the contract: issuing CA first, root last)', async () => {
    for (const offered of [[], [leaf, ...chain], [...chain].reverse()]) {
      await expect(verifyChain(leaf, offered)).rejects.toBeInstanceOf(ChainProblem);
    }
  });

  it('calls a chain signed with RSA-PSS one it cannot check, not a broken one', async () => {
    const pss = ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'];
    const root = await opensslOk(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', ...pss, '-keyout', 'root.key', '-out', 'root.pem', '-subj', '/CN=Kit PSS Root', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE']);
    const request = await opensslOk(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=A123456789']);
    const signed = await opensslOk(['x509', '-req', '-sha256', ...pss, '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-set_serial', '9', '-days', '20', '-out', 'leaf.pem'], {
      files: { 'leaf.csr': request.files['leaf.csr']!, 'root.pem': root.files['root.pem']!, 'root.key': root.files['root.key']! },
    });
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const problem = await verifyChain(decode(signed.files['leaf.pem']!), [decode(root.files['root.pem']!)]).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(ChainProblem);
    expect((problem as ChainProblem).unsupported).toBe(true);
    const broken = await verifyChain(leaf, [chain[0]!]).catch((error: unknown) => error);
    expect((broken as ChainProblem).unsupported).toBe(false);
  });

  for (const [name, key, digest] of [
    ['RSA-2048 with SHA-256', ['-newkey', 'rsa:2048'], '-sha256'],
    ['P-384 with SHA-384', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], '-sha384'],
  ] as const) {
    it(`verifies a chain OpenSSL makes with ${name}`, async () => {
      const ext = '[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n[leaf]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n';
      const root = await opensslOk(['req', '-x509', ...key, '-nodes', digest, '-keyout', 'root.key', '-out', 'root.pem', '-subj', '/CN=Kit Test Root', '-days', '30', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
      const issue = async (subject: string, caFiles: Record<string, Uint8Array>, extension: string) => {
        const request = await opensslOk(['req', '-new', ...key, '-nodes', digest, '-keyout', 'out.key', '-out', 'out.csr', '-subj', subject]);
        const signed = await opensslOk(['x509', '-req', digest, '-in', 'out.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '7', '-days', '20', '-extfile', 'ext.cnf', '-extensions', extension, '-out', 'out.pem'], {
          files: { 'out.csr': request.files['out.csr']!, 'ca.pem': caFiles['pem']!, 'ca.key': caFiles['key']!, 'ext.cnf': ext },
        });
        return { pem: signed.files['out.pem']!, key: request.files['out.key']! };
      };
      const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      const issuing = await issue('/CN=Kit Test Issuing', { pem: root.files['root.pem']!, key: root.files['root.key']! }, 'ca');
      const end = await issue('/CN=A123456789', { pem: issuing.pem, key: issuing.key }, 'leaf');
      const verified = await verifyChain(decode(end.pem), [decode(issuing.pem), decode(root.files['root.pem']!)]);
      expect(verified.path).toHaveLength(3);
      const now = String(Math.floor(Date.now() / 1000));
      expect(await opensslAccepts(decode(end.pem), decode(root.files['root.pem']!), [decode(issuing.pem)], now)).toBe(true);
      await expect(verifyChain(tamper(decode(end.pem)), [decode(issuing.pem), decode(root.files['root.pem']!)])).rejects.toBeInstanceOf(ChainProblem);
    });
  }
});
