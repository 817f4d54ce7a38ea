// <cert-otp-step>: the one-time code that 申請, 更新 and 註銷 share — 取得認證碼, where the code
// went, the countdown, a wrong code, three wrong codes, 0 秒, 認證成功.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import { maskEmail, maskPhone } from '../src/core/index.ts';
import type { CertOtpStep } from '../src/components/cert-otp-step/cert-otp-step.ts';
import { elementHelpers } from './support/element.ts';
import { enterCode, requestCode, wrongCode } from './support/flows.ts';
import { kitOf, scene } from './support/kit.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertOtpStep>('cert-otp-step');

const meta = {
  title: 'Elements/cert-otp-step',
  component: 'cert-otp-step',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center, timers: kitOf(context).timers }),
  ...scene(),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The step before anything is asked: 取得認證碼, the intro and 【注意事項】. */
export const Start: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { name: t.otp.heading })).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.otp.request })).toBeTruthy();
    await expect(screen.queryByRole('textbox', { name: t.otp.inputLabel })).toBeNull();
    await expect(await screen.findByRole('heading', { name: t.common.notes })).toBeTruthy();
  },
};
export const StartEnglish = inEnglish(Start);
export const StartDark = inDark(Start);

/** 取得認證碼 pressed: the pop-up (網頁訊息) names where the code went, masked as the server sent it. */
export const CodeSent: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: t.otp.request }));
    const dialog = await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
    const { customer } = kitOf(context);
    await expect(((dialog.getRootNode() as ShadowRoot).host as HTMLElement).textContent).toContain(t.otp.sent({ sms: maskPhone(customer.phone), email: maskEmail(customer.email) }));
  },
};
export const CodeSentEnglish = inEnglish(CodeSent);
export const CodeSentDark = inDark(CodeSent);

/** The code is on its way and the countdown runs (one second gone: 59秒); the code field waits. */
export const CountingDown: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    kitOf(context).timers.advance(1000);
    const timer = await screen.findByRole('timer', { name: t.otp.countdownLabel });
    await until(() => timer.textContent?.trim() === t.otp.seconds(59));
    await expect(await screen.findByRole('textbox', { name: t.otp.inputLabel })).toBeTruthy();
  },
};
export const CountingDownEnglish = inEnglish(CountingDown);
export const CountingDownDark = inDark(CountingDown);

/** A wrong code: 「認證碼錯誤，您還可以再輸入 2 次。」 under the field, which is marked invalid. */
export const WrongCode: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    await enterCode(context, wrongCode(kitOf(context)));
    await expect(await screen.findByText(t.otp.wrongCode(2))).toBeTruthy();
    const field = await screen.findByRole('textbox', { name: t.otp.inputLabel });
    await expect(field.getAttribute('aria-invalid')).toBe('true');
  },
};
export const WrongCodeEnglish = inEnglish(WrongCode);
export const WrongCodeDark = inDark(WrongCode);

/** The third wrong code voids it: the field and 確認 are disabled until a new code is asked for. */
export const Locked: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    const wrong = wrongCode(kitOf(context));
    for (const left of [2, 1]) {
      await enterCode(context, wrong);
      await screen.findByText(t.otp.wrongCode(left));
    }
    await enterCode(context, wrong);
    await expect(await screen.findByText(t.otp.locked)).toBeTruthy();
    await until(() => (screen.queryByRole('button', { name: t.otp.submit }) as HTMLButtonElement | null)?.disabled);
  },
};
export const LockedEnglish = inEnglish(Locked);
export const LockedDark = inDark(Locked);

/** The countdown reached 0秒: the code is void. */
export const Expired: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    kitOf(context).timers.advance(60_000);
    await expect(await screen.findByText(t.otp.expired)).toBeTruthy();
    await expect(screen.queryByRole('timer')).toBeNull();
  },
};
export const ExpiredEnglish = inEnglish(Expired);
export const ExpiredDark = inDark(Expired);

/** The right code (read from the mock's inbox, as from the phone): 認證成功. */
export const Verified: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await requestCode(context);
    await enterCode(context, kitOf(context).lastCode());
    await expect(await screen.findByText(t.otp.verified)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.otp.request })).toBeNull();
  },
};
export const VerifiedEnglish = inEnglish(Verified);
export const VerifiedDark = inDark(Verified);
