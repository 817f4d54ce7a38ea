import { describeError } from './environment-scope';
import type { CheckStatus } from './environment-report';
import type { CheckOutcome } from './run-check';
import { isValidDate } from '../time';

/** Beyond ±1 minute the 60-second one-time code may look expired on arrival: a warning. */
export const clockSkewWarnMs = 60_000;
/** Beyond ±5 minutes validity checks and signing times go wrong: a failure. */
export const clockSkewFailMs = 300_000;

/**
 * Judges a clock skew in milliseconds: `pass` up to ±1 minute inclusive, `warn` up to ±5
 * minutes inclusive, `fail` beyond. The HTTP `Date` header has one-second resolution, so
 * exact boundaries matter less than being stable: the limits themselves still pass / warn.
 */
export function judgeClockSkew(skewMs: number): CheckStatus {
  const size = Math.abs(skewMs);
  if (!Number.isFinite(size)) return 'fail';
  if (size > clockSkewFailMs) return 'fail';
  if (size > clockSkewWarnMs) return 'warn';
  return 'pass';
}

/**
 * Compares this computer's clock with the server's (its HTTP `Date` header, fetched by the
 * caller). The local time is taken half-way through the call, so a slow answer does not count
 * as skew. `measured` is local minus server: positive when this computer is ahead.
 */
export async function checkClockSkew(
  serverTime: (() => Promise<Date | undefined>) | undefined,
  now: () => Date,
): Promise<CheckOutcome> {
  if (!serverTime) return { status: 'skip', detail: 'no server time source given' };
  const before = now().getTime();
  let server: Date | undefined;
  try {
    server = await serverTime();
  } catch (error) {
    return { status: 'fail', detail: `could not read the server time: ${describeError(error)}`, advice: 'check-network' };
  }
  const after = now().getTime();
  if (server === undefined) return { status: 'skip', detail: 'no server time (cross-origin answers must list Date in Access-Control-Expose-Headers)' };
  if (!isValidDate(server)) {
    return { status: 'fail', detail: 'the server time is not a valid date', advice: 'check-network' };
  }
  if (Number.isNaN(before) || Number.isNaN(after)) return { status: 'fail', detail: 'the local clock gave an invalid date', advice: 'fix-clock' };
  const measured = Math.round((before + after) / 2 - server.getTime());
  const status = judgeClockSkew(measured);
  const seconds = Math.round(measured / 1000);
  const text = `this computer is ${Math.abs(seconds)} s ${measured >= 0 ? 'ahead of' : 'behind'} the server`;
  return status === 'pass' ? { status, detail: text, measured } : { status, detail: text, advice: 'fix-clock', measured };
}
