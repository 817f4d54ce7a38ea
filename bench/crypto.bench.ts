// The core's crypto beside the OpenSSL CLI and node-forge, as medians and ratios.
// `npm run bench` (add `--quick` for one round of each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { generateKeyPair } from '../src/core/crypto/key-pair';
import { createCsr } from '../src/core/crypto/csr';
import { parseCertificate } from '../src/core/crypto/certificate';
import { signCms } from '../src/core/crypto/cms';
import { toPem, utf8 } from '../src/core/crypto/bytes';
import { exportPkcs12 } from '../src/core/crypto/pkcs12/pkcs12-export';
import { importPkcs12 } from '../src/core/crypto/pkcs12/pkcs12-import';

const quick = process.argv.includes('--quick');
const rounds = (n: number) => (quick ? 1 : n);
const dir = mkdtempSync(join(tmpdir(), 'cert-center-bench-'));
const file = (name: string) => join(dir, name);

function opensslTime(args: string[]): number {
  const started = performance.now();
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'latin1' });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`);
  return elapsed;
}

async function median(times: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const rows: Array<{ what: string; ours: number; openssl?: number; forge?: number }> = [];
const ms = (n?: number) => (n === undefined ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (a: number, b?: number) => (b === undefined ? '—' : `${(a / b).toFixed(2)}×`);

// ---- key generation and CSR ----
rows.push({
  what: 'RSA-2048 key generation',
  ours: await median(rounds(5), () => generateKeyPair({ algorithm: 'RSA-2048' })),
  openssl: await median(rounds(5), () => opensslTime(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'k.pem'])),
  forge: await median(rounds(2), () => forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 })),
});
rows.push({
  what: 'P-256 key generation',
  ours: await median(rounds(20), () => generateKeyPair({ algorithm: 'ECDSA-P256' })),
  openssl: await median(rounds(5), () => opensslTime(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ek.pem'])),
});

const keyPair = await generateKeyPair({ algorithm: 'RSA-2048' });
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', keyPair.privateKey));
writeFileSync(file('key.pem'), toPem(pkcs8, 'PRIVATE KEY'));
const forgeKey = forge.pki.privateKeyFromPem(toPem(pkcs8, 'PRIVATE KEY').replace('PRIVATE KEY', 'PRIVATE KEY'));
const forgePublic = forge.pki.setRsaPublicKey((forgeKey as forge.pki.rsa.PrivateKey).n, (forgeKey as forge.pki.rsa.PrivateKey).e);

rows.push({
  what: 'CSR (RSA-2048)',
  ours: await median(rounds(20), () => createCsr({ keyPair, subject: { commonName: 'A123456789' } })),
  openssl: await median(rounds(5), () => opensslTime(['req', '-new', '-key', 'key.pem', '-subj', '/CN=A123456789', '-out', 'r.pem'])),
  forge: await median(rounds(10), () => {
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = forgePublic;
    csr.setSubject([{ name: 'commonName', value: 'A123456789' }]);
    csr.sign(forgeKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return forge.pki.certificationRequestToPem(csr);
  }),
});

// A certificate for the key, self-signed by OpenSSL.
opensslTime(['req', '-x509', '-key', 'key.pem', '-subj', '/CN=A123456789', '-days', '365', '-out', 'cert.pem']);
const certificate = parseCertificate(readFileSync(file('cert.pem'), 'utf8'));
const forgeCert = forge.pki.certificateFromPem(certificate.pem);

// ---- PKCS#12 ----
for (const iterations of [2048, 100_000, 600_000]) {
  const n = iterations >= 100_000 ? rounds(5) : rounds(10);
  let pfx: Uint8Array = new Uint8Array();
  const ours = await median(n, async () => {
    pfx = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations });
  });
  const oursImport = await median(n, () => importPkcs12(pfx, 'abcd1234'));
  const opensslExport = await median(n, () =>
    opensslTime(['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-passout', 'pass:abcd1234', '-iter', String(iterations), '-out', 'o.pfx']),
  );
  const opensslImport = await median(n, () => opensslTime(['pkcs12', '-in', 'o.pfx', '-passin', 'pass:abcd1234', '-nodes', '-out', 'o.pem']));
  let forgeDer = '';
  const forgeExport = await median(Math.max(1, n - 2), () => {
    const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, [forgeCert], 'abcd1234', { algorithm: 'aes256', count: iterations, saltSize: 8 });
    forgeDer = forge.asn1.toDer(asn1).getBytes();
  });
  const forgeImport = await median(Math.max(1, n - 2), () => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forgeDer), 'abcd1234'));
  rows.push({ what: `PKCS#12 export, ${iterations.toLocaleString('en')} iterations`, ours, openssl: opensslExport, forge: forgeExport });
  rows.push({ what: `PKCS#12 import, ${iterations.toLocaleString('en')} iterations`, ours: oursImport, openssl: opensslImport, forge: forgeImport });
}

// ---- CMS ----
const order = utf8('BUY 2330 1000 @ 1085.00');
writeFileSync(file('order.txt'), order);
rows.push({
  what: 'CMS sign (detached, RSA-2048)',
  ours: await median(rounds(20), () => signCms(order, { privateKey: keyPair.privateKey, certificate })),
  openssl: await median(rounds(5), () => opensslTime(['cms', '-sign', '-binary', '-in', 'order.txt', '-signer', 'cert.pem', '-inkey', 'key.pem', '-outform', 'DER', '-out', 's.der'])),
  forge: await median(rounds(10), () => {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer('BUY 2330 1000 @ 1085.00');
    p7.addCertificate(forgeCert);
    p7.addSigner({ key: forgeKey as forge.pki.rsa.PrivateKey, certificate: forgeCert, digestAlgorithm: forge.pki.oids.sha256!, authenticatedAttributes: [
      { type: forge.pki.oids.contentType!, value: forge.pki.oids.data! }, { type: forge.pki.oids.messageDigest! }, { type: forge.pki.oids.signingTime! },
    ] });
    p7.sign({ detached: true });
  }),
});

rmSync(dir, { recursive: true, force: true });

const header = ['operation', 'ours ms', 'openssl CLI ms', 'ours/openssl', 'node-forge ms', 'ours/forge'];
const lines = rows.map((r) => [r.what, ms(r.ours), ms(r.openssl), ratio(r.ours, r.openssl), ms(r.forge), ratio(r.ours, r.forge)]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
process.stdout.write(`Node ${process.version}, ${quick ? 'one round' : 'median of several rounds'}; the openssl CLI times include starting the process.\n\n`);
process.stdout.write(`${fmt(header)}\n| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |\n`);
for (const l of lines) process.stdout.write(`${fmt(l)}\n`);
