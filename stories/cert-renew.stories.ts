// <cert-renew> 憑證更新: offered only for a valid certificate stored here and in its renewal
// window — the certificate and its window, the code, the wait with its steps, the backup of the
// new certificate, 更新成功; outside the window it gives the window's dates instead.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertRenew } from '../src/components/cert-renew/cert-renew.ts';
import { elementHelpers } from './support/element.ts';
import { passCode } from './support/flows.ts';
import { daysLater, importedSeed } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { request } from './support/network.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertRenew>('cert-renew');

const meta = {
  title: 'Elements/cert-renew',
  component: 'cert-renew',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center, timers: kitOf(context).timers }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

const renewalPost = request('POST', '/renewal');

/** The certificate in its window, stored in this browser (imported from its backup). */
const renewalDue = (extra: Parameters<typeof scene>[0] = {}) => scene({ backend: { scenario: 'renewal-due' }, before: async (kit) => void (await importedSeed(kit)), ...extra });

async function expectRefusal(context: StoryContext, why: string): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await expect(await screen.findByText(why)).toBeTruthy();
  await expect(await screen.findByText(t.common.renewalWindow)).toBeTruthy();
  await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
}

/** 需更新 (ten days before the end of validity): the certificate, its window (可更新區間), and the code step. */
export const RenewalDue: Story = {
  ...renewalDue(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.renew.heading })).toBeTruthy();
    await expect(await screen.findByText(t.renew.certificate)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.otp.request })).toBeTruthy();
  },
};
export const RenewalDueEnglish = inEnglish(RenewalDue);
export const RenewalDueDark = inDark(RenewalDue);

/** The code was right: 「憑證資料下載中，請稍候約5~20秒...」 — a new key, the proof signed with the current certificate, the request on its way. */
export const Renewing: Story = {
  ...renewalDue({ hold: renewalPost }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await passCode(context);
    await expect(await screen.findByRole('heading', { name: t.renew.working })).toBeTruthy();
    const steps = await screen.findByRole('list', { name: t.renew.progressLabel });
    await until(() => steps.querySelector('[aria-current="step"]')?.textContent?.trim() === t.common.progress['sending-request']);
  },
};
export const RenewingEnglish = inEnglish(Renewing);
export const RenewingDark = inDark(Renewing);

/** The new certificate backed up: 更新成功, with the advice to import it again on other computers. */
export const Success: Story = {
  ...renewalDue(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await passCode(context);
    await expect(await screen.findByText(t.renew.backupIntro)).toBeTruthy();
    await userEvent.type(await screen.findByLabelText(t.export.password), 'abcd1234');
    await userEvent.type(await screen.findByLabelText(t.export.confirmPassword), 'abcd1234');
    await userEvent.click(await screen.findByRole('button', { name: t.export.submit }));
    await expect(await screen.findByRole('heading', { name: t.renew.successHeading })).toBeTruthy();
    for (const line of t.renew.success) await expect(await screen.findByText(line)).toBeTruthy();
  },
};
export const SuccessEnglish = inEnglish(Success);
export const SuccessDark = inDark(Success);

/** A valid certificate whose window has not opened: why, and the window's dates. */
export const NotOpenYet: Story = {
  ...scene({ backend: { scenario: 'valid' }, before: async (kit) => void (await importedSeed(kit)) }),
  play: async (context) => expectRefusal(context, wordsOf(context).renew.notOpen),
};
export const NotOpenYetEnglish = inEnglish(NotOpenYet);
export const NotOpenYetDark = inDark(NotOpenYet);

/** Past the window (the certificate expired more than 30 days ago): apply again instead. */
export const WindowPassed: Story = {
  ...scene({
    backend: { scenario: 'valid' },
    before: async (kit) => {
      await importedSeed(kit);
      daysLater(kit, 300);
    },
  }),
  play: async (context) => expectRefusal(context, wordsOf(context).renew.passed),
};
export const WindowPassedEnglish = inEnglish(WindowPassed);
export const WindowPassedDark = inDark(WindowPassed);

/** Nothing valid stored in this browser (the server's certificate is elsewhere): import its backup first. */
export const NoCertificateHere: Story = {
  ...scene({ backend: { scenario: 'renewal-due' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.renew.noLocal)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const NoCertificateHereEnglish = inEnglish(NoCertificateHere);
export const NoCertificateHereDark = inDark(NoCertificateHere);
