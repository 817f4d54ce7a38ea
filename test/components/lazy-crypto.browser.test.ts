// What the browser really fetches: a host page with the browser bundle as dist/browser ships it
// (code splitting on) renders <cert-center> against the mock to its first screen without fetching
// any PKCS#12, CMS or CSR chunk, nor the PKCS#12 worker (the page's resource timing lists every
// script it fetched); each chunk is fetched when its step first runs, and not before.
import { afterEach, describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import type { CertCenter } from '../../src/core/index.ts';
import { zhHant } from '../../src/components/shared/locales/zh-hant.ts';
import type { LazyPage } from '../support/lazy-page.ts';

const built = (commands as unknown as { buildLazyPage(): Promise<LazyPage> }).buildLazyPage();
const wait = { timeout: 30_000, interval: 50 };

interface PageWindow extends Window {
  /** What the host page (test/components/lazy-page/page.js) made: its center, from the bundle, and <cert-center>. */
  lazyPage?: {
    center: CertCenter;
    el: HTMLElement;
    lastCode(): string | undefined;
  };
  showSaveFilePicker?: unknown;
}

let frame: HTMLIFrameElement | undefined;
afterEach(() => frame?.remove());

/** Loads the host page in a frame and waits until <cert-center> is on it. */
async function open(query = '') {
  const info = await built;
  frame = document.createElement('iframe');
  // The whole window of the test page, so that what the frame shows can be clicked.
  Object.assign(frame.style, { position: 'fixed', inset: '0', width: '100%', height: '100%', border: '0', background: 'white' });
  frame.src = `${info.url}${query}`;
  document.body.append(frame);
  const win = frame.contentWindow as PageWindow;
  await expect.poll(() => win.lazyPage !== undefined, wait).toBe(true);
  const scripts = () =>
    win.performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((path) => path.startsWith(info.bundleBase))
      .map((path) => path.slice(info.bundleBase.length))
      .sort();
  return { info, win, app: win.lazyPage!, frame: page.frameLocator(page.elementLocator(frame)), scripts };
}

/** Every text of an element and of the shadow roots inside it (nodes of the frame's realm). */
function deepText(node: Node): string {
  let out = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
  const shadow = (node as Partial<Element>).shadowRoot;
  if (shadow) out += deepText(shadow);
  for (const child of node.childNodes) out += deepText(child);
  return out;
}

/** The first screen: the query page's table of the server's certificates, loaded. */
async function firstScreen(el: HTMLElement) {
  await expect
    .poll(() => el.shadowRoot?.querySelector('cert-overview')?.shadowRoot?.querySelector('[part~="server-table"]') != null, wait)
    .toBe(true);
}

const without = (files: string[], seen: string[]) => files.filter((f) => !seen.includes(f));
/** The source modules in what was fetched. */
const modulesIn = (info: LazyPage, files: string[]) => [...new Set(files.flatMap((f) => info.modules[f] ?? []))];
/** PKCS#12, CMS or CSR code, or the PKCS#12 worker. */
const crypto = (modules: string[]) => modules.filter((m) => /^src\/core\/(crypto\/pkcs12\/|crypto\/(cms|csr)\.ts$|env\/pkcs12-worker\.ts$)/.test(m));

describe('what the first paint of <cert-center> fetches', () => {
  it('no crypto chunk on the first screen; the CSR chunk when 申請 sends the request, PKCS#12 export at 確定匯出, CMS at the first signature, PKCS#12 import at the first import', async () => {
    const { info, win, app, frame, scripts } = await open('?worker=0');
    await firstScreen(app.el);
    for (const id of ['csr', 'cms', 'pkcs12-export', 'pkcs12-import']) expect(info.lazy[id]!.length, id).toBeGreaterThan(0);
    const atFirstPaint = scripts();
    // Everything the bundle loads before it runs was fetched, and nothing else of it.
    expect(atFirstPaint).toEqual(info.firstPaint);
    expect(atFirstPaint.filter((f) => info.later.includes(f))).toEqual([]);
    expect(atFirstPaint).not.toContain(info.worker);
    // What those files hold: the center and the elements, none of the crypto that waits for a step.
    expect(modulesIn(info, atFirstPaint)).toContain('src/core/lifecycle/cert-center.ts');
    expect(modulesIn(info, atFirstPaint)).toContain('src/components/cert-apply/cert-apply.ts');
    expect(crypto(modulesIn(info, atFirstPaint))).toEqual([]);

    // 申請 through the screens: the code, the consent form, the wait; the CSR code comes with the request.
    await frame.getByRole('button', { name: zhHant.overview.apply, exact: true }).click();
    await frame.getByRole('button', { name: '取得認證碼' }).click();
    await frame.getByRole('button', { name: '確定' }).click();
    await expect.poll(() => app.lastCode(), wait).toBeDefined();
    await frame.getByRole('textbox', { name: '輸入認證碼' }).fill(app.lastCode()!);
    await frame.getByRole('button', { name: '確認', exact: true }).click();
    await expect.poll(() => deepText(app.el).includes('電子交易憑證申請同意書'), wait).toBe(true);
    expect(scripts()).toEqual(atFirstPaint);
    await frame.getByRole('button', { name: '確認', exact: true }).click();
    await expect.poll(() => deepText(app.el).includes(zhHant.export.submit), wait).toBe(true);
    const afterApply = scripts();
    expect(without(afterApply, atFirstPaint)).toEqual(info.lazy.csr);
    expect(crypto(modulesIn(info, afterApply))).toEqual(['src/core/crypto/csr.ts']);

    // The backup (確定匯出) writes the PKCS#12 file: its chunks come now, none of import's own.
    let saved: Uint8Array | undefined;
    win.showSaveFilePicker = async () => ({
      name: 'backup.pfx',
      async createWritable() {
        const parts: Uint8Array[] = [];
        return {
          // The frame's own Uint8Array or Blob: told apart without instanceof, which is per realm.
          async write(data: ArrayBufferView | Blob) {
            parts.push(ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : new Uint8Array(await (data as Blob).arrayBuffer()));
          },
          async close() {
            saved = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
            let at = 0;
            for (const p of parts) saved.set(p, (at += p.length) - p.length);
          },
          async abort() {},
        };
      },
    });
    await frame.getByLabelText(zhHant.export.password, { exact: true }).fill('abcd1234');
    await frame.getByLabelText(zhHant.export.confirmPassword, { exact: true }).fill('abcd1234');
    await frame.getByRole('button', { name: zhHant.export.submit }).click();
    await expect.poll(() => deepText(app.el).includes('您的憑證已申請成功且已匯入此台電腦'), wait).toBe(true);
    expect(saved?.length).toBeGreaterThan(0);
    const afterExport = scripts();
    expect(without(afterExport, afterApply)).toEqual(without(info.lazy['pkcs12-export']!, afterApply));
    expect(afterExport).toContain(info.chunks['pkcs12-export']);
    expect(afterExport).not.toContain(info.chunks['pkcs12-import']);
    expect(afterExport).not.toContain(info.worker);
    expect(crypto(modulesIn(info, afterExport))).toContain('src/core/crypto/pkcs12/pkcs12-export.ts');
    expect(crypto(modulesIn(info, afterExport))).not.toContain('src/core/crypto/pkcs12/pkcs12-import.ts');

    // The first order signature fetches the CMS code, the first import the PKCS#12 reader.
    expect((await app.center.sign(new TextEncoder().encode('order'))).length).toBeGreaterThan(0);
    const afterSign = scripts();
    expect(without(afterSign, afterExport)).toEqual(without(info.lazy.cms!, afterExport));
    expect(crypto(modulesIn(info, afterSign))).toContain('src/core/crypto/cms.ts');
    const [stored] = await app.center.credentials();
    await app.center.remove(stored!.serialNumber);
    expect(await app.center.importBackup(saved!, 'abcd1234')).toMatchObject({ serialNumber: stored!.serialNumber });
    expect(without(scripts(), afterSign)).toEqual(without(info.lazy['pkcs12-import']!, afterSign));
    expect(crypto(modulesIn(info, scripts()))).toContain('src/core/crypto/pkcs12/pkcs12-import.ts');
    // By now the page has fetched every lazily loaded file, and never the worker.
    expect(without(info.later, scripts())).toEqual([]);
    expect(scripts()).not.toContain(info.worker);
  }, 120_000);

  it('with the worker (the default): the first screen starts no worker; the first backup starts pkcs12-worker.js, and the page itself fetches none of the PKCS#12 chunks', async () => {
    const { info, app, scripts } = await open();
    await firstScreen(app.el);
    const atFirstPaint = scripts();
    expect(atFirstPaint).toEqual(info.firstPaint);
    expect(crypto(modulesIn(info, atFirstPaint))).toEqual([]);
    const c = app.center;
    const { otpId } = await c.requestOtp('apply');
    await expect.poll(() => app.lastCode(), wait).toBeDefined();
    const { otpToken } = await c.verifyOtp(otpId, app.lastCode()!);
    const credential = await c.apply({ otpToken, consentVersion: (await c.consent()).version });
    const afterApply = scripts();
    expect(without(afterApply, atFirstPaint)).toEqual(info.lazy.csr);
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' });
    expect(backup.bytes.length).toBeGreaterThan(0);
    // The page's timeline lists the worker's fetches too: the worker and the chunks it imports
    // (it fetches again, for its own realm, those the page has already).
    const afterExport = scripts();
    expect([...new Set(without(afterExport, afterApply))].sort()).toEqual(without(info.workerFiles, afterApply));
    expect(afterExport).toContain(info.worker);
    expect(modulesIn(info, without(afterExport, afterApply))).toContain('src/core/env/pkcs12-worker.ts');
    // What the page would import to run the backup itself, it never fetched.
    expect(afterExport).not.toContain(info.chunks['pkcs12-export']);
    expect(afterExport).not.toContain(info.chunks['pkcs12-import']);
  }, 120_000);
});
