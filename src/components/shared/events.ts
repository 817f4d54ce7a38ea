// One class per event: `bubbles` and `composed`, so a host page hears them through the shadow
// roots; completion events are in the past tense. `cert-error` always carries a CertCenterError.
import type { CertCenterError, LocalCredential } from '../../core';

/** A certificate was issued and stored in this browser (申請成功). */
export class CertAppliedEvent extends Event {
  constructor(readonly detail: { credential: LocalCredential }) {
    super('cert-applied', { bubbles: true, composed: true });
  }
}

/** A renewed certificate was issued and stored; the previous one is revoked on the server (更新成功). */
export class CertRenewedEvent extends Event {
  constructor(readonly detail: { credential: LocalCredential; previousSerialNumber: string }) {
    super('cert-renewed', { bubbles: true, composed: true });
  }
}

/** A certificate was revoked on the server (註銷成功). */
export class CertRevokedEvent extends Event {
  constructor(readonly detail: { serialNumber: string; revocationsLeft: number }) {
    super('cert-revoked', { bubbles: true, composed: true });
  }
}

/** A backup file was written (匯出). */
export class CertExportedEvent extends Event {
  constructor(readonly detail: { serialNumber: string; fileName: string }) {
    super('cert-exported', { bubbles: true, composed: true });
  }
}

/** A backup file was imported into this browser (匯入成功). */
export class CertImportedEvent extends Event {
  constructor(readonly detail: { credential: LocalCredential }) {
    super('cert-imported', { bubbles: true, composed: true });
  }
}

/** A stored credential was removed from this browser (移除). */
export class CertRemovedEvent extends Event {
  constructor(readonly detail: { serialNumber: string }) {
    super('cert-removed', { bubbles: true, composed: true });
  }
}

/** Something failed; fired also for errors the element shows to the customer. */
export class CertErrorEvent extends Event {
  constructor(readonly detail: { error: CertCenterError }) {
    super('cert-error', { bubbles: true, composed: true });
  }
}

/** Every digit of the one-time code is in. */
export class OtpCompleteEvent extends Event {
  constructor(readonly detail: { code: string }) {
    super('otp-complete', { bubbles: true, composed: true });
  }
}

/** The one-time code was verified: `otpToken` authorises one apply, renewal or revocation until `expiresAt` (認證成功). */
export class CertOtpVerifiedEvent extends Event {
  constructor(readonly detail: { otpToken: string; expiresAt: Date }) {
    super('cert-otp-verified', { bubbles: true, composed: true });
  }
}

/** The pages of the center, as `<cert-center page="…">` names them. */
export type CertPage = 'overview' | 'apply' | 'renew' | 'import' | 'export' | 'check' | 'revoke' | 'environment' | 'help' | 'announcements';

/**
 * A table's action asks for another screen (匯出, 匯入, 申請, 更新). Cancelable: a host that
 * routes itself calls `preventDefault()`, and the element then does not open the screen in place.
 */
export class CertNavigateEvent extends Event {
  constructor(readonly detail: { page: CertPage; serialNumber?: string }) {
    super('cert-navigate', { bubbles: true, composed: true, cancelable: true });
  }
}

/** The customer chose 登出; the host logs out. */
export class CertLogoutEvent extends Event {
  constructor() {
    super('cert-logout', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cert-applied': CertAppliedEvent;
    'cert-renewed': CertRenewedEvent;
    'cert-revoked': CertRevokedEvent;
    'cert-exported': CertExportedEvent;
    'cert-imported': CertImportedEvent;
    'cert-removed': CertRemovedEvent;
    'cert-error': CertErrorEvent;
    'otp-complete': OtpCompleteEvent;
    'cert-otp-verified': CertOtpVerifiedEvent;
    'cert-navigate': CertNavigateEvent;
    'cert-logout': CertLogoutEvent;
  }
}

/** A `<cert-dialog>` closed: by one of its buttons (`close`) or by Escape (`cancel`). */
export class CertDialogCloseEvent extends Event {
  constructor(readonly detail: { reason: 'close' | 'cancel' }) {
    super('cert-dialog-close', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cert-dialog-close': CertDialogCloseEvent;
  }
}
