// Every word in both locales: the catalogues have the same shape, every error code has a
// message a customer understands, and parameterised messages say the wait and the tries left.
import { describe, expect, it } from 'vitest';
import { CertCenterError, clientErrorCodes, contractErrorCodes } from '../../../src/core/index.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { errorMessage, formatDateTime, toLocale } from '../../../src/components/shared/localize.ts';
import type { Translation } from '../../../src/components/shared/translation.ts';

const codes = [...contractErrorCodes, ...clientErrorCodes];
const locales: [string, Translation][] = [['zh-Hant', zhHant], ['en', en]];

/** Every leaf's path and kind, so the two catalogues can be compared. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}:function`];
  if (Array.isArray(value)) return [`${path}:array`];
  if (value && typeof value === 'object') return Object.keys(value).sort().flatMap((k) => shape((value as Record<string, unknown>)[k], `${path}.${k}`));
  return [`${path}:${typeof value}`];
}

describe('catalogues', () => {
  it('zh-Hant and English have the same keys, each of the same kind', () => {
    expect(shape(en)).toEqual(shape(zhHant));
  });

  it.each(locales)('%s has no empty text', (_name, t) => {
    const empty: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (typeof value === 'string' && value.trim() === '') empty.push(path);
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(t, '');
    expect(empty).toEqual([]);
  });

  it('uses the manual’s words for the one-time code in zh-Hant', () => {
    expect(zhHant.otp.request).toBe('取得認證碼');
    expect(zhHant.otp.inputLabel).toBe('輸入認證碼');
    expect(zhHant.otp.seconds(59)).toBe('59秒');
    expect(zhHant.otp.sent({ sms: '0966****06', email: 'c*****n@i.com' })).toBe(
      '已將認證碼傳送至行動電話：0966****06；E-mail：c*****n@i.com，請輸入認證碼進行認證。',
    );
    expect(zhHant.otp.sent({ sms: '0966****06' })).toBe('已將認證碼傳送至行動電話：0966****06，請輸入認證碼進行認證。');
  });
});

describe('error messages', () => {
  it.each(locales)('%s has a message for every CertCenterErrorCode', (_name, t) => {
    const missing = codes.filter((code) => {
      const text = (t.errors as Record<string, unknown>)[code];
      const said = typeof text === 'function' ? (text as (d: object) => string)({}) : text;
      return typeof said !== 'string' || said.trim() === '' || said === t.errors.unknown;
    });
    expect(missing).toEqual([]);
  });

  it.each(locales)('%s: errorMessage gives the code’s own message, never the general one', (_name, t) => {
    for (const code of codes) expect(errorMessage(new CertCenterError(code, 'x'), t)).not.toBe(t.errors.unknown);
  });

  it.each(locales)('%s: RATE_LIMITED says how long to wait', (_name, t) => {
    const error = new CertCenterError('RATE_LIMITED', 'x', { status: 429, problem: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } });
    expect(errorMessage(error, t)).toContain('42');
    const long = new CertCenterError('RATE_LIMITED', 'x', { status: 429, problem: { code: 'RATE_LIMITED', retryAfterSeconds: 1800 } });
    expect(errorMessage(long, t)).toContain('30');
  });

  it.each(locales)('%s: OTP_INVALID says how many tries remain', (_name, t) => {
    const error = new CertCenterError('OTP_INVALID', 'x', { status: 422, problem: { code: 'OTP_INVALID', attemptsLeft: 2 } });
    expect(errorMessage(error, t)).toContain('2');
  });

  it.each(locales)('%s: anything that is not a CertCenterError gets the general message', (_name, t) => {
    expect(errorMessage(new Error('boom'), t)).toBe(t.errors.unknown);
    expect(errorMessage('boom', t)).toBe(t.errors.unknown);
  });

  it('ignores problem fields that are not counts', () => {
    const error = new CertCenterError('OTP_INVALID', 'x', { problem: { attemptsLeft: -1 } });
    expect(errorMessage(error, en)).toBe('That code is not right. Please enter it again.');
  });
});

describe('locales and dates', () => {
  it('reads BCP 47 tags', () => {
    expect([toLocale('en'), toLocale('en-US'), toLocale('zh-Hant'), toLocale('zh-TW'), toLocale('fr'), toLocale(null)]).toEqual([
      'en',
      'en',
      'zh-Hant',
      'zh-Hant',
      undefined,
      undefined,
    ]);
  });

  it('writes dates as the manual does, in a given time zone', () => {
    expect(formatDateTime(new Date('2021-10-15T05:53:31Z'), 'Asia/Taipei')).toBe('2021-10-15 13:53:31');
    expect(formatDateTime('2021-10-29T15:59:59Z', 'Asia/Taipei')).toBe('2021-10-29 23:59:59');
    expect(formatDateTime('2021-10-29T16:00:00Z', 'Asia/Taipei')).toBe('2021-10-30 00:00:00');
    expect(formatDateTime('not a date')).toBe('');
  });
});
