import { describe, expect, it } from 'vitest';
import { createPkcs12Runner } from '../../../src/core/env/pkcs12-runner';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { parseCertificate } from '../../../src/core/crypto/certificate';
import { createTestCa } from '../../support/test-ca';
import { exportPkcs12 } from '../../../src/core/crypto/pkcs12/pkcs12-export';
import { maxPkcs12Iterations } from '../../../src/core/crypto/pkcs12/pkcs12-import';
import { utf8 } from '../../../src/core/crypto/bytes';
import { dataPart, pfx, safeContents } from '../crypto/pkcs12/pfx-builder';

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

  it('an abort ends the worker, and the next call is answered by a fresh one instead of waiting behind it', async () => {
    const workers = workerCounter();
    const runner = createPkcs12Runner({ createWorker: workers.create });
    const controller = new AbortController();
    const hostile = runner.importPkcs12(slowFile(), 'abcd1234', { signal: controller.signal });
    expect(runner.mode).toBe('worker');
    controller.abort();
    await expect(hostile).rejects.toMatchObject({ code: 'ABORTED' });
    expect(workers.made.length).toBe(1);
    expect(workers.ended).toEqual([workers.made[0]]);
    await expect(runner.importPkcs12(utf8('not a pfx at all, just text'), 'x')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    expect(workers.made.length).toBe(2);
    expect(workers.ended).toEqual([workers.made[0]]);
    runner.close();
  });

  it('a call that was waiting on the ended worker is sent again to the fresh one and answered', async () => {
    const ca = await createTestCa('ec');
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const pfx = await exportPkcs12({ privateKey: keyPair.privateKey, certificate, password: 'abcd1234', iterations: 2048 });
    const workers = workerCounter();
    const runner = createPkcs12Runner({ createWorker: workers.create });
    const controller = new AbortController();
    const honest = runner.importPkcs12(pfx, 'abcd1234');
    const hostile = runner.importPkcs12(slowFile(), 'abcd1234', { signal: controller.signal });
    controller.abort();
    await expect(hostile).rejects.toMatchObject({ code: 'ABORTED' });
    expect((await honest).certificate.serialNumber).toBe(certificate.serialNumber);
    expect(workers.made.length).toBe(2);
    expect(workers.ended).toEqual([workers.made[0]]);
    runner.close();
  });

  it('runs inline when told not to use a worker', async () => {
    const runner = createPkcs12Runner({ worker: false });
    await expect(runner.importPkcs12(new Uint8Array([1, 2, 3]), 'x')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    expect(runner.mode).toBe('inline');
  });
});

/** Makes the PKCS#12 worker as the runner does, counting the workers made and ended. */
function workerCounter() {
  const made: Worker[] = [];
  const ended: Worker[] = [];
  const create = () => {
    const worker = new Worker(new URL('../../../src/core/env/pkcs12-worker.ts', import.meta.url), { type: 'module' });
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      ended.push(worker);
      terminate();
    };
    made.push(worker);
    return worker;
  };
  return { made, ended, create };
}

/** A file within the work budget that keeps a worker busy: a SHA-1 MAC at the iteration cap (its value wrong). */
function slowFile(): Uint8Array {
  return pfx([dataPart(safeContents())], { hash: 'SHA-1', iterations: maxPkcs12Iterations, value: new Uint8Array(20) });
}
