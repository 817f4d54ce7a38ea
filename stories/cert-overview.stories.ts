// <cert-overview> 憑證查詢及申請: the manual's three tables — 本公司主機端 (申請 when there is none
// to keep, 更新 in the window), 檢核此台電腦匯入的憑證狀況 and 其他裝置憑證 — for each scenario.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { CertOverview } from '../src/components/cert-overview/cert-overview.ts';
import type { ServerCertificate } from '../src/core/index.ts';
import { elementHelpers } from './support/element.ts';
import { importedSeed } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { everything } from './support/network.ts';
import { screenOf } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertOverview>('cert-overview');

const meta = {
  title: 'Elements/cert-overview',
  component: 'cert-overview',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The three tables, in the manual's order. */
async function expectTables(context: StoryContext): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await expect(await screen.findByRole('heading', { level: 2, name: t.overview.heading })).toBeTruthy();
  for (const caption of [t.overview.server, t.check.caption, t.overview.otherDevices]) await expect(await screen.findByRole('table', { name: caption })).toBeTruthy();
}

/** The server's certificate of the scenario shows `status`; `action` is the button its row offers (none: a dash). */
function serverRow(
  status: ServerCertificate['status'],
  action: 'apply' | 'renew' | undefined,
  spec: Parameters<typeof scene>[0],
  more?: (context: StoryContext) => Promise<void>,
): Story {
  return {
    ...scene(spec),
    play: async (context) => {
      const t = wordsOf(context);
      const screen = screenOf(context.canvasElement);
      await expectTables(context);
      const table = screenOf(await screen.findByRole('table', { name: t.overview.server }));
      await expect(table.allByRole('cell').some((cell) => cell.textContent?.trim() === t.common.serverStatus[status])).toBe(true);
      const serial = kitOf(context).backend.certificates(kitOf(context).customer.idNumber).at(-1)!.serialNumber;
      if (action === 'renew') await expect(await table.findByRole('button', { name: t.check.rowAction(t.overview.renew, serial) })).toBeTruthy();
      if (action === 'apply') await expect(await table.findByRole('button', { name: t.overview.apply })).toBeTruthy();
      if (action === undefined) await expect(table.queryByRole('button')).toBeNull();
      await more?.(context);
    },
  };
}

/** A new customer: 「您尚未申請憑證，請點 申請，以進行申請作業。」 with 申請; nothing here, nothing elsewhere. */
export const NewCustomer: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expectTables(context);
    await expect(await screen.findByText(t.overview.noCertificate)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.overview.apply })).toBeTruthy();
    await expect(await screen.findByText(t.check.noneValid)).toBeTruthy();
    await expect(await screen.findByText(t.overview.noOtherDevices)).toBeTruthy();
  },
};
export const NewCustomerEnglish = inEnglish(NewCustomer);
export const NewCustomerDark = inDark(NewCustomer);

/** A valid certificate stored here too: 正常 on the server, 有效 with 匯出 here. */
export const Valid = serverRow('valid', undefined, { backend: { scenario: 'valid' }, before: async (kit) => void (await importedSeed(kit)) }, async (context) => {
  const t = wordsOf(context);
  const serial = (await kitOf(context).center.credentials())[0]!.serialNumber;
  await expect(await screenOf(context.canvasElement).findByRole('button', { name: t.check.rowAction(t.check.export, serial) })).toBeTruthy();
});
export const ValidEnglish = inEnglish(Valid);
export const ValidDark = inDark(Valid);

/** In the renewal window: 需更新 with 更新. */
export const RenewalDue = serverRow('renewal-due', 'renew', { backend: { scenario: 'renewal-due' }, before: async (kit) => void (await importedSeed(kit)) });
export const RenewalDueEnglish = inEnglish(RenewalDue);
export const RenewalDueDark = inDark(RenewalDue);

/** Expired ten days ago, still in its window: 已過期 with 更新. */
export const Expired = serverRow('expired', 'renew', { backend: { scenario: 'expired' } });
export const ExpiredEnglish = inEnglish(Expired);
export const ExpiredDark = inDark(Expired);

/** Revoked five days ago: 已註銷, and 申請 again. */
export const Revoked = serverRow('revoked', 'apply', { backend: { scenario: 'revoked' } });
export const RevokedEnglish = inEnglish(Revoked);
export const RevokedDark = inDark(Revoked);

/** The certificate on the customer's phone: in 其他裝置憑證, read-only, with the device; 申請 for this computer. */
export const OtherDevice: Story = {
  ...scene({ backend: { scenario: 'other-device' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expectTables(context);
    const others = screenOf(await screen.findByRole('table', { name: t.overview.otherDevices }));
    const mobile = kitOf(context).backend.certificates(kitOf(context).customer.idNumber).at(-1)!;
    await expect(await others.findByText(mobile.serialNumber)).toBeTruthy();
    await expect(others.queryByRole('button')).toBeNull();
    await expect(await screen.findByRole('button', { name: t.overview.apply })).toBeTruthy();
  },
};
export const OtherDeviceEnglish = inEnglish(OtherDevice);
export const OtherDeviceDark = inDark(OtherDevice);

/** The server's answer on its way: 載入中. */
export const Loading: Story = {
  ...scene({ hold: everything }),
  play: async (context) => {
    await expect(await screenOf(context.canvasElement).findByText(wordsOf(context).common.loading)).toBeTruthy();
  },
};
export const LoadingEnglish = inEnglish(Loading);
export const LoadingDark = inDark(Loading);

/** The server cannot be reached: its tables give way to a notice with 重試; what this browser holds still shows. */
export const ServerDown: Story = {
  ...scene({ backend: { scenario: 'valid' }, before: async (kit) => void (await importedSeed(kit)), offline: true }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const notice = await screen.findByRole('alert');
    await expect(notice.textContent).toContain(t.overview.serverUnavailable);
    await expect(await screen.findByRole('table', { name: t.check.caption })).toBeTruthy();
    await expect(screen.queryByRole('table', { name: t.overview.server })).toBeNull();
    await expect(await screen.findByRole('button', { name: t.common.retry })).toBeTruthy();
  },
};
export const ServerDownEnglish = inEnglish(ServerDown);
export const ServerDownDark = inDark(ServerDown);
