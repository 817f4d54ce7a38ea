// The typed catalogue every element reads its words from: one module per locale
// (locales/zh-hant.ts, locales/en.ts). Parameterised texts are functions. The manual's labels and
// short messages are the zh-Hant text (SPEC.md, "Wording"); longer notes are our own words.
import type { AdviceCode, CertCenterErrorCode, CheckStatus, EnvironmentCheckId } from '../../core';

/** The locales the elements speak. */
export type Locale = 'zh-Hant' | 'en';

/** What an error message may use besides its code. */
export interface ErrorDetails {
  /** OTP_INVALID: wrong entries left before the code locks. */
  attemptsLeft?: number;
  /** RATE_LIMITED, SERVER: seconds to wait, from `Retry-After`. */
  retryAfterSeconds?: number;
}

/** A customer's message for one error code, with what to do next. */
export type ErrorText = string | ((details: ErrorDetails) => string);

/** The sections of 操作說明, named as the pages of `<cert-center>` are. */
export const helpSectionIds = ['overview', 'renew', 'import', 'export', 'check', 'revoke', 'environment'] as const;
export type HelpSectionId = (typeof helpSectionIds)[number];

/** One section of 操作說明: its title, what it is for, the steps, and notes. */
export interface HelpSection {
  title: string;
  intro: string;
  steps: string[];
  notes: string[];
}

export interface Translation {
  /** The locale's BCP 47 tag, for `lang` attributes and `Intl`. */
  $lang: string;
  common: {
    ok: string; // 確定
    cancel: string; // 取消
    confirm: string; // 確認
    close: string;
    retry: string;
    loading: string;
    /** The title of the in-page dialogs that stand in for the manual's browser pop-ups (網頁訊息). */
    dialogTitle: string;
    /** Heading of the manual's notes (【注意事項】). */
    notes: string;
    /** Heading of the manual's important notes (《重要說明》). */
    importantNotes: string;
    idNumber: string; // 身分證字號/統編
    serialNumber: string; // 憑證序號
    format: string; // 憑證格式
    usage: string; // 憑證用途
    validity: string; // 憑證效期
    status: string; // 憑證狀態
    renewalWindow: string; // 可更新區間
    action: string; // 您要進行
    device: string;
    /** A date range as the manual writes it: `2021-10-15 13:53:31 ~ 2021-10-29 23:59:59`. */
    range: (from: string, to: string) => string;
    /** The server's `usage` values. */
    usages: Record<string, string>;
    /** Server certificate statuses (正常 / 需更新 / 已過期 / 已註銷). */
    serverStatus: { valid: string; 'renewal-due': string; expired: string; revoked: string; 'not-yet-valid': string };
    /** Local statuses (有效 / 無效). */
    localStatus: { valid: string; invalid: string };
    /** Why a stored credential is 無效. */
    invalidReason: { expired: string; revoked: string; 'not-yet-valid': string; 'key-mismatch': string; damaged: string };
    /** Device kinds of 其他裝置憑證. */
    deviceKind: { pc: string; mobile: string };
    /** The progress steps of apply and renew (憑證資料下載中). */
    progress: { 'generating-key': string; 'storing-key': string; 'signing-proof': string; 'sending-request': string; 'storing-certificate': string; done: string };
    /** Screen readers: the step of a multi-step flow. */
    stepOf: (step: number, total: number) => string;
  };
  /** One message per CertCenterErrorCode: what happened, and what to do next. */
  errors: Record<CertCenterErrorCode, ErrorText> & { unknown: string };
  /** The one-time-code step (憑證認證碼) of apply, renew and revoke. */
  otp: {
    heading: string; // 憑證認證碼
    intro: string;
    request: string; // 取得認證碼
    requestAgain: string;
    inputLabel: string; // 輸入認證碼
    submit: string; // 確認
    /** 「已將認證碼傳送至行動電話：0966****06；E-mail：c*****n@i.com，請輸入認證碼進行認證。」 */
    sent: (channels: { sms?: string; email?: string }) => string;
    /** The visible countdown: 「59秒」. */
    seconds: (n: number) => string;
    /** The polite announcement of the countdown (at most every 10 s). */
    secondsLeft: (n: number) => string;
    expired: string;
    locked: string;
    wrongCode: (attemptsLeft: number) => string;
    incomplete: (codeLength: number) => string;
    verified: string; // 認證成功
    notesList: string[];
  };
  apply: { heading: string };
  export: { heading: string };
  import: { heading: string };
  check: { heading: string };
  overview: { heading: string };
  renew: { heading: string };
  revoke: { heading: string };
  /** 電腦檢測 (`<env-check>`). */
  environment: {
    heading: string; // 電腦檢測
    intro: string;
    rerun: string; // 重新檢測
    /** The summary while the check runs (announced politely). */
    checking: string;
    /** The summary when nothing needs the customer. */
    allPassed: string;
    /** The summary when some items warn and none fails. */
    attention: (count: number) => string;
    /** The summary when items fail: the center cannot work here until they are fixed. */
    failed: (failed: number, attention: number) => string;
    /** The summary when the check itself could not run. */
    notRun: string;
    /** When the check ran. */
    checkedAt: (time: string) => string;
    /** The accessible name of the list of checks. */
    listLabel: string;
    /** Each status in words (shown beside its icon: never colour alone). */
    status: Record<CheckStatus, string>;
    /** Each check: its name, and what it means for the customer. */
    checks: Record<EnvironmentCheckId, { name: string; about: string }>;
    /** The label before what to do. */
    whatToDo: string;
    /** What to do, per advice code of the report. */
    advice: Record<AdviceCode, string>;
    /** What to do when a warning or failure came without an advice code. */
    noAdvice: string;
    /** Why an item was not checked. */
    skipped: string;
    /** The clock check's measure: this computer ahead of or behind the server. */
    clockAhead: (seconds: number) => string;
    clockBehind: (seconds: number) => string;
    /** The browser check's measure. */
    browserVersion: (version: number) => string;
  };
  /** 公告 (`<cert-announcements>`). */
  announcements: {
    heading: string; // 公告
    /** No announcement to show. */
    empty: string;
    /** The mark of a `warning` announcement (shown as text, not colour alone). */
    important: string;
    /** When it was published, in the customer's time zone. */
    published: (time: string) => string;
  };
  /** 操作說明 (`<cert-help>`): the manual's steps in our own words, one section per menu item. */
  help: {
    heading: string; // 操作說明
    intro: string;
    /** The heading of the table of contents. */
    contents: string;
    /** The link at the end of each section back to the contents. */
    backToContents: string;
    /** The heading of a section's notes. */
    notes: string;
    sections: Record<HelpSectionId, HelpSection>;
  };
  center: { heading: string };
}
