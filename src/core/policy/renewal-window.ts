import { CertCenterError } from '../errors';
import {
  dayMs,
  daysMs,
  defaultRenewAfterDays,
  defaultRenewBeforeDays,
  requireParams,
  timeOf,
} from './time-arguments';

export interface RenewalWindowParams {
  /** The end of validity of the certificate to renew. */
  notAfter: Date;
  /** Days before `notAfter` the window opens. Default 30 (SPEC rule 3). */
  renewBeforeDays?: number;
  /** Days after `notAfter` the window closes. Default 30 (SPEC rule 3). */
  renewAfterDays?: number;
}

/** The renewal window (可更新區間); both ends inclusive, as the manual prints them (`from ~ until`). */
export interface RenewalWindow {
  from: Date;
  until: Date;
}

export interface RenewalStateParams extends RenewalWindowParams {
  /** Revoked per the server: a revoked certificate can never be renewed. */
  revoked?: boolean;
  /** Start of validity; when given, the window stays shut until the certificate is usable. */
  notBefore?: Date;
  /** The instant to judge at. */
  now: Date;
}

/**
 * Where `now` stands against the window. Day counts are whole 24-hour periods rounded up, so
 * any part of a day counts as one ("3 days left" until the last 72 hours end); `daysLeft` is
 * 0 only at the closing instant itself.
 */
export type RenewalState =
  | { state: 'not-yet'; from: Date; until: Date; daysUntilOpen: number }
  | { state: 'open'; from: Date; until: Date; daysLeft: number }
  | { state: 'closed'; from: Date; until: Date; reason: 'revoked' | 'passed' };

/**
 * The renewal window of a certificate: from `renewBeforeDays` before to `renewAfterDays` after
 * `notAfter` (SPEC rule 3; the manual's example: valid until 2022-03-30 23:59:59 → window
 * 2022-02-28 23:59:59 ~ 2022-04-29 23:59:59). Days are exact 24-hour periods.
 * @example renewalWindow({ notAfter: new Date('2022-03-30T15:59:59Z') }).from // 2022-02-28T15:59:59Z
 */
export function renewalWindow(params: RenewalWindowParams): RenewalWindow {
  const operation = 'renewalWindow';
  requireParams(params, operation);
  const notAfter = timeOf(params.notAfter, 'notAfter', operation);
  const before = daysMs(params.renewBeforeDays, defaultRenewBeforeDays, 'renewBeforeDays', operation);
  const after = daysMs(params.renewAfterDays, defaultRenewAfterDays, 'renewAfterDays', operation);
  const from = new Date(notAfter - before);
  const until = new Date(notAfter + after);
  if (Number.isNaN(from.getTime()) || Number.isNaN(until.getTime())) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: the window falls outside the range of dates`);
  }
  return { from, until };
}

/**
 * The renewal state at `now`, for the UI's 更新 button and its hint: `not-yet` before `from`
 * (or before `notBefore` when given), `open` for `from ≤ now ≤ until`, `closed` after `until`
 * or whenever revoked (revoked wins, as in the contract).
 */
export function renewalState(params: RenewalStateParams): RenewalState {
  const operation = 'renewalState';
  requireParams(params, operation);
  const { from, until } = renewalWindow(params);
  const now = timeOf(params.now, 'now', operation);
  if (params.revoked === true) return { state: 'closed', from, until, reason: 'revoked' };
  if (now > until.getTime()) return { state: 'closed', from, until, reason: 'passed' };
  const opens = Math.max(from.getTime(), params.notBefore === undefined ? -Infinity : timeOf(params.notBefore, 'notBefore', operation));
  if (now < opens) return { state: 'not-yet', from, until, daysUntilOpen: Math.ceil((opens - now) / dayMs) };
  return { state: 'open', from, until, daysLeft: Math.ceil((until.getTime() - now) / dayMs) };
}

/** Whether a certificate may be renewed at `now` (SPEC rule 3): inside the window and not revoked. */
export function isRenewalOpen(params: RenewalStateParams): boolean {
  return renewalState(params).state === 'open';
}
