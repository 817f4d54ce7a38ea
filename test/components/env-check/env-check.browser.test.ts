// <env-check> (電腦檢測) in Chromium: every status kind from a report the test controls, the busy
// state while checking, an error, the locale switch, the keyboard, and a real run against the mock.
import { html } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import {
  adviceCodes,
  CertCenterError,
  environmentCheckIds,
  type AdviceCode,
  type CertCenter,
  type EnvironmentCheck,
  type EnvironmentCheckId,
  type EnvironmentReport,
} from '../../../src/core/index.ts';
import '../../../src/components/env-check/env-check.ts';
import type { EnvCheck } from '../../../src/components/env-check/env-check.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { formatDateTime } from '../../../src/components/shared/localize.ts';
import { expectAccessible, mount, NOW, setup, useMockWorker } from '../support.ts';
import { snapWhole } from '../snap-whole.ts';

useMockWorker();

const zh = zhHant.environment;

/** A center whose environment() answers when the test says. */
function stubCenter() {
  const runs: { resolve(report: EnvironmentReport): void; reject(error: unknown): void; signal?: AbortSignal }[] = [];
  const center = {
    events: new EventTarget(),
    close() {},
    environment: vi.fn((options?: { signal?: AbortSignal }) =>
      new Promise<EnvironmentReport>((resolve, reject) => runs.push({ resolve, reject, ...(options?.signal ? { signal: options.signal } : {}) })),
    ),
  };
  return { center: center as unknown as CertCenter, runs, environment: center.environment };
}

/** A report with every check passed, except those given. */
function report(changes: Partial<Record<EnvironmentCheckId, Omit<EnvironmentCheck, 'id'>>> = {}): EnvironmentReport {
  const items = environmentCheckIds.map((id): EnvironmentCheck => ({ id, status: 'pass', ...changes[id] }));
  return { ok: items.every((item) => item.status !== 'fail'), items, checkedAt: NOW };
}

const root = (el: Element) => el.shadowRoot!;
const summary = (el: Element) => root(el).querySelector('[part~="summary"]')!;
const list = (el: Element) => root(el).querySelector('[part~="list"]');
const item = (el: Element, id: EnvironmentCheckId) => root(el).querySelector(`[data-check="${id}"]`)!;
const button = (el: Element) => root(el).querySelector<HTMLButtonElement>('[part~="rerun"]')!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Lets the element render what the last answer changed. */
async function settle(el: EnvCheck): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  }
}

async function mountStub(locale?: 'en' | 'zh-Hant') {
  const stub = stubCenter();
  const el = await mount<EnvCheck>(html`<env-check .center=${stub.center} locale=${locale ?? 'zh-Hant'}></env-check>`);
  await settle(el);
  return { el, ...stub };
}

describe('<env-check> while checking', () => {
  it('runs the check when it connects: the summary, a polite live region, says 檢測中 and the button is marked unavailable', async () => {
    const { el, environment } = await mountStub();
    expect(environment).toHaveBeenCalledTimes(1);
    expect(summary(el).getAttribute('role')).toBe('status');
    expect(text(summary(el))).toBe(zh.checking);
    expect(button(el).getAttribute('aria-disabled')).toBe('true');
    expect(list(el)).toBeNull();
    await expectAccessible(el);
  });

  it('re-checking keeps the last results marked aria-busy, and a second press while busy starts nothing', async () => {
    const { el, runs, environment } = await mountStub();
    runs[0]!.resolve(report());
    await settle(el);
    expect(list(el)!.getAttribute('aria-busy')).toBe('false');
    await userEvent.click(button(el));
    await settle(el);
    expect(environment).toHaveBeenCalledTimes(2);
    expect(list(el)!.getAttribute('aria-busy')).toBe('true');
    expect(text(summary(el))).toBe(zh.checking);
    expect(button(el).getAttribute('aria-disabled')).toBe('true');
    // Playwright will not click what says aria-disabled; a customer's click still reaches it.
    await userEvent.click(button(el), { force: true });
    await settle(el);
    expect(environment).toHaveBeenCalledTimes(2);
    await expectAccessible(el);
    runs[1]!.resolve(report());
    await settle(el);
    expect(list(el)!.getAttribute('aria-busy')).toBe('false');
    expect(text(summary(el))).toBe(zh.allPassed);
  });
});

describe('<env-check> results', () => {
  it('all passed: the summary first, then every check with 通過 in words and icon and what it means', async () => {
    const { el, runs } = await mountStub();
    runs[0]!.resolve(report());
    await settle(el);
    const blocks = [...root(el).querySelector('[part~="base"]')!.children];
    expect(blocks.indexOf(root(el).querySelector('.summary-row')!)).toBeLessThan(blocks.indexOf(list(el)!));
    expect(text(summary(el))).toBe(zh.allPassed);
    expect(text(root(el).querySelector('.checked-at'))).toBe(zh.checkedAt(formatDateTime(NOW)));
    for (const id of environmentCheckIds) {
      const row = item(el, id);
      expect(text(row.querySelector('h3'))).toBe(zh.checks[id].name);
      expect(text(row.querySelector('[part~="status"]'))).toBe(zh.status.pass);
      expect(row.querySelector('[part~="status"] svg[aria-hidden="true"]')).not.toBeNull();
      expect(text(row.querySelector('.about'))).toBe(zh.checks[id].about);
      expect(row.querySelector('[part~="advice"]')).toBeNull();
    }
    expect(button(el).getAttribute('aria-disabled')).toBe('false');
    await expectAccessible(el);
  });

  it('shows pass, warn, fail and skip each by words and icon, failures and warnings first, with what to do from the advice code', async () => {
    const { el, runs } = await mountStub();
    runs[0]!.resolve(
      report({
        'secure-context': { status: 'fail', advice: 'use-https' },
        'persistent-storage': { status: 'warn', advice: 'allow-storage' },
        'clock-skew': { status: 'warn', advice: 'fix-clock', measured: 90_000 },
        cookies: { status: 'skip' },
        browser: { status: 'pass', measured: 156 },
      }),
    );
    await settle(el);
    expect(text(summary(el))).toBe(zh.failed(1, 2));
    expect(summary(el).classList.contains('fail')).toBe(true);
    const expectations: [EnvironmentCheckId, keyof typeof zh.status, string | undefined][] = [
      ['secure-context', 'fail', zh.advice['use-https']],
      ['persistent-storage', 'warn', zh.advice['allow-storage']],
      ['clock-skew', 'warn', zh.advice['fix-clock']],
      ['cookies', 'skip', undefined],
      ['browser', 'pass', undefined],
    ];
    for (const [id, status, advice] of expectations) {
      const row = item(el, id);
      expect(text(row.querySelector('[part~="status"]')), id).toBe(zh.status[status]);
      expect(row.getAttribute('part')).toBe(`check check-${status}`);
      expect(row.querySelector('[part~="status"] svg')).not.toBeNull();
      if (advice) expect(text(row.querySelector('[part~="advice"]')), id).toBe(`${zh.whatToDo}${advice}`);
      else expect(row.querySelector('[part~="advice"]'), id).toBeNull();
    }
    const order = [...root(el).querySelectorAll('[data-check]')].map((row) => row.getAttribute('data-check'));
    expect(order.slice(0, 3)).toEqual(['secure-context', 'persistent-storage', 'clock-skew']);
    expect(order.at(-1)).toBe('cookies');
    expect(text(item(el, 'cookies'))).toContain(zh.skipped);
    expect(text(item(el, 'clock-skew').querySelector('.measure'))).toBe(zh.clockAhead(90));
    expect(text(item(el, 'browser').querySelector('.measure'))).toBe(zh.browserVersion(156));
    await expectAccessible(el);
  });

  it('warnings alone: the summary counts what needs attention and says the center still works', async () => {
    const { el, runs } = await mountStub();
    runs[0]!.resolve(report({ 'clock-skew': { status: 'warn', advice: 'fix-clock', measured: -120_000 }, workers: { status: 'warn', advice: 'contact-support' } }));
    await settle(el);
    expect(text(summary(el))).toBe(zh.attention(2));
    expect(summary(el).classList.contains('warn')).toBe(true);
    expect(text(item(el, 'clock-skew').querySelector('.measure'))).toBe(zh.clockBehind(120));
    await expectAccessible(el);
  });

  it('every advice code shows its own text, and a warning without one says to check again', async () => {
    const { el, runs } = await mountStub();
    const changes: Partial<Record<EnvironmentCheckId, Omit<EnvironmentCheck, 'id'>>> = {};
    adviceCodes.forEach((advice: AdviceCode, i) => (changes[environmentCheckIds[i]!] = { status: 'fail', advice }));
    changes[environmentCheckIds[adviceCodes.length]!] = { status: 'warn' };
    runs[0]!.resolve(report(changes));
    await settle(el);
    adviceCodes.forEach((advice, i) => {
      expect(text(item(el, environmentCheckIds[i]!).querySelector('[part~="advice"]')), advice).toBe(`${zh.whatToDo}${zh.advice[advice]}`);
    });
    expect(text(item(el, environmentCheckIds[adviceCodes.length]!).querySelector('[part~="advice"]'))).toBe(`${zh.whatToDo}${zh.noAdvice}`);
    await expectAccessible(el);
  });
});

describe('<env-check> when the check cannot run', () => {
  it('says so with the error’s message, fires cert-error, and 重新檢測 runs it again', async () => {
    const { el, runs } = await mountStub();
    const errors: string[] = [];
    el.addEventListener('cert-error', (e) => errors.push(e.detail.error.code));
    runs[0]!.reject(new CertCenterError('STORAGE', 'x'));
    await settle(el);
    expect(errors).toEqual(['STORAGE']);
    expect(text(summary(el))).toBe(`${zh.notRun}${zhHant.errors.STORAGE}`);
    expect(text(summary(el).querySelector('[part~="reason"]'))).toBe(zhHant.errors.STORAGE);
    expect(list(el)).toBeNull();
    await expectAccessible(el);
    await userEvent.click(button(el));
    runs[1]!.resolve(report());
    await settle(el);
    expect(text(summary(el))).toBe(zh.allPassed);
    expect(root(el).querySelector('[part~="reason"]')).toBeNull();
  });
});

describe('<env-check> locale and keyboard', () => {
  it('switches a mounted element to English live: summary, names, statuses and advice', async () => {
    const { el, runs } = await mountStub();
    runs[0]!.resolve(report({ 'clock-skew': { status: 'fail', advice: 'fix-clock', measured: 400_000 }, cookies: { status: 'skip' } }));
    await settle(el);
    el.locale = 'en';
    await settle(el);
    expect(text(root(el).querySelector('h2'))).toBe(en.environment.heading);
    expect(text(summary(el))).toBe(en.environment.failed(1, 0));
    expect(text(item(el, 'clock-skew').querySelector('[part~="status"]'))).toBe(en.environment.status.fail);
    expect(text(item(el, 'clock-skew').querySelector('[part~="advice"]'))).toBe(`${en.environment.whatToDo}${en.environment.advice['fix-clock']}`);
    expect(text(item(el, 'cookies').querySelector('[part~="status"]'))).toBe(en.environment.status.skip);
    expect(text(button(el))).toBe(en.environment.rerun);
    await expectAccessible(el);
    el.locale = 'zh-Hant';
    await settle(el);
    expect(text(summary(el))).toBe(zh.failed(1, 0));
  });

  it('English states: checking, all passed and the error', async () => {
    const { el, runs } = await mountStub('en');
    expect(text(summary(el))).toBe(en.environment.checking);
    runs[0]!.resolve(report());
    await settle(el);
    expect(text(summary(el))).toBe(en.environment.allPassed);
    await userEvent.click(button(el));
    runs[1]!.reject(new CertCenterError('NETWORK', 'x'));
    await settle(el);
    expect(text(summary(el).querySelector('.summary-text > span'))).toBe(en.environment.notRun);
    expect(text(summary(el).querySelector('[part~="reason"]'))).toBe(en.errors.NETWORK);
    await expectAccessible(el);
  });

  it('keyboard only: Tab reaches 重新檢測, Enter runs the check again and focus stays on the button', async () => {
    const { el, runs, environment } = await mountStub();
    runs[0]!.resolve(report());
    await settle(el);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(root(el).activeElement).toBe(button(el));
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(environment).toHaveBeenCalledTimes(2);
    expect(root(el).activeElement).toBe(button(el));
    runs[1]!.resolve(report());
    await settle(el);
    await userEvent.keyboard(' ');
    await settle(el);
    expect(environment).toHaveBeenCalledTimes(3);
  });
});

describe('<env-check> in Chromium against the mock', () => {
  it('runs the real computer check: secure context, WebCrypto, storage, the clock against the mock, cookies, browser, locks and the worker pass', async () => {
    const { center } = await setup();
    const el = await mount<EnvCheck>(html`<env-check .center=${center}></env-check>`);
    await expect.poll(() => list(el) !== null && !summary(el).classList.contains('busy'), { timeout: 30_000 }).toBe(true);
    for (const id of ['secure-context', 'webcrypto-rsa', 'webcrypto-ecdsa', 'pbkdf2', 'indexeddb', 'clock-skew', 'cookies', 'browser', 'web-locks', 'workers'] as const) {
      expect(text(item(el, id).querySelector('[part~="status"]')), id).toBe(zh.status.pass);
    }
    expect([zh.allPassed, zh.attention(1)]).toContain(text(summary(el)));
    await expectAccessible(el);
    await snapWhole('env-check-real-zh', el);
    await page.viewport(1280, 900);
  });
});

describe('<env-check> every state', () => {
  type Step = (runs: ReturnType<typeof stubCenter>['runs'], el: EnvCheck) => void;
  const states: [string, Step[]][] = [
    ['checking', []],
    ['passed', [(runs) => runs[0]!.resolve(report())]],
    ['attention', [(runs) => runs[0]!.resolve(report({ 'persistent-storage': { status: 'warn', advice: 'allow-storage' }, 'clock-skew': { status: 'skip' } }))]],
    [
      'failed',
      [
        (runs) =>
          runs[0]!.resolve(
            report({
              'secure-context': { status: 'fail', advice: 'use-https' },
              'clock-skew': { status: 'warn', advice: 'fix-clock', measured: 95_000 },
              cookies: { status: 'fail', advice: 'enable-cookies' },
              'web-locks': { status: 'skip' },
            }),
          ),
      ],
    ],
    ['rechecking', [(runs) => runs[0]!.resolve(report({ workers: { status: 'warn', advice: 'contact-support' } })), (_runs, el) => void el.rerun()]],
    ['error', [(runs) => runs[0]!.reject(new CertCenterError('NETWORK', 'x'))]],
  ];

  it.each(['zh-Hant', 'en'] as const)('%s: every state passes axe, at 1280 and 375 px', async (locale) => {
    for (const [name, steps] of states) {
      const { el, runs } = await mountStub(locale);
      for (const step of steps) {
        step(runs, el);
        await settle(el);
      }
      await expectAccessible(el);
      const tag = locale === 'en' ? 'en' : 'zh';
      await snapWhole(`env-check-${name}-${tag}`, el);
      await snapWhole(`env-check-${name}-${tag}-375`, el, 375);
      el.parentElement!.remove();
    }
  });
});
