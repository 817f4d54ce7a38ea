/** The checks of the computer check (電腦檢測), in the order the report lists them. */
export const environmentCheckIds = [
  'secure-context',
  'webcrypto-rsa',
  'webcrypto-ecdsa',
  'pbkdf2',
  'indexeddb',
  'persistent-storage',
  'clock-skew',
  'cookies',
  'browser',
  'web-locks',
  'workers',
] as const;

export type EnvironmentCheckId = (typeof environmentCheckIds)[number];

/**
 * `pass` works; `warn` works with a risk the user should fix; `fail` breaks the center here;
 * `skip` could not or need not be checked (Node, a worker, no server time given).
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/**
 * What the user should do, as a closed set of codes the elements map to zh-Hant / English text.
 * - `use-https`: open the page over HTTPS (WebCrypto needs a secure context).
 * - `update-browser`: update or change the browser.
 * - `allow-storage`: allow the site to keep data (persistent storage, site data settings).
 * - `free-storage`: free disk space; the browser refused to store.
 * - `leave-private-mode`: private / incognito windows lose the certificate when closed.
 * - `fix-clock`: set the computer's date, time and time zone automatically.
 * - `enable-cookies`: allow cookies for the site (the session uses them).
 * - `check-network`: the server could not be reached; try again.
 * - `contact-support`: nothing the user can change (e.g. the page's security policy).
 */
export const adviceCodes = [
  'use-https',
  'update-browser',
  'allow-storage',
  'free-storage',
  'leave-private-mode',
  'fix-clock',
  'enable-cookies',
  'check-network',
  'contact-support',
] as const;

/** One of {@link adviceCodes}: what the user should do. */
export type AdviceCode = (typeof adviceCodes)[number];

/**
 * One line of the report. `measured` holds the check's number: milliseconds taken for
 * `webcrypto-*`, `pbkdf2` and `indexeddb`; the skew in milliseconds (positive: this computer is
 * ahead of the server) for `clock-skew`; the major version for `browser`.
 */
export interface EnvironmentCheck {
  id: EnvironmentCheckId;
  status: CheckStatus;
  /** English, for developers and logs. */
  detail?: string;
  advice?: AdviceCode;
  measured?: number;
}

/** The computer check's result: one item per check, in {@link environmentCheckIds} order. */
export interface EnvironmentReport {
  /** True when no item failed (warnings and skips allowed). */
  ok: boolean;
  items: EnvironmentCheck[];
  /** When the check ran, by the `now` clock. */
  checkedAt: Date;
}
