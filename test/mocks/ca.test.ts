// The mock CA with OpenSSL as the outside judge: what it issues verifies against its chain and
// carries the right extensions; it refuses what a real CA refuses; OpenSSL-made CSRs and
// proofs work with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion, createMockBackend, type MockBackendOptions } from '../../mocks/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import { opensslOk, openssl } from '../support/openssl.ts';
import { harness, keyPair, makeCsr, makeProof, x509, type Harness, type KeyKind } from './harness.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
// The Node set-up consumers use; each test then points it at its own backend.
const server = setupMockServer(createMockBackend({ now: NOW }));
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const atTime = String(NOW.getTime() / 1000 + 3600);

async function start(scenario: MockBackendOptions['scenario'] = 'new-customer'): Promise<Harness> {
  const h = harness({ scenario, now: NOW });
  server.resetHandlers(...h.backend.handlers);
  await h.backend.ready;
  return h;
}

async function apply(h: Harness, csr: string) {
  return h.call('POST', '/certificates', { body: { csr, otpToken: await h.otpToken('apply'), consentVersion } });
}

async function verifyChain(h: Harness, leafPem: string) {
  const ca = await h.backend.ca();
  return openssl(['verify', '-attime', atTime, '-purpose', 'sslclient', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
    files: { 'root.pem': ca.rootPem, 'issuing.pem': ca.issuingPem, 'leaf.pem': leafPem },
  });
}

function pkcs8Pem(der: ArrayBuffer): string {
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

describe('issuance, judged by openssl', () => {
  for (const kind of ['RSA-2048', 'P-256'] as KeyKind[]) {
    it(`issues a certificate for a ${kind} CSR that openssl verifies against root and issuing CA`, async () => {
      const h = await start();
      const applied = await apply(h, (await makeCsr(await keyPair(kind))).pem);
      expect(applied.status).toBe(201);
      const run = await verifyChain(h, applied.body.certificate);
      expect(run.stdout).toContain('leaf.pem: OK');
      expect(run.code).toBe(0);
      // The chain the response carries is the one that verifies.
      const [issuing, root] = applied.body.chain;
      await opensslOk(['verify', '-attime', atTime, '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
        files: { 'root.pem': root, 'issuing.pem': issuing, 'leaf.pem': applied.body.certificate },
      });
    });
  }

  it('puts the customer’s ID number in CN, keyUsage digitalSignature+nonRepudiation, extKeyUsage clientAuth+emailProtection, CA:FALSE, SKI and AKI', async () => {
    const h = await start();
    const applied = await apply(h, (await makeCsr(await keyPair('P-256'), { commonName: 'SOMEONE ELSE' })).pem);
    const text = (await opensslOk(['x509', '-in', 'leaf.pem', '-noout', '-text', '-nameopt', 'sep_comma_plus'], { files: { 'leaf.pem': applied.body.certificate } })).stdout;
    expect(text).toMatch(/Subject: .*CN=A103200003/);
    expect(text).not.toContain('SOMEONE ELSE');
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation\s/);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication, E-mail Protection/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain('X509v3 Authority Key Identifier');
    const issuingSki = (await opensslOk(['x509', '-in', 'i.pem', '-noout', '-ext', 'subjectKeyIdentifier'], { files: { 'i.pem': applied.body.chain[0] } })).stdout.split('\n')[1]!.trim();
    expect(text).toContain(issuingSki);
  });

  it('gives each certificate a random positive serial number whose upper-case hex is the certificate’s own', async () => {
    const h = await start();
    const csr = (await makeCsr(await keyPair('P-256'))).pem;
    const first = await apply(h, csr);
    await h.backend.reset('new-customer');
    server.resetHandlers(...h.backend.handlers);
    const second = await apply(h, csr);
    for (const answer of [first, second]) {
      const serial = (await opensslOk(['x509', '-in', 'c.pem', '-noout', '-serial'], { files: { 'c.pem': answer.body.certificate } })).stdout.trim();
      expect(serial).toBe(`serial=${answer.body.serialNumber}`);
      expect(answer.body.serialNumber).toMatch(/^[1-7][0-9A-F]{31}$/);
    }
    expect(first.body.serialNumber).not.toBe(second.body.serialNumber);
  });

  it('makes a root that is self-signed and an issuing CA limited to end-entity certificates (pathlen 0)', async () => {
    const h = await start();
    const ca = await h.backend.ca();
    await opensslOk(['verify', '-CAfile', 'root.pem', 'issuing.pem'], { files: { 'root.pem': ca.rootPem, 'issuing.pem': ca.issuingPem } });
    const text = (await opensslOk(['x509', '-in', 'i.pem', '-noout', '-text'], { files: { 'i.pem': ca.issuingPem } })).stdout;
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
    expect(text).toMatch(/Certificate Sign, CRL Sign/);
  });

  it('accepts a CSR made by the openssl CLI', async () => {
    const h = await start();
    await opensslOk(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=whoever', '-out', 'r.pem']);
    const made = await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=whoever', '-out', 'r.pem']);
    expect(made.code).toBe(0);
    const csr = new TextDecoder().decode(made.files['r.pem']);
    const applied = await apply(h, csr);
    expect(applied.status).toBe(201);
    expect((await verifyChain(h, applied.body.certificate)).code).toBe(0);
  });
});

describe('CSR checks', () => {
  it('refuses CSR_INVALID for a CSR whose signature does not verify', async () => {
    const h = await start();
    const tampered = await makeCsr(await keyPair('RSA-2048'), { tamper: true });
    // openssl agrees the signature is bad.
    const judged = await openssl(['req', '-in', 'r.pem', '-verify', '-noout'], { files: { 'r.pem': tampered.pem } });
    expect(`${judged.stdout}${judged.stderr}`).toMatch(/verify failure/i);
    const answer = await apply(h, tampered.pem);
    expect([answer.status, answer.body.code]).toEqual([422, 'CSR_INVALID']);
  });

  it('refuses CSR_INVALID for a 1024-bit RSA key (openssl-made)', async () => {
    const h = await start();
    const made = await opensslOk(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=weak', '-out', 'r.pem']);
    const answer = await apply(h, new TextDecoder().decode(made.files['r.pem']));
    expect(answer.body.code).toBe('CSR_INVALID');
    expect(answer.body.detail).toMatch(/2048/);
    expect(h.backend.issuedCount()).toBe(0);
  });

  for (const kind of ['RSA-1024', 'P-384', 'RSA-PSS-2048'] as KeyKind[]) {
    it(`refuses CSR_INVALID for a ${kind} key: only RSA ≥ 2048 (PKCS#1 v1.5) and P-256 are allowed`, async () => {
      const h = await start();
      const answer = await apply(h, (await makeCsr(await keyPair(kind))).pem);
      expect(answer.body.code).toBe('CSR_INVALID');
    });
  }

  it('refuses CSR_INVALID for a PEM block that is not a certificate request', async () => {
    const h = await start();
    const answer = await apply(h, '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n');
    expect(answer.body.code).toBe('CSR_INVALID');
  });
});

describe('renewal proof', () => {
  async function renew(h: Harness, proofFor: (csr: { pem: string; der: Uint8Array }) => Promise<string>) {
    const credential = (await h.backend.seededCredential())!;
    const csr = await makeCsr(await keyPair('RSA-2048'));
    const proof = await proofFor(csr);
    return { credential, answer: await h.call('POST', `/certificates/${credential.serialNumber}/renewal`, { body: { csr: csr.pem, otpToken: await h.otpToken('renew'), proof } }) };
  }

  it('accepts a proof made by openssl cms -sign (detached, no signed attributes) with the stored key, and the new certificate verifies', async () => {
    const h = await start('renewal-due');
    const credential = (await h.backend.seededCredential())!;
    const key = pkcs8Pem(await crypto.subtle.exportKey('pkcs8', credential.privateKey));
    const { answer } = await renew(h, async (csr) => {
      const signed = await opensslOk(
        ['cms', '-sign', '-binary', '-noattr', '-md', 'sha256', '-in', 'csr.der', '-signer', 'cert.pem', '-inkey', 'key.pem', '-outform', 'DER', '-out', 'proof.der'],
        { files: { 'csr.der': csr.der, 'cert.pem': credential.certificatePem, 'key.pem': key } },
      );
      const der = signed.files['proof.der']!;
      let s = '';
      for (const b of der) s += String.fromCharCode(b);
      return btoa(s);
    });
    expect(answer.status).toBe(201);
    expect((await verifyChain(h, answer.body.certificate)).code).toBe(0);
  });

  it('accepts a proof with signed attributes and without an embedded certificate', async () => {
    const h = await start('renewal-due');
    const { answer } = await renew(h, async (csr) => {
      const credential = (await h.backend.seededCredential())!;
      return makeProof(csr.der, credential.privateKey, credential.certificatePem, { embedCertificate: false });
    });
    expect(answer.status).toBe(201);
  });

  it('refuses RENEWAL_PROOF_INVALID for a proof over other data than the new CSR', async () => {
    const h = await start('renewal-due');
    const { answer } = await renew(h, async () => {
      const credential = (await h.backend.seededCredential())!;
      return makeProof(new TextEncoder().encode('something else'), credential.privateKey, credential.certificatePem);
    });
    expect(answer.body.code).toBe('RENEWAL_PROOF_INVALID');
  });

  it('verifies against the stored certificate, never one inside the proof: a self-made certificate with the same serial is refused', async () => {
    const h = await start('renewal-due');
    const credential = (await h.backend.seededCredential())!;
    const attacker = await keyPair('RSA-2048');
    const ca = await h.backend.ca();
    const forged = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: credential.serialNumber,
      name: new x509.X509Certificate(ca.issuingPem).subject,
      keys: attacker,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
    });
    const { answer } = await renew(h, (csr) => makeProof(csr.der, attacker.privateKey, forged.toString('pem')));
    expect(answer.body.code).toBe('RENEWAL_PROOF_INVALID');
    expect(h.backend.issuedCount()).toBe(0);
  });

  it('refuses RENEWAL_PROOF_INVALID for base64 that is not CMS', async () => {
    const h = await start('renewal-due');
    const { answer } = await renew(h, async () => btoa('not a signature at all'));
    expect(answer.body.code).toBe('RENEWAL_PROOF_INVALID');
  });
});
