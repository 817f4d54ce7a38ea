// The elements on a page served with `default-src 'self'; script-src 'self'; style-src 'self'`
// (no inline scripts or styles, no eval): Lit's adopted style sheets only, so zero violations.
import { afterEach, describe, expect, it } from 'vitest';

interface CspPage {
  violations: { directive: string; blocked: string; sample: string }[];
  center: { environment(): Promise<{ items: { id: string; status: string }[] }> };
  mount(tag: string, attributes?: Record<string, string>): HTMLElement & { updateComplete?: Promise<unknown> };
  lastCode(): string | undefined;
}

let frame: HTMLIFrameElement | undefined;
afterEach(() => frame?.remove());

/** Loads the strict-CSP page in a frame and waits until it has mounted its mock backend. */
async function open(): Promise<{ win: Window & typeof globalThis & { cspPage: CspPage }; doc: Document }> {
  frame = document.createElement('iframe');
  frame.src = '/test/components/csp/page.html';
  document.body.append(frame);
  await new Promise<void>((resolve) => frame!.addEventListener('load', () => resolve(), { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis & { cspPage: CspPage };
  // The page's module finishes after `load` (it awaits the service worker): wait for its mark.
  await new Promise<void>((resolve) => {
    const doc = win.document;
    if (doc.documentElement.dataset.ready) return resolve();
    new win.MutationObserver((_, observer) => {
      if (doc.documentElement.dataset.ready) {
        observer.disconnect();
        resolve();
      }
    }).observe(doc.documentElement, { attributes: true });
  });
  return { win, doc: win.document };
}

describe('strict CSP', () => {
  it('counts violations on that page (a style attribute set by script is one)', async () => {
    const { win, doc } = await open();
    const reported = new Promise((resolve) => doc.addEventListener('securitypolicyviolation', resolve, { once: true }));
    doc.body.setAttribute('style', 'color: red');
    await reported;
    expect(win.cspPage.violations.map((v) => v.directive)).toContain('style-src-attr');
  });

  it('every element renders and opens its dialogs with zero violations', async () => {
    const { win } = await open();
    const dialog = win.cspPage.mount('cert-dialog', { label: '網頁訊息' }) as HTMLElement & { open: boolean; updateComplete: Promise<unknown> };
    dialog.textContent = '註銷成功';
    dialog.open = true;
    await dialog.updateComplete;
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).toBe(true);
    expect(win.cspPage.violations).toEqual([]);
  });

  it('<cert-renew> and <cert-revoke> render their first screens with zero violations', async () => {
    const { win } = await open();
    const renew = win.cspPage.mount('cert-renew');
    const revoke = win.cspPage.mount('cert-revoke');
    // A new customer: nothing stored to renew, nothing in force to revoke.
    await expect.poll(() => renew.shadowRoot?.querySelector('[part~="message"]') != null && revoke.shadowRoot?.querySelector('[part~="message"]') != null, { timeout: 30_000 }).toBe(true);
    expect(win.cspPage.violations).toEqual([]);
  });

  it('the computer check starts its worker under worker-src \'self\' with zero violations, and the workers check passes', async () => {
    const { win } = await open();
    const report = await win.cspPage.center.environment();
    expect(report.items.find((item) => item.id === 'workers')).toMatchObject({ status: 'pass' });
    expect(win.cspPage.violations).toEqual([]);
  });

  it('<env-check> runs the computer check on that page with zero violations, and its workers check passes', async () => {
    const { win } = await open();
    const el = win.cspPage.mount('env-check') as HTMLElement & { updateComplete: Promise<unknown> };
    const root = el.shadowRoot!;
    await expect.poll(() => root.querySelector('[part~="list"]') !== null && !root.querySelector('[part~="summary"]')!.classList.contains('busy'), { timeout: 30_000 }).toBe(true);
    expect(root.querySelector('[data-check="workers"]')!.getAttribute('part')).toBe('check check-pass');
    expect(win.cspPage.violations).toEqual([]);
  });
});
