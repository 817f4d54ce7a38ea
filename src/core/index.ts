// The core's public surface: framework-agnostic, for browsers, Node ≥ 22 and workers.
// What is not exported here is internal (the API client's shape checks, the PKCS#12 ciphers,
// the store's record validation): use the functions below.

// Errors
export { CertCenterError, isCertCenterError, isCertCenterErrorCode, contractErrorCodes, clientErrorCodes } from './errors';

// Lifecycle
export { createCertCenter } from './lifecycle/cert-center';

// Crypto: createCsr, CMS and PKCS#12 load their code on the first call (lazy-crypto.ts), so
// that a page that only shows the elements fetches none of it.
export { generateKeyPair, keyAlgorithms } from './crypto/key-pair';
export { parseCertificate } from './crypto/certificate';
export { verifyCertificateChain, maxChainLength } from './crypto/certificate-chain';
export { createCsr, exportPkcs12, importPkcs12, signCms, verifyCms } from './lazy-crypto';
export { defaultPkcs12Iterations, maxPkcs12Bytes, maxPkcs12Iterations, maxPkcs12Work } from './crypto/pkcs12-limits';

// Policy (SPEC rules)
export { certificateStatus, isUsableStatus } from './policy/certificate-status';
export { renewalWindow, renewalState, isRenewalOpen } from './policy/renewal-window';
export { checkBackupPassword, assertBackupPassword, backupPasswordMinLength, backupPasswordMaxLength } from './policy/backup-password';
export { checkBackupFileName, backupFileNameMaxLength } from './policy/backup-file-name';
export { maskIdNumber, maskPhone, maskEmail } from './policy/masking';
export { isValidIdNumber, idNumberKind } from './policy/id-number';

// REST client and computer check
export { createApiClient, defaultBaseUrl } from './api/api-client';
export { checkEnvironment, environmentCheckIds, adviceCodes, parseBrowser } from './env';

// Store
export { createMemoryStore, createIndexedDbStore, observeStore, createStoreChannel, withLock } from './store';

export type {
  CertCenterErrorCode,
  ContractErrorCode,
  ClientErrorCode,
  CertCenterErrorOptions,
  Problem,
} from './errors';
export type {
  CertCenter,
  CertCenterOptions,
  CertCenterEventMap,
  ApplyParams,
  RenewParams,
  RevokeParams,
  ExportBackupParams,
  SignOptions,
  StorageReport,
} from './lifecycle/cert-center';
export type {
  LocalCredential,
  InvalidReason,
  Overview,
  CheckRow,
  OtpSent,
  ProgressStep,
  ProgressEventDetail,
  BackupFile,
} from './lifecycle/types';
export type { KeyAlgorithmName, GenerateKeyPairOptions } from './crypto/key-pair';
export type { CsrSubject, CreateCsrParams } from './crypto/csr';
export type { CertificateInfo, CertificateInput } from './crypto/certificate';
export type { VerifyChainParams, ChainVerification, ChainProblem } from './crypto/certificate-chain';
export type { BytesLike } from './crypto/bytes';
export type { ExportPkcs12Params } from './crypto/pkcs12/pkcs12-export';
export type { ImportPkcs12Options, ImportedPkcs12 } from './crypto/pkcs12/pkcs12-import';
export type { CmsSigner, SignCmsOptions, VerifyCmsOptions, CmsVerification } from './crypto/cms';
export type { CertStatus, CertificateStatusParams } from './policy/certificate-status';
export type { RenewalWindow, RenewalWindowParams, RenewalState, RenewalStateParams } from './policy/renewal-window';
export type { BackupPasswordCheck, BackupPasswordReason } from './policy/backup-password';
export type { BackupFileNameCheck, BackupFileNameReason } from './policy/backup-file-name';
export type { MaskIdNumberOptions } from './policy/masking';
export type { IdNumberKind } from './policy/id-number';
export type { ApiClient, ApiClientOptions, CallOptions, PostOptions, RetryOptions } from './api/api-client';
export type {
  ServerCertificate,
  CertificateDetail,
  CertificatePolicy,
  CertificatesResponse,
  CertificateStatusResponse,
  Profile,
  OtpPurpose,
  OtpChannel,
  OtpChallenge,
  OtpVerification,
  Consent,
  ApplyRequest,
  RenewalRequest,
  RevocationRequest,
  RevocationReason,
  RevocationResult,
  Announcement,
  AnnouncementsResponse,
  ProblemDetails,
  ErrorCode,
  Device,
  DeviceKind,
} from './api/contract-types';
export type {
  EnvironmentReport,
  EnvironmentCheck,
  EnvironmentCheckId,
  CheckStatus,
  AdviceCode,
  CheckEnvironmentOptions,
  BrowserInfo,
} from './env';
export type {
  CertStore,
  StoredCredential,
  PendingEnrollment,
  CredentialOrigin,
  EnrollmentKind,
  CompleteEnrollmentOptions,
  PersistResult,
  StorageEstimateResult,
  IndexedDbStoreOptions,
  LockOptions,
  StoreChangedMessage,
  StoreChannel,
} from './store';
