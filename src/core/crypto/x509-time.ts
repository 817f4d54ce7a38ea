// X.509 and CMS times: UTCTime for 1950–2049, GeneralizedTime outside that window
// (RFC 5280 §4.1.2.5, RFC 5652 §11.3). Read strictly, so a hostile string fails with a TypeError.

import { type Asn1Node, Tag, tlv } from './der';
import { isValidDate } from '../time';

const utcTime = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/;
// DER allows fractional seconds without trailing zeros (X.690 §11.7); RFC 5280 forbids them in
// certificates, but CMS signing times from other writers may carry them.
const generalizedTime = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d*[1-9]))?Z$/;

/** The instant of a UTCTime or GeneralizedTime node. */
export function readTime(node: Asn1Node | undefined, what: string): Date {
  if (!node || node.cls !== 0 || node.constructed || (node.tag !== Tag.UTC_TIME && node.tag !== Tag.GENERALIZED_TIME)) {
    throw new TypeError(`expected ${what} (UTCTime or GeneralizedTime)`);
  }
  if (node.value.length > 32) throw new TypeError(`${what}: time too long`);
  const text = String.fromCharCode(...node.value);
  const m = (node.tag === Tag.UTC_TIME ? utcTime : generalizedTime).exec(text);
  if (!m) throw new TypeError(`${what}: malformed time ${JSON.stringify(text)}`);
  let year = Number(m[1]);
  // RFC 5280 §4.1.2.5.1: YY ≥ 50 is 19YY, YY < 50 is 20YY.
  if (node.tag === Tag.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = m.slice(2, 7).map(Number) as [number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw new TypeError(`${what}: no such date ${JSON.stringify(text)}`);
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date;
}

/** A DER Time for `date` (whole seconds): UTCTime inside 1950–2049, else GeneralizedTime. */
export function writeTime(date: Date): Uint8Array<ArrayBuffer> {
  const time = isValidDate(date) ? date.getTime() : Number.NaN;
  if (!Number.isFinite(time)) throw new TypeError('writeTime: not a valid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new TypeError('writeTime: year outside 0000–9999');
  const two = (n: number) => String(n).padStart(2, '0');
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  const utc = year >= 1950 && year <= 2049;
  const text = utc ? `${two(year % 100)}${rest}` : `${String(year).padStart(4, '0')}${rest}`;
  return tlv(utc ? 0x17 : 0x18, Uint8Array.from(text, (c) => c.charCodeAt(0)));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
