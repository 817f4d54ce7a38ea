// A customer at the demo center, in the words the page shows (zh-Hant, the manual's labels):
// each method is one thing a person does, found by role and name, and waits for what the page
// shows next (Playwright's locators wait by themselves; nothing here sleeps).
import { mkdir, readFile } from 'node:fs/promises';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** What a backup export gives the customer: the file as saved, and its name. */
export interface BackupFile {
  name: string;
  bytes: Buffer;
}

export type FaultKind = 'drop' | 'commit-then-drop' | 'http-503';
export type FaultTarget = 'any' | 'otp' | 'apply' | 'certificate' | 'renew' | 'revoke';

const faultLabels: Record<FaultKind, RegExp> = {
  drop: /^連線中斷/,
  'commit-then-drop': /^已處理但回應遺失/,
  'http-503': /^主機忙碌 503/,
};

export class Customer {
  private step = 0;

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly origin: string,
    /** Where the screenshots of this journey go, `<prefix>-NN-<step>.png`. */
    private readonly shots: { dir: string; prefix: string },
  ) {}

  /** The center's own element (the shell and the page inside it). */
  get center(): Locator {
    return this.page.locator('cert-center');
  }

  get menu(): Locator {
    return this.page.getByRole('navigation', { name: '憑證中心選單' });
  }

  get tools(): Locator {
    return this.page.getByRole('complementary', { name: '示範工具 Demo tools' });
  }

  get phone(): Locator {
    return this.page.getByRole('region', { name: '手機 Phone' });
  }

  /** A screenshot of the whole page, numbered in the order of the journey. */
  async shot(name: string): Promise<void> {
    this.step += 1;
    await mkdir(this.shots.dir, { recursive: true });
    const path = `${this.shots.dir}/${this.shots.prefix}-${String(this.step).padStart(2, '0')}-${name}.png`;
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.origin}/`);
  }

  /** The demo's mock log-in: picks the customer by name. */
  async logIn(name: RegExp): Promise<void> {
    await this.page.getByRole('region', { name: '登入 Log in' }).getByRole('button', { name }).click();
    await this.menu.waitFor();
  }

  /** A menu item of the center (憑證查詢及申請, 憑證匯入, 檢查憑證, …). */
  async go(item: string): Promise<void> {
    const link = this.menu.getByRole('link', { name: item, exact: true });
    await link.click();
    await this.menu.locator('a[aria-current="page"]').filter({ hasText: item }).waitFor();
  }

  /** The page again from the server, as on the customer's next visit (the log-in is kept). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.menu.waitFor();
  }

  // ---- the phone ----

  /** How many codes the phone has received so far. */
  async codesReceived(): Promise<number> {
    await this.phone.waitFor();
    return this.phone.getByRole('listitem').count();
  }

  /** The newest code on the phone, once it has more than `before` messages. */
  async newCode(before: number): Promise<string> {
    const messages = this.phone.getByRole('list', { name: '收到的認證碼 Codes received' }).getByRole('listitem');
    await messages.nth(before).waitFor();
    const text = await messages.first().getByText(/^\d{4,8}$/).textContent();
    if (!text) throw new Error('the phone shows no code');
    return text.trim();
  }

  // ---- the one-time code, as apply, renew and revoke ask it ----

  /** 取得認證碼, 確定 on the message naming where it went; returns how many codes the phone had before. */
  async requestCode(scope: Locator = this.center): Promise<number> {
    const before = await this.codesReceived();
    await scope.getByRole('button', { name: /^(重新)?取得認證碼$/ }).click();
    return before;
  }

  /** The message that the code was sent (網頁訊息), closed with 確定. */
  async closeSentMessage(): Promise<void> {
    const dialog = await this.dialog();
    await dialog.getByText(/已將認證碼傳送至/).waitFor();
    await dialog.getByRole('button', { name: '確定' }).click();
    await this.page.getByRole('alertdialog').waitFor({ state: 'hidden' });
  }

  /**
   * The pop-up (網頁訊息) open now. Its words and buttons are the light-DOM children of
   * <cert-dialog>, slotted into the <dialog>: they are found from the element, not the role.
   */
  async dialog(): Promise<Locator> {
    await this.page.getByRole('alertdialog', { name: '網頁訊息' }).waitFor();
    return this.page.locator('cert-dialog[open]');
  }

  /** Types the newest code from the phone and presses 確認. */
  async enterCode(before: number): Promise<void> {
    const code = await this.newCode(before);
    await this.center.getByLabel('輸入認證碼').fill(code);
    await this.center.getByRole('button', { name: '確認', exact: true }).first().click();
  }

  /**
   * Clears this site's data as a customer does in the browser's settings: what the site keeps in
   * the browser — IndexedDB (the keys and certificates), cookies, caches. Chromium's DOM storage
   * (`local_storage`, which takes sessionStorage with it) stays: in the demo it holds the mock CA,
   * which stands for the broker's server, and the mock log-in, which stands for the broker's session.
   */
  async clearSiteData(): Promise<void> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      await cdp.send('Storage.clearDataForOrigin', { origin: this.origin, storageTypes: 'indexeddb,cookies,cache_storage' });
    } finally {
      await cdp.detach();
    }
  }

  /** 「認證成功」 (確定), then 「確定要註銷憑證嗎?」 (確定). */
  async confirmRevocation(): Promise<void> {
    const verified = await this.dialog();
    await verified.getByText('認證成功').waitFor();
    await verified.getByRole('button', { name: '確定' }).click();
    const question = this.page.locator('cert-dialog[open]').filter({ hasText: '確定要註銷憑證嗎?' });
    await question.getByRole('button', { name: '確定' }).click();
  }

  // ---- 下單簽章測試, the broker's order page beside the center ----

  /** Signs the test order: the signer's serial number and whether it verified, or why it was refused. */
  async signOrder(): Promise<{ signer: string; verified: boolean } | { refused: string }> {
    const part = this.page.getByRole('region', { name: '下單簽章測試 Sign a test order' });
    const result = part.getByRole('status');
    await part.getByRole('button', { name: '簽章 Sign' }).click();
    await result.filter({ hasText: /簽章有效|無法簽章/ }).waitFor();
    const text = (await result.textContent()) ?? '';
    const refused = /^無法簽章 Not signed: (.*)$/.exec(text.trim());
    if (refused) return { refused: refused[1]! };
    const signer = ((await result.locator('dd.serial').textContent()) ?? '').trim();
    return { signer, verified: text.includes('✓ 簽章有效') };
  }

  // ---- the demo's tools ----

  /**
   * 網路故障: arms a fault for the next matching request, `times` in a row (3 outlasts the SDK's
   * own retries). Every earlier fault has fired by then: the tools count `times` pending.
   */
  async armFault(kind: FaultKind, target: FaultTarget, times: 1 | 3 = 3): Promise<void> {
    const fault = this.tools.getByLabel('網路故障 Faults');
    const value = await fault.locator('option').filter({ hasText: faultLabels[kind] }).getAttribute('value');
    await fault.selectOption(value!);
    await this.tools.getByLabel('套用於 Applies to').selectOption(target);
    await this.tools.getByLabel('次數 Times').selectOption(String(times));
    await this.tools.getByRole('button', { name: '下一個請求套用 Arm' }).click();
    await this.tools.getByText(`尚待發生 Pending: ${times}`, { exact: true }).waitFor();
  }

  /** Waits until every armed fault has fired (the tools count them down as requests go by). */
  async faultsFired(): Promise<void> {
    await this.tools.getByText('尚待發生 Pending: 0', { exact: true }).waitFor();
  }

  /** 跳到可更新區間: the mock's clock to ten days before the end of validity. */
  async intoRenewalWindow(): Promise<void> {
    await this.tools.getByRole('button', { name: '跳到可更新區間 Into the renewal window' }).click();
    await this.tools.getByText(/^已移到憑證到期前 10 天/).waitFor();
  }

  async setLocale(locale: 'zh-Hant' | 'en'): Promise<void> {
    await this.tools.getByLabel('語言 Language').selectOption(locale);
  }

  // ---- the backup file ----

  /**
   * 設定匯出密碼 / 再次確認密碼 / 確定匯出 in `scope` (an embedded backup or the 匯出 page): the
   * download the browser gets (the page has no save dialog), its bytes as saved.
   */
  async saveBackup(password: string, scope: Locator = this.center): Promise<BackupFile> {
    await scope.getByLabel('設定匯出密碼').fill(password);
    await scope.getByLabel('再次確認密碼').fill(password);
    const download = this.page.waitForEvent('download');
    await scope.getByRole('button', { name: '確定匯出' }).click();
    const saved = await download;
    const path = await saved.path();
    return { name: saved.suggestedFilename(), bytes: await readFile(path) };
  }

  /** 憑證匯入: the file (through the file picker) and its password, 確定. */
  async importBackup(file: BackupFile, password: string): Promise<void> {
    await this.go('憑證匯入');
    // A page left at 匯入成功 offers 匯入其他憑證 first.
    const another = this.center.getByRole('button', { name: '匯入其他憑證' });
    if (await another.isVisible()) await another.click();
    await this.chooseAndImport(file, password);
  }

  /** The message after 確定匯出 on the 匯出 page (網頁訊息), closed with 確定. */
  async closeExportedMessage(): Promise<void> {
    const dialog = await this.dialog();
    await dialog.getByText('憑證匯出成功，請妥善保管備份檔案及密碼。').waitFor();
    await dialog.getByRole('button', { name: '確定' }).click();
    await this.page.getByRole('alertdialog').waitFor({ state: 'hidden' });
  }

  async chooseAndImport(file: BackupFile, password: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.center.getByLabel('選取憑證檔案').click();
    await (await chooser).setFiles({ name: file.name, mimeType: 'application/x-pkcs12', buffer: file.bytes });
    await this.center.getByText(`已選取：${file.name}`).waitFor();
    await this.center.getByLabel('憑證密碼').fill(password);
    await this.center.getByRole('button', { name: '確定', exact: true }).click();
  }

  // ---- what the page says ----

  /** 檢核此台電腦匯入的憑證狀況, as 檢查憑證 shows it once loaded. */
  get localTable(): Locator {
    return this.center.getByRole('table', { name: '檢核此台電腦匯入的憑證狀況' });
  }

  /** 本公司主機端, as 憑證查詢及申請 shows it. */
  get serverTable(): Locator {
    return this.center.getByRole('table', { name: '本公司主機端' });
  }

  /** The serial numbers of the rows of a table whose status is one of `statuses` (after the table is there). */
  async serials(table: Locator, statuses: RegExp): Promise<string[]> {
    await table.waitFor();
    const rows = table.getByRole('row').filter({ has: this.page.locator('td[data-label="憑證狀態"]').getByText(statuses) });
    const serials: string[] = [];
    for (const row of await rows.all()) serials.push(((await row.locator('td.serial').textContent()) ?? '').trim());
    return serials;
  }
}
