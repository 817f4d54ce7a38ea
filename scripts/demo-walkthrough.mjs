// Drives the demo page in headless Chromium the way a customer would (apply, back up, check,
// sign) and saves screenshots: `node scripts/demo-walkthrough.mjs http://localhost:5173 out-dir`.
import { chromium } from 'playwright';
import { mkdirSync } from 'node:fs';

const [url = 'http://localhost:5173', out = 'screenshots'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
await page.goto(url);
await page.waitForSelector('#profile .body div');
await page.screenshot({ path: `${out}/1-start.png`, fullPage: true });

await page.click('#otp-apply');
await page.waitForSelector('#inbox strong');
const code = await page.textContent('#inbox strong');
await page.fill('#otp-code', code.trim());
await page.click('#otp-confirm');
await page.waitForFunction(() => document.querySelector('#otp-status')?.classList.contains('ok') && document.querySelector('#otp-status')?.textContent?.includes('成功'), null, { timeout: 30_000 });
await page.waitForSelector('#local table');
await page.screenshot({ path: `${out}/2-applied.png`, fullPage: true });

await page.fill('#export-password', 'abcd1234');
await page.fill('#export-confirm', 'abcd1234');
const download = page.waitForEvent('download');
await page.click('#export');
const file = await download;
await page.waitForSelector('#export-status.ok');
await page.click('#check-go');
await page.waitForSelector('#check .body p');
await page.click('#sign-go');
await page.waitForFunction(() => document.querySelector('#sign-out')?.textContent?.includes('BEGIN CMS'));
await page.click('#env-go');
await page.waitForSelector('#env table', { timeout: 30_000 });
await page.screenshot({ path: `${out}/3-backup-check-sign.png`, fullPage: true });

// Import the backup just saved, then renew in the window and revoke.
const saved = `${out}/${file.suggestedFilename()}`;
await file.saveAs(saved);
await page.setInputFiles('#import-file', saved);
await page.fill('#import-password', 'abcd1234');
await page.click('#import-go');
await page.waitForSelector('#import-status.ok');

await page.click('#advance');
await page.click('#otp-renew');
await page.waitForFunction(() => document.querySelector('#inbox .body')?.textContent?.includes('renew'));
await page.fill('#otp-code', (await page.textContent('#inbox strong')).trim());
await page.click('#otp-confirm');
await page.waitForFunction(() => document.querySelector('#otp-status')?.textContent?.includes('更新成功'), null, { timeout: 30_000 });
await page.screenshot({ path: `${out}/4-renewed.png`, fullPage: true });

page.on('dialog', (dialog) => dialog.accept());
await page.click('#otp-revoke');
await page.waitForFunction(() => document.querySelector('#inbox .body')?.textContent?.includes('revoke'));
await page.fill('#revoke-code', (await page.textContent('#inbox strong')).trim());
await page.click('#revoke-go');
await page.waitForSelector('#revoke-status.ok');
await page.click('#check-go');
await page.waitForFunction(() => document.querySelector('#check .body')?.textContent?.includes('查無您有效憑證'));
await page.screenshot({ path: `${out}/5-revoked.png`, fullPage: true });

process.stdout.write(`downloaded ${file.suggestedFilename()}, imported, renewed, revoked\n`);
if (errors.length) process.stdout.write(`page errors:\n${errors.join('\n')}\n`);
await browser.close();
