// <cert-check> 檢查憑證: what this browser holds (檢核此台電腦匯入的憑證狀況). A valid certificate
// offers 匯出, an invalid one says why (expired, revoked, not yet valid, not its key's, damaged)
// and offers 移除 after a question, none valid offers 匯入.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertCheck } from '../src/components/cert-check/cert-check.ts';
import type { Translation } from '../src/components/shared/translation.ts';
import { elementHelpers } from './support/element.ts';
import { applied, damagedRecord, daysLater, revoked, withStrangerKey } from './support/history.ts';
import { kitOf, scene, type Kit } from './support/kit.ts';
import { everything } from './support/network.ts';
import { screenOf } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertCheck>('cert-check');

const meta = {
  title: 'Elements/cert-check',
  component: 'cert-check',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

type Reason = keyof Translation['common']['invalidReason'];

/** The serial number of the one certificate applied for in this browser. */
const serialOf = async (kit: Kit) => (await kit.center.credentials())[0]!.serialNumber;

/** The table and, in the certificate's row, its status in words and the action offered. */
async function expectRow(context: StoryContext, status: (t: Translation) => string, action: 'export' | 'remove'): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await expect(await screen.findByRole('table', { name: t.check.caption })).toBeTruthy();
  await expect(await screen.findByText(status(t))).toBeTruthy();
  const serial = await serialOf(kitOf(context));
  await expect(await screen.findByRole('button', { name: t.check.rowAction(t.check[action], serial) })).toBeTruthy();
}

/** Invalid for `reason`: 無效（…） with 移除, and 匯入 since none is valid. */
function invalid(reason: Reason, before: (kit: Kit) => Promise<void>): Story {
  return {
    ...scene({ before }),
    play: async (context) => {
      const t = wordsOf(context);
      await expectRow(context, (w) => w.check.invalidBecause(w.common.localStatus.invalid, w.common.invalidReason[reason]), 'remove');
      await expect(await screenOf(context.canvasElement).findByText(t.check.noneValid)).toBeTruthy();
    },
  };
}

/** A valid certificate, applied for here: 有效 with 匯出. */
export const Valid: Story = {
  ...scene({ before: async (kit) => void (await applied(kit)) }),
  play: async (context) => {
    const t = wordsOf(context);
    await expect(await screenOf(context.canvasElement).findByRole('heading', { level: 2, name: t.check.heading })).toBeTruthy();
    await expectRow(context, (w) => w.common.localStatus.valid, 'export');
  },
};
export const ValidEnglish = inEnglish(Valid);
export const ValidDark = inDark(Valid);

/** Nothing stored: 「此台電腦瀏覽器，查無您有效憑證」 with 匯入. */
export const NoneStored: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.check.noneValid)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.check.import })).toBeTruthy();
  },
};
export const NoneStoredEnglish = inEnglish(NoneStored);
export const NoneStoredDark = inDark(NoneStored);

/** The mock's clock a year and a day on: 無效（憑證已過期）. */
export const Expired = invalid('expired', async (kit) => {
  await applied(kit);
  daysLater(kit, 366);
});
export const ExpiredEnglish = inEnglish(Expired);
export const ExpiredDark = inDark(Expired);

/** Revoked on the server after it was stored here: 無效（憑證已註銷）. */
export const Revoked = invalid('revoked', async (kit) => revoked(kit, (await applied(kit)).serialNumber));
export const RevokedEnglish = inEnglish(Revoked);
export const RevokedDark = inDark(Revoked);

/** The computer's clock before the certificate's start: 無效（憑證尚未生效）. */
export const NotYetValid = invalid('not-yet-valid', async (kit) => {
  const credential = await applied(kit);
  kit.backend.clock.set(new Date(credential.certificate.notBefore.getTime() - 86_400_000));
});
export const NotYetValidEnglish = inEnglish(NotYetValid);
export const NotYetValidDark = inDark(NotYetValid);

/** A stored key that is not its certificate's: 無效（憑證與私鑰不相符）. */
export const KeyMismatch = invalid('key-mismatch', async (kit) => withStrangerKey(kit, (await applied(kit)).serialNumber));
export const KeyMismatchEnglish = inEnglish(KeyMismatch);
export const KeyMismatchDark = inDark(KeyMismatch);

/** A damaged record beside the valid one: its serial, dashes where nothing can be read, 無效（憑證資料已損毀） with 移除. */
export const Damaged: Story = {
  ...scene({ before: async (kit) => void (await damagedRecord(kit, (await applied(kit)).serialNumber)) }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.check.invalidBecause(t.common.localStatus.invalid, t.common.invalidReason.damaged))).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.check.rowAction(t.check.remove, 'DEAD') })).toBeTruthy();
    await expect(await screen.findByText(t.common.localStatus.valid)).toBeTruthy();
  },
};
export const DamagedEnglish = inEnglish(Damaged);
export const DamagedDark = inDark(Damaged);

/** The server's answer on its way: 載入中. */
export const Loading: Story = {
  ...scene({ before: async (kit) => void (await applied(kit)), hold: everything }),
  play: async (context) => {
    const t = wordsOf(context);
    await expect(await screenOf(context.canvasElement).findByText(t.common.loading)).toBeTruthy();
  },
};
export const LoadingEnglish = inEnglish(Loading);
export const LoadingDark = inDark(Loading);

/** The server cannot be reached: the rows, judged on this computer alone, with a notice and 重試. */
export const ServerDown: Story = {
  ...scene({ before: async (kit) => void (await applied(kit)), offline: true }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const notice = await screen.findByRole('alert');
    await expect(notice.textContent).toContain(t.check.unreachable);
    await expect(await screen.findByRole('button', { name: t.common.retry })).toBeTruthy();
    await expectRow(context, (w) => w.common.localStatus.valid, 'export');
  },
};
export const ServerDownEnglish = inEnglish(ServerDown);
export const ServerDownDark = inDark(ServerDown);

/** 移除 on an expired certificate: the question (網頁訊息) with its serial number, 確定 / 取消. */
export const RemoveQuestion: Story = {
  ...scene({
    before: async (kit) => {
      await applied(kit);
      daysLater(kit, 366);
    },
  }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const serial = await serialOf(kitOf(context));
    await userEvent.click(await screen.findByRole('button', { name: t.check.rowAction(t.check.remove, serial) }));
    const dialog = await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
    const popUp = screenOf((dialog.getRootNode() as ShadowRoot).host);
    await expect(await popUp.findByText(t.check.removeConfirm(serial))).toBeTruthy();
    await expect(await popUp.findByRole('button', { name: t.common.cancel })).toBeTruthy();
  },
};
export const RemoveQuestionEnglish = inEnglish(RemoveQuestion);
export const RemoveQuestionDark = inDark(RemoveQuestion);
