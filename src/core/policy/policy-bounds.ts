/**
 * Bounds of the server's certificate policy (`GET /certificates` → `policy`). A policy outside
 * them is a broken or hostile server: the client refuses it as `SERVER` rather than let, say,
 * `renewBeforeDays: 1e9` turn every stored certificate into a date out of range.
 */

/** The most days any policy field counts: ten years. */
export const maxPolicyDays = 3650;
/** The most revocations a policy counts (per year, or left). */
export const maxPolicyCount = 1000;

/** Whether `value` is a whole number of days within the policy bounds (0–3,650). */
export function isPolicyDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxPolicyDays;
}
