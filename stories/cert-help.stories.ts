// <cert-help> 操作說明: the contents, and each section's steps and notes (bundled, no server).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertHelp } from '../src/components/cert-help/cert-help.ts';
import { helpSectionIds } from '../src/components/shared/translation.ts';
import { elementHelpers } from './support/element.ts';
import { deepActive, screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertHelp>('cert-help');

const meta = {
  title: 'Elements/cert-help',
  component: 'cert-help',
  args,
  argTypes,
  render: (args) => template(args),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The contents (目錄) with a link to every section, then the sections. */
export const Contents: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.help.heading })).toBeTruthy();
    const contents = screenOf(await screen.findByRole('navigation'));
    for (const id of helpSectionIds) await expect(await contents.findByRole('link', { name: t.help.sections[id].title })).toBeTruthy();
  },
};
export const ContentsEnglish = inEnglish(Contents);
export const ContentsDark = inDark(Contents);

/** A link of the contents followed: 憑證註銷's section, its heading focused, 回到目錄 below. */
export const Section: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const contents = screenOf(await screen.findByRole('navigation'));
    await userEvent.click(await contents.findByRole('link', { name: t.help.sections.revoke.title }));
    const heading = await screen.findByRole('heading', { level: 3, name: t.help.sections.revoke.title });
    await until(() => deepActive() === heading);
  },
};
export const SectionEnglish = inEnglish(Section);
export const SectionDark = inDark(Section);
