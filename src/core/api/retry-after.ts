/**
 * The wait a `Retry-After` header asks for, in milliseconds (RFC 9110 §10.2.3): either
 * delay-seconds or an HTTP-date, measured from `now`. `undefined` when absent or unreadable;
 * a date in the past is no wait at all.
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Every HTTP-date form starts with the day's name; Date.parse alone takes "-5" for a year.
  if (!/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
