import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isRenewalOpen, renewalState, renewalWindow } from '../../../src/core/policy/renewal-window';

const day = 86_400_000;
const notAfter = new Date('2022-03-30T23:59:59+08:00');
const from = new Date('2022-02-28T23:59:59+08:00');
const until = new Date('2022-04-29T23:59:59+08:00');
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe('renewalWindow', () => {
  it('runs from 30 days before to 30 days after notAfter, exactly as the manual prints (SPEC rule 3)', () => {
    expect(renewalWindow({ notAfter })).toEqual({ from, until });
    // The manual's other rows: valid until 2021-10-29 23:59:59 → 2021-09-29 23:59:59 ~ 2021-11-28 23:59:59.
    expect(renewalWindow({ notAfter: new Date('2021-10-29T23:59:59+08:00') })).toEqual({
      from: new Date('2021-09-29T23:59:59+08:00'),
      until: new Date('2021-11-28T23:59:59+08:00'),
    });
  });

  it('takes the server policy days instead of the defaults', () => {
    expect(renewalWindow({ notAfter, renewBeforeDays: 1, renewAfterDays: 0 })).toEqual({ from: ms(notAfter, -day), until: notAfter });
  });

  it('refuses invalid dates and negative day counts with INVALID_ARGUMENT', () => {
    expect(() => renewalWindow({ notAfter: new Date('nope') })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => renewalWindow({ notAfter, renewAfterDays: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => renewalWindow(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => renewalWindow({ notAfter, renewAfterDays: 1e9 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('renewalState and isRenewalOpen', () => {
  it('is not-yet 1 ms before from and open at from itself (inclusive)', () => {
    expect(renewalState({ notAfter, now: ms(from, -1) })).toEqual({ state: 'not-yet', from, until, daysUntilOpen: 1 });
    expect(renewalState({ notAfter, now: from })).toEqual({ state: 'open', from, until, daysLeft: 60 });
    expect(isRenewalOpen({ notAfter, now: ms(from, -1) })).toBe(false);
    expect(isRenewalOpen({ notAfter, now: from })).toBe(true);
  });

  it('is open at until itself (inclusive, 0 days left) and closed as passed 1 ms after', () => {
    expect(renewalState({ notAfter, now: until })).toEqual({ state: 'open', from, until, daysLeft: 0 });
    expect(renewalState({ notAfter, now: ms(until, 1) })).toEqual({ state: 'closed', from, until, reason: 'passed' });
    expect(isRenewalOpen({ notAfter, now: ms(until, 1) })).toBe(false);
  });

  it('stays open after expiry until the window closes (contract: renewal open until renewUntil)', () => {
    expect(isRenewalOpen({ notAfter, now: ms(notAfter, 1) })).toBe(true);
  });

  it('counts days as 24-hour periods rounded up', () => {
    expect(renewalState({ notAfter, now: ms(until, -1) })).toMatchObject({ state: 'open', daysLeft: 1 });
    expect(renewalState({ notAfter, now: ms(until, -day) })).toMatchObject({ state: 'open', daysLeft: 1 });
    expect(renewalState({ notAfter, now: ms(until, -day - 1) })).toMatchObject({ state: 'open', daysLeft: 2 });
    expect(renewalState({ notAfter, now: ms(from, -day - 1) })).toMatchObject({ state: 'not-yet', daysUntilOpen: 2 });
  });

  it('is closed as revoked whenever revoked, even inside the window', () => {
    expect(renewalState({ notAfter, now: notAfter, revoked: true })).toEqual({ state: 'closed', from, until, reason: 'revoked' });
    expect(isRenewalOpen({ notAfter, now: from, revoked: true })).toBe(false);
  });

  it('stays not-yet before notBefore when given, opening exactly at notBefore', () => {
    const notBefore = ms(notAfter, -14 * day); // validity shorter than the window
    expect(renewalState({ notAfter, notBefore, now: ms(notBefore, -1) })).toMatchObject({ state: 'not-yet', daysUntilOpen: 1 });
    expect(renewalState({ notAfter, notBefore, now: notBefore })).toMatchObject({ state: 'open' });
  });

  it('is open exactly when from ≤ now ≤ until and not revoked (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: -100 * day, max: 100 * day }),
        fc.nat(90), fc.nat(90), fc.boolean(),
        (end, offset, before, after, revoked) => {
          const now = end + offset;
          const open = isRenewalOpen({ notAfter: new Date(end), now: new Date(now), renewBeforeDays: before, renewAfterDays: after, revoked });
          expect(open).toBe(!revoked && now >= end - before * day && now <= end + after * day);
        }),
      { numRuns: 2000 },
    );
  });
});
