// The foundation in Chromium: guarded registration, the locale taken from the nearest ancestor
// and switched live, errors reported as cert-error, and the in-page dialog's focus.
import { html } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { CertCenterError } from '../../../src/core/index.ts';
import { CertElement, define } from '../../../src/components/shared/index.ts';
import '../../../src/components/cert-dialog/cert-dialog.ts';
import type { CertDialog } from '../../../src/components/cert-dialog/cert-dialog.ts';
import { expectAccessible, mount } from '../support.ts';

class TestWords extends CertElement {
  protected override render() {
    return html`<p>${this.localize.t.otp.request}</p>`;
  }
  fail(error: unknown) {
    return this.reportError(error);
  }
}
define('test-words', TestWords);

const words = (el: Element) => el.shadowRoot!.querySelector('p')!.textContent;
const settle = async (...els: CertElement[]) => {
  await new Promise((r) => setTimeout(r, 0));
  await Promise.all(els.map((e) => e.updateComplete));
};

afterEach(() => vi.restoreAllMocks());

describe('define', () => {
  it('registering the same class twice does nothing; another class under the tag warns and never throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => define('test-words', TestWords)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
    class Copy extends TestWords {}
    expect(() => define('test-words', Copy)).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(customElements.get('test-words')).toBe(TestWords);
  });
});

describe('locale', () => {
  it('is zh-Hant by default', async () => {
    const el = await mount<TestWords>(html`<test-words></test-words>`);
    expect(words(el)).toBe('取得認證碼');
  });

  it('takes its own attribute, else the nearest ancestor’s, and follows it live', async () => {
    const host = await mount<HTMLDivElement>(html`<div locale="en"><test-words></test-words><test-words locale="zh-Hant"></test-words></div>`);
    const [inherits, own] = [...host.querySelectorAll('test-words')] as TestWords[];
    await settle(inherits!, own!);
    expect([words(inherits!), words(own!)]).toEqual(['Get code', '取得認證碼']);
    host.setAttribute('locale', 'zh-Hant');
    await settle(inherits!, own!);
    expect(words(inherits!)).toBe('取得認證碼');
    own!.locale = 'en';
    await settle(own!);
    expect(words(own!)).toBe('Get code');
  });

  it('an element inside another’s shadow root follows the outer element’s locale', async () => {
    class Outer extends CertElement {
      protected override render() {
        return html`<test-words></test-words>`;
      }
    }
    define('test-outer', Outer);
    const outer = await mount<Outer>(html`<test-outer locale="en"></test-outer>`);
    const inner = outer.shadowRoot!.querySelector('test-words') as TestWords;
    await settle(inner);
    expect(words(inner)).toBe('Get code');
    outer.locale = 'zh-Hant';
    await settle(outer, inner);
    expect(words(inner)).toBe('取得認證碼');
  });
});

describe('errors', () => {
  it('reportError fires cert-error with the CertCenterError and returns the customer’s message', async () => {
    const el = await mount<TestWords>(html`<test-words locale="en"></test-words>`);
    const seen: CertCenterError[] = [];
    document.addEventListener('cert-error', (e) => seen.push(e.detail.error), { once: true });
    const message = el.fail(new CertCenterError('PFX_BAD_PASSWORD', 'x'));
    expect(seen.map((e) => e.code)).toEqual(['PFX_BAD_PASSWORD']);
    expect(message).toMatch(/password/i);
  });

  it('wraps anything else in a CertCenterError', async () => {
    const el = await mount<TestWords>(html`<test-words></test-words>`);
    const seen: CertCenterError[] = [];
    document.addEventListener('cert-error', (e) => seen.push(e.detail.error), { once: true });
    el.fail(new TypeError('boom'));
    expect(seen[0]?.isCertCenterError).toBe(true);
  });
});

describe('cert-dialog', () => {
  it('opens modal with focus on its button, closes on the button or Escape, and gives focus back', async () => {
    const host = await mount<HTMLDivElement>(html`<div>
      <button id="opener">open</button>
      <cert-dialog label="網頁訊息"><p>註銷成功</p><button slot="actions" id="ok">確定</button></cert-dialog>
    </div>`);
    const opener = host.querySelector<HTMLButtonElement>('#opener')!;
    const dialog = host.querySelector<CertDialog>('cert-dialog')!;
    const ok = host.querySelector<HTMLButtonElement>('#ok')!;
    ok.addEventListener('click', () => (dialog.open = false));
    opener.focus();
    dialog.open = true;
    await dialog.updateComplete;
    expect(document.activeElement).toBe(ok);
    expect(dialog.shadowRoot!.querySelector('dialog')!.open).toBe(true);
    await expectAccessible(host);
    await userEvent.keyboard('{Enter}');
    await dialog.updateComplete;
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);

    const reasons: string[] = [];
    dialog.addEventListener('cert-dialog-close', (e) => reasons.push(e.detail.reason));
    dialog.open = true;
    await dialog.updateComplete;
    await userEvent.keyboard('{Escape}');
    await dialog.updateComplete;
    expect(dialog.open).toBe(false);
    expect(reasons).toEqual(['cancel']);
    expect(document.activeElement).toBe(opener);
  });
});
