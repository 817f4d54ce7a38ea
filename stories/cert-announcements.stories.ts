// <cert-announcements> 公告: the broker's announcements, newest first, the warning marked 重要 in
// words and icon; 載入中; none; the server not reachable, with 重試.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http, HttpResponse } from 'msw';
import { expect } from 'storybook/test';
import type { CertAnnouncements } from '../src/components/cert-announcements/cert-announcements.ts';
import { errorMessage } from '../src/components/shared/localize.ts';
import { CertCenterError } from '../src/core/index.ts';
import { announcements } from '../mocks/index.ts';
import { elementHelpers } from './support/element.ts';
import { kitOf, scene } from './support/kit.ts';
import { everything } from './support/network.ts';
import { screenOf } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertAnnouncements>('cert-announcements');

const meta = {
  title: 'Elements/cert-announcements',
  component: 'cert-announcements',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The served announcements, newest first: the maintenance notice marked 重要, each with its date. */
export const List: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.announcements.heading })).toBeTruthy();
    const titles = (await screen.findByRole('list')).querySelectorAll('h3');
    await expect([...titles].map((h) => h.textContent?.replace(/\s+/g, ' ').trim())).toEqual(
      [...announcements.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).map((a) => (a.level === 'warning' ? `${t.announcements.important} ${a.title}` : a.title)),
    );
  },
};
export const ListEnglish = inEnglish(List);
export const ListDark = inDark(List);

/** The server's answer on its way: 載入中. */
export const Loading: Story = {
  ...scene({ hold: everything }),
  play: async (context) => {
    await expect(await screenOf(context.canvasElement).findByText(wordsOf(context).common.loading)).toBeTruthy();
  },
};
export const LoadingEnglish = inEnglish(Loading);
export const LoadingDark = inDark(Loading);

/** No announcements: 「目前沒有公告。」 */
export const None: Story = {
  ...scene({ handlers: [http.get('/api/cert-center/v1/announcements', () => HttpResponse.json({ items: [] }))] }),
  play: async (context) => {
    await expect(await screenOf(context.canvasElement).findByText(wordsOf(context).announcements.empty)).toBeTruthy();
  },
};
export const NoneEnglish = inEnglish(None);
export const NoneDark = inDark(None);

/** The server cannot be reached: the message and 重試. */
export const ServerDown: Story = {
  ...scene({ offline: true }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(errorMessage(new CertCenterError('NETWORK', 'x'), t))).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.common.retry })).toBeTruthy();
  },
};
export const ServerDownEnglish = inEnglish(ServerDown);
export const ServerDownDark = inDark(ServerDown);
