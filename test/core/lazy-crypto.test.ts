// The crypto that only some steps need loads on the first call that needs it (src/core/lazy-crypto.ts):
// once for the page, and a load that fails is `NETWORK` for that call, tried again on the next one,
// and leaves nothing behind: no request sent, no key stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from '../../mocks';
import { createCsr, exportPkcs12, generateKeyPair, importPkcs12, signCms, verifyCms, type CertCenter } from '../../src/core';
import * as direct from '../../src/core/crypto/csr';
import { lazyModule } from '../../src/core/lazy-crypto';
import { createMemoryStore } from '../../src/core/store';
import type { CertStore } from '../../src/core/store/cert-store';

const chunkFailure = () => new TypeError('Failed to fetch dynamically imported module');
const modules = {
  csr: '../../src/core/crypto/csr',
  cms: '../../src/core/crypto/cms',
  'pkcs12-export': '../../src/core/crypto/pkcs12/pkcs12-export',
  'pkcs12-import': '../../src/core/crypto/pkcs12/pkcs12-import',
} as const;
/** A lazily loaded module fails to load from now on, as a chunk does when the network drops. */
const cut = (name: keyof typeof modules) =>
  vi.doMock(modules[name], () => {
    throw chunkFailure();
  });
/** It loads again. */
const mend = (name: keyof typeof modules) => vi.doUnmock(modules[name]);

/** The core as a page loads it afresh: nothing of the lazily loaded crypto loaded yet. */
async function freshCore(): Promise<typeof import('../../src/core')> {
  vi.resetModules();
  return import('../../src/core');
}

describe('lazyModule', () => {
  it('loads its module once, however many calls ask at once or later', async () => {
    let loads = 0;
    const load = lazyModule(async () => ({ n: ++loads }), 'test');
    const answers = await Promise.all([load('a'), load('b'), load('c')]);
    expect(await load('d')).toBe(answers[0]);
    expect(answers.every((m) => m === answers[0])).toBe(true);
    expect(loads).toBe(1);
  });

  it('turns a failed load into NETWORK for every call that waited on it, keeps the cause, and loads again on the next call', async () => {
    let loads = 0;
    const failure = chunkFailure();
    const load = lazyModule(async () => {
      loads++;
      if (loads === 1) throw failure;
      return { ok: true };
    }, 'test');
    const waiting = await Promise.allSettled([load('a'), load('b')]);
    for (const result of waiting) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toMatchObject({ name: 'CertCenterError', code: 'NETWORK', cause: failure });
    }
    expect(await load('c')).toEqual({ ok: true });
    expect(await load('d')).toEqual({ ok: true });
    expect(loads).toBe(2);
  });
  it('turns a loader that throws at once (a bundler’s wrapper gone wrong) into NETWORK too', async () => {
    const failure = new TypeError('no loader');
    const load = lazyModule((): Promise<unknown> => {
      throw failure;
    }, 'test');
    await expect(load('a')).rejects.toMatchObject({ code: 'NETWORK', cause: failure });
  });
});

describe('the core’s crypto functions', () => {
  it('are the modules’ own once loaded: the same result, the same codes for bad input', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789' } });
    expect(csr).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    await expect(createCsr(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(direct.createCsr(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signCms('not bytes' as never, { privateKey: keyPair.privateKey } as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(verifyCms(new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
    await expect(exportPkcs12(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(importPkcs12(new Uint8Array([0x30, 0x00]), 'abcd')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
  });

  it('answer NETWORK while their code cannot be loaded, and work once it can', async () => {
    const core = await freshCore();
    const keyPair = await core.generateKeyPair({ algorithm: 'ECDSA-P256' });
    cut('csr');
    try {
      await expect(core.createCsr({ keyPair, subject: { commonName: 'A123456789' } })).rejects.toMatchObject({ code: 'NETWORK', isCertCenterError: true });
    } finally {
      mend('csr');
    }
    expect(await core.createCsr({ keyPair, subject: { commonName: 'A123456789' } })).toMatch(/CERTIFICATE REQUEST/);
  });
});

describe('a step whose code cannot be loaded', () => {
  const baseUrl = 'http://broker.test/api/cert-center/v1';
  const server = setupServer();
  let backend: MockBackend;
  let store: CertStore;
  let posts: string[];
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' } as never));
  afterAll(() => server.close());
  beforeEach(async () => {
    for (const name of Object.keys(modules) as (keyof typeof modules)[]) mend(name);
    backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
    await backend.ready;
    server.resetHandlers(...backend.handlers);
    store = createMemoryStore();
    posts = [];
  });

  const center = async (): Promise<CertCenter> =>
    (await freshCore()).createCertCenter({
      baseUrl,
      getAccessToken: () => backend.customers[0]!.token,
      store,
      clock: () => backend.clock.now(),
      keyAlgorithm: 'ECDSA-P256',
      pkcs12Iterations: 2048,
      retry: { limit: 0 },
      worker: false,
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST') posts.push(new URL(request.url).pathname);
        return fetch(request);
      },
    });

  const otpToken = async (c: CertCenter, purpose: 'apply' | 'renew') => {
    const sent = await c.requestOtp(purpose);
    return (await c.verifyOtp(sent.otpId, backend.inbox.last()!.code)).otpToken;
  };

  it('apply: NETWORK before any request or key leaves, and the same code applies once the CSR code loads', async () => {
    const c = await center();
    const token = await otpToken(c, 'apply');
    const { version } = await c.consent();
    cut('csr');
    await expect(c.apply({ otpToken: token, consentVersion: version })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(posts.filter((p) => p.endsWith('/certificates'))).toEqual([]);
    expect(await store.listPending()).toEqual([]);
    expect(backend.issuedCount()).toBe(0);
    mend('csr');
    const credential = await c.apply({ otpToken: token, consentVersion: version });
    expect(credential.status).toBe('valid');
    expect(backend.issuedCount()).toBe(1);
  });

  it('renew: NETWORK when the proof’s CMS code cannot load, before any request or key leaves; the old certificate stays, and renewal works once it loads', async () => {
    const c = await center();
    const old = await c.apply({ otpToken: await otpToken(c, 'apply'), consentVersion: (await c.consent()).version });
    backend.clock.set(new Date(old.certificate.notAfter.getTime() - 10 * 86_400_000));
    const token = await otpToken(c, 'renew');
    posts = [];
    cut('cms');
    await expect(c.renew({ otpToken: token })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(posts.filter((p) => p.endsWith('/renewal'))).toEqual([]);
    expect(await store.listPending()).toEqual([]);
    expect((await c.credentials()).map((l) => [l.serialNumber, l.status])).toEqual([[old.serialNumber, 'valid']]);
    mend('cms');
    const renewed = await c.renew({ otpToken: token });
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([renewed.serialNumber]);
  });

  it('sign, export and import: NETWORK while their code cannot be loaded, then they work', async () => {
    const c = await center();
    const credential = await c.apply({ otpToken: await otpToken(c, 'apply'), consentVersion: (await c.consent()).version });
    const order = new TextEncoder().encode('order');

    cut('cms');
    await expect(c.sign(order)).rejects.toMatchObject({ code: 'NETWORK' });
    mend('cms');
    expect((await c.sign(order)).length).toBeGreaterThan(0);

    cut('pkcs12-export');
    await expect(c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' })).rejects.toMatchObject({ code: 'NETWORK' });
    mend('pkcs12-export');
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' });

    await c.remove(credential.serialNumber);
    cut('pkcs12-import');
    await expect(c.importBackup(backup.bytes, 'abcd1234')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(await c.credentials()).toEqual([]);
    mend('pkcs12-import');
    expect(await c.importBackup(backup.bytes, 'abcd1234')).toMatchObject({ serialNumber: credential.serialNumber, status: 'valid' });
  });
});
