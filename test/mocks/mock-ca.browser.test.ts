// The mock CA in Chromium behind MSW's real service worker, and its sessionStorage persistence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentVersion, createMockBackend, type MockBackend } from '../../mocks/index.ts';
import { setupMockWorker } from '../../mocks/browser.ts';
import { opensslOk } from '../support/openssl.ts';
import { basePath, harness, keyPair, makeCsr, type Harness } from './harness.ts';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const atTime = String(NOW.getTime() / 1000 + 3600);

// One worker for the file; each test points it at its own backend's handlers.
const worker = setupMockWorker(createMockBackend({ now: NOW }));

async function use(options: Parameters<typeof harness>[0], fetchImpl: typeof fetch = fetch): Promise<Harness> {
  const h = harness(options, fetchImpl, basePath);
  worker.resetHandlers(...h.backend.handlers);
  await h.backend.ready;
  return h;
}

beforeAll(async () => {
  sessionStorage.clear();
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
});
afterAll(() => {
  worker.stop();
  document.cookie = 'cert_center_session=; Max-Age=0; path=/';
  sessionStorage.clear();
});

describe('behind the service worker', () => {
  it('applies with a browser-made CSR, and openssl verifies the certificate against the chain', async () => {
    expect(navigator.serviceWorker.controller?.scriptURL).toMatch(/\/mockServiceWorker\.js$/);
    const h = await use({ now: NOW });
    const csr = await makeCsr(await keyPair('P-256'));
    const applied = await h.call('POST', '/certificates', { body: { csr: csr.pem, otpToken: await h.otpToken('apply'), consentVersion } });
    expect(applied.status).toBe(201);
    const [issuing, root] = applied.body.chain;
    await opensslOk(['verify', '-attime', atTime, '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
      files: { 'root.pem': root, 'issuing.pem': issuing, 'leaf.pem': applied.body.certificate },
    });
  });

  it('authenticates with the host’s session cookie cert_center_session', async () => {
    const h = await use({ now: NOW });
    document.cookie = `cert_center_session=${h.backend.customers[1]!.token}; path=/`;
    const profile = await h.call('GET', '/profile', { token: null });
    document.cookie = 'cert_center_session=; Max-Age=0; path=/';
    expect([profile.status, profile.body.idNumber]).toEqual([200, 'B220******']);
  });

  it('drops a response after committing it (commit-then-drop) and replays the stored certificate', async () => {
    const h = await use({ now: NOW });
    const body = { csr: (await makeCsr(await keyPair('P-256'))).pem, otpToken: await h.otpToken('apply'), consentVersion };
    h.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    await expect(h.call('POST', '/certificates', { key: 'browser-lost', body })).rejects.toThrow();
    const replay = await h.call('POST', '/certificates', { key: 'browser-lost', body });
    expect(replay.body.serialNumber).toBe(h.backend.issued()[0]!.serialNumber);
    expect(h.backend.issuedCount()).toBe(1);
  });
});

describe('persistence', () => {
  it('keeps the whole state, CA keys and clock included, in sessionStorage across a reload', async () => {
    sessionStorage.clear();
    const before = await use({ now: NOW, persist: 'session-storage', scenario: 'valid' });
    const credential = (await before.backend.seededCredential())!;
    const revoked = await before.call('POST', `/certificates/${credential.serialNumber}/revocation`, { body: { otpToken: await before.otpToken('revoke') } });
    expect(revoked.status).toBe(200);
    before.backend.clock.advance(60_000);
    const caBefore = await before.backend.ca();

    // A reload: a new backend with the same options finds the stored state instead of seeding.
    const after = await use({ now: NOW, persist: 'session-storage', scenario: 'valid' });
    expect(after.backend.clock.now().getTime()).toBe(NOW.getTime() + 60_000);
    expect(await after.backend.ca()).toEqual(caBefore);
    const list = await after.call('GET', '/certificates');
    expect(list.body.items.map((c: { status: string }) => c.status)).toEqual(['revoked']);
    expect(list.body.policy.revocationsLeft).toBe(2);
    expect((await after.backend.seededCredential())!.serialNumber).toBe(credential.serialNumber);

    // The restored issuing key still signs certificates that chain to the first root.
    const applied = await after.call('POST', '/certificates', { body: { csr: (await makeCsr(await keyPair('P-256'))).pem, otpToken: await after.otpToken('apply'), consentVersion } });
    expect(applied.status).toBe(201);
    await opensslOk(['verify', '-attime', String(NOW.getTime() / 1000 + 7200), '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'leaf.pem'], {
      files: { 'root.pem': caBefore.rootPem, 'issuing.pem': caBefore.issuingPem, 'leaf.pem': applied.body.certificate },
    });

    // reset() forgets the stored state.
    await after.backend.reset('new-customer');
    const fresh = createMockBackend({ now: NOW, persist: 'session-storage' });
    await fresh.ready;
    expect(fresh.certificates(fresh.customers[0]!.idNumber)).toEqual([]);
    sessionStorage.clear();
  });
});
