/// <reference types="vite/client" />
// Screenshots of a whole element, however tall: the viewport grows to the element's height first
// (support.ts's snap() keeps 900 px, which cuts long pages such as 電腦檢測 and 操作說明).
import { page } from 'vitest/browser';

const shotsDir = import.meta.env.VITE_SCREENSHOTS_DIR as string;
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

/** Saves `shots/<name>.png` of the whole element when run with `VITE_SCREENSHOTS=1`. */
export async function snapWhole(name: string, el: Element, width = 1280): Promise<void> {
  if (!import.meta.env.VITE_SCREENSHOTS) return;
  await page.viewport(width, 900);
  await frame();
  const height = Math.max(900, Math.ceil(el.getBoundingClientRect().bottom + window.scrollY) + 16);
  await page.viewport(width, height);
  await frame();
  await page.screenshot({ path: `${shotsDir}/${name}.png`, element: el });
  await page.viewport(width, 900);
}
