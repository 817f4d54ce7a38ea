// What the tests of <cert-export> and <cert-import> share: a certificate applied for through the
// mock, another center (another customer, or a fresh browser store), a stand-in for the browser's
// save dialog, the downloads a page starts, and events and screenshots.
import { afterEach, expect, vi } from 'vitest';
import { page } from 'vitest/browser';
import type { MockBackend } from '../../mocks/index.ts';
import { createCertCenter, type CertCenter, type CertCenterOptions, type CertCenterError, type LocalCredential } from '../../src/core/index.ts';
import type { Locale } from '../../src/components/shared/translation.ts';
import { snap, type Setup } from './support.ts';

const extraCenters: CertCenter[] = [];
let restorePicker: (() => void) | undefined;
let serial = 0;

afterEach(() => {
  for (const c of extraCenters.splice(0)) c.close();
  restorePicker?.();
  restorePicker = undefined;
  vi.restoreAllMocks();
});

/** Applies for a certificate the way a customer does (code, consent, apply) and returns it. */
export async function applied(s: Setup): Promise<LocalCredential> {
  const sent = await s.center.requestOtp('apply');
  const { otpToken } = await s.center.verifyOtp(sent.otpId, s.lastCode());
  return s.center.apply({ otpToken, consentVersion: (await s.center.consent()).version });
}

/** Another center on the same mock: another customer (`customer: 1`) and/or another browser store. */
export function anotherCenter(backend: MockBackend, options: { customer?: number } & CertCenterOptions = {}): CertCenter {
  const { customer = 0, ...rest } = options;
  const token = backend.customers[customer]!.token;
  const center = createCertCenter({
    getAccessToken: () => token,
    clock: () => backend.clock.now(),
    name: `cert-center-other-${Date.now()}-${++serial}`,
    keyAlgorithm: 'ECDSA-P256',
    pkcs12Iterations: 2048,
    retry: { limit: 2, backoffMs: 1 },
    ...rest,
  });
  extraCenters.push(center);
  return center;
}

/** A file handle as `showSaveFilePicker` gives it, recording what is written into it. */
export function fakeSaveTarget(name = 'chosen.pfx') {
  const record = { chunks: [] as Uint8Array[], closed: false, removed: false, aborted: false };
  const handle = {
    name,
    async createWritable() {
      return {
        async write(data: BufferSource | Blob) {
          const bytes = data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : new Uint8Array(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data);
          record.chunks.push(bytes);
        },
        async close() {
          record.closed = true;
        },
        async abort() {
          record.aborted = true;
        },
      };
    },
    async remove() {
      record.removed = true;
    },
  };
  const bytes = () => {
    const out = new Uint8Array(record.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of record.chunks) out.set(c, (at += c.length) - c.length);
    return out;
  };
  return { handle, record, bytes };
}

/** Replaces `window.showSaveFilePicker` for one test (`undefined`: a browser without it). */
export function stubSavePicker(picker: ((options: { suggestedName: string }) => Promise<unknown>) | undefined) {
  const original = Object.getOwnPropertyDescriptor(window, 'showSaveFilePicker');
  const calls: { suggestedName: string; activated: boolean }[] = [];
  const value = picker
    ? (options: { suggestedName: string }) => {
        // What the browser checks: the call happens while the click's user activation lasts.
        calls.push({ suggestedName: options.suggestedName, activated: navigator.userActivation.isActive });
        return picker(options);
      }
    : undefined;
  Object.defineProperty(window, 'showSaveFilePicker', { configurable: true, writable: true, value });
  restorePicker = () => {
    if (original) Object.defineProperty(window, 'showSaveFilePicker', original);
    else delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  };
  return calls;
}

/** The downloads the page starts (a click on an `<a download>`), with the bytes behind each link. */
export function captureDownloads() {
  const downloads: { fileName: string; href: string; bytes: Promise<Uint8Array> }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ fileName: this.download, href: this.href, bytes: fetch(this.href).then(async (r) => new Uint8Array(await r.arrayBuffer())) });
  });
  return downloads;
}

/** Collects the events of one kind that reach the document; emptied after every test. */
export function collect<K extends keyof GlobalEventHandlersEventMap>(type: K): GlobalEventHandlersEventMap[K][] {
  const seen: GlobalEventHandlersEventMap[K][] = [];
  document.addEventListener(type, (e) => seen.push(e));
  afterEach(() => {
    seen.length = 0;
  });
  return seen;
}

/** The codes of the cert-error events seen. */
export const codes = (errors: { detail: { error: CertCenterError } }[]) => errors.map((e) => e.detail.error.code);

/** The element that has focus, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits (on the page's own turns, not a clock) until `check` holds. */
export async function until(check: () => boolean | Promise<boolean>, what = 'the condition'): Promise<void> {
  await expect.poll(check, { timeout: 20_000, interval: 20, message: `waiting for ${what}` }).toBe(true);
}

/** Lets a locale change reach the element: it is read from the attribute, which is set during the update. */
export async function settle(el: { updateComplete: Promise<unknown> }): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

/**
 * Screenshots of one state, when the run takes them: zh-Hant and English, wide and 375 px.
 * The element's locale is put back afterwards.
 */
export async function snapState(name: string, el: HTMLElement & { locale?: Locale; updateComplete: Promise<unknown> }): Promise<void> {
  if (!import.meta.env.VITE_SCREENSHOTS) return;
  const before = el.locale;
  for (const locale of ['zh-Hant', 'en'] as const) {
    el.locale = locale;
    await settle(el);
    await snap(`${name}.${locale}`, el);
    await snap(`${name}.${locale}.375`, el, 375);
  }
  el.locale = before;
  await settle(el);
  await page.viewport(1280, 900);
}
