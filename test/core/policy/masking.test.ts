import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskEmail, maskIdNumber, maskPhone } from '../../../src/core/policy/masking';

const revealed = (masked: string) => Array.from(masked).filter((character) => character !== '*').length;

describe('maskIdNumber (SPEC rule 7)', () => {
  it('keeps the first 4 characters and masks the rest: A123456789 → A123******, as A103****** in the manual', () => {
    expect(maskIdNumber('A123456789')).toBe('A123******');
    expect(maskIdNumber('A103456789')).toBe('A103******');
  });

  it('gives the revoke screen form J22023**** with visible: 6', () => {
    expect(maskIdNumber('J220234567', { visible: 6 })).toBe('J22023****');
  });

  it('masks an 8-digit 統編 to its first 4 digits', () => {
    expect(maskIdNumber('22099131')).toBe('2209****');
  });

  it('always hides at least 4 characters, and everything when there are 4 or fewer', () => {
    expect(maskIdNumber('A1234')).toBe('A****');
    expect(maskIdNumber('A123')).toBe('****');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('A123456789', { visible: 99 })).toBe('A12345****');
  });

  it('gives an already masked ID number back unchanged', () => {
    expect(maskIdNumber('A103******')).toBe('A103******');
  });

  it('never reveals more than 4 characters, nor leaves fewer than 4 hidden, and keeps the length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 16 }).filter((s) => s === s.trim() && !s.includes('*')), (value) => {
        const masked = maskIdNumber(value);
        const length = Array.from(value).length;
        expect(Array.from(masked)).toHaveLength(length);
        expect(revealed(masked)).toBeLessThanOrEqual(Math.min(4, Math.max(0, length - 4)));
        expect(value.startsWith(masked.replace(/\*+$/, ''))).toBe(true);
        expect(maskIdNumber(masked)).toBe(masked);
      }),
    );
  });
});

describe('maskPhone (SPEC rule 5)', () => {
  it('keeps the first 4 and the last 2 digits: 0966123406 → 0966****06', () => {
    expect(maskPhone('0966123406')).toBe('0966****06');
  });

  it('drops spaces, hyphens, dots and parentheses before masking', () => {
    expect(maskPhone('0966-123-406')).toBe('0966****06');
    expect(maskPhone(' (0966) 123.406 ')).toBe('0966****06');
  });

  it('gives up leading digits first on short numbers so that 4 stay hidden', () => {
    expect(maskPhone('27123456')).toBe('27****56');
    expect(maskPhone('123456')).toBe('****56');
    expect(maskPhone('12345')).toBe('****5');
    expect(maskPhone('1234')).toBe('****');
  });

  it('gives an already masked number back unchanged', () => {
    expect(maskPhone('0966****06')).toBe('0966****06');
  });

  it('reveals at most the first 4 and last 2 digits and hides at least 4 (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{0,15}$/), (value) => {
        const masked = maskPhone(value);
        expect(masked).toHaveLength(value.length);
        expect(revealed(masked)).toBeLessThanOrEqual(Math.min(6, Math.max(0, value.length - 4)));
        expect(masked.length - revealed(masked)).toBeGreaterThanOrEqual(Math.min(4, value.length));
        expect(maskPhone(masked)).toBe(masked);
      }),
    );
  });
});

describe('maskEmail (SPEC rule 5)', () => {
  it('keeps the first and last character of the local part with exactly five * between: c*****n@i.com', () => {
    expect(maskEmail('chen@i.com')).toBe('c*****n@i.com');
    expect(maskEmail('christian.chen@i.com')).toBe('c*****n@i.com');
  });

  it('keeps only the first character of 2–3 character local parts, none of a 1-character one', () => {
    expect(maskEmail('ab@x.tw')).toBe('a*****@x.tw');
    expect(maskEmail('abc@x.tw')).toBe('a*****@x.tw');
    expect(maskEmail('a@x.tw')).toBe('*****@x.tw');
  });

  it('masks at the last @ and treats input without @ as a local part', () => {
    expect(maskEmail('"a@b"@x.tw')).toBe('"*****"@x.tw');
    expect(maskEmail('chen')).toBe('c*****n');
  });

  it('gives an already masked address back unchanged', () => {
    expect(maskEmail('c*****n@i.com')).toBe('c*****n@i.com');
    expect(maskEmail('c*****@i.com')).toBe('c*****@i.com');
    expect(maskEmail('*****n@i.com')).toBe('*****n@i.com');
    expect(maskEmail('*****@i.com')).toBe('*****@i.com');
  });

  it('shows five * for a local part another masking shortened or lengthened', () => {
    expect(maskEmail('c***n@i.com')).toBe('c*****n@i.com');
    expect(maskEmail('c********n@i.com')).toBe('c*****n@i.com');
  });

  it('never keeps a * of the input as a visible character: *a@a.aa → *****@a.aa', () => {
    expect(maskEmail('*a@a.aa')).toBe('*****@a.aa');
    expect(maskEmail('abc*@x.tw')).toBe('a*****@x.tw');
    expect(maskEmail('*bcd*@x.tw')).toBe('*****@x.tw');
    expect(maskEmail('*bcd@x.tw')).toBe('*****d@x.tw');
  });

  it('never reveals more than 2 characters of the local part nor its length (property)', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const at = email.lastIndexOf('@');
        const masked = maskEmail(email);
        const maskedLocal = masked.slice(0, masked.lastIndexOf('@'));
        expect(masked.slice(masked.lastIndexOf('@'))).toBe(email.slice(at));
        expect(maskedLocal).toContain('*****');
        expect(revealed(maskedLocal)).toBeLessThanOrEqual(2);
        expect(maskedLocal.length).toBeLessThanOrEqual(7);
        expect(maskEmail(masked)).toBe(masked);
      }),
    );
  });

  it('gives one of the forms *****, a*****, *****z, a*****z before the domain, whatever the text, and masking it again changes nothing (property)', () => {
    const character = fc.constantFrom('*', '@', 'a', 'Z', '0', '.', '"', ' ', '陳', '😀');
    const anyText = fc.oneof(fc.string({ maxLength: 24 }), fc.array(character, { maxLength: 12 }).map((cs) => cs.join('')));
    fc.assert(
      fc.property(anyText, (value) => {
        const masked = maskEmail(value);
        const at = masked.lastIndexOf('@');
        const local = at < 0 ? masked : masked.slice(0, at);
        if (local !== '') expect(local).toMatch(/^[^*]?\*{5}[^*]?$/u);
        expect(maskEmail(masked)).toBe(masked);
      }),
    );
  });
});
