// <cert-dialog>: the in-page modal that stands in for the manual's browser pop-ups (網頁訊息).
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { CertDialog } from '../src/components/cert-dialog/cert-dialog.ts';
import { elementHelpers } from './support/element.ts';
import { deepActive, screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertDialog>('cert-dialog');

const meta = {
  title: 'Elements/cert-dialog',
  component: 'cert-dialog',
  args: { ...args, open: true },
  argTypes,
  render: (args, context) => {
    const t = wordsOf(context);
    return template(
      { ...args, label: t.common.dialogTitle },
      html`<p>${t.revoke.confirm}</p>
        <button slot="actions" class="danger">${t.common.ok}</button>
        <button slot="actions" autofocus>${t.common.cancel}</button>`,
    );
  },
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** 「確定要註銷憑證嗎?」 as the manual's pop-up: 網頁訊息, the question, 確定 / 取消 with the focus on 取消. */
export const Question: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('alertdialog', { name: t.common.dialogTitle })).toBeTruthy();
    const cancel = await screen.findByRole('button', { name: t.common.cancel });
    await until(() => deepActive() === cancel);
  },
};
export const QuestionEnglish = inEnglish(Question);
export const QuestionDark = inDark(Question);
