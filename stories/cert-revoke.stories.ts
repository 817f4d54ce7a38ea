// <cert-revoke> 憑證註銷: the server's certificate, the note on the yearly limit with the count left,
// the code, 「認證成功」, 「確定要註銷憑證嗎?」, 「註銷成功」 — and at the limit, the branch / customer
// service message in place of the code step.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertRevoke } from '../src/components/cert-revoke/cert-revoke.ts';
import { elementHelpers } from './support/element.ts';
import { passCode } from './support/flows.ts';
import { kitOf, scene } from './support/kit.ts';
import { request } from './support/network.ts';
import { screenOf } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertRevoke>('cert-revoke');

const meta = {
  title: 'Elements/cert-revoke',
  component: 'cert-revoke',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center, timers: kitOf(context).timers }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The pop-up's text: the host element of the open dialog. */
const dialogText = (dialog: HTMLElement) => ((dialog.getRootNode() as ShadowRoot).host as HTMLElement).textContent ?? '';

/** The code passed: 「認證成功」, then 確定 on it: 「確定要註銷憑證嗎?」. */
async function toQuestion(context: StoryContext): Promise<HTMLElement> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await passCode(context);
  await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
  await userEvent.click(await screen.findByRole('button', { name: t.common.ok }));
  const question = await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
  await expect(dialogText(question)).toContain(t.revoke.confirm);
  return question;
}

/** A valid certificate and three revocations left this year: its row, 「若要註銷此憑證，請進行認證」, the note, the code step. */
export const TriesLeft: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.revoke.heading })).toBeTruthy();
    await expect(await screen.findByRole('table', { name: t.overview.server })).toBeTruthy();
    await expect(await screen.findByText(t.revoke.intro)).toBeTruthy();
    await expect(await screen.findByText(t.revoke.left(3))).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.otp.request })).toBeTruthy();
  },
};
export const TriesLeftEnglish = inEnglish(TriesLeft);
export const TriesLeftDark = inDark(TriesLeft);

/** The code was right: 「認證成功」 in the pop-up (網頁訊息). */
export const Verified: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await passCode(context);
    const dialog = await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
    await expect(dialogText(dialog)).toContain(t.otp.verified);
  },
};
export const VerifiedEnglish = inEnglish(Verified);
export const VerifiedDark = inDark(Verified);

/** 「確定要註銷憑證嗎?」 with the serial number, 確定 in the danger colour and 取消 (the focus on 取消). */
export const Question: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const question = await toQuestion(context);
    await expect(await screen.findByRole('button', { name: t.common.cancel })).toBeTruthy();
    await expect(dialogText(question)).toContain(kitOf(context).backend.certificates(kitOf(context).customer.idNumber).at(-1)!.serialNumber);
  },
};
export const QuestionEnglish = inEnglish(Question);
export const QuestionDark = inDark(Question);

/** 確定: 「憑證註銷中，請稍候…」 while the revocation is on its way. */
export const Revoking: Story = {
  ...scene({ backend: { scenario: 'valid' }, hold: request('POST', '/revocation') }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toQuestion(context);
    await userEvent.click(await screen.findByRole('button', { name: t.common.ok }));
    await expect(await screen.findByText(t.revoke.revoking)).toBeTruthy();
  },
};
export const RevokingEnglish = inEnglish(Revoking);
export const RevokingDark = inDark(Revoking);

/** 「註銷成功」: the row now 已註銷, and two revocations left this year. */
export const Revoked: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toQuestion(context);
    await userEvent.click(await screen.findByRole('button', { name: t.common.ok }));
    await expect(await screen.findByRole('heading', { name: t.revoke.success })).toBeTruthy();
    await expect(await screen.findByText(t.revoke.left(2))).toBeTruthy();
    await expect(await screen.findByText(t.common.serverStatus.revoked)).toBeTruthy();
  },
};
export const RevokedEnglish = inEnglish(Revoked);
export const RevokedDark = inDark(Revoked);

/** Three revocations in the last year: the limit's message replaces the code step. */
export const AtTheLimit: Story = {
  ...scene({ backend: { scenario: 'revocation-limit' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.revoke.limitReached)).toBeTruthy();
    await expect(await screen.findByText(t.revoke.left(0))).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const AtTheLimitEnglish = inEnglish(AtTheLimit);
export const AtTheLimitDark = inDark(AtTheLimit);

/** No PC certificate in force on the server: nothing to revoke. */
export const NothingToRevoke: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.revoke.none)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const NothingToRevokeEnglish = inEnglish(NothingToRevoke);
export const NothingToRevokeDark = inDark(NothingToRevoke);
