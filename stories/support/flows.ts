// The customer's steps that many stories share: asking for the code, typing it, 確定 on a pop-up.
import type { StoryContext } from '@storybook/web-components-vite';
import { userEvent } from 'storybook/test';
import { kitOf, type Kit } from './kit.ts';
import { deepActive, screenOf, until } from './screen.ts';
import { wordsOf } from './variants.ts';

/** 取得認證碼, then 確定 on the pop-up that says where the code went: the code is on its way, the countdown runs. */
export async function requestCode(context: StoryContext): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await userEvent.click(await screen.findByRole('button', { name: t.otp.request }));
  await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
  await userEvent.click(await screen.findByRole('button', { name: t.common.ok }));
  await screen.goneByRole('alertdialog');
  // The step puts the focus in the code field once the pop-up is closed.
  const field = await screen.findByRole('textbox', { name: t.otp.inputLabel });
  await until(() => deepActive() === field);
}

/** Types a code into 輸入認證碼 and presses 確認. */
export async function enterCode(context: StoryContext, code: string): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  const field = (await screen.findByRole('textbox', { name: t.otp.inputLabel })) as HTMLInputElement;
  // After a wrong code the step empties the field itself.
  await until(() => field.value === '');
  await userEvent.type(field, code);
  await userEvent.click(await screen.findByRole('button', { name: t.otp.submit }));
}

/** The whole code step: ask, read the code the mock sent (its inbox, the customer's phone), type it, 確認. */
export async function passCode(context: StoryContext): Promise<void> {
  await requestCode(context);
  await enterCode(context, kitOf(context).lastCode());
}

/** A code that is not the one the mock sent. */
export const wrongCode = (kit: Kit) => (kit.lastCode() === '0000' ? '1111' : '0000');
