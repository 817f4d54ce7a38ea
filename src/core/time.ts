/**
 * Whether `value` is a valid `Date`, from this realm or another (an iframe's, a worker's):
 * `instanceof Date` is false for another realm's dates.
 */
export function isValidDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]' && !Number.isNaN(Date.prototype.getTime.call(value));
}
