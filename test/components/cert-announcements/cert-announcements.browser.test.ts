// <cert-announcements> (公告) in Chromium: the mock's announcements newest first with the warning
// marked, dates in the customer's time zone, loading, empty, the error with 重試, the locale
// switch and the keyboard.
import { html } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { CertCenterError, type Announcement, type AnnouncementsResponse, type CertCenter } from '../../../src/core/index.ts';
import '../../../src/components/cert-announcements/cert-announcements.ts';
import type { CertAnnouncements } from '../../../src/components/cert-announcements/cert-announcements.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { formatDateTime } from '../../../src/components/shared/localize.ts';
import { announcements as served } from '../../../mocks/index.ts';
import { expectAccessible, mount, setup, useMockWorker } from '../support.ts';
import { snapWhole } from '../snap-whole.ts';

useMockWorker();

const root = (el: Element) => el.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const titles = (el: Element) => [...root(el).querySelectorAll('[part~="announcement"] h3')].map((h) => text(h));
const live = (el: Element) => text(root(el).querySelector('[role="status"]'));

/** A center whose announcements() answers when the test says. */
function stubCenter() {
  const runs: { resolve(value: AnnouncementsResponse): void; reject(error: unknown): void }[] = [];
  const announcements = vi.fn(() => new Promise<AnnouncementsResponse>((resolve, reject) => runs.push({ resolve, reject })));
  const center = { events: new EventTarget(), close() {}, announcements } as unknown as CertCenter;
  return { center, runs, announcements };
}

async function settle(el: CertAnnouncements): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

async function loaded(el: CertAnnouncements): Promise<void> {
  await expect.poll(() => root(el).querySelector('[part~="loading"]') === null, { timeout: 30_000 }).toBe(true);
  await settle(el);
}

const item = (over: Partial<Announcement>): Announcement => ({ id: 'a', title: 'T', body: 'B', publishedAt: '2026-01-01T00:00:00.000Z', level: 'info', ...over });

describe('<cert-announcements> against the mock', () => {
  it('lists the served announcements newest first, the warning marked 重要 in its heading, dates in the customer’s time zone', async () => {
    const { center } = await setup();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await loaded(el);
    const newest = [...served.items].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
    const warning = newest.find((a) => a.level === 'warning')!;
    const info = newest.find((a) => a.level === 'info')!;
    expect(titles(el)).toEqual(newest.map((a) => (a.level === 'warning' ? `${zhHant.announcements.important} ${a.title}` : a.title)));
    const [first, second] = [...root(el).querySelectorAll('[part~="announcement"]')];
    expect(first!.getAttribute('part')).toBe(`announcement ${newest[0]!.level}`);
    expect(second!.querySelector('[part~="badge"]')).toBeNull();
    const warned = [...root(el).querySelectorAll('[part~="announcement"]')].find((li) => text(li).includes(warning.title))!;
    expect(text(warned.querySelector('[part~="badge"]'))).toBe(zhHant.announcements.important);
    expect(warned.querySelector('[part~="badge"] svg[aria-hidden="true"]')).not.toBeNull();
    const time = warned.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe(new Date(warning.publishedAt).toISOString());
    expect(text(time)).toBe(zhHant.announcements.published(formatDateTime(warning.publishedAt)));
    expect(text(warned.querySelector('.body'))).toBe(warning.body);
    expect(text(root(el).querySelector('[part~="list"]'))).toContain(info.body);
    expect(live(el)).toBe('');
    await expectAccessible(el);
  });

  it('shows the error with 重試 when the server cannot be reached; 重試 loads them and moves focus to the heading', async () => {
    const { center, backend } = await setup({}, { retry: { limit: 0 } });
    backend.faults.next('drop', { method: 'GET', path: '/announcements' });
    const errors: string[] = [];
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center} @cert-error=${(e: CustomEvent & { detail: { error: CertCenterError } }) => errors.push(e.detail.error.code)}></cert-announcements>`);
    await loaded(el);
    expect(errors).toEqual(['NETWORK']);
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(text(alert)).toContain(zhHant.errors.NETWORK);
    await expectAccessible(el);
    await userEvent.click(page.getByRole('button', { name: zhHant.common.retry }));
    await loaded(el);
    expect(titles(el)).toHaveLength(served.items.length);
    expect(root(el).querySelector('[role="alert"]')).toBeNull();
    expect(root(el).activeElement).toBe(root(el).querySelector('h2'));
  });
});

describe('<cert-announcements> states', () => {
  it('says 載入中 politely while loading', async () => {
    const { center } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await settle(el);
    expect(live(el)).toBe(zhHant.common.loading);
    await expectAccessible(el);
  });

  it('says there are none when the list is empty', async () => {
    const { center, runs } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await settle(el);
    runs[0]!.resolve({ items: [] });
    await settle(el);
    expect(live(el)).toBe(zhHant.announcements.empty);
    expect(root(el).querySelector('[part~="list"]')).toBeNull();
    await expectAccessible(el);
  });

  it('orders by publication date, newest first, whatever order the server sends', async () => {
    const { center, runs } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await settle(el);
    runs[0]!.resolve({
      items: [
        item({ id: '1', title: 'oldest', publishedAt: '2025-01-01T00:00:00.000Z' }),
        item({ id: '2', title: 'newest', publishedAt: '2026-06-01T00:00:00.000Z' }),
        item({ id: '3', title: 'middle', publishedAt: '2025-09-01T12:30:00.000Z', level: 'warning' }),
      ],
    });
    await settle(el);
    expect(titles(el)).toEqual(['newest', `${zhHant.announcements.important} middle`, 'oldest']);
  });

  it('keeps a long body’s line breaks and the text as text (no markup from the server)', async () => {
    const { center, runs } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await settle(el);
    runs[0]!.resolve({ items: [item({ title: '<b>x</b>', body: 'line one\nline two <img src=x onerror=alert(1)>' })] });
    await settle(el);
    expect(root(el).querySelector('[part~="announcement"] b, [part~="announcement"] img')).toBeNull();
    expect(root(el).querySelector('.body')!.textContent).toBe('line one\nline two <img src=x onerror=alert(1)>');
  });
});

describe('<cert-announcements> locale and keyboard', () => {
  it('switches a mounted element to English live, the dates unchanged', async () => {
    const { center } = await setup();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await loaded(el);
    el.locale = 'en';
    await settle(el);
    const warning = served.items.find((a) => a.level === 'warning')!;
    expect(text(root(el).querySelector('h2'))).toBe(en.announcements.heading);
    expect(titles(el)).toContain(`${en.announcements.important} ${warning.title}`);
    expect(text(root(el).querySelector('.warning time'))).toBe(en.announcements.published(formatDateTime(warning.publishedAt)));
    await expectAccessible(el);
  });

  it('English states: loading, empty and the error', async () => {
    const { center, runs } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements locale="en" .center=${center}></cert-announcements>`);
    await settle(el);
    expect(live(el)).toBe(en.common.loading);
    runs[0]!.reject(new CertCenterError('SERVER', 'x', { problem: { retryAfterSeconds: 30 } }));
    await settle(el);
    expect(text(root(el).querySelector('[role="alert"] p'))).toContain('30');
    await expectAccessible(el);
    await userEvent.click(page.getByRole('button', { name: en.common.retry }));
    runs[1]!.resolve({ items: [] });
    await settle(el);
    expect(live(el)).toBe(en.announcements.empty);
  });

  it('keyboard only: Tab reaches 重試 and Enter loads again', async () => {
    const { center, runs, announcements } = stubCenter();
    const el = await mount<CertAnnouncements>(html`<cert-announcements .center=${center}></cert-announcements>`);
    await settle(el);
    runs[0]!.reject(new CertCenterError('TIMEOUT', 'x'));
    await settle(el);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(root(el).activeElement).toBe(root(el).querySelector('[part~="retry"]'));
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(announcements).toHaveBeenCalledTimes(2);
    expect(root(el).activeElement).toBe(root(el).querySelector('h2'));
    runs[1]!.resolve({ items: [item({ title: 'back' })] });
    await settle(el);
    expect(titles(el)).toEqual(['back']);
  });
});

describe('<cert-announcements> every state', () => {
  const states: [string, (runs: ReturnType<typeof stubCenter>['runs']) => void][] = [
    ['loading', () => undefined],
    ['list', (runs) => runs[0]!.resolve(served)],
    ['empty', (runs) => runs[0]!.resolve({ items: [] })],
    ['error', (runs) => runs[0]!.reject(new CertCenterError('NETWORK', 'x'))],
  ];

  it.each(['zh-Hant', 'en'] as const)('%s: every state passes axe, at 1280 and 375 px', async (locale) => {
    for (const [name, reach] of states) {
      const { center, runs } = stubCenter();
      const el = await mount<CertAnnouncements>(html`<cert-announcements locale=${locale} .center=${center}></cert-announcements>`);
      await settle(el);
      reach(runs);
      await settle(el);
      await expectAccessible(el);
      const tag = locale === 'en' ? 'en' : 'zh';
      await snapWhole(`announcements-${name}-${tag}`, el);
      await snapWhole(`announcements-${name}-${tag}-375`, el, 375);
      el.parentElement!.remove();
    }
  });
});

