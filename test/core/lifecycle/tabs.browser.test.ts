import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupWorker } from 'msw/browser';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter } from '../../../src/core';
import { createIndexedDbStore } from '../../../src/core/store';
import type { TabApi } from '../../support/tab';

const baseUrl = '/api/cert-center/v1';
let backend: MockBackend;
let dbName = '';
let counter = 0;
const worker = setupWorker();

/** Opens a second tab of this origin (an iframe with its own realm). */
async function openTab(): Promise<{ api: TabApi; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  const ready = new Promise<void>((resolve) =>
    window.addEventListener('message', function onMessage(event) {
      if (event.source === frame.contentWindow && (event.data as { type?: string }).type === 'tab-ready') {
        window.removeEventListener('message', onMessage);
        resolve();
      }
    }),
  );
  frame.src = new URL('/test/support/tab.html', location.origin).href;
  document.body.append(frame);
  await ready;
  return { api: (frame.contentWindow as unknown as { certCenterTab: TabApi }).certCenterTab, frame };
}

beforeAll(async () => {
  await worker.start({ quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });
});
afterAll(() => {
  // Not awaited: with frames of this page gone, the worker's stop handshake may never answer.
  void worker.stop();
});
beforeEach(async () => {
  backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
  await backend.ready;
  worker.resetHandlers(...backend.handlers);
  dbName = `cert-center-tabs-${Date.now()}-${counter++}`;
});

describe('two tabs of one origin', () => {
  const options = (store: ReturnType<typeof createIndexedDbStore>) => ({
    baseUrl,
    getAccessToken: () => backend.customers[0]!.token,
    store,
    clock: () => backend.clock.now(),
    // The tab's requests go through this page's fetch, which the mock's service worker serves.
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    retry: { limit: 0 },
  });

  async function otpToken(center: ReturnType<typeof createCertCenter>) {
    const sent = await center.requestOtp('apply');
    const code = backend.inbox.all().find((m) => m.otpId === sent.otpId)!.code;
    return (await center.verifyOtp(sent.otpId, code)).otpToken;
  }

  it('applying in both at once gives one certificate, one credential, and each tab hears of it', async () => {
    const { api, frame } = await openTab();
    const here = createCertCenter(options(createIndexedDbStore({ name: dbName })));
    const there = api.createCertCenter(options(api.createIndexedDbStore({ name: dbName })));
    const consent = await here.consent();
    const [a, b] = [await otpToken(here), await otpToken(there)];
    const heardHere: string[] = [];
    here.events.addEventListener('store-changed', (e) => heardHere.push((e as CustomEvent<{ kind: string }>).detail.kind));
    await here.credentials(); // opens this tab's store and channel
    const results = await Promise.allSettled([
      here.apply({ otpToken: a, consentVersion: consent.version }),
      there.apply({ otpToken: b, consentVersion: consent.version }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CERT_EXISTS' } });
    expect(backend.issuedCount()).toBe(1);
    expect(await here.credentials()).toHaveLength(1);
    expect(await there.credentials()).toHaveLength(1);
    await expect.poll(() => heardHere.length).toBeGreaterThan(0);
    here.close();
    there.close();
    frame.remove();
  });

  it('a tab closed while its apply is in flight is finished by the next tab, with the same key', async () => {
    const { api, frame } = await openTab();
    const closing = api.createCertCenter(options(api.createIndexedDbStore({ name: dbName })));
    const consent = await closing.consent();
    const token = await otpToken(closing);
    backend.faults.next('latency', { method: 'POST', path: '/certificates', latencyMs: 400 });
    const sent = new Promise<void>((resolve) =>
      void closing.apply({ otpToken: token, consentVersion: consent.version, onProgress: (s) => s === 'sending-request' && resolve() }).catch(() => undefined),
    );
    await sent;
    frame.remove(); // the tab closes: its realm, its lock and its connection are gone
    const next = createCertCenter(options(createIndexedDbStore({ name: dbName })));
    await expect.poll(async () => (await next.resume()).length, { timeout: 5_000 }).toBe(1);
    expect(backend.issuedCount()).toBe(1);
    const [credential] = await next.credentials();
    expect(credential?.status).toBe('valid');
    await expect(next.sign(new TextEncoder().encode('order'))).resolves.toBeInstanceOf(Uint8Array);
    next.close();
  });
});
