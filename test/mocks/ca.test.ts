// The mock CA with OpenSSL as the outside judge: what it issues verifies against its chain and
// carries the right extensions; it refuses what a real CA refuses; OpenSSL-made CSRs and
// proofs work with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion, createMockBackend, type MockBackendOptions } from '../../mocks/index.ts';
import { setupMockServer } from '../../mocks/node.ts';
import { opensslOk, openssl } from '../support/openssl.ts';
import { harness, keyPair, makeCsr, makeProof, x509, type Harness, type KeyKind } from './harness.ts';
import { bytesBigint, exponentOneCsr, p256, p256KeyCsr, p256PointWithSmallX, realModulus, rsaKeyCsr, uncompressed } from './hostile-csr.ts';

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
    expect([answer.status, answer.body.code, answer.body.reason]).toEqual([422, 'CSR_INVALID', 'signature']);
  });

  it('refuses CSR_INVALID for a 1024-bit RSA key (openssl-made)', async () => {
    const h = await start();
    const made = await opensslOk(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=weak', '-out', 'r.pem']);
    const answer = await apply(h, new TextDecoder().decode(made.files['r.pem']));
    expect([answer.body.code, answer.body.reason]).toEqual(['CSR_INVALID', 'rsa-modulus']);
    expect(h.backend.issuedCount()).toBe(0);
  });

  const refusedKinds: Array<[KeyKind, string]> = [['RSA-1024', 'rsa-modulus'], ['P-384', 'ec-curve'], ['RSA-PSS-2048', 'signature-algorithm']];
  for (const [kind, reason] of refusedKinds) {
    it(`refuses CSR_INVALID (${reason}) for a ${kind} key: only RSA ≥ 2048 (PKCS#1 v1.5) and P-256 are allowed`, async () => {
      const h = await start();
      const answer = await apply(h, (await makeCsr(await keyPair(kind))).pem);
      expect([answer.body.code, answer.body.reason]).toEqual(['CSR_INVALID', reason]);
    });
  }

  for (const algorithm of ['ed25519', 'rsa-pss']) {
    it(`refuses CSR_INVALID (key-algorithm) for an openssl-made ${algorithm} key`, async () => {
      const h = await start();
      const made = await opensslOk(['req', '-new', '-newkey', algorithm, ...(algorithm === 'rsa-pss' ? ['-pkeyopt', 'rsa_keygen_bits:2048'] : []), '-nodes', '-keyout', 'k.pem', '-subj', '/CN=other', '-out', 'r.pem']);
      const answer = await apply(h, new TextDecoder().decode(made.files['r.pem']));
      expect([answer.body.code, answer.body.reason]).toEqual(['CSR_INVALID', 'key-algorithm']);
    });
  }

  it('refuses CSR_INVALID for a PEM block that is not a certificate request', async () => {
    const h = await start();
    const answer = await apply(h, '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n');
    expect([answer.body.code, answer.body.reason]).toEqual(['CSR_INVALID', 'malformed']);
  });
});

describe('the key a CSR carries, checked as a real CA does', () => {
  async function refused(h: Harness, csr: string, reason: string) {
    const answer = await apply(h, csr);
    expect([answer.status, answer.body.code, answer.body.reason]).toEqual([422, 'CSR_INVALID', reason]);
    expect(h.backend.issuedCount()).toBe(0);
  }

  it('refuses CSR_INVALID (rsa-exponent) for public exponent 1, whose "signature" is made without any private key and which openssl verifies', async () => {
    const h = await start();
    const csr = await exponentOneCsr(await realModulus());
    // The forgery is a valid self-signature as far as openssl is concerned: only the key check stops it.
    const judged = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout', '-text'], { files: { 'r.pem': csr } });
    expect(`${judged.stdout}${judged.stderr}`).toMatch(/verify OK/);
    expect(judged.stdout).toMatch(/Exponent: 1 \(0x1\)/);
    await refused(h, csr, 'rsa-exponent');
  });

  it('refuses CSR_INVALID (rsa-exponent) for an openssl-made RSA key with e = 3, although its signature is real', async () => {
    const h = await start();
    const made = await opensslOk(['req', '-new', '-newkey', 'rsa:2048', '-pkeyopt', 'rsa_keygen_pubexp:3', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=e3', '-out', 'r.pem']);
    const csr = new TextDecoder().decode(made.files['r.pem']);
    await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout'], { files: { 'r.pem': csr } });
    await refused(h, csr, 'rsa-exponent');
  });

  it('accepts any odd exponent of at least 65537: an openssl-made key with e = 65539 is certified', async () => {
    const h = await start();
    const made = await opensslOk(['req', '-new', '-newkey', 'rsa:2048', '-pkeyopt', 'rsa_keygen_pubexp:65539', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=e65539', '-out', 'r.pem']);
    const applied = await apply(h, new TextDecoder().decode(made.files['r.pem']));
    expect(applied.status).toBe(201);
    expect((await verifyChain(h, applied.body.certificate)).code).toBe(0);
  });

  it('refuses even, too small and too large exponents, and moduli that are even, short, long or have a small factor', async () => {
    const h = await start();
    const n = await realModulus();
    const cases: Array<[string, bigint, bigint, string]> = [
      ['e = 65538 (even)', n, 65_538n, 'rsa-exponent'],
      ['e = 65535 (odd, below 65537)', n, 65_535n, 'rsa-exponent'],
      ['e = 2^256 + 1', n, (1n << 256n) + 1n, 'rsa-exponent'],
      ['an even modulus', n + 1n, 65_537n, 'rsa-modulus'],
      ['a 2047-bit modulus', n >> 1n | 1n, 65_537n, 'rsa-modulus'],
      ['an 8193-bit modulus', (1n << 8192n) | n, 65_537n, 'rsa-modulus'],
      ['a modulus divisible by 751', n * 751n, 65_537n, 'rsa-modulus'],
    ];
    for (const [what, modulus, exponent, reason] of cases) {
      const answer = await apply(h, await rsaKeyCsr(modulus, exponent));
      expect([what, answer.body.code, answer.body.reason]).toEqual([what, 'CSR_INVALID', reason]);
    }
    // The same modulus with e = 65537 passes the key check and fails only the (junk) signature.
    expect((await apply(h, await rsaKeyCsr(n, 65_537n))).body.reason).toBe('signature');
    expect(h.backend.issuedCount()).toBe(0);
  });

  it('refuses CSR_INVALID (ec-point) for a P-256 point off the curve, which openssl cannot even read as a key', async () => {
    const h = await start();
    const csr = await p256KeyCsr(uncompressed(p256.gx, p256.gy + 1n));
    const judged = await openssl(['req', '-in', 'r.pem', '-verify', '-noout'], { files: { 'r.pem': csr } });
    expect(judged.code).not.toBe(0);
    await refused(h, csr, 'ec-point');
  });

  it('refuses CSR_INVALID (ec-point) for coordinates at or above the field prime and for the point at infinity', async () => {
    const h = await start();
    const { x, y } = p256PointWithSmallX();
    const cases: Array<[string, Uint8Array]> = [
      // On the curve modulo p, but not reduced: a check that works mod p alone would take it.
      ['x + p for a point on the curve', uncompressed(x + p256.p, y)],
      ['x = p', uncompressed(p256.p, p256.gy)],
      ['the point at infinity', new Uint8Array([0])],
      ['a hybrid encoding (06)', new Uint8Array([6, ...uncompressed(p256.gx, p256.gy).subarray(1)])],
    ];
    for (const [what, point] of cases) {
      const answer = await apply(h, await p256KeyCsr(point));
      expect([what, answer.body.code, answer.body.reason]).toEqual([what, 'CSR_INVALID', 'ec-point']);
    }
    // The reduced point and the base point are on the curve: only their (junk) signatures fail.
    expect((await apply(h, await p256KeyCsr(uncompressed(x, y)))).body.reason).toBe('signature');
    expect((await apply(h, await p256KeyCsr(uncompressed(p256.gx, p256.gy)))).body.reason).toBe('signature');
    expect(h.backend.issuedCount()).toBe(0);
  });

  it('refuses CSR_INVALID (ec-point) for a compressed point, although openssl verifies its real signature', async () => {
    const h = await start();
    const keys = await keyPair('P-256');
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
    const y = bytesBigint(raw.subarray(33));
    const compressed = new Uint8Array([2 + Number(y & 1n), ...raw.subarray(1, 33)]);
    const csr = await p256KeyCsr(compressed, keys.privateKey);
    const judged = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout'], { files: { 'r.pem': csr } });
    expect(`${judged.stdout}${judged.stderr}`).toMatch(/verify OK/);
    await refused(h, csr, 'ec-point');
    // The same key, uncompressed, is certified.
    expect((await apply(h, await p256KeyCsr(raw, keys.privateKey))).status).toBe(201);
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

describe('keys that are not certified (again)', () => {
  async function applyAs(h: Harness, csr: string, token?: string) {
    return h.call('POST', '/certificates', { ...(token ? { token } : {}), body: { csr, otpToken: await h.otpToken('apply', token), consentVersion } });
  }
  async function revoke(h: Harness, serialNumber: string, reason: string, token?: string) {
    const answer = await h.call('POST', `/certificates/${serialNumber}/revocation`, { ...(token ? { token } : {}), body: { otpToken: await h.otpToken('revoke', token), reason } });
    expect(answer.status).toBe(200);
  }

  it('refuses CSR_INVALID (key-compromised) for a key revoked for keyCompromise, to its customer and to any other', async () => {
    const h = await start();
    const compromised = await keyPair('P-256');
    const first = await applyAs(h, (await makeCsr(compromised)).pem);
    expect(first.status).toBe(201);
    await revoke(h, first.body.serialNumber, 'keyCompromise');
    expect(h.backend.issued()[0]?.revocationReason).toBe('keyCompromise');

    const again = await applyAs(h, (await makeCsr(compromised)).pem);
    expect([again.status, again.body.code, again.body.reason]).toEqual([422, 'CSR_INVALID', 'key-compromised']);
    expect(h.backend.issuedCount()).toBe(1);

    // Another customer, once free to apply, may not take the key either.
    const other = h.backend.customers[1]!;
    const seeded = (await h.backend.seededCredential(other.idNumber))!;
    await revoke(h, seeded.serialNumber, 'unspecified', other.token);
    const theirs = await applyAs(h, (await makeCsr(compromised)).pem, other.token);
    expect([theirs.body.code, theirs.body.reason]).toEqual(['CSR_INVALID', 'key-compromised']);

    // A fresh key is certified; so is a key revoked for another reason.
    expect((await applyAs(h, (await makeCsr(await keyPair('P-256'))).pem)).status).toBe(201);
    const unspecified = await applyAs(h, (await makeCsr({ privateKey: seeded.privateKey, publicKey: seeded.publicKey })).pem, other.token);
    expect(unspecified.status).toBe(201);
  });

  it('refuses CSR_INVALID (key-reused) for a renewal with the renewed certificate’s own key, before the proof is looked at, and keeps the old certificate', async () => {
    const h = await start('renewal-due');
    const credential = (await h.backend.seededCredential())!;
    const oldKey = { privateKey: credential.privateKey, publicKey: credential.publicKey };
    const renew = async (csr: { pem: string; der: Uint8Array }, proof: string) =>
      h.call('POST', `/certificates/${credential.serialNumber}/renewal`, { body: { csr: csr.pem, otpToken: await h.otpToken('renew'), proof } });

    const sameKey = await makeCsr(oldKey);
    const proved = await renew(sameKey, await makeProof(sameKey.der, credential.privateKey, credential.certificatePem));
    expect([proved.status, proved.body.code, proved.body.reason]).toEqual([422, 'CSR_INVALID', 'key-reused']);
    // The CSR is checked before the proof: a bad proof changes nothing in the answer.
    const unproved = await renew(sameKey, btoa('not a proof'));
    expect([unproved.body.code, unproved.body.reason]).toEqual(['CSR_INVALID', 'key-reused']);
    expect(h.backend.issuedCount()).toBe(0);
    expect((await h.call('GET', `/certificates/${credential.serialNumber}/status`)).body.status).toBe('renewal-due');

    const fresh = await makeCsr(await keyPair('P-256'));
    expect((await renew(fresh, await makeProof(fresh.der, credential.privateKey, credential.certificatePem))).status).toBe(201);
  });
});
