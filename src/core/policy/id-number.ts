/**
 * Taiwanese ID numbers (SPEC rule 2: one PC certificate per 身分證字號 or company 統編), checked
 * with their official check digits. Pure string functions: the input must already be
 * normalised (upper-case letters, no spaces); anything else is simply not valid.
 */
import { maskCharacter } from './masking';

/** What kind of ID number a string is. */
export type IdNumberKind = 'national-id' | 'resident-id' | 'business-id';

// The area letters' two-digit codes (Ministry of the Interior). Not alphabetical: I, O, W, X,
// Y, Z were added later and got the codes after 29.
const letterCodes: Readonly<Record<string, number>> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

const nationalId = /^[A-Z][12]\d{8}$/;
// Resident certificates (居留證): the 2021 format is a letter, 8 or 9, then 8 digits; the old
// format (issued until 2020, valid into the 2030s) is two letters, the second A–D, then 8 digits.
const residentIdNew = /^[A-Z][89]\d{8}$/;
const residentIdOld = /^[A-Z][A-D]\d{8}$/;
const businessId = /^\d{8}$/;

/**
 * The kind of a valid ID number, or `undefined` when it is none (wrong shape or check digit).
 * @example idNumberKind('A123456789') // 'national-id'
 */
export function idNumberKind(value: string): IdNumberKind | undefined {
  if (typeof value !== 'string') return undefined;
  if (nationalId.test(value)) return personalChecksumOk(value, Number(value[1])) ? 'national-id' : undefined;
  if (residentIdNew.test(value)) return personalChecksumOk(value, Number(value[1])) ? 'resident-id' : undefined;
  // Old resident format: the second letter counts with the last digit of its code (A → 0, B → 1, …).
  if (residentIdOld.test(value)) return personalChecksumOk(value, letterCodes[value[1]!]! % 10) ? 'resident-id' : undefined;
  if (businessId.test(value)) return businessChecksumOk(value) ? 'business-id' : undefined;
  return undefined;
}

/**
 * Whether `value` is a valid 身分證字號, resident certificate number (both formats) or 統編.
 * @example isValidIdNumber('A123456789') // true
 */
export function isValidIdNumber(value: string): boolean {
  return idNumberKind(value) !== undefined;
}

// Letter code as two digits weighted 1 and 9, then the nine digits weighted 8…1 and 1
// (the last is the check digit); valid when the sum is a multiple of 10.
function personalChecksumOk(value: string, secondDigit: number): boolean {
  const code = letterCodes[value[0]!]!;
  const digits = [secondDigit, ...Array.from(value.slice(2), Number)];
  const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  digits.forEach((digit, index) => {
    sum += digit * weights[index]!;
  });
  return sum % 10 === 0;
}

// 統編: weights 1,2,1,2,1,2,4,1; each product's digits summed. Valid when the total is a
// multiple of 5 (Ministry of Finance rule since 2023, widened from 10 as numbers ran out; every
// older number still passes). When the 7th digit is 7, its product 28 → 10 may count as 1 or 0.
function businessChecksumOk(value: string): boolean {
  const weights = [1, 2, 1, 2, 1, 2, 4, 1];
  let sum = 0;
  Array.from(value, Number).forEach((digit, index) => {
    const product = digit * weights[index]!;
    sum += Math.floor(product / 10) + (product % 10);
  });
  // For a 7th digit of 7, `sum` counted 28 as 2 + 8 = 10; the alternatives are 1 and 0.
  if (value[6] === '7') return (sum - 9) % 5 === 0 || (sum - 10) % 5 === 0;
  return sum % 5 === 0;
}

/**
 * Whether `masked` — an ID number as the server shows it, e.g. `A103******` — is `idNumber`
 * masked the same way: the same length, every character the mask shows equal to the ID's at
 * that place, and no mask character in the ID itself. The issued certificate's CN is checked
 * with it against the customer's profile.
 * @example idNumberMatchesMask('A103200003', 'A103******') // true
 */
export function idNumberMatchesMask(idNumber: string, masked: string): boolean {
  if (typeof idNumber !== 'string' || typeof masked !== 'string') return false;
  const id = Array.from(idNumber);
  const mask = Array.from(masked);
  if (id.length === 0 || id.length !== mask.length) return false;
  return id.every((c, i) => c !== maskCharacter && (mask[i] === maskCharacter || mask[i] === c));
}
