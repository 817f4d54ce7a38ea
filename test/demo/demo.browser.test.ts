// The demo center of `npm start`, driven as a visitor would: log in as a mock customer, apply
// with the code the phone panel shows, back up, then switch the scenario.
import { afterAll, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';


let frame: HTMLIFrameElement | undefined;
afterAll(() => frame?.remove());

/** The demo page in a frame of its own, with its mock state cleared. */
async function openDemo() {
  await page.viewport(1280, 1040);
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('cert-center-')) sessionStorage.removeItem(key);
  frame = document.createElement('iframe');
  frame.src = '/demo/index.html';
  frame.dataset.testid = 'demo';
  frame.width = '1240';
  frame.height = '1000';
  document.body.append(frame);
  await new Promise<void>((resolve) => frame!.addEventListener('load', () => resolve(), { once: true }));
  const win = frame.contentWindow as Window & typeof globalThis;
  // The save dialog is a native window the test cannot answer: the backup goes to a download.
  (win as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker = undefined;
  return { demo: page.frameLocator(page.getByTestId('demo')), doc: win.document };
}

describe('the demo center', () => {
  it('logs in, applies with the code from the phone panel, backs up, and switches scenario', async () => {
    const { demo, doc } = await openDemo();
    await demo.getByRole('button', { name: /王小明/ }).click();
    await demo.getByRole('navigation', { name: '憑證中心選單' }).getByRole('link', { name: '憑證查詢及申請' }).click();
    await demo.getByRole('button', { name: '申請' }).click();
    await demo.getByRole('button', { name: '取得認證碼' }).click();
    await demo.getByRole('button', { name: '確定' }).click();
    // The code as the phone shows it.
    const code = await (async () => {
      for (;;) {
        const text = doc.querySelector('.phone .code')?.textContent;
        if (text) return text;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await demo.getByLabelText('輸入認證碼').fill(code);
    await demo.getByRole('button', { name: '確認', exact: true }).click();
    await demo.getByRole('button', { name: '確認', exact: true }).click(); // the consent form
    await demo.getByLabelText('設定匯出密碼').fill('Demo1234');
    await demo.getByLabelText('再次確認密碼').fill('Demo1234');
    await demo.getByRole('button', { name: '確定匯出' }).click();
    await expect.element(demo.getByText('您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。')).toBeVisible();

    await demo.getByLabelText('情境 Scenario').selectOptions('revoked');
    await demo.getByRole('button', { name: '切換情境 Switch' }).click();
    await expect.element(demo.getByText(/情境：已註銷/)).toBeVisible();
    await demo.getByRole('link', { name: '檢查憑證' }).click();
    await expect.element(demo.getByRole('button', { name: /移除/ }).first()).toBeVisible();
  });
});
