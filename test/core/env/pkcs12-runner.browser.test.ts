import { describe, expect, it } from 'vitest';
import { createPkcs12Runner } from '../../../src/core/env/pkcs12-runner';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { parseCertificate } from '../../../src/core/crypto/certificate';
import { createTestCa } from '../../support/test-ca';

describe('PKCS#12 work off the main thread', () => {
  it('exports and imports in a module worker, CryptoKey objects crossing postMessage', async () => {
    const ca = await createTestCa('ec');
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const runner = createPkcs12Runner();
    const pfx = await runner.exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations: 2048 });
    expect(runner.mode).toBe('worker');
    const imported = await runner.importPkcs12(pfx, 'abcd1234');
    expect(imported.privateKey).toBeInstanceOf(CryptoKey);
    expect(imported.certificate.serialNumber).toBe(certificate.serialNumber);
    await expect(runner.importPkcs12(pfx, 'wrong')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD', isCertCenterError: true });
    runner.close();
  });

  it('stops waiting for the worker when the signal fires', async () => {
    const ca = await createTestCa('ec');
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const runner = createPkcs12Runner();
    const controller = new AbortController();
    const work = runner.exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', signal: controller.signal });
    controller.abort();
    await expect(work).rejects.toMatchObject({ code: 'ABORTED' });
    runner.close();
  });

  it('runs inline when told not to use a worker', async () => {
    const runner = createPkcs12Runner({ worker: false });
    await expect(runner.importPkcs12(new Uint8Array([1, 2, 3]), 'x')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    expect(runner.mode).toBe('inline');
  });
});
