// <env-check> 電腦檢測: a summary first, then each check, failures and warnings first, with
// 通過 / 注意 / 未通過 / 未檢測 in words and icon and what to do; 檢測中 while it runs; a check that
// could not run. The results come from reports the stories choose; the last story runs the real
// check in this browser, against the mock.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { EnvCheck } from '../src/components/env-check/env-check.ts';
import { CertCenterError, type EnvironmentReport } from '../src/core/index.ts';
import { errorMessage } from '../src/components/shared/localize.ts';
import { elementHelpers } from './support/element.ts';
import { kitOf, scene } from './support/kit.ts';
import { report, withEnvironment } from './support/reports.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<EnvCheck>('env-check');

const meta = {
  title: 'Elements/env-check',
  component: 'env-check',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** A story whose center's computer check answers `answer`. */
const answering = (answer: () => Promise<EnvironmentReport>): Pick<Story, 'render' | 'loaders' | 'beforeEach'> => ({
  ...scene(),
  render: (args, context) => template({ ...args, center: withEnvironment(kitOf(context).center, answer) }),
});

/** The summary line (a polite live region). */
const summary = async (context: StoryContext) => screenOf(context.canvasElement).findByRole('status');

/** The status of one check as the customer reads it (its name, then 通過 / 注意 / 未通過 / 未檢測). */
async function expectCheck(context: StoryContext, id: keyof ReturnType<typeof wordsOf>['environment']['checks'], status: 'pass' | 'warn' | 'fail' | 'skip'): Promise<void> {
  const t = wordsOf(context).environment;
  const screen = screenOf(context.canvasElement);
  const heading = await screen.findByRole('heading', { name: t.checks[id].name });
  const item = heading.closest('[data-check]')!;
  await expect(item.querySelector('[part~="status"]')?.textContent?.trim()).toBe(t.status[status]);
}

/** Checking: 檢測中, and 重新檢測 unavailable until it is done. */
export const Checking: Story = {
  ...answering(() => new Promise(() => undefined)),
  play: async (context) => {
    const t = wordsOf(context).environment;
    await until(async () => (await summary(context)).textContent?.trim() === t.checking);
  },
};
export const CheckingEnglish = inEnglish(Checking);
export const CheckingDark = inDark(Checking);

/** Everything passed: the summary says this computer can use the center; each check 通過 with what it means. */
export const AllPassed: Story = {
  ...answering(async () => report()),
  play: async (context) => {
    const t = wordsOf(context).environment;
    await until(async () => (await summary(context)).textContent?.trim() === t.allPassed);
    await expectCheck(context, 'secure-context', 'pass');
    await expectCheck(context, 'clock-skew', 'pass');
  },
};
export const AllPassedEnglish = inEnglish(AllPassed);
export const AllPassedDark = inDark(AllPassed);

/** Warnings only: 注意 first, with what to do; the center still works. */
export const NeedsAttention: Story = {
  ...answering(async () =>
    report({ 'persistent-storage': { status: 'warn', advice: 'allow-storage' }, 'clock-skew': { status: 'warn', advice: 'fix-clock', measured: -120_000 } }),
  ),
  play: async (context) => {
    const t = wordsOf(context).environment;
    await until(async () => (await summary(context)).textContent?.trim() === t.attention(2));
    await expectCheck(context, 'persistent-storage', 'warn');
    await expect(await screenOf(context.canvasElement).findByText(t.clockBehind(120))).toBeTruthy();
  },
};
export const NeedsAttentionEnglish = inEnglish(NeedsAttention);
export const NeedsAttentionDark = inDark(NeedsAttention);

/** Every kind at once: 未通過 (no https, no cookies), 注意 (the clock 95 s ahead), 未檢測, 通過 — failures first. */
export const Failed: Story = {
  ...answering(async () =>
    report({
      'secure-context': { status: 'fail', advice: 'use-https' },
      cookies: { status: 'fail', advice: 'enable-cookies' },
      'clock-skew': { status: 'warn', advice: 'fix-clock', measured: 95_000 },
      'web-locks': { status: 'skip' },
    }),
  ),
  play: async (context) => {
    const t = wordsOf(context).environment;
    await until(async () => (await summary(context)).textContent?.trim() === t.failed(2, 1));
    await expectCheck(context, 'secure-context', 'fail');
    await expectCheck(context, 'cookies', 'fail');
    await expectCheck(context, 'clock-skew', 'warn');
    await expectCheck(context, 'web-locks', 'skip');
    await expect(await screenOf(context.canvasElement).findByText(t.advice['use-https'])).toBeTruthy();
  },
};
export const FailedEnglish = inEnglish(Failed);
export const FailedDark = inDark(Failed);

/** The check could not run (the network): why, and 重新檢測. */
export const CouldNotRun: Story = {
  ...answering(() => Promise.reject(new CertCenterError('NETWORK', 'the computer check could not reach the server'))),
  play: async (context) => {
    const w = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(errorMessage(new CertCenterError('NETWORK', 'x'), w))).toBeTruthy();
    await expect(await screen.findByRole('button', { name: w.environment.rerun })).toBeTruthy();
  },
};
export const CouldNotRunEnglish = inEnglish(CouldNotRun);
export const CouldNotRunDark = inDark(CouldNotRun);

/** The real check of this browser against the mock (its clock and this computer's agree): WebCrypto, storage, the worker… */
export const ThisBrowser: Story = {
  ...scene({ center: { clock: () => new Date() }, backend: { now: undefined } }),
  play: async (context) => {
    const t = wordsOf(context).environment;
    await until(async () => !(await summary(context)).textContent?.includes(t.checking));
    for (const id of ['secure-context', 'webcrypto-ecdsa', 'indexeddb', 'clock-skew'] as const) await expectCheck(context, id, 'pass');
  },
};
export const ThisBrowserEnglish = inEnglish(ThisBrowser);
export const ThisBrowserDark = inDark(ThisBrowser);
