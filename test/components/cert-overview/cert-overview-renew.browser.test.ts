// 更新 opens <cert-renew serial-number> in place once that element is defined on the page (a
// stand-in here: the real one comes with the renewal screens).
import { html, LitElement } from 'lit';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/cert-overview/cert-overview.ts';
import type { CertOverview } from '../../../src/components/cert-overview/cert-overview.ts';
import { expectAccessible, mount, useMockWorker } from '../support.ts';
import { importedSeed, tableRows, tablesSetup } from '../cert-check/tables-support.ts';

useMockWorker();

class RenewStandIn extends LitElement {
  static override properties = { serialNumber: { attribute: 'serial-number' } };
  declare serialNumber: string;
  protected override render() {
    return html`<p>renew ${this.serialNumber}</p>`;
  }
}
customElements.define('cert-renew', RenewStandIn);

describe('<cert-overview> with <cert-renew> defined', () => {
  it('更新 fires cert-navigate and opens <cert-renew serial-number> in place, with the same center and a way back', async () => {
    const s = await tablesSetup({ scenario: 'renewal-due' });
    const credential = await importedSeed(s);
    const el = await mount<CertOverview>(html`<cert-overview .center=${s.center}></cert-overview>`);
    await expect.poll(() => tableRows(el, '本公司主機端').length).toBe(1);
    const asked: unknown[] = [];
    el.addEventListener('cert-navigate', (e) => asked.push(e.detail));
    await page.getByRole('button', { name: `更新憑證 ${credential.serialNumber}` }).click();
    expect(asked).toEqual([{ page: 'renew', serialNumber: credential.serialNumber }]);
    await expect.poll(() => el.shadowRoot!.querySelector('cert-renew')?.getAttribute('serial-number')).toBe(credential.serialNumber);
    expect((el.shadowRoot!.querySelector('cert-renew') as unknown as { center: unknown }).center).toBe(s.center);
    await expectAccessible(el);
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => tableRows(el, '本公司主機端').length).toBe(1);
  });
});
