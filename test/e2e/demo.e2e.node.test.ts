// The whole journey end to end, over the BUILT demo center (`vite build` of demo/, served as
// static files) in Debian's Chromium driven by playwright-core: a new customer logs in, applies
// with the code from the phone panel, saves the backup file, clears the site's data, imports the
// file, checks, renews in the renewal window, signs an order and revokes; then the same journey
// with the network failing at each server step. Every step leaves a screenshot in shots/e2e/.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Customer } from './customer.ts';
import { buildDemo, serveStatic, type StaticSite } from './demo-site.ts';

const shotsDir = fileURLToPath(new URL('../../shots/e2e', import.meta.url));
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** Generous: four engineers' test runs share two cores. States are waited on, never time. */
const stepTimeoutMs = 60_000;
const journeyTimeoutMs = 600_000;
/** The backup password the customer sets (rule 6: 4–10 letters and digits). */
const password = 'Demo1234';

let workDir: string;
let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  await rm(shotsDir, { recursive: true, force: true });
  workDir = await mkdtemp(join(tmpdir(), 'cert-center-e2e-'));
  const root = join(workDir, 'site');
  await buildDemo(root);
  site = await serveStatic(root);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** A fresh browser profile (its own storage, no service worker yet) with the demo open. */
async function newCustomer(prefix: string): Promise<Customer> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-TW', timezoneId: 'Asia/Taipei', acceptDownloads: true });
  context.setDefaultTimeout(stepTimeoutMs);
  // A browser without the File System Access API (Firefox, Safari): the backup is a download,
  // which Playwright hands over byte for byte; the native save dialog could not be answered.
  await context.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    delete (Window.prototype as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const page = await context.newPage();
  const customer = new Customer(page, context, site.origin, { dir: shotsDir, prefix });
  await customer.open();
  return customer;
}

describe('the demo center, end to end', () => {
  it('a new customer applies, backs up, clears the site, imports, checks, renews, signs an order and revokes', async () => {
    const c = await newCustomer('journey');
    const { center } = c;
    try {
      await c.shot('log-in');
      await c.logIn(/王小明/);
      await center.getByText('您尚未申請憑證，請點 申請，以進行申請作業。').waitFor();
      await c.shot('overview-new-customer');

      // 申請: the code from the phone panel, the consent, the backup.
      await c.serverTable.getByRole('button', { name: '申請' }).click();
      const sent = await c.requestCode();
      await c.closeSentMessage();
      await c.shot('apply-code-sent');
      await c.enterCode(sent);
      await center.getByText('電子交易憑證申請同意書').waitFor();
      await c.shot('apply-consent');
      await center.getByRole('button', { name: '確認', exact: true }).click();
      await center.getByLabel('設定匯出密碼').waitFor();
      await c.shot('apply-backup');
      const backup = await c.saveBackup(password);
      await center.getByText('您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。').waitFor();
      await c.shot('apply-done');
      expect(backup.name).toBe('A103200003_cert.pfx');

      await c.go('憑證查詢及申請');
      const [applied] = await c.serials(c.serverTable, /^正常$/);
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([applied]);
      await c.shot('overview-applied');

      // The customer clears this site's data: the keys this browser held are gone.
      await c.clearSiteData();
      await c.reload();
      await center.getByText('此台電腦瀏覽器，查無您有效憑證').waitFor();
      expect(await c.serials(c.serverTable, /^正常$/)).toEqual([applied]);
      await c.shot('site-data-cleared');

      // 憑證匯入 of the saved file, then 檢查憑證.
      await c.importBackup(backup, password);
      await center.getByRole('heading', { name: '匯入成功' }).waitFor();
      await c.shot('import-done');
      await c.go('檢查憑證');
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([applied]);
      await c.shot('check-valid');
      // The same page in English (the demo's language switch), then back.
      await c.setLocale('en');
      await center.getByRole('table', { name: 'Certificates imported into this computer' }).getByText('Valid', { exact: true }).waitFor();
      await c.shot('check-valid-en');
      await c.setLocale('zh-Hant');
      await c.localTable.waitFor();

      // Into the renewal window (the mock's clock), 更新.
      await c.intoRenewalWindow();
      await c.go('憑證查詢及申請');
      await c.serverTable.getByText('需更新', { exact: true }).waitFor();
      await c.shot('overview-renewal-due');
      // On a phone (390 px): the menu folds behind 選單, the tables stack.
      await c.page.setViewportSize({ width: 390, height: 844 });
      await center.getByRole('button', { name: '選單' }).waitFor();
      await c.shot('overview-renewal-due-390');
      await c.page.setViewportSize({ width: 1280, height: 900 });
      await c.menu.waitFor();
      await c.serverTable.getByRole('button', { name: `更新憑證 ${applied}` }).click();
      const renewSent = await c.requestCode();
      await c.closeSentMessage();
      await c.enterCode(renewSent);
      await center.getByLabel('設定匯出密碼').waitFor();
      await c.shot('renew-backup');
      const renewedBackup = await c.saveBackup(password);
      await center.getByText('您的憑證已更新成功且匯入此台電腦，您可在此台電腦進行下單。').waitFor();
      await c.shot('renew-done');
      await c.go('檢查憑證');
      const [renewed] = await c.serials(c.localTable, /^有效$/);
      expect(renewed).not.toBe(applied);
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([renewed]);
      await c.go('憑證查詢及申請');
      expect(await c.serials(c.serverTable, /^正常$/)).toEqual([renewed]);
      expect(await c.serials(c.serverTable, /^已註銷$/)).toEqual([applied]);
      await c.shot('overview-renewed');

      // 下單簽章測試: the order signed with the renewed certificate, and verified.
      expect(await c.signOrder()).toEqual({ signer: renewed, verified: true });
      await c.shot('order-signed');

      // 憑證註銷.
      await c.go('憑證註銷');
      const revokeSent = await c.requestCode();
      await c.closeSentMessage();
      await c.enterCode(revokeSent);
      await c.confirmRevocation();
      await center.getByRole('heading', { name: '註銷成功' }).waitFor();
      await c.shot('revoke-done');
      expect(await c.signOrder()).toEqual({ refused: '憑證已註銷 The certificate is revoked' });
      await c.go('檢查憑證');
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([]);
      expect(await c.serials(c.localTable, /^無效（憑證已註銷）$/)).toEqual([renewed]);
      await c.shot('check-revoked');
      expect(renewedBackup.bytes.length).toBeGreaterThan(0);
    } catch (error) {
      await c.shot('failed').catch(() => undefined);
      throw error;
    } finally {
      await c.context.close();
    }
  }, journeyTimeoutMs);

  it('with the network failing at every server step (dropped, lost after the server committed, 503), the customer retries and ends with exactly one usable certificate and nothing lost', async () => {
    const c = await newCustomer('faults');
    const { center } = c;
    const network = /網路連線中斷，請確認連線後再試；您的資料不會遺失。/;
    const busy = /系統忙碌中/;
    /** After a dropped step: a busy server (503), then an answer lost after the server committed, each met with 重試. */
    const busyThenLost = async (step: 'apply' | 'renew' | 'revoke') => {
      for (const [kind, message, shot] of [['http-503', busy, '503'], ['commit-then-drop', network, 'lost-after-commit']] as const) {
        await c.armFault(kind, step);
        await center.getByRole('button', { name: '重試' }).click();
        await center.getByText(message).waitFor();
        await c.faultsFired();
        await c.shot(`${step}-${shot}`);
      }
    };
    try {
      await c.logIn(/王小明/);
      await c.serverTable.getByRole('button', { name: '申請' }).click();

      // 取得認證碼 while the network drops the request: the customer asks again.
      await c.armFault('drop', 'otp');
      await c.requestCode();
      await center.getByRole('alert').filter({ hasText: network }).waitFor();
      await c.faultsFired();
      await c.shot('apply-code-dropped');
      const sent = await c.requestCode();
      await c.closeSentMessage();
      await c.enterCode(sent);
      await center.getByText('電子交易憑證申請同意書').waitFor();

      // 申請 dropped, then refused by a busy server, then lost after the server issued it.
      await c.armFault('drop', 'apply');
      await center.getByRole('button', { name: '確認', exact: true }).click();
      await center.getByRole('heading', { name: '憑證申請尚未完成' }).waitFor();
      await center.getByText(network).waitFor();
      await c.faultsFired();
      await center.getByText('您的申請資料已保留在此台電腦，請點「重試」繼續；下次進入憑證中心時也會自動完成。').waitFor();
      await c.shot('apply-dropped');
      await busyThenLost('apply');
      // The customer gives up and comes back later: the center finishes the apply when it opens.
      await c.reload();
      const [applied] = await c.serials(c.serverTable, /^正常$/);
      await center.getByRole('status').filter({ hasText: `先前中斷的憑證作業已完成，憑證（序號 ${applied}）已存入此台電腦。` }).waitFor();
      await c.shot('apply-resumed');
      expect(await c.serials(c.serverTable, /./)).toEqual([applied]);
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([applied]);

      // 憑證匯出: the backup the interrupted apply did not get to.
      await c.go('憑證匯出');
      const backup = await c.saveBackup(password);
      await c.closeExportedMessage();

      // The site's data cleared; 匯入 while the look-up of the certificate is dropped, then again.
      await c.clearSiteData();
      await c.reload();
      await center.getByText('此台電腦瀏覽器，查無您有效憑證').waitFor();
      await c.armFault('drop', 'certificate');
      await c.importBackup(backup, password);
      await center.getByRole('alert').filter({ hasText: network }).waitFor();
      await c.faultsFired();
      await c.shot('import-dropped');
      await center.getByLabel('憑證密碼').fill(password);
      await center.getByRole('button', { name: '確定', exact: true }).click();
      await center.getByRole('heading', { name: '匯入成功' }).waitFor();
      await c.go('檢查憑證');
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([applied]);

      // 更新: the code refused by a busy server, then the renewal dropped, busy, lost after commit.
      await c.intoRenewalWindow();
      await c.go('憑證查詢及申請');
      await c.serverTable.getByRole('button', { name: `更新憑證 ${applied}` }).click();
      await c.armFault('http-503', 'otp');
      await c.requestCode();
      await center.getByRole('alert').filter({ hasText: busy }).waitFor();
      await c.faultsFired();
      await c.shot('renew-code-503');
      const renewSent = await c.requestCode();
      await c.closeSentMessage();
      await c.armFault('drop', 'renew');
      await c.enterCode(renewSent);
      await center.getByRole('heading', { name: '憑證更新尚未完成' }).waitFor();
      await center.getByText(network).waitFor();
      await c.faultsFired();
      await c.shot('renew-dropped');
      await busyThenLost('renew');
      await center.getByRole('button', { name: '重試' }).click();
      const renewedBackup = await c.saveBackup(password);
      await center.getByText('您的憑證已更新成功且匯入此台電腦，您可在此台電腦進行下單。').waitFor();
      await c.go('憑證查詢及申請');
      const [renewed] = await c.serials(c.serverTable, /^正常$/);
      expect(await c.serials(c.serverTable, /^已註銷$/)).toEqual([applied]);
      expect(await c.serials(c.serverTable, /./)).toHaveLength(2);
      expect(await c.serials(c.localTable, /^有效$/)).toEqual([renewed]);
      await c.shot('renewed');
      expect(await c.signOrder()).toEqual({ signer: renewed, verified: true });

      // 憑證註銷: the code's answer lost after it was sent, then the revocation dropped, busy, lost after commit.
      await c.go('憑證註銷');
      await c.armFault('commit-then-drop', 'otp');
      const lostCode = await c.requestCode();
      await center.getByRole('alert').filter({ hasText: network }).waitFor();
      await c.faultsFired();
      await c.newCode(lostCode); // the phone got it, the page did not hear
      await c.shot('revoke-code-lost-after-commit');
      const revokeSent = await c.requestCode();
      await c.closeSentMessage();
      // (Armed before the code: 「認證成功」 and the question are modal, the tools out of reach.)
      await c.armFault('drop', 'revoke');
      await c.enterCode(revokeSent);
      await c.confirmRevocation();
      await center.getByRole('heading', { name: '憑證註銷尚未完成' }).waitFor();
      await center.getByText(network).waitFor();
      await c.faultsFired();
      await c.shot('revoke-dropped');
      await busyThenLost('revoke');
      await center.getByRole('button', { name: '重試' }).click();
      await center.getByRole('heading', { name: '註銷成功' }).waitFor();
      await c.shot('revoke-done');
      expect(await c.signOrder()).toEqual({ refused: '憑證已註銷 The certificate is revoked' });

      // A new certificate after the revocation, with one dropped request the SDK absorbs by itself.
      await c.go('憑證查詢及申請');
      expect(await c.serials(c.serverTable, /^(正常|需更新)$/)).toEqual([]);
      await c.serverTable.getByRole('button', { name: '申請' }).click();
      const againSent = await c.requestCode();
      await c.closeSentMessage();
      await c.enterCode(againSent);
      await center.getByText('電子交易憑證申請同意書').waitFor();
      await c.armFault('drop', 'apply', 1);
      await center.getByRole('button', { name: '確認', exact: true }).click();
      const finalBackup = await c.saveBackup(password);
      await center.getByText('您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。').waitFor();
      await c.faultsFired();

      // Exactly one usable certificate: on this computer, on the server, and in the backup file.
      await c.go('檢查憑證');
      const usable = await c.serials(c.localTable, /^有效$/);
      expect(usable).toHaveLength(1);
      await c.go('憑證查詢及申請');
      expect(await c.serials(c.serverTable, /^(正常|需更新)$/)).toEqual(usable);
      expect(await c.serials(c.serverTable, /./)).toHaveLength(3);
      await c.shot('one-usable-certificate');
      await c.clearSiteData();
      await c.reload();
      await center.getByText('此台電腦瀏覽器，查無您有效憑證').waitFor();
      await c.importBackup(renewedBackup, password);
      await center.getByRole('alert').filter({ hasText: '此憑證已註銷，無法使用；請重新申請憑證。' }).waitFor();
      await c.shot('revoked-backup-refused');
      await c.importBackup(finalBackup, password);
      await center.getByRole('heading', { name: '匯入成功' }).waitFor();
      await c.go('檢查憑證');
      expect(await c.serials(c.localTable, /^有效$/)).toEqual(usable);
      await c.shot('final-check');
      expect(await c.signOrder()).toEqual({ signer: usable[0], verified: true });
    } catch (error) {
      await c.shot('failed').catch(() => undefined);
      throw error;
    } finally {
      await c.context.close();
    }
  }, journeyTimeoutMs);
});
