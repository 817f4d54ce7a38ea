/// <reference types="vite/client" />
// Screenshots of one state in both locales, on a desktop and at 375 px, when the run was started
// with VITE_SCREENSHOTS=1 (an ordinary run takes none and changes no locale).
import { snap } from '../support.ts';

/** An element whose words follow its `locale`. */
export interface Localized extends HTMLElement {
  locale?: 'zh-Hant' | 'en' | undefined;
  readonly updateComplete: Promise<unknown>;
}

/** Waits until the element and the ones inside it have rendered (a few frames). */
async function rendered(el: Localized): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Saves `<name>-zh-Hant.png`, `<name>-zh-Hant-375.png`, `<name>-en.png` and `<name>-en-375.png`. */
export async function snapLocales(name: string, el: Localized, target: Element = el): Promise<void> {
  if (!import.meta.env.VITE_SCREENSHOTS) return;
  const before = el.locale;
  for (const locale of ['zh-Hant', 'en'] as const) {
    el.locale = locale;
    await rendered(el);
    await snap(`${name}-${locale}`, target);
    await snap(`${name}-${locale}-375`, target, 375);
  }
  el.locale = before;
  await rendered(el);
}
