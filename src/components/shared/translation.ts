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

/** The words of the screens apply and renew share (the wait, a failure, the backup, success). */
export interface EnrollmentWords {
  /** The page heading (憑證申請, 憑證更新). */
  heading: string;
  /** 「憑證資料下載中，請稍候約5~20秒...」 */
  working: string;
  /** The accessible name of the list of progress steps. */
  progressLabel: string;
  /** The heading of the wait once it stopped on a failure. */
  failedHeading: string;
  /** After a lost answer or a server failure: the request is kept and finishes later. */
  kept: string;
  /** The button that goes back to the code after a refusal. */
  startOver: string;
  /** Above the backup step: the certificate is stored, back it up now. */
  backupIntro: string;
  /** Above the backup step, when the enrollment an earlier visit left was finished now. */
  resumed: string;
  successHeading: string;
  /** The last screen's paragraphs (renew: 「您的憑證已更新成功且匯入此台電腦…」 and 「若您之前在其它台電腦有匯入憑證…」). */
  success: string[];
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
    /** The accessible name of the visible countdown. */
    countdownLabel: string;
  };
  apply: {
    heading: string; // 憑證申請
    /** Above the consent form (申請同意書). */
    consentIntro: string;
    /** 「憑證資料下載中，請稍候約5~20秒...」 */
    applying: string;
    /** The accessible name of the list of progress steps. */
    progressLabel: string;
    /** Above the backup step: the certificate is issued, back it up now. */
    backupIntro: string;
    successHeading: string;
    /** 「您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。」 */
    success: string;
    /** While an apply an earlier visit left unfinished is being completed. */
    resuming: string;
    /** An apply an earlier visit left unfinished was completed now. */
    resumed: string;
    /** The heading of the wait once it stopped on a failure. */
    failedHeading: string;
    /** After a lost answer or a server failure: the request is kept and finishes later. */
    kept: string;
    /** 取消 on the consent form: nothing was sent. */
    cancelled: string;
    /** The customer already has a PC certificate: what to do instead. */
    exists: string;
    startOver: string;
  };
  /** 匯出憑證，進行備份 (`<cert-export>`). */
  export: {
    heading: string; // 匯出憑證，進行備份
    /** The page's opening line, on its own. */
    intro: string;
    /** The opening line inside apply and renew, right after the certificate was stored. */
    introEmbedded: string;
    /** The legend of the list of stored credentials to choose from. */
    chooseLegend: string;
    /** One choice of that list. */
    choice: (maskedId: string, serialNumber: string) => string;
    /** Under each choice: its validity (憑證效期). */
    choiceValidity: (range: string) => string;
    /** Nothing stored can be exported, and what to do. */
    none: string;
    certificate: string; // 匯出的憑證：
    /** The credential being exported: masked ID and serial number. */
    certificateValue: (maskedId: string, serialNumber: string) => string;
    fileName: string; // 設定憑證檔名
    fileNameHint: string; // 檔案名稱中、英文皆可
    fileNameErrors: { empty: string; 'invalid-characters': string; 'too-long': string };
    password: string; // 設定匯出密碼
    confirmPassword: string; // 再次確認密碼
    passwordRule: string; // 密碼請設定4~10碼，英文、數字皆可。
    passwordErrors: { empty: string; 'invalid-characters': string; 'too-short': string; 'too-long': string };
    confirmErrors: { empty: string; mismatch: string };
    compatibility: string;
    compatibilityModern: string;
    compatibilityLegacy: string;
    /** One line: when to choose which. */
    compatibilityHint: string;
    /** The two notes under 《重要說明》. */
    importantNotesList: string[];
    /** The online revocation limit, and the advice to back up. */
    revocationAdvice: string;
    submit: string; // 確定匯出
    /** Announced while the backup is being made. */
    working: string;
    /** KEY_MISMATCH here is the stored credential's, not a file's. */
    keyMismatch: string;
    /** The file was written. */
    done: string;
    savedAs: (fileName: string) => string;
  };
  /** 憑證匯入 (`<cert-import>`). */
  import: {
    heading: string; // 憑證匯入
    intro: string;
    file: string;
    fileHint: string;
    dropZone: string;
    chosen: (fileName: string) => string;
    noFile: string;
    password: string;
    passwordHint: string;
    noPassword: string;
    submit: string; // 確定
    working: string;
    success: string; // 匯入成功
    successText: string;
    importAnother: string;
  };
  /** 檢查憑證, and the table 檢核此台電腦匯入的憑證狀況 that 憑證查詢及申請 shows too. */
  check: {
    heading: string; // 檢查憑證
    intro: string;
    caption: string; // 檢核此台電腦匯入的憑證狀況
    export: string; // 匯出
    remove: string; // 移除
    import: string; // 匯入
    /** The accessible name of a row's button: the action and the serial number it acts on. */
    rowAction: (action: string, serialNumber: string) => string;
    /** 「此台電腦瀏覽器，查無您有效憑證」 */
    noneValid: string;
    /** 無效, with why. */
    invalidBecause: (status: string, reason: string) => string;
    /** What a screen reader says for a cell the server's record does not fill (shown as a dash). */
    unknown: string;
    removeConfirm: (serialNumber: string) => string;
    removed: (serialNumber: string) => string;
    /** The server could not be reached. */
    unreachable: string;
    /** Beside a failure of the server: the rows were judged on this computer alone. */
    judgedLocally: string;
    /** Sentences of one notice, as the language writes them one after another. */
    sentences: (sentences: string[]) => string;
    back: string; // 返回
  };
  /** 憑證查詢及申請: the three tables. */
  overview: {
    heading: string; // 憑證查詢及申請
    server: string; // 本公司主機端
    otherDevices: string; // 其他裝置憑證
    /** 「您尚未申請憑證，請點 申請，以進行申請作業。」 */
    noCertificate: string;
    apply: string; // 申請
    renew: string; // 更新
    noOtherDevices: string;
    /** Beside a failure of the server: its tables cannot be shown. */
    serverUnavailable: string;
  };
  center: {
    heading: string; // 憑證中心
    /** The menu's accessible name. */
    menuLabel: string;
    /** The button that opens the collapsed menu on narrow screens. */
    menuButton: string;
    /** The menu items, in the manual's order (renew and apply are reached from the query page). */
    pages: { overview: string; import: string; export: string; check: string; revoke: string; environment: string; help: string; announcements: string; apply: string; renew: string };
    logout: string; // 登出
    /** An interrupted apply or renewal was finished when the center opened. */
    resumed: (serialNumbers: string[]) => string;
    /** The resumption could not finish now; it will be tried again. */
    resumeFailed: string;
  };
  /** 憑證更新 (`<cert-renew>`): the screens it shares with apply, and its own. */
  renew: EnrollmentWords & {
    /** Above the code step: the certificate being renewed. */
    certificate: string; // 更新的憑證：
    certificateValue: (maskedId: string, serialNumber: string) => string;
    /** No valid certificate is stored in this browser, and what to do. */
    noLocal: string;
    /** The stored certificate's window has not opened yet (its dates follow: 可更新區間 …). */
    notOpen: string;
    /** The stored certificate's window has passed, and what to do (its dates follow). */
    passed: string;
  };
  /** 憑證註銷 (`<cert-revoke>`). */
  revoke: {
    heading: string; // 憑證註銷
    /** 「若要註銷此憑證，請進行認證」 */
    intro: string;
    /** 「為確保交易安全，線上註銷憑證有次數限制，當達次數上限，請洽分公司或客服辦理。」 */
    limitNote: string;
    /** How many online revocations remain this year. */
    left: (count: number) => string;
    /** Back up after applying (the manual's advice under the note). */
    backupAdvice: string;
    /** At the limit: the branch / customer-service message that replaces the code step. */
    limitReached: string;
    /** No PC certificate in force on the server: nothing to revoke. */
    none: string;
    /** 「確定要註銷憑證嗎?」 */
    confirm: string;
    /** Under the question: what revoking means. */
    confirmDetail: (serialNumber: string) => string;
    /** Announced while the revocation is sent. */
    revoking: string;
    /** 「註銷成功」 */
    success: string;
    successText: (serialNumber: string) => string;
    /** 取消 at the question: nothing was revoked. */
    cancelled: string;
    /** The heading once the revocation stopped on a failure. */
    failedHeading: string;
  };
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
}
