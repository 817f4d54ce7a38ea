// `import 'cert-center-sdk/components'` registers every element of the Certificate Center.
// Each element's own entry (`cert-center-sdk/components/<tag>`) registers it and what it uses.
export * from './shared/index';
export { CertDialog } from './cert-dialog/cert-dialog';
export { OtpInput } from './otp-input/otp-input';
export { CertOtpStep } from './cert-otp-step/cert-otp-step';
export { CertApply } from './cert-apply/cert-apply';
export { CertExport } from './cert-export/cert-export';
export { CertImport } from './cert-import/cert-import';
export { CertCheck } from './cert-check/cert-check';
export { CertOverview } from './cert-overview/cert-overview';
export { EnvCheck } from './env-check/env-check';
export { CertAnnouncements } from './cert-announcements/cert-announcements';
export { CertHelp } from './cert-help/cert-help';
export { CertRenew } from './cert-renew/cert-renew';
export { CertRevoke } from './cert-revoke/cert-revoke';
export { CertCenterElement } from './cert-center/cert-center';
