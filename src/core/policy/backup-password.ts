import { CertCenterError } from '../errors';

/** SPEC rule 6: the backup (.pfx) password is 4–10 characters… */
export const backupPasswordMinLength = 4;
export const backupPasswordMaxLength = 10;

/** Why a backup password was refused, for the UI to name in zh-Hant or English. */
export type BackupPasswordReason = 'empty' | 'invalid-characters' | 'too-short' | 'too-long' | 'mismatch';

export type BackupPasswordCheck = { ok: true } | { ok: false; reason: BackupPasswordReason };

// …of ASCII letters and digits only (英文、數字皆可). Full-width forms, spaces, symbols and
// any non-ASCII character are out: Windows and older OpenSSL encode PFX passwords differently
// outside ASCII, and a backup must open on every computer the user moves it to.
const allowedCharacter = /^[A-Za-z0-9]$/;

/**
 * Checks a backup password against SPEC rule 6, and the confirmation when given. The first
 * failing reason wins, in the order a user fixes them: `empty`, `invalid-characters`,
 * `too-short`, `too-long`, then `mismatch` (only once the password itself is acceptable).
 * Length counts characters (code points), though only ASCII ever reaches the length check.
 * @example checkBackupPassword('abc123', 'abc123') // { ok: true }
 */
export function checkBackupPassword(password: string, confirm?: string): BackupPasswordCheck {
  if (password === undefined || password === null || password === '') return { ok: false, reason: 'empty' };
  if (typeof password !== 'string') return { ok: false, reason: 'invalid-characters' };
  const characters = Array.from(password);
  if (!characters.every((character) => allowedCharacter.test(character))) {
    return { ok: false, reason: 'invalid-characters' };
  }
  if (characters.length < backupPasswordMinLength) return { ok: false, reason: 'too-short' };
  if (characters.length > backupPasswordMaxLength) return { ok: false, reason: 'too-long' };
  if (confirm !== undefined && confirm !== password) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}

const reasonText: Record<BackupPasswordReason, string> = {
  empty: 'it is empty',
  'invalid-characters': 'only ASCII letters and digits are allowed',
  'too-short': `it has fewer than ${backupPasswordMinLength} characters`,
  'too-long': `it has more than ${backupPasswordMaxLength} characters`,
  mismatch: 'the confirmation does not match',
};

/**
 * Throws `PASSWORD_POLICY` when {@link checkBackupPassword} refuses. The message names the
 * reason (as its last word, after a colon) and never contains the password.
 */
export function assertBackupPassword(password: string, confirm?: string): void {
  const result = checkBackupPassword(password, confirm);
  if (!result.ok) {
    throw new CertCenterError(
      'PASSWORD_POLICY',
      `Backup password refused (SPEC rule 6: 4–10 ASCII letters or digits), ${reasonText[result.reason]}: ${result.reason}`,
    );
  }
}
