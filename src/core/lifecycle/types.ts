import type { CertificateInfo } from '../crypto/certificate';
import type { CertStatus } from '../policy/certificate-status';
import type { CredentialOrigin } from '../store/cert-store';
import type {
  CertificatePolicy,
  ServerCertificate,
  OtpChannel,
  OtpPurpose,
} from '../api/contract-types';

/** Why a stored credential cannot sign (SPEC, 檢查憑證). */
/** `damaged`: the stored record cannot be read (the check page still offers to remove it). */
export type InvalidReason = 'expired' | 'revoked' | 'not-yet-valid' | 'key-mismatch' | 'damaged';

/** A certificate with its private key as this browser holds it, judged at a time. */
export interface LocalCredential {
  serialNumber: string;
  /** The full ID number (the certificate's CN); the elements mask it for display. */
  idNumber: string;
  certificate: CertificateInfo;
  chain: CertificateInfo[];
  /** 有效 / 無效 */
  status: 'valid' | 'invalid';
  reason?: InvalidReason;
  /** The certificate's status at the time of judging (revoked when the server said so). */
  certificateStatus: CertStatus;
  /** 可更新區間 */
  renewFrom: Date;
  renewUntil: Date;
  /** Whether the renewal window is open now and the credential can be renewed here. */
  renewable: boolean;
  /** Whether the private key can go into a backup (it was stored as exportable). */
  exportable: boolean;
  origin: CredentialOrigin;
  storedAt: Date;
  friendlyName?: string;
  /** 憑證格式 (`EC+`) and 憑證用途 (`e-trading`): the server's record of this serial, when known. */
  format?: string;
  usage?: string;
}

/** The three tables of 憑證查詢及申請. */
export interface Overview {
  /** This customer's PC certificates on the server (本公司主機端). */
  server: ServerCertificate[];
  /** What this browser stores (檢核此台電腦匯入的憑證狀況). */
  local: LocalCredential[];
  /** The same ID's certificates on other devices (其他裝置憑證), read-only. */
  otherDevices: ServerCertificate[];
  policy: CertificatePolicy;
  /** What the customer may do next on the server table. */
  canApply: boolean;
}

/** One row of 檢查憑證. */
export interface CheckRow {
  serialNumber: string | null;
  status: 'valid' | 'invalid' | 'none';
  reason?: InvalidReason;
  action: 'export' | 'remove' | 'import';
  credential?: LocalCredential;
}

/** A one-time code was sent (where, for how long). */
export interface OtpSent {
  otpId: string;
  purpose: OtpPurpose;
  expiresAt: Date;
  ttlSeconds: number;
  codeLength: number;
  channels: OtpChannel[];
}

/** The steps of the 5–20 s wait of apply and renew, in order. */
export type ProgressStep =
  | 'generating-key'
  | 'storing-key'
  | 'signing-proof'
  | 'sending-request'
  | 'storing-certificate'
  | 'done';

export interface ProgressEventDetail {
  operation: 'apply' | 'renew' | 'resume';
  step: ProgressStep;
}

export interface BackupFile {
  fileName: string;
  bytes: Uint8Array;
}
