// <cert-help> (操作說明) in Chromium: every section reachable by keyboard from the contents inside
// the shadow root, the `section` property, the URL hash only when the host opts in, the locale
// switch, and axe.
import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../../src/components/cert-help/cert-help.ts';
import type { CertHelp } from '../../../src/components/cert-help/cert-help.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { helpSectionIds, type HelpSectionId } from '../../../src/components/shared/translation.ts';
import { expectAccessible, mount, useMockWorker } from '../support.ts';
import { snapWhole } from '../snap-whole.ts';

// Not for the mock (help is bundled): for its clean-up of what each test mounted.
useMockWorker();

const root = (el: Element) => el.shadowRoot!;
const heading = (el: Element, id: HelpSectionId) => root(el).querySelector<HTMLElement>(`#help-${id}-title`)!;
const contentsHeading = (el: Element) => root(el).querySelector<HTMLElement>('#help-contents-title')!;
const links = (el: Element) => [...root(el).querySelectorAll<HTMLAnchorElement>('[part~="contents"] a')];
const focused = (el: Element) => root(el).activeElement;
/** The node's top edge is inside the viewport (scrolling may leave it a fraction of a pixel above). */
const inView = (node: Element) => {
  const box = node.getBoundingClientRect();
  return box.top > -1 && box.top < window.innerHeight;
};

async function settle(el: CertHelp): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
}

const startUrl = location.href;
afterEach(() => history.replaceState(history.state, '', startUrl));

describe('<cert-help> contents', () => {
  it('lists every section in the contents, each with its title, steps and notes, and passes axe', async () => {
    const el = await mount<CertHelp>(html`<cert-help></cert-help>`);
    expect(links(el).map((a) => a.textContent!.trim())).toEqual(helpSectionIds.map((id) => zhHant.help.sections[id].title));
    for (const id of helpSectionIds) {
      const section = root(el).querySelector(`#help-${id}`)!;
      expect(section.querySelector('h3')!.textContent!.trim()).toBe(zhHant.help.sections[id].title);
      expect([...section.querySelectorAll('[part~="steps"] li')].map((li) => li.textContent!.trim())).toEqual(zhHant.help.sections[id].steps);
    }
    expect(root(el).querySelector('nav')!.getAttribute('aria-labelledby')).toBe('help-contents-title');
    await expectAccessible(el);
  });

  it('keyboard only: from the contents every section is reached with Tab and Enter, its heading focused and in view, and 回到目錄 goes back', async () => {
    const el = await mount<CertHelp>(html`<cert-help></cert-help>`);
    await page.viewport(1280, 600);
    (document.activeElement as HTMLElement | null)?.blur();
    for (const [index, id] of helpSectionIds.entries()) {
      // From the contents' heading, Tab walks the links in order.
      if (index === 0) await userEvent.keyboard('{Tab}');
      else for (let i = 0; i <= index; i++) await userEvent.keyboard('{Tab}');
      expect(focused(el)).toBe(links(el)[index]);
      await userEvent.keyboard('{Enter}');
      await settle(el);
      expect(focused(el), id).toBe(heading(el, id));
      expect(inView(heading(el, id)), id).toBe(true);
      expect(el.section).toBe(id);
      expect(links(el)[index]!.getAttribute('aria-current')).toBe('location');
      // The section's one link is 回到目錄.
      await userEvent.keyboard('{Tab}');
      expect(focused(el)!.textContent!.trim()).toBe(zhHant.help.backToContents);
      await userEvent.keyboard('{Enter}');
      await settle(el);
      expect(focused(el)).toBe(contentsHeading(el));
      expect(inView(contentsHeading(el))).toBe(true);
    }
    expect(location.href).toBe(startUrl);
    await page.viewport(1280, 900);
  });

  it('a click on a link of the contents moves focus to the section; the page’s URL is left alone without hash-sync', async () => {
    const el = await mount<CertHelp>(html`<cert-help></cert-help>`);
    await page.viewport(1280, 600);
    await userEvent.click(page.getByRole('link', { name: zhHant.help.sections.revoke.title }));
    await settle(el);
    expect(focused(el)).toBe(heading(el, 'revoke'));
    expect(inView(heading(el, 'revoke'))).toBe(true);
    expect(location.hash).toBe('');
    await expectAccessible(el);
    await page.viewport(1280, 900);
  });
});

describe('<cert-help> section', () => {
  it('the section attribute scrolls to its section and focuses its heading; setting the property moves there', async () => {
    await page.viewport(1280, 600);
    const el = await mount<CertHelp>(html`<cert-help section="environment"></cert-help>`);
    await settle(el);
    expect(focused(el)).toBe(heading(el, 'environment'));
    expect(inView(heading(el, 'environment'))).toBe(true);
    expect(root(el).querySelector('#help-environment')!.getAttribute('part')).toBe('section current');
    el.section = 'import';
    await settle(el);
    expect(focused(el)).toBe(heading(el, 'import'));
    expect(inView(heading(el, 'import'))).toBe(true);
    expect(el.getAttribute('section')).toBe('import');
    await expectAccessible(el);
    await page.viewport(1280, 900);
  });

  it('an unknown section is ignored', async () => {
    const el = await mount<CertHelp>(html`<cert-help section="nowhere"></cert-help>`);
    await settle(el);
    expect(focused(el)).toBeNull();
    expect(root(el).querySelector('.current')).toBeNull();
  });
});

describe('<cert-help hash-sync>', () => {
  it('keeps the URL hash in step when the host opts in, and follows it back', async () => {
    const el = await mount<CertHelp>(html`<cert-help hash-sync></cert-help>`);
    await userEvent.click(page.getByRole('link', { name: zhHant.help.sections.check.title }));
    await settle(el);
    expect(location.hash).toBe('#help-check');
    expect(focused(el)).toBe(heading(el, 'check'));
    location.hash = '#help-export';
    await new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    await settle(el);
    expect(el.section).toBe('export');
    expect(focused(el)).toBe(heading(el, 'export'));
    history.back();
    await new Promise((r) => window.addEventListener('popstate', r, { once: true }));
    await settle(el);
    expect(el.section).toBe('check');
  });

  it('opens the section the hash names when it connects', async () => {
    history.replaceState(history.state, '', '#help-revoke');
    const el = await mount<CertHelp>(html`<cert-help hash-sync></cert-help>`);
    await settle(el);
    expect(el.section).toBe('revoke');
    expect(focused(el)).toBe(heading(el, 'revoke'));
  });

  it('without hash-sync a hash on the page is not followed', async () => {
    history.replaceState(history.state, '', '#help-revoke');
    const el = await mount<CertHelp>(html`<cert-help></cert-help>`);
    await settle(el);
    expect(el.section).toBeUndefined();
  });
});

describe('<cert-help> locale', () => {
  it('switches a mounted element to English live, keeping the section shown', async () => {
    const el = await mount<CertHelp>(html`<cert-help section="revoke"></cert-help>`);
    el.locale = 'en';
    await settle(el);
    expect(root(el).querySelector('h2')!.textContent!.trim()).toBe(en.help.heading);
    expect(links(el).map((a) => a.textContent!.trim())).toEqual(helpSectionIds.map((id) => en.help.sections[id].title));
    expect(heading(el, 'revoke').textContent!.trim()).toBe(en.help.sections.revoke.title);
    expect(root(el).querySelector('#help-revoke [part~="steps"] li')!.textContent!.trim()).toBe(en.help.sections.revoke.steps[0]);
    await expectAccessible(el);
  });
});

describe('<cert-help> every state', () => {
  it.each(['zh-Hant', 'en'] as const)('%s: the contents and an opened section pass axe, at 1280 and 375 px', async (locale) => {
    const tag = locale === 'en' ? 'en' : 'zh';
    const el = await mount<CertHelp>(html`<cert-help locale=${locale}></cert-help>`);
    await expectAccessible(el);
    await snapWhole(`help-${tag}`, el);
    await snapWhole(`help-${tag}-375`, el, 375);
    el.section = 'revoke';
    await settle(el);
    await expectAccessible(el);
    await snapWhole(`help-revoke-${tag}`, el);
    await snapWhole(`help-revoke-${tag}-375`, el, 375);
  });
});

