// What the tests of the flows that begin with the one-time code share (申請, 更新, 註銷): reading
// what the element shows, waiting for its events and renders, and entering a code as a customer.
import { expect } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CertOtpStep } from '../../../src/components/cert-otp-step/cert-otp-step.ts';
import type { Setup } from '../support.ts';

/** Waits on what the mock answers are given: as long as the test may take, never a measure of speed. */
export const wait = { timeout: 30_000 };

/** An element of the center, as these helpers read it. */
export type FlowElement = HTMLElement & { readonly updateComplete: Promise<unknown> };

export const root = (el: FlowElement) => el.shadowRoot!;
export const step = (el: FlowElement) => root(el).querySelector('cert-otp-step') as CertOtpStep | null;
export const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The texts of the messages shown, and of each paragraph of them. */
export const messages = (el: FlowElement) => [...root(el).querySelectorAll('[part~="message"], [part~="message"] p')].map((m) => text(m));

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The next event of a type from an element (no time limit but the test's own). */
export function next<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, type: K): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve(e as GlobalEventHandlersEventMap[K]), { once: true }));
}

/** Waits until the element and the elements inside it have rendered what they were told. */
export async function settle(el: FlowElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    await step(el)?.updateComplete;
  }
}

/** 取得認證碼, 確定 on the message, the code the mock sent, 確認 — until the code step says it was right. */
export async function enterCode(el: FlowElement, s: Setup): Promise<void> {
  await expect.element(page.getByRole('button', { name: '取得認證碼' }), wait).toBeVisible();
  await userEvent.click(page.getByRole('button', { name: '取得認證碼' }));
  await userEvent.click(page.getByRole('button', { name: '確定' }));
  await userEvent.fill(page.getByRole('textbox', { name: '輸入認證碼' }), s.lastCode());
  const verified = next(el, 'cert-otp-verified');
  await userEvent.click(page.getByRole('button', { name: '確認' }));
  await verified;
}
