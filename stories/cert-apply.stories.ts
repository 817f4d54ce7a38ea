// <cert-apply> 申請: the code, the consent form (申請同意書), 「憑證資料下載中，請稍候約5~20秒...」
// with its steps, the backup, 申請成功 — and the customer who already has one, a server failure
// that keeps the request, an apply a closed tab left unfinished.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertApply } from '../src/components/cert-apply/cert-apply.ts';
import { elementHelpers } from './support/element.ts';
import { passCode, requestCode } from './support/flows.ts';
import { applied } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { everything, request } from './support/network.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertApply>('cert-apply');

const meta = {
  title: 'Elements/cert-apply',
  component: 'cert-apply',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center, timers: kitOf(context).timers }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

const applyPost = request('POST', '/certificates');

/** From the start to the consent form: the code, read from the mock's inbox, and 確認. */
async function toConsent(context: StoryContext): Promise<void> {
  await passCode(context);
  const consent = await kitOf(context).center.consent();
  await screenOf(context.canvasElement).findByRole('region', { name: consent.title });
}

/** 確認 on the consent form. */
async function confirmConsent(context: StoryContext): Promise<void> {
  const t = wordsOf(context);
  await userEvent.click(await screenOf(context.canvasElement).findByRole('button', { name: t.common.confirm }));
}

/** A new customer: the page heading and the code step, 取得認證碼 first. */
export const Start: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.apply.heading })).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.otp.request })).toBeTruthy();
  },
};
export const StartEnglish = inEnglish(Start);
export const StartDark = inDark(Start);

/** Before the page knows whether the customer may apply: 載入中 (the server's answer is on its way). */
export const Loading: Story = {
  ...scene({ hold: everything }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.common.loading)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const LoadingEnglish = inEnglish(Loading);
export const LoadingDark = inDark(Loading);

/** The code was right: 申請同意書 in a region that scrolls, with 確認 and 取消. */
export const Consent: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toConsent(context);
    await expect(await screen.findByText(t.otp.verified)).toBeTruthy();
    await expect(await screen.findByText(t.apply.consentIntro)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.common.cancel })).toBeTruthy();
  },
};
export const ConsentEnglish = inEnglish(Consent);
export const ConsentDark = inDark(Consent);

/** 確認 pressed: 「憑證資料下載中，請稍候約5~20秒...」, the key made and stored, the request on its way. */
export const Applying: Story = {
  ...scene({ hold: applyPost }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toConsent(context);
    await confirmConsent(context);
    await expect(await screen.findByRole('heading', { name: t.apply.applying })).toBeTruthy();
    const steps = await screen.findByRole('list', { name: t.apply.progressLabel });
    await until(() => steps.querySelector('[aria-current="step"]')?.textContent?.trim() === t.common.progress['sending-request']);
  },
};
export const ApplyingEnglish = inEnglish(Applying);
export const ApplyingDark = inDark(Applying);

/** The server failed three times (500): nothing is lost, the request is kept, 重試 sends it again. */
export const ServerFailure: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toConsent(context);
    for (let i = 0; i < 3; i++) kitOf(context).backend.faults.next('http-500', { method: 'POST', path: '/certificates' });
    await confirmConsent(context);
    await expect(await screen.findByRole('heading', { name: t.apply.failedHeading })).toBeTruthy();
    await expect(await screen.findByText(t.apply.kept)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.common.retry })).toBeTruthy();
    await expect(kitOf(context).backend.issuedCount()).toBe(0);
  },
};
export const ServerFailureEnglish = inEnglish(ServerFailure);
export const ServerFailureDark = inDark(ServerFailure);

/** Issued and stored: the backup step (<cert-export embedded>) with the file name, the password twice and the notes. */
export const Backup: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toConsent(context);
    await confirmConsent(context);
    await expect(await screen.findByRole('heading', { name: t.export.heading })).toBeTruthy();
    await expect(await screen.findByText(t.apply.backupIntro)).toBeTruthy();
    await expect(await screen.findByLabelText(t.export.password)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.export.submit })).toBeTruthy();
  },
};
export const BackupEnglish = inEnglish(Backup);
export const BackupDark = inDark(Backup);

/** The backup saved: 「您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。」 */
export const Success: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await toConsent(context);
    await confirmConsent(context);
    await userEvent.type(await screen.findByLabelText(t.export.password), 'abcd1234');
    await userEvent.type(await screen.findByLabelText(t.export.confirmPassword), 'abcd1234');
    await userEvent.click(await screen.findByRole('button', { name: t.export.submit }));
    await expect(await screen.findByRole('heading', { name: t.apply.successHeading })).toBeTruthy();
    await expect(await screen.findByText(t.apply.success)).toBeTruthy();
    await expect(kitOf(context).saved.map((f) => f.name)).toEqual([`${kitOf(context).customer.idNumber}_cert.pfx`]);
  },
};
export const SuccessEnglish = inEnglish(Success);
export const SuccessDark = inDark(Success);

/** A customer who already holds a PC certificate is told what to do instead, and is offered no code. */
export const AlreadyHasOne: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.apply.exists)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const AlreadyHasOneEnglish = inEnglish(AlreadyHasOne);
export const AlreadyHasOneDark = inDark(AlreadyHasOne);

/**
 * An earlier visit's apply lost its answer after the server had issued the certificate: on this
 * visit the element finishes it first, says so, and goes on to the backup.
 */
export const Resumed: Story = {
  ...scene({
    before: async (kit) => {
      kit.backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
      await applied(kit).then(
        () => {
          throw new Error('the answer was meant to be lost');
        },
        () => undefined,
      );
    },
    center: { retry: { limit: 0 } },
  }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.apply.resumed)).toBeTruthy();
    await expect(await screen.findByRole('heading', { name: t.export.heading })).toBeTruthy();
    await expect(kitOf(context).backend.issuedCount()).toBe(1);
  },
};
export const ResumedEnglish = inEnglish(Resumed);
export const ResumedDark = inDark(Resumed);

/** The code asked for and the countdown running inside 申請 (one second gone). */
export const CodeSent: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    kitOf(context).timers.advance(1000);
    const timer = await screen.findByRole('timer', { name: t.otp.countdownLabel });
    await until(() => timer.textContent?.trim() === t.otp.seconds(59));
  },
};
export const CodeSentEnglish = inEnglish(CodeSent);
export const CodeSentDark = inDark(CodeSent);
