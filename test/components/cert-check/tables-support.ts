// Putting credentials into the browser's store the way a customer does (apply, import a backup),
// and the broken ones the check page must find (another key, a damaged record).
import { createIndexedDbStore, exportPkcs12, type CertCenterOptions, type LocalCredential } from '../../../src/core/index.ts';
import { page } from 'vitest/browser';
import { setup, type Setup } from '../support.ts';
import type { MockBackendOptions } from '../../../mocks/index.ts';

let counter = 0;

/** A fresh backend and a center whose IndexedDB database name the test knows. */
export async function tablesSetup(options: MockBackendOptions = {}, centerOptions: CertCenterOptions = {}) {
  const name = `cert-tables-${Date.now()}-${++counter}`;
  const net = controlledNetwork();
  const s = await setup(options, { name, fetch: net.fetch, ...centerOptions });
  return { ...s, name, net };
}

/** 申請 through the core: code, consent, apply. */
export async function applied(s: Setup): Promise<LocalCredential> {
  const sent = await s.center.requestOtp('apply');
  const { otpToken } = await s.center.verifyOtp(sent.otpId, s.lastCode());
  return s.center.apply({ otpToken, consentVersion: (await s.center.consent()).version });
}

/** 更新 through the core: code, renew. */
export async function renewed(s: Setup): Promise<LocalCredential> {
  const sent = await s.center.requestOtp('renew');
  const { otpToken } = await s.center.verifyOtp(sent.otpId, s.lastCode());
  return s.center.renew({ otpToken });
}

/** 註銷 through the core. */
export async function revoked(s: Setup, serialNumber: string): Promise<void> {
  const sent = await s.center.requestOtp('revoke');
  const { otpToken } = await s.center.verifyOtp(sent.otpId, s.lastCode());
  await s.center.revoke({ otpToken, serialNumber });
}

/** 匯入 of a backup of the scenario's seeded certificate (made with the core's PKCS#12 writer). */
export async function importedSeed(s: Setup): Promise<LocalCredential> {
  const seed = await s.backend.seededCredential();
  if (!seed) throw new Error('the scenario has no seeded certificate');
  const { chain } = await s.backend.ca();
  const bytes = await exportPkcs12({ privateKey: seed.privateKey, certificate: seed.certificatePem, chain, password: 'abcd1234', iterations: 2048 });
  return s.center.importBackup(bytes, 'abcd1234');
}

/** The stored record of `serialNumber` now holds a key that is not its certificate's. */
export async function withStrangerKey(name: string, serialNumber: string): Promise<void> {
  const store = createIndexedDbStore({ name });
  const stored = (await store.getCredential(serialNumber))!;
  const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  await store.putCredential({ ...stored, privateKey: stranger.privateKey, publicKey: stranger.publicKey });
  await store.close();
}

/** A record under `serialNumber` whose certificate cannot be read, beside `like`'s. */
export async function damagedRecord(name: string, like: string, serialNumber = 'DEAD'): Promise<string> {
  const store = createIndexedDbStore({ name });
  const stored = (await store.getCredential(like))!;
  await store.putCredential({ ...stored, serialNumber, certificate: new Uint8Array([0x30, 0x00]) });
  await store.close();
  return serialNumber;
}

/** The body rows of the element's table with this caption, as the customer reads them (— for a cell left empty). */
export function tableRows(el: Element, caption: string): string[][] {
  const table = [...el.shadowRoot!.querySelectorAll('table')].find((t) => t.caption?.textContent?.trim() === caption);
  if (!table) return [];
  return [...table.tBodies[0]!.rows].map((row) =>
    [...row.cells].map((cell) => (cell.querySelector('.unknown') && cell.textContent!.trim() === cell.querySelector('.unknown')!.textContent!.trim() ? '—' : (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
  );
}

/** The captions of the element's tables, in order. */
export function captions(el: Element): string[] {
  return [...el.shadowRoot!.querySelectorAll('caption')].map((c) => c.textContent!.trim());
}

/** Every text of the element's shadow root, through the shadow roots of what it contains. */
export function text(el: Element): string {
  return el.shadowRoot?.textContent ?? '';
}

/** Screenshots of a state in both locales, wide and at 375 px (only when run with VITE_SCREENSHOTS=1). */
export async function shots(
  name: string,
  el: HTMLElement & { locale?: 'zh-Hant' | 'en'; updateComplete: Promise<unknown> },
  { modal = false }: { modal?: boolean } = {},
): Promise<void> {
  if (!import.meta.env.VITE_SCREENSHOTS) return;
  // Tall enough for a whole stacked table (support's snap() keeps 900 px and cuts it off).
  const snap = async (file: string, target: Element, width: number) => {
    await page.viewport(width, modal ? 900 : 2400);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    // A modal dialog is in the top layer, outside the element's box: the whole page then.
    await page.screenshot({ path: `${import.meta.env.VITE_SCREENSHOTS_DIR as string}/${file}.png`, ...(modal ? {} : { element: target }) });
  };
  const before = el.locale;
  for (const locale of ['zh-Hant', 'en'] as const) {
    el.locale = locale;
    // The locale is read again once the attribute is reflected (a microtask after the update).
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    await snap(`${name}-${locale}-375`, el, 375);
    await snap(`${name}-${locale}`, el, 1280);
  }
  el.locale = before;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
  await page.viewport(1280, 900);
}

/** A network the test can take down and bring back, or hold until it lets go. */
export function controlledNetwork() {
  let release: (() => void) | undefined;
  const net = {
    down: false,
    held: undefined as Promise<void> | undefined,
    hold() {
      net.held = new Promise<void>((r) => (release = r));
    },
    letGo() {
      release?.();
      net.held = undefined;
    },
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      if (net.held) await net.held;
      if (net.down) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    },
  };
  return net;
}
