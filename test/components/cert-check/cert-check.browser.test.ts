// <cert-check> in Chromium against the mock CA behind the service worker: 檢查憑證 as the manual
// shows it — every status and reason, 移除 with its question, the screens it opens, other tabs.
import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../../src/components/cert-check/cert-check.ts';
import type { CertCheck } from '../../../src/components/cert-check/cert-check.ts';
import { formatDateTime } from '../../../src/components/shared/index.ts';
import type { CertNavigateEvent, CertRemovedEvent } from '../../../src/components/shared/index.ts';
import { CertCenterError, createCertCenter, createMemoryStore, maskIdNumber, type CertStore, type LocalCredential } from '../../../src/core/index.ts';
import { expectAccessible, mount, useMockWorker } from '../support.ts';
import { applied, damagedRecord, importedSeed, revoked, shots, tableRows, tablesSetup, text, withStrangerKey } from './tables-support.ts';

useMockWorker();

const caption = '檢核此台電腦匯入的憑證狀況';
const dayMs = 86_400_000;
const range = (from: Date, to: Date) => `${formatDateTime(from)} ~ ${formatDateTime(to)}`;
const rows = (el: CertCheck) => tableRows(el, caption);
const loaded = (el: CertCheck) => expect.poll(() => rows(el).length).toBeGreaterThan(0);

async function mountCheck(center: unknown, locale?: 'en'): Promise<CertCheck> {
  const el = await mount<CertCheck>(html`<cert-check .center=${center} locale=${locale ?? 'zh-Hant'}></cert-check>`);
  await loaded(el);
  return el;
}

/** The row of a stored credential as the manual writes it. */
function rowOf(credential: LocalCredential, status: string, action: string): string[] {
  return [
    maskIdNumber(credential.idNumber),
    'EC+',
    '電子交易',
    credential.serialNumber,
    range(credential.certificate.notBefore, credential.certificate.notAfter),
    status,
    range(credential.renewFrom, credential.renewUntil),
    action,
  ];
}

describe('<cert-check> statuses', () => {
  it('a valid stored certificate shows the masked ID, the server’s format and usage, the manual’s dates and 有效 with 匯出', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountCheck(s.center);
    expect(rows(el)).toEqual([rowOf(credential, '有效', '匯出')]);
    expect(rows(el)[0]![0]).toMatch(/^[A-Z]\d{3}\*{6}$/);
    expect(rows(el)[0]![4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ~ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await expect.element(page.getByRole('heading', { name: '檢查憑證' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: `匯出憑證 ${credential.serialNumber}` })).toBeVisible();
    await expectAccessible(el);
    await shots('check-valid', el);
  });

  it('an imported backup shows the same row, from the server’s record of its serial', async () => {
    const s = await tablesSetup({ scenario: 'renewal-due' });
    const credential = await importedSeed(s);
    const el = await mountCheck(s.center);
    expect(rows(el)).toEqual([rowOf(credential, '有效', '匯出')]);
    await expectAccessible(el);
  });

  it('nothing stored: 「此台電腦瀏覽器，查無您有效憑證」 with 匯入', async () => {
    const s = await tablesSetup();
    const el = await mountCheck(s.center);
    expect(rows(el)).toEqual([['此台電腦瀏覽器，查無您有效憑證', '匯入']]);
    await expect.element(page.getByRole('button', { name: '匯入' })).toBeVisible();
    await expectAccessible(el);
    await shots('check-none', el);
  });

  it('expired (the mock clock past notAfter): 無效 (憑證已過期) with 移除, and 匯入 since none is valid', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.backend.clock.advance(366 * dayMs);
    const el = await mountCheck(s.center);
    expect(rows(el)).toEqual([rowOf(credential, '無效（憑證已過期）', '移除'), ['此台電腦瀏覽器，查無您有效憑證', '匯入']]);
    await expectAccessible(el);
    await shots('check-expired', el);
  });

  it('revoked on the server: 無效 (憑證已註銷) with 移除', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await revoked(s, credential.serialNumber);
    const el = await mountCheck(s.center);
    expect(rows(el)[0]).toEqual(rowOf(credential, '無效（憑證已註銷）', '移除'));
    await expectAccessible(el);
    await shots('check-revoked', el);
  });

  it('not yet valid (the mock clock before notBefore): 無效 (憑證尚未生效) with 移除', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.backend.clock.set(new Date(credential.certificate.notBefore.getTime() - dayMs));
    const el = await mountCheck(s.center);
    expect(rows(el)[0]).toEqual(rowOf(credential, '無效（憑證尚未生效）', '移除'));
    await expectAccessible(el);
    await shots('check-not-yet-valid', el);
  });

  it('a stored key that is not its certificate’s: 無效 (憑證與私鑰不相符) with 移除', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await withStrangerKey(s.name, credential.serialNumber);
    const el = await mountCheck(s.center);
    expect(rows(el)[0]).toEqual(rowOf(credential, '無效（憑證與私鑰不相符）', '移除'));
    await expectAccessible(el);
    await shots('check-key-mismatch', el);
  });

  it('a damaged record: its serial, dashes where nothing can be read, 無效 (憑證資料已損毀) with 移除, beside the valid one', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const dead = await damagedRecord(s.name, credential.serialNumber);
    const el = await mountCheck(s.center);
    expect(rows(el)).toContainEqual(rowOf(credential, '有效', '匯出'));
    expect(rows(el)).toContainEqual(['—', '—', '—', dead, '—', '無效（憑證資料已損毀）', '—', '移除']);
    await expectAccessible(el);
    await shots('check-damaged', el);
  });

  it('a record without the server’s format and usage, with the server down, shows dashes rather than made-up values', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const { createIndexedDbStore } = await import('../../../src/core/index.ts');
    const store = createIndexedDbStore({ name: s.name });
    const { format: _f, usage: _u, ...bare } = (await store.getCredential(credential.serialNumber))!;
    await store.putCredential(bare);
    await store.close();
    s.net.down = true;
    const el = await mountCheck(s.center);
    expect(rows(el)[0]!.slice(1, 3)).toEqual(['—', '—']);
    await expectAccessible(el);
  });
});

describe('<cert-check> loading and a server that cannot be reached', () => {
  it('says it is loading until the rows are there', async () => {
    const s = await tablesSetup();
    await applied(s);
    s.net.hold();
    const el = await mount<CertCheck>(html`<cert-check .center=${s.center}></cert-check>`);
    await expect.element(page.getByRole('status').filter({ hasText: '載入中' })).toBeVisible();
    await expectAccessible(el);
    await shots('check-loading', el);
    s.net.letGo();
    await loaded(el);
    expect(text(el)).not.toContain('載入中');
  });

  it('server down: the stored rows still show, judged on this computer alone, with a notice and 重試', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.net.down = true;
    const errors: string[] = [];
    document.addEventListener('cert-error', (e) => errors.push(e.detail.error.code));
    const el = await mountCheck(s.center);
    expect(rows(el)).toEqual([rowOf(credential, '有效', '匯出')]);
    await expect.element(page.getByRole('alert')).toBeVisible();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toMatch(/無法連線至憑證中心/);
    expect(errors).toContain('NETWORK');
    await expectAccessible(el);
    await shots('check-server-down', el);

    s.net.down = false;
    await page.getByRole('button', { name: '重試' }).click();
    await expect.poll(() => el.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    expect(rows(el)).toEqual([rowOf(credential, '有效', '匯出')]);
  });
});

describe('<cert-check> when the store cannot be read', () => {
  it('says so with 重試 and fires cert-error (STORAGE); 重試 shows the rows once it can', async () => {
    let broken = true;
    const memory = createMemoryStore();
    const store: CertStore = {
      ...memory,
      listCredentials: () => (broken ? Promise.reject(new CertCenterError('STORAGE', 'the store cannot be read')) : memory.listCredentials()),
    };
    const s = await tablesSetup({}, { store });
    const errors: string[] = [];
    document.addEventListener('cert-error', (e) => errors.push(e.detail.error.code));
    const el = await mount<CertCheck>(html`<cert-check .center=${s.center}></cert-check>`);
    await expect.element(page.getByRole('alert')).toBeVisible();
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toMatch(/無痕模式/);
    expect(errors).toContain('STORAGE');
    expect(el.shadowRoot!.querySelector('table')).toBeNull();
    await expectAccessible(el);
    await shots('check-store-error', el);
    broken = false;
    await page.getByRole('button', { name: '重試' }).click();
    await loaded(el);
    expect(rows(el)).toEqual([['此台電腦瀏覽器，查無您有效憑證', '匯入']]);
  });
});

describe('<cert-check> 移除', () => {
  it('asks first (網頁訊息, 確定 / 取消); 確定 removes it, fires cert-removed and says so', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.backend.clock.advance(366 * dayMs);
    const el = await mountCheck(s.center);
    const removed: string[] = [];
    el.addEventListener('cert-removed', (e: CertRemovedEvent) => removed.push(e.detail.serialNumber));
    await page.getByRole('button', { name: `移除憑證 ${credential.serialNumber}` }).click();
    const dialog = page.getByRole('alertdialog', { name: '網頁訊息' });
    await expect.element(dialog).toBeVisible();
    expect(el.shadowRoot!.querySelector('cert-dialog')!.textContent).toContain(credential.serialNumber);
    await expectAccessible(el);
    await shots('check-remove-dialog', el, { modal: true });
    await page.getByRole('button', { name: '確定' }).click();
    await expect.poll(() => rows(el)).toEqual([['此台電腦瀏覽器，查無您有效憑證', '匯入']]);
    expect(removed).toEqual([credential.serialNumber]);
    expect(await s.center.credentials()).toEqual([]);
    await expect.element(page.getByRole('status').filter({ hasText: credential.serialNumber })).toBeVisible();
    await expectAccessible(el);
    await shots('check-removed', el);
  });

  it('取消, or Escape, keeps the certificate', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await revoked(s, credential.serialNumber);
    const el = await mountCheck(s.center);
    const removed: string[] = [];
    el.addEventListener('cert-removed', (e: CertRemovedEvent) => removed.push(e.detail.serialNumber));
    const remove = page.getByRole('button', { name: `移除憑證 ${credential.serialNumber}` });
    await remove.click();
    await page.getByRole('button', { name: '取消' }).click();
    await expect.element(page.getByRole('alertdialog')).not.toBeInTheDocument();
    await remove.click();
    await expect.element(page.getByRole('alertdialog')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('alertdialog')).not.toBeInTheDocument();
    expect(removed).toEqual([]);
    expect((await s.center.credentials()).map((c) => c.serialNumber)).toEqual([credential.serialNumber]);
    expect(rows(el)[0]![7]).toBe('移除');
  });

  it('works with the keyboard alone: Tab to 移除, Enter, Enter on 確定; the focus lands on the heading', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await withStrangerKey(s.name, credential.serialNumber);
    const el = await mountCheck(s.center);
    const removed: string[] = [];
    el.addEventListener('cert-removed', (e: CertRemovedEvent) => removed.push(e.detail.serialNumber));
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).toBe(`移除憑證 ${credential.serialNumber}`);
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alertdialog')).toBeVisible();
    expect(el.shadowRoot!.activeElement?.textContent).toBe('確定');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => removed).toEqual([credential.serialNumber]);
    await expect.poll(() => el.shadowRoot!.activeElement?.textContent).toBe('檢查憑證');
  });

  it('a removal the store refuses says why, fires cert-error and keeps the row', async () => {
    const memory = createMemoryStore();
    const store: CertStore = { ...memory, deleteCredential: () => Promise.reject(new CertCenterError('STORAGE', 'the store refused')) };
    const s = await tablesSetup({}, { store });
    const credential = await applied(s);
    await revoked(s, credential.serialNumber);
    const el = await mountCheck(s.center);
    const errors: string[] = [];
    el.addEventListener('cert-error', (e) => errors.push(e.detail.error.code));
    const removed: string[] = [];
    el.addEventListener('cert-removed', (e: CertRemovedEvent) => removed.push(e.detail.serialNumber));
    await page.getByRole('button', { name: `移除憑證 ${credential.serialNumber}` }).click();
    await page.getByRole('button', { name: '確定' }).click();
    await expect.poll(() => errors).toEqual(['STORAGE']);
    await expect.element(page.getByRole('status').filter({ hasText: '無痕模式' })).toBeVisible();
    expect(removed).toEqual([]);
    expect(rows(el)[0]![3]).toBe(credential.serialNumber);
    await expectAccessible(el);
  });

  it('a damaged record can be removed too', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const dead = await damagedRecord(s.name, credential.serialNumber);
    const el = await mountCheck(s.center);
    await page.getByRole('button', { name: `移除憑證 ${dead}` }).click();
    await page.getByRole('button', { name: '確定' }).click();
    await expect.poll(() => rows(el).map((r) => r[3])).toEqual([credential.serialNumber]);
  });
});

describe('<cert-check> 匯出 and 匯入', () => {
  it('匯出 fires cert-navigate { page: export, serialNumber } and opens <cert-export serial-number> in place, with a way back', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountCheck(s.center);
    const asked: CertNavigateEvent['detail'][] = [];
    el.addEventListener('cert-navigate', (e) => asked.push(e.detail));
    await page.getByRole('button', { name: `匯出憑證 ${credential.serialNumber}` }).click();
    expect(asked).toEqual([{ page: 'export', serialNumber: credential.serialNumber }]);
    await expect.poll(() => el.shadowRoot!.querySelector('cert-export')?.getAttribute('serial-number')).toBe(credential.serialNumber);
    expect((el.shadowRoot!.querySelector('cert-export') as unknown as { center: unknown }).center).toBe(s.center);
    expect(el.shadowRoot!.querySelector('table')).toBeNull();
    await expect.poll(() => el.shadowRoot!.activeElement?.textContent).toBe('返回');
    await expectAccessible(el);
    await page.getByRole('button', { name: '返回' }).click();
    await loaded(el);
    expect(el.shadowRoot!.querySelector('cert-export')).toBeNull();
    await expect.poll(() => el.shadowRoot!.activeElement?.textContent).toBe('檢查憑證');
  });

  it('匯入 fires cert-navigate { page: import } and opens <cert-import> in place', async () => {
    const s = await tablesSetup();
    const el = await mountCheck(s.center);
    const asked: CertNavigateEvent['detail'][] = [];
    el.addEventListener('cert-navigate', (e) => asked.push(e.detail));
    await page.getByRole('button', { name: '匯入' }).click();
    expect(asked).toEqual([{ page: 'import' }]);
    await expect.poll(() => el.shadowRoot!.querySelector('cert-import')).not.toBeNull();
    await expectAccessible(el);
    await page.getByRole('button', { name: '返回' }).click();
    await loaded(el);
  });

  it('a host that routes itself (preventDefault) keeps the table', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountCheck(s.center);
    el.addEventListener('cert-navigate', (e) => e.preventDefault());
    await page.getByRole('button', { name: `匯出憑證 ${credential.serialNumber}` }).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('cert-export')).toBeNull();
    expect(rows(el)).toHaveLength(1);
  });
});

describe('<cert-check> follows the store', () => {
  it('another tab’s change (a second center on the same store) updates the table', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    const el = await mountCheck(s.center);
    const customer = s.backend.customers[0]!;
    const other = createCertCenter({ name: s.name, getAccessToken: () => customer.token, clock: () => s.backend.clock.now(), retry: { limit: 0 } });
    try {
      await other.remove(credential.serialNumber);
      await expect.poll(() => rows(el)).toEqual([['此台電腦瀏覽器，查無您有效憑證', '匯入']]);
    } finally {
      other.close();
    }
  });
});

describe('<cert-check> on a narrow screen and in English', () => {
  it('at 375 px the rows are stacked and every cell still shows its column’s name', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    await damagedRecord(s.name, credential.serialNumber);
    await page.viewport(375, 900);
    const el = await mountCheck(s.center);
    const headers = [...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    const firstRow = el.shadowRoot!.querySelector('tbody tr')!;
    expect(getComputedStyle(firstRow).display).toBe('block');
    const labels = [...firstRow.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content);
    expect(labels).toEqual(headers.map((h) => JSON.stringify(h)));
    for (const td of el.shadowRoot!.querySelectorAll('td')) expect(td.getBoundingClientRect().right).toBeLessThanOrEqual(375);
    await expectAccessible(el);
  });

  it('switches its words when its locale changes while mounted', async () => {
    const s = await tablesSetup();
    const credential = await applied(s);
    s.backend.clock.advance(366 * dayMs);
    const el = await mountCheck(s.center);
    el.locale = 'en';
    await expect.poll(() => tableRows(el, 'Certificates imported into this computer')).toHaveLength(2);
    expect(tableRows(el, 'Certificates imported into this computer')[0]!.slice(5)).toEqual([
      'Invalid (the certificate has expired)',
      range(credential.renewFrom, credential.renewUntil),
      'Remove',
    ]);
    expect(tableRows(el, 'Certificates imported into this computer')[1]).toEqual(['This browser on this computer holds no valid certificate of yours', 'Import']);
    await expect.element(page.getByRole('heading', { name: 'Check certificates' })).toBeVisible();
    await expect.element(page.getByRole('button', { name: `Remove certificate ${credential.serialNumber}` })).toBeVisible();
    await expectAccessible(el);
    el.locale = 'zh-Hant';
    await expect.poll(() => rows(el)[0]?.[5]).toBe('無效（憑證已過期）');
  });
});
