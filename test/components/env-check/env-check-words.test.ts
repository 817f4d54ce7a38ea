// 電腦檢測's words: every check id and every advice code of the core's report has its text in
// both locales, so no item of the computer check is ever shown without one.
import { describe, expect, it } from 'vitest';
import { adviceCodes, environmentCheckIds } from '../../../src/core/index.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import type { Translation } from '../../../src/components/shared/translation.ts';

const locales: [string, Translation][] = [['zh-Hant', zhHant], ['en', en]];
const said = (value: unknown) => typeof value === 'string' && value.trim() !== '';

describe.each(locales)('%s: the computer check', (_name, t) => {
  it('names every check of the report and says what it means', () => {
    const missing = environmentCheckIds.filter((id) => !said(t.environment.checks[id]?.name) || !said(t.environment.checks[id]?.about));
    expect(missing).toEqual([]);
    expect(Object.keys(t.environment.checks).sort()).toEqual([...environmentCheckIds].sort());
  });

  it('says what to do for every advice code', () => {
    expect(adviceCodes.filter((code) => !said(t.environment.advice[code]))).toEqual([]);
    expect(Object.keys(t.environment.advice).sort()).toEqual([...adviceCodes].sort());
  });

  it('has a word for every status, each different', () => {
    const words = (['pass', 'warn', 'fail', 'skip'] as const).map((status) => t.environment.status[status]);
    expect(words.every(said)).toBe(true);
    expect(new Set(words).size).toBe(4);
  });

  it('counts in its summaries', () => {
    expect(t.environment.attention(3)).toContain('3');
    expect(t.environment.failed(2, 0)).toContain('2');
    expect(t.environment.failed(2, 5)).toContain('5');
    expect(t.environment.clockAhead(90)).toContain('90');
    expect(t.environment.clockBehind(75)).toContain('75');
  });
});

describe('zh-Hant: the manual’s words', () => {
  it('uses 電腦檢測 and 重新檢測', () => {
    expect(zhHant.environment.heading).toBe('電腦檢測');
    expect(zhHant.environment.rerun).toBe('重新檢測');
  });
});
