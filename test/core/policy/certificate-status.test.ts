import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { certificateStatus, isUsableStatus, type CertStatus } from '../../../src/core/policy/certificate-status';

// The manual's revoke screen: 2022-03-16 16:20:32 ~ 2022-03-30 23:59:59 (Taipei time).
const notBefore = new Date('2022-03-16T16:20:32+08:00');
const notAfter = new Date('2022-03-30T23:59:59+08:00');
const renewFrom = new Date('2022-02-28T23:59:59+08:00'); // notAfter − 30 days, as the manual prints it
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);
const status = (now: Date, extra: { revoked?: boolean; renewBeforeDays?: number } = {}) =>
  certificateStatus({ notBefore, notAfter, now, ...extra });

describe('certificateStatus', () => {
  it('is not-yet-valid strictly before notBefore and usable at notBefore itself (inclusive, RFC 5280)', () => {
    const longLived = { notBefore, notAfter: new Date('2023-03-16T00:00:00Z') };
    expect(certificateStatus({ ...longLived, now: ms(notBefore, -1) })).toBe('not-yet-valid');
    expect(certificateStatus({ ...longLived, now: notBefore })).toBe('valid');
  });

  it('is renewal-due from renewFrom = notAfter − 30 days inclusive, valid 1 ms before', () => {
    const longLived = { notBefore: new Date('2021-03-31T00:00:00Z'), notAfter };
    expect(certificateStatus({ ...longLived, now: ms(renewFrom, -1) })).toBe('valid');
    expect(certificateStatus({ ...longLived, now: renewFrom })).toBe('renewal-due');
  });

  it('is renewal-due at notAfter itself (inclusive) and expired 1 ms after', () => {
    expect(status(notAfter)).toBe('renewal-due');
    expect(status(ms(notAfter, 1))).toBe('expired');
  });

  it('is renewal-due from notBefore on when the window opens before validity starts (short certificates)', () => {
    // 14 days of validity, as in the manual: the 30-day window opens before notBefore.
    expect(status(notBefore)).toBe('renewal-due');
    expect(status(ms(notBefore, -1))).toBe('not-yet-valid');
  });

  it('honours renewBeforeDays: 0 means never due before expiry', () => {
    expect(status(ms(notAfter, -1), { renewBeforeDays: 0 })).toBe('valid');
    expect(status(notAfter, { renewBeforeDays: 0 })).toBe('renewal-due');
    expect(status(ms(notAfter, -86_400_000), { renewBeforeDays: 1 })).toBe('renewal-due');
    expect(status(ms(notAfter, -86_400_001), { renewBeforeDays: 1 })).toBe('valid');
  });

  it('is revoked whenever revoked is true: before, during and after validity', () => {
    for (const now of [ms(notBefore, -1), notBefore, renewFrom, notAfter, ms(notAfter, 1)]) {
      expect(status(now, { revoked: true })).toBe('revoked');
    }
  });

  it('refuses invalid dates, notAfter before notBefore and bad day counts with INVALID_ARGUMENT', () => {
    const bad = [
      { notBefore: new Date(Number.NaN), notAfter, now: notAfter },
      { notBefore, notAfter: 'tomorrow' as unknown as Date, now: notAfter },
      { notBefore, notAfter, now: undefined as unknown as Date },
      { notBefore: notAfter, notAfter: notBefore, now: notAfter },
      { notBefore, notAfter, now: notAfter, renewBeforeDays: -1 },
      { notBefore, notAfter, now: notAfter, renewBeforeDays: Number.POSITIVE_INFINITY },
    ];
    for (const params of bad) expect(() => certificateStatus(params)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => certificateStatus(undefined as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('is total and matches the contract at every instant (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 800 * 86_400_000 }), instant, fc.integer({ min: 0, max: 400 }), fc.boolean(),
        (start, length, now, days, revoked) => {
          const params = { notBefore: new Date(start), notAfter: new Date(start + length), now: new Date(now), renewBeforeDays: days, revoked };
          const result = certificateStatus(params);
          const expected: CertStatus = revoked ? 'revoked'
            : now < start ? 'not-yet-valid'
            : now > start + length ? 'expired'
            : now >= start + length - days * 86_400_000 ? 'renewal-due'
            : 'valid';
          expect(result).toBe(expected);
        }),
      { numRuns: 2000 },
    );
  });

  it('returns revoked for revoked certificates at every instant, whatever the dates (property)', () => {
    fc.assert(
      fc.property(instant, fc.nat(800 * 86_400_000), instant, (start, length, now) => {
        expect(certificateStatus({ notBefore: new Date(start), notAfter: new Date(start + length), now: new Date(now), revoked: true })).toBe('revoked');
      }),
    );
  });

  it('calls only valid and renewal-due usable', () => {
    expect((['valid', 'renewal-due', 'expired', 'revoked', 'not-yet-valid'] as const).filter(isUsableStatus)).toEqual(['valid', 'renewal-due']);
  });

  it('accepts dates from another realm (an iframe, a worker, a test double)', () => {
    const foreign = runInNewContext('new Date("2022-03-20T00:00:00Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(certificateStatus({ notBefore, notAfter, now: foreign })).toBe('renewal-due');
    expect(() => certificateStatus({ notBefore, notAfter, now: runInNewContext('new Date(NaN)') as Date })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
