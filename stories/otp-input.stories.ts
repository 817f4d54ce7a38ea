// <otp-input>: the one-time code as one native input (one caret, one name, one tab stop), its
// digits drawn in boxes; typed, with the error of a wrong code, disabled once the code is void.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { OtpInput } from '../src/components/otp-input/otp-input.ts';
import { elementHelpers } from './support/element.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<OtpInput>('otp-input');

const meta = {
  title: 'Elements/otp-input',
  component: 'otp-input',
  args,
  argTypes,
  // In a form, as the code step has it.
  render: (args) => html`<form>${template(args)}</form>`,
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** Empty: 輸入認證碼 and four boxes. */
export const Empty: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const field = (await screenOf(context.canvasElement).findByRole('textbox', { name: t.otp.inputLabel })) as HTMLInputElement;
    await expect(field.getAttribute('autocomplete')).toBe('one-time-code');
    await expect(field.getAttribute('inputmode')).toBe('numeric');
  },
};
export const EmptyEnglish = inEnglish(Empty);
export const EmptyDark = inDark(Empty);

/** Four digits typed (letters are not taken): the code is whole. */
export const Typed: Story = {
  play: async (context) => {
    const t = wordsOf(context);
    const field = (await screenOf(context.canvasElement).findByRole('textbox', { name: t.otp.inputLabel })) as HTMLInputElement;
    await userEvent.type(field, '12a34');
    await until(() => field.value === '1234');
  },
};
export const TypedEnglish = inEnglish(Typed);
export const TypedDark = inDark(Typed);

/** A wrong code: the message under the field, tied to it, the field marked invalid. */
export const WrongCode: Story = {
  render: (args, context) => html`<form>${template({ ...args, error: wordsOf(context).otp.wrongCode(2) })}</form>`,
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const field = await screen.findByRole('textbox', { name: t.otp.inputLabel });
    await until(() => field.getAttribute('aria-invalid') === 'true');
    await expect(await screen.findByText(t.otp.wrongCode(2))).toBeTruthy();
  },
};
export const WrongCodeEnglish = inEnglish(WrongCode);
export const WrongCodeDark = inDark(WrongCode);

/** Disabled, as when the code is void: no typing until a new code is asked for. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async (context) => {
    const t = wordsOf(context);
    const field = (await screenOf(context.canvasElement).findByRole('textbox', { name: t.otp.inputLabel })) as HTMLInputElement;
    await expect(field.disabled).toBe(true);
  },
};
export const DisabledEnglish = inEnglish(Disabled);
export const DisabledDark = inDark(Disabled);

/** A six-digit code (`code-length="6"`). */
export const SixDigits: Story = {
  args: { 'code-length': 6 },
  play: async (context) => {
    const t = wordsOf(context);
    const field = (await screenOf(context.canvasElement).findByRole('textbox', { name: t.otp.inputLabel })) as HTMLInputElement;
    await userEvent.type(field, '1234567');
    await until(() => field.value === '123456');
  },
};
export const SixDigitsEnglish = inEnglish(SixDigits);
export const SixDigitsDark = inDark(SixDigits);
