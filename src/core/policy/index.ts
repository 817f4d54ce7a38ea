// The pure rules of SPEC.md: status at a time, renewal window, backup password, masking and
// ID numbers. Internal barrel; the public surface is chosen in src/core/index.ts.
export { certificateStatus, isUsableStatus } from './certificate-status';
export { renewalWindow, renewalState, isRenewalOpen } from './renewal-window';
export {
  checkBackupPassword,
  assertBackupPassword,
  backupPasswordMinLength,
  backupPasswordMaxLength,
} from './backup-password';
export { checkBackupFileName, backupFileNameMaxLength } from './backup-file-name';
export { maskIdNumber, maskPhone, maskEmail, maskCharacter } from './masking';
export { idNumberKind, isValidIdNumber } from './id-number';
export { dayMs, defaultRenewBeforeDays, defaultRenewAfterDays } from './time-arguments';

export type { CertStatus, CertificateStatusParams } from './certificate-status';
export type { RenewalWindow, RenewalWindowParams, RenewalState, RenewalStateParams } from './renewal-window';
export type { BackupPasswordCheck, BackupPasswordReason } from './backup-password';
export type { BackupFileNameCheck, BackupFileNameReason } from './backup-file-name';
export type { MaskIdNumberOptions } from './masking';
export type { IdNumberKind } from './id-number';
