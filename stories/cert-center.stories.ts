// <cert-center> 憑證中心: the manual's menu (憑證查詢及申請 … 公告, 登出) beside the page chosen, one
// center handed to every page; on a phone the menu folds behind 選單; an apply a closed tab left
// unfinished is finished when the center opens, and it says so.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertCenterElement } from '../src/components/cert-center/cert-center.ts';
import { elementHelpers } from './support/element.ts';
import { applied, importedSeed } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { screenOf, shown, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertCenterElement>('cert-center');

const meta = {
  title: 'Elements/cert-center',
  component: 'cert-center',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

const menu = ['overview', 'import', 'export', 'check', 'revoke', 'environment', 'help', 'announcements'] as const;

/** A new customer opens the center: the menu with 憑證查詢及申請 marked current, 登出 last, the query page beside it. */
export const NewCustomer: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const nav = screenOf(await screen.findByRole('navigation', { name: t.center.menuLabel }));
    for (const page of menu) await expect(await nav.findByRole('link', { name: t.center.pages[page] })).toBeTruthy();
    await expect((await nav.findByRole('link', { name: t.center.pages.overview })).getAttribute('aria-current')).toBe('page');
    await expect(await nav.findByRole('button', { name: t.center.logout })).toBeTruthy();
    await expect(await screen.findByText(t.overview.noCertificate)).toBeTruthy();
  },
};
export const NewCustomerEnglish = inEnglish(NewCustomer);
export const NewCustomerDark = inDark(NewCustomer);

/** A customer with a valid certificate stored here, on 檢查憑證 (a menu click): 有效 with 匯出. */
export const CheckPage: Story = {
  ...scene({ backend: { scenario: 'valid' }, before: async (kit) => void (await importedSeed(kit)) }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await userEvent.click(await screen.findByRole('link', { name: t.center.pages.check }));
    await expect(await screen.findByRole('heading', { level: 2, name: t.check.heading })).toBeTruthy();
    await expect(await screen.findByText(t.common.localStatus.valid)).toBeTruthy();
    await expect((await screen.findByRole('link', { name: t.center.pages.check })).getAttribute('aria-current')).toBe('page');
  },
};
export const CheckPageEnglish = inEnglish(CheckPage);
export const CheckPageDark = inDark(CheckPage);

/** On a phone (390 px): the menu folds behind 選單; opened, it lists the pages. */
export const OnAPhone: Story = {
  ...scene(),
  globals: { viewport: { value: 'phone', isRotated: false } },
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const button = await screen.findByRole('button', { name: t.center.menuButton });
    await expect(button.getAttribute('aria-expanded')).toBe('false');
    await expect(screen.queryByRole('link', { name: t.center.pages.import })).toBeNull();
    await userEvent.click(button);
    await until(() => button.getAttribute('aria-expanded') === 'true');
    const link = await screen.findByRole('link', { name: t.center.pages.import });
    await expect(shown(link)).toBe(true);
  },
};
export const OnAPhoneEnglish = inEnglish(OnAPhone);
export const OnAPhoneDark = inDark(OnAPhone);

/** An apply that lost its answer on an earlier visit: the center finishes it as it opens, and says so with the serial number. */
export const FinishedOnOpening: Story = {
  ...scene({
    center: { retry: { limit: 0 } },
    before: async (kit) => {
      kit.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
      await applied(kit).catch(() => undefined);
    },
  }),
  play: async (context) => {
    const t = wordsOf(context);
    const serial = kitOf(context).backend.issued()[0]!.serialNumber;
    await expect(await screenOf(context.canvasElement).findByText(t.center.resumed([serial]))).toBeTruthy();
  },
};
export const FinishedOnOpeningEnglish = inEnglish(FinishedOnOpening);
export const FinishedOnOpeningDark = inDark(FinishedOnOpening);
