import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assertBackupPassword, checkBackupPassword } from '../../../src/core/policy/backup-password';
import { isCertCenterError } from '../../../src/core/errors';

const oracle = /^[A-Za-z0-9]{4,10}$/; // SPEC rule 6, written once more as a regular expression

describe('checkBackupPassword (SPEC rule 6: 4–10 ASCII letters or digits)', () => {
  it('accepts 4 and 10 characters, letters and digits of both cases', () => {
    for (const password of ['abcd', 'A1b2', '0000', 'ABCDEFGHIJ', 'a1B2c3D4e5']) {
      expect(checkBackupPassword(password)).toEqual({ ok: true });
    }
  });

  it('refuses 3 characters as too-short and 11 as too-long', () => {
    expect(checkBackupPassword('abc')).toEqual({ ok: false, reason: 'too-short' });
    expect(checkBackupPassword('abcdefghijk')).toEqual({ ok: false, reason: 'too-long' });
  });

  it('refuses the empty password as empty', () => {
    expect(checkBackupPassword('')).toEqual({ ok: false, reason: 'empty' });
    expect(checkBackupPassword(undefined as never)).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses full-width letters and digits, spaces, symbols, emoji and Chinese as invalid-characters', () => {
    for (const password of ['ａｂｃｄ', '１２３４', 'ab cd', ' abcd', 'abcd ', 'ab-cd', 'abc!', 'abc😀', '密碼1234', 'café', 'abc\u0000', 'ab\tcd', 'İabc']) {
      expect(checkBackupPassword(password)).toEqual({ ok: false, reason: 'invalid-characters' });
    }
    expect(checkBackupPassword(12345 as never)).toEqual({ ok: false, reason: 'invalid-characters' });
  });

  it('names invalid-characters before a length problem, since the user must change characters anyway', () => {
    expect(checkBackupPassword('a!')).toEqual({ ok: false, reason: 'invalid-characters' });
    expect(checkBackupPassword('密碼密碼密碼密碼密碼密碼')).toEqual({ ok: false, reason: 'invalid-characters' });
  });

  it('refuses a different confirmation as mismatch, only once the password itself is acceptable', () => {
    expect(checkBackupPassword('abcd1234', 'abcd1234')).toEqual({ ok: true });
    expect(checkBackupPassword('abcd1234', 'ABCD1234')).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkBackupPassword('abcd1234', '')).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkBackupPassword('abc', 'abd')).toEqual({ ok: false, reason: 'too-short' });
  });

  it('agrees with the regular-expression oracle on any string (property)', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'abcXYZ019 !-_ａ１密😀é'.split(/(?:)/u)), maxLength: 14 });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ maxLength: 14 }), fc.string({ unit: 'binary', maxLength: 14 })), (password) => {
        expect(checkBackupPassword(password).ok).toBe(oracle.test(password));
      }),
      { numRuns: 5000 },
    );
  });

  it('is ok with a confirmation exactly when the password passes and the confirmation is equal (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), (password, confirm) => {
        expect(checkBackupPassword(password, confirm).ok).toBe(oracle.test(password) && password === confirm);
        expect(checkBackupPassword(password, password).ok).toBe(oracle.test(password));
      }),
    );
  });
});

describe('assertBackupPassword', () => {
  it('throws PASSWORD_POLICY naming the reason and never the password', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['', undefined, 'empty'],
      ['Secret 1', undefined, 'invalid-characters'],
      ['Sec', undefined, 'too-short'],
      ['Secret12345', undefined, 'too-long'],
      ['Secret1', 'Secret2', 'mismatch'],
    ];
    for (const [password, confirm, reason] of cases) {
      let caught: unknown;
      try {
        assertBackupPassword(password, confirm);
      } catch (error) {
        caught = error;
      }
      expect(isCertCenterError(caught)).toBe(true);
      expect(caught).toMatchObject({ code: 'PASSWORD_POLICY' });
      const message = (caught as Error).message;
      expect(message.endsWith(`: ${reason}`)).toBe(true);
      if (password) expect(message).not.toContain(password);
      if (confirm) expect(message).not.toContain(confirm);
    }
  });

  it('returns quietly for an acceptable password and confirmation', () => {
    expect(() => assertBackupPassword('Secret12', 'Secret12')).not.toThrow();
  });
});
