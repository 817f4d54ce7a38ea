import { CertCenterError } from '../errors';
import { isValidDate } from '../time';

/** One day in milliseconds. Policy days are fixed 24-hour periods, not calendar days. */
export const dayMs = 86_400_000;

/** SPEC rule 3: the renewal window opens 30 days before the end of validity… */
export const defaultRenewBeforeDays = 30;
/** …and closes 30 days after it. */
export const defaultRenewAfterDays = 30;

/** The time of `value` in ms; `INVALID_ARGUMENT` for anything but a valid `Date`. */
export function timeOf(value: unknown, name: string, operation: string): number {
  const time = isValidDate(value) ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new CertCenterError('INVALID_ARGUMENT', `${operation}: ${name} must be a valid Date`);
  return time;
}

/** A day count in ms; `fallback` when undefined, `INVALID_ARGUMENT` unless finite and ≥ 0. */
export function daysMs(value: unknown, fallback: number, name: string, operation: string): number {
  const days = value === undefined ? fallback : value;
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: ${name} must be a finite number of days ≥ 0`);
  }
  return days * dayMs;
}

/** `INVALID_ARGUMENT` unless `params` is an object (JavaScript callers may pass anything). */
export function requireParams(params: unknown, operation: string): void {
  if (typeof params !== 'object' || params === null) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: expected a params object`);
  }
}
