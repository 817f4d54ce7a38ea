import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { keyMatchesCertificate, parseCertificate } from '../../../src/core/crypto/certificate';
import { createCsr } from '../../../src/core/crypto/csr';
import { signCms, verifyCms } from '../../../src/core/crypto/cms';
import { utf8 } from '../../../src/core/crypto/bytes';
import { openssl, opensslOk } from '../../support/openssl';
import { createTestCa, type TestCa } from '../../support/test-ca';

const runs = Number((globalThis as { process?: { env?: Record<string, string> } }).process?.env?.FUZZ_RUNS ?? 0) || 300;

let ca: TestCa;
beforeAll(async () => {
  ca = await createTestCa('ec');
});

describe('createCsr', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('writes a %s request that openssl req -verify accepts', async (algorithm) => {
    const keyPair = await generateKeyPair({ algorithm });
    const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789', email: 'chen@example.com' } });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const run = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout', '-subject'], { files: { 'r.pem': csr } });
    expect(run.stderr + run.stdout).toMatch(/verify OK/i);
    expect(run.stdout).toContain('CN = A123456789');
  });

  it('puts a non-ASCII common name in UTF-8', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const csr = await createCsr({ keyPair, subject: { commonName: '陳小明' } });
    const run = await opensslOk(['req', '-in', 'r.pem', '-verify', '-noout', '-subject', '-nameopt', 'oneline,-esc_msb'], { files: { 'r.pem': csr } });
    const stdout = new TextDecoder().decode(Uint8Array.from(run.stdout, (c) => c.charCodeAt(0)));
    expect(stdout).toContain('CN = 陳小明');
  });

  it('refuses an empty common name with INVALID_ARGUMENT', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    await expect(createCsr({ keyPair, subject: { commonName: ' ' } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('parseCertificate', () => {
  it('reads what OpenSSL issued, from PEM and from DER alike', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'RSA-2048' });
    const pem = await ca.issue(keyPair, { commonName: 'A123456789', days: 365 });
    const info = parseCertificate(pem);
    expect(info.commonName).toBe('A123456789');
    expect(info.issuer).toContain('CN=Test Root CA');
    expect(info.keyAlgorithm).toBe('RSA');
    expect(info.isCa).toBe(false);
    expect(info.serialNumber).toMatch(/^[0-9A-F]+$/);
    const days = (info.notAfter.getTime() - info.notBefore.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    const fromDer = parseCertificate(info.der);
    expect(fromDer.fingerprintSha256).toBe(info.fingerprintSha256);
    const fp = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-fingerprint', '-sha256'], { files: { 'c.pem': pem } });
    expect(fp.stdout.replace(/:/g, '')).toContain(info.fingerprintSha256);
    const serial = await opensslOk(['x509', '-in', 'c.pem', '-noout', '-serial'], { files: { 'c.pem': pem } });
    expect(serial.stdout.trim()).toBe(`serial=${info.serialNumber}`);
    expect(await keyMatchesCertificate(keyPair.privateKey, info)).toBe(true);
    const other = await generateKeyPair({ algorithm: 'RSA-2048' });
    expect(await keyMatchesCertificate(other.privateKey, info)).toBe(false);
  });

  it('knows a CA certificate', () => {
    expect(parseCertificate(ca.rootPem).isCa).toBe(true);
  });

  it('gives CERT_MALFORMED for text without a certificate, empty bytes and truncated DER', () => {
    const der = parseCertificate(ca.rootPem).der;
    for (const input of ['hello', '', new Uint8Array(0), der.subarray(0, der.length - 1), der.subarray(5)]) {
      expect(() => parseCertificate(input)).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
    }
  });

  it('only ever throws CertCenterError for random or mutated bytes', () => {
    const der = parseCertificate(ca.rootPem).der;
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
        const copy = der.slice();
        copy[i] = copy[i]! ^ x;
        return copy;
      })), (bytes) => {
        try {
          parseCertificate(bytes);
        } catch (error) {
          expect(error).toMatchObject({ name: 'CertCenterError' });
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('signCms', () => {
  it.each(['RSA-2048', 'ECDSA-P256'] as const)('makes a detached %s signature that openssl cms -verify accepts', async (algorithm) => {
    const keyPair = await generateKeyPair({ algorithm });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const order = utf8('BUY 2330 1000 @ 1085.00');
    const signature = await signCms(order, { privateKey: keyPair.privateKey, certificate });
    const run = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.der', '-content', 'order.txt', '-CAfile', 'ca.pem', '-purpose', 'any', '-out', 'out.txt'], {
      files: { 'sig.der': signature, 'order.txt': order, 'ca.pem': ca.rootPem },
    });
    expect(run.stderr).toMatch(/Verification successful/);
    const verified = await verifyCms(signature, order);
    expect(verified.signer.serialNumber).toBe(certificate.serialNumber);
    expect(verified.signingTime).toBeInstanceOf(Date);
    await expect(verifyCms(signature, utf8('BUY 2330 9000 @ 1085.00'))).rejects.toMatchObject({ code: 'CMS_INVALID_SIGNATURE' });
  });

  it('encapsulates the content when asked and verifies against a given certificate only', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const signature = await signCms(utf8('hello'), { privateKey: keyPair.privateKey, certificate }, { detached: false });
    const run = await opensslOk(['cms', '-verify', '-inform', 'DER', '-in', 'sig.der', '-CAfile', 'ca.pem', '-purpose', 'any'], {
      files: { 'sig.der': signature, 'ca.pem': ca.rootPem },
    });
    expect(run.stdout).toBe('hello');
    expect(new TextDecoder().decode((await verifyCms(signature)).content)).toBe('hello');
    const stranger = parseCertificate(await ca.issue(await generateKeyPair({ algorithm: 'ECDSA-P256' })));
    await expect(verifyCms(signature, undefined, { signer: stranger })).rejects.toMatchObject({ code: 'CMS_INVALID_SIGNATURE' });
    await expect(verifyCms(signature, undefined, { signer: certificate })).resolves.toMatchObject({ signer: { serialNumber: certificate.serialNumber } });
  });

  it('reads a signature made by openssl cms -sign', async () => {
    const made = await opensslOk(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '1', '-subj', '/CN=B123456789']);
    const signed = await opensslOk(['cms', '-sign', '-binary', '-in', 'd.txt', '-signer', 'c.pem', '-inkey', 'k.pem', '-outform', 'DER', '-out', 's.der'], {
      files: { 'c.pem': made.files['c.pem']!, 'k.pem': made.files['k.pem']!, 'd.txt': 'order' },
    });
    const result = await verifyCms(signed.files['s.der']!, utf8('order'));
    expect(result.signer.commonName).toBe('B123456789');
  });

  it('gives CMS_MALFORMED for bytes that are not SignedData', async () => {
    await expect(verifyCms(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
    await expect(verifyCms(parseCertificate(ca.rootPem).der)).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
  });
});
