/**
 * Masking of personal data on screen (SPEC rules 5 and 7). Every rule keeps at least four
 * characters hidden (or all of them, for shorter input), so a mask never shows more than the
 * manual's examples do. Masking an already masked value gives it back unchanged, because the
 * server sends profile data masked and the UI may mask again.
 */

/** The mask character. */
export const maskCharacter = '*';

const emailStars = maskCharacter.repeat(5);
const minHidden = 4;

export interface MaskIdNumberOptions {
  /** Leading characters left visible. Default 4 (`A103******`); the revoke screen's `J22023****` is 6. */
  visible?: number;
}

/**
 * Masks an ID number (身分證字號, resident certificate number or 統編), SPEC rule 7: the first
 * four characters stay, the rest become `*` (`A123456789` → `A123******`, `22099131` →
 * `2209****`). The manual shows both `A103******` and `J22023****`; four visible is the
 * stricter of the two and the default, `{ visible: 6 }` gives the other. At least four
 * characters are always hidden, whatever `visible` says.
 * @example maskIdNumber('A123456789') // 'A123******'
 */
export function maskIdNumber(idNumber: string, options: MaskIdNumberOptions = {}): string {
  const value = Array.from(text(idNumber));
  const visible = wholeNumber(options?.visible, 4);
  const head = Math.min(visible, Math.max(0, value.length - minHidden));
  return value.slice(0, head).join('') + maskCharacter.repeat(value.length - head);
}

/**
 * Masks a phone number, SPEC rule 5: the first four and the last two digits stay
 * (`0966123406` → `0966****06`). Spaces, hyphens, dots and parentheses are dropped first
 * (`0966-123-406` masks like `0966123406`). Shorter numbers give up the leading digits first,
 * then the trailing ones, so that four characters stay hidden.
 * @example maskPhone('0966123406') // '0966****06'
 */
export function maskPhone(phone: string): string {
  const value = Array.from(text(phone).replace(/[\s\-.()]/g, ''));
  const head = Math.min(4, Math.max(0, value.length - minHidden - 2));
  const tail = Math.min(2, Math.max(0, value.length - minHidden - head));
  const hidden = maskCharacter.repeat(value.length - head - tail);
  return value.slice(0, head).join('') + hidden + value.slice(value.length - tail).join('');
}

/**
 * Masks an e-mail address, SPEC rule 5 (`c*****n@i.com`): the first and last characters of
 * the local part stay and everything between becomes exactly five `*`, whatever its length,
 * so the mask does not tell the name's length; the domain stays, so the user can recognise
 * the mailbox. Local parts of two or three characters keep only the first; one character
 * keeps none. Without an `@` the whole input is treated as a local part.
 *
 * A `*` in the local part counts as a character already hidden: where the first or last
 * character to keep is a `*`, nothing is kept in its place (`*a@a.aa` → `*****@a.aa`,
 * `abc*@x.tw` → `a*****@x.tw`). So the result always has one of the forms `*****`, `a*****`,
 * `*****z`, `a*****z` before the domain, and masking it again gives it back unchanged: the
 * server's masked profile data (`c*****n@i.com`) passes through as it came, and data masked
 * with another count of `*` (`c***n@i.com`) is shown with five (`c*****n@i.com`).
 * @example maskEmail('chen@i.com') // 'c*****n@i.com'
 */
export function maskEmail(email: string): string {
  const value = text(email);
  const at = value.lastIndexOf('@');
  const local = Array.from(at < 0 ? value : value.slice(0, at));
  const domain = at < 0 ? '' : value.slice(at);
  if (local.length === 0) return domain;
  const kept = (character: string | undefined) => (character === maskCharacter ? '' : character);
  const first = local.length >= 2 ? kept(local[0]) : '';
  const last = local.length >= 4 ? kept(local[local.length - 1]) : '';
  return `${first}${emailStars}${last}${domain}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function wholeNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}
