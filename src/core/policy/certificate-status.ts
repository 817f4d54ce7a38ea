import { CertCenterError } from '../errors';
import { daysMs, defaultRenewBeforeDays, requireParams, timeOf } from './time-arguments';

/** The status of a certificate at one instant (ARCHITECTURE.md, contract rules). */
export type CertStatus = 'valid' | 'renewal-due' | 'expired' | 'revoked' | 'not-yet-valid';

export interface CertificateStatusParams {
  notBefore: Date;
  notAfter: Date;
  /** Revoked per the server. Wins over every other status. */
  revoked?: boolean;
  /** The instant to judge at; always given, never read from a clock here. */
  now: Date;
  /** Days before `notAfter` from which renewal is due. Default 30 (SPEC rule 3). */
  renewBeforeDays?: number;
}

/**
 * The status of a certificate at `now`. Boundaries (all inclusive where a certificate is still
 * usable, because X.509 validity runs "from notBefore through notAfter, inclusive",
 * RFC 5280 §4.1.2.5):
 * - `revoked` whenever `revoked` is true, at any instant;
 * - `not-yet-valid` while `now < notBefore` (at `notBefore` it is usable);
 * - `expired` once `now > notAfter` (at `notAfter` itself it is still usable);
 * - `renewal-due` for `renewFrom ≤ now ≤ notAfter`, `renewFrom = notAfter − renewBeforeDays × 24 h`;
 * - `valid` for `notBefore ≤ now < renewFrom`.
 * When the window starts before `notBefore` (very short validity), a usable certificate is
 * `renewal-due` from `notBefore` on. Invalid dates or day counts are `INVALID_ARGUMENT`;
 * `notAfter` before `notBefore` too.
 * @example certificateStatus({ notBefore, notAfter, now: new Date() }) // 'valid'
 */
export function certificateStatus(params: CertificateStatusParams): CertStatus {
  const operation = 'certificateStatus';
  requireParams(params, operation);
  const notBefore = timeOf(params.notBefore, 'notBefore', operation);
  const notAfter = timeOf(params.notAfter, 'notAfter', operation);
  const now = timeOf(params.now, 'now', operation);
  const before = daysMs(params.renewBeforeDays, defaultRenewBeforeDays, 'renewBeforeDays', operation);
  if (notAfter < notBefore) throw new CertCenterError('INVALID_ARGUMENT', `${operation}: notAfter is before notBefore`);
  if (params.revoked === true) return 'revoked';
  if (now < notBefore) return 'not-yet-valid';
  if (now > notAfter) return 'expired';
  if (now >= notAfter - before) return 'renewal-due';
  return 'valid';
}

/** Whether a status means the certificate can sign now (`valid` or `renewal-due`). */
export function isUsableStatus(status: CertStatus): boolean {
  return status === 'valid' || status === 'renewal-due';
}
