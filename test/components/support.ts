/// <reference types="vite/client" />
// What the element tests share: the mock CA behind MSW's real service worker, a center of the
// core for each test (its own IndexedDB database), mounting, and axe-core.
import { render, type TemplateResult } from 'lit';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { page } from 'vitest/browser';
import { createMockBackend, type MockBackend, type MockBackendOptions } from '../../mocks/index.ts';
import { setupMockWorker } from '../../mocks/browser.ts';
import { createCertCenter, type CertCenter, type CertCenterOptions } from '../../src/core/index.ts';

export const NOW = new Date('2026-03-01T02:00:00.000Z');

const worker = setupMockWorker(createMockBackend({ now: NOW }));
const mounted: HTMLElement[] = [];
const centers: CertCenter[] = [];
let serial = 0;

/** Starts the service worker once per file and cleans up after every test. */
export function useMockWorker(): void {
  beforeAll(async () => {
    await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
  });
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
    for (const c of centers.splice(0)) c.close();
  });
  afterAll(() => worker.stop());
}

export interface Setup {
  backend: MockBackend;
  center: CertCenter;
  /** The latest code the mock "sent" to the customer. */
  lastCode(): string;
}

/**
 * A fresh mock backend answering behind the worker, and a center for its first customer with
 * its own store; the center reads the mock's clock.
 */
export async function setup(options: MockBackendOptions = {}, centerOptions: CertCenterOptions = {}): Promise<Setup> {
  const backend = createMockBackend({ now: NOW, ...options });
  worker.resetHandlers(...backend.handlers);
  await backend.ready;
  const customer = backend.customers[0]!;
  const center = createCertCenter({
    getAccessToken: () => customer.token,
    clock: () => backend.clock.now(),
    name: `cert-center-test-${Date.now()}-${++serial}`,
    keyAlgorithm: 'ECDSA-P256',
    pkcs12Iterations: 2048,
    retry: { limit: 2, backoffMs: 1 },
    ...centerOptions,
  });
  centers.push(center);
  return {
    backend,
    center,
    lastCode: () => {
      const message = backend.inbox.last(customer.idNumber);
      if (!message) throw new Error('no code was sent');
      return message.code;
    },
  };
}

/** Renders a template into a fresh container in the document; removed after the test. */
export async function mount<T extends HTMLElement>(template: TemplateResult, selector?: string): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const el = (selector ? container.querySelector(selector) : container.firstElementChild) as T | null;
  if (!el) throw new Error('nothing was mounted');
  await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  return el;
}

/** axe-core on an element and everything in its shadow roots: no violation of any rule. */
export async function expectAccessible(el: Element): Promise<void> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  const found = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}

/**
 * Saves a screenshot of an element as `shots/<name>.png` when the run was started with
 * `VITE_SCREENSHOTS=1` (for looking at every state; an ordinary run takes none).
 */
export async function snap(name: string, el: Element, width = 1280): Promise<void> {
  if (!import.meta.env.VITE_SCREENSHOTS) return;
  await page.viewport(width, 900);
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  await page.screenshot({ path: `${shotsDir}/${name}.png`, element: el });
}
const shotsDir = import.meta.env.VITE_SCREENSHOTS_DIR as string;
