import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backupFileNameMaxLength, checkBackupFileName } from '../../../src/core/policy/backup-file-name';

describe('checkBackupFileName (SPEC rule 6: any Chinese or English file name)', () => {
  it('takes Chinese and English names and adds .pfx unless the name ends in .pfx or .p12', () => {
    expect(checkBackupFileName('王小明的憑證')).toEqual({ ok: true, fileName: '王小明的憑證.pfx' });
    expect(checkBackupFileName('A123456789_cert.pfx')).toEqual({ ok: true, fileName: 'A123456789_cert.pfx' });
    expect(checkBackupFileName('backup 2026.P12')).toEqual({ ok: true, fileName: 'backup 2026.P12' });
    expect(checkBackupFileName('my.cert')).toEqual({ ok: true, fileName: 'my.cert.pfx' });
    expect(checkBackupFileName('  spaced  ')).toEqual({ ok: true, fileName: 'spaced.pfx' });
  });

  it('refuses an empty or blank name as empty', () => {
    for (const name of ['', '   ', '\t', undefined as never]) expect(checkBackupFileName(name)).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses every character a file system cannot hold as invalid-characters', () => {
    for (const c of ['\\', '/', ':', '*', '?', '"', '<', '>', '|', '\u0000', '\u001f', '\u007f']) {
      expect(checkBackupFileName(`a${c}b`)).toEqual({ ok: false, reason: 'invalid-characters' });
    }
    expect(checkBackupFileName('../secret')).toEqual({ ok: false, reason: 'invalid-characters' });
  });

  it(`refuses names longer than ${backupFileNameMaxLength} characters as too-long`, () => {
    expect(checkBackupFileName('a'.repeat(backupFileNameMaxLength)).ok).toBe(true);
    expect(checkBackupFileName('a'.repeat(backupFileNameMaxLength + 1))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('gives every accepted name a .pfx or .p12 ending and no forbidden character, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 240 }), (name) => {
        const checked = checkBackupFileName(name);
        if (!checked.ok) return;
        expect(checked.fileName).toMatch(/\.(pfx|p12)$/i);
        expect(checked.fileName).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u007f]/);
        expect(checked.fileName.startsWith(name.trim())).toBe(true);
      }),
    );
  });
});
