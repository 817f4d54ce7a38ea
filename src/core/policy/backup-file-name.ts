/** The longest backup file name accepted, before `.pfx` is added. */
export const backupFileNameMaxLength = 200;

/** Why a backup file name was refused, for the UI to name in zh-Hant or English. */
export type BackupFileNameReason = 'empty' | 'invalid-characters' | 'too-long';

export type BackupFileNameCheck = { ok: true; fileName: string } | { ok: false; reason: BackupFileNameReason };

// Characters that Windows, macOS or Linux refuse in a file name, and control characters.
const forbidden = /[\\/:*?"<>|\u0000-\u001f\u007f]/u;

/**
 * Checks a backup file name (SPEC rule 6: any Chinese or English name is allowed) and gives the
 * name the file is saved under: trimmed, with `.pfx` added unless it ends in `.pfx` or `.p12`.
 * Refused: an empty name, characters no file system allows (`\ / : * ? " < > |`, control
 * characters), and names longer than {@link backupFileNameMaxLength}.
 * @example checkBackupFileName('王小明的憑證') // { ok: true, fileName: '王小明的憑證.pfx' }
 */
export function checkBackupFileName(name: string): BackupFileNameCheck {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (forbidden.test(trimmed)) return { ok: false, reason: 'invalid-characters' };
  if (trimmed.length > backupFileNameMaxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, fileName: /\.(pfx|p12)$/i.test(trimmed) ? trimmed : `${trimmed}.pfx` };
}
