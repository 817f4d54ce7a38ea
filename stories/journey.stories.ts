// The customer's journey in <cert-center>, as one story: a new customer applies (the code from the
// phone, the consent form, the wait), backs the certificate up, and checks it on 檢查憑證.
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertApply } from '../src/components/cert-apply/cert-apply.ts';
import { enterCode, requestCode } from './support/flows.ts';
import { kitOf, scene } from './support/kit.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const meta = {
  title: 'Journey',
  tags: ['!autodocs'],
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** 申請 → the code → 申請同意書 → 確認 → the backup (確定匯出) → 申請成功 → 檢查憑證: 有效, with 匯出. */
export const ApplyBackUpCheck: Story = {
  ...scene(),
  render: (_args, context) => html`<cert-center .center=${kitOf(context).center}></cert-center>`,
  play: async (context) => {
    const t = wordsOf(context);
    const kit = kitOf(context);
    const screen = screenOf(context.canvasElement);

    await context.step('憑證查詢及申請: no certificate yet, 申請', async () => {
      await screen.findByText(t.overview.noCertificate);
      await userEvent.click(await screen.findByRole('button', { name: t.overview.apply }));
      await screen.findByRole('heading', { level: 2, name: t.apply.heading });
      // The countdown runs on the story's timers (the page's would tick in real seconds).
      const apply = (context.canvasElement.querySelector('cert-center')!.shadowRoot!.querySelector('cert-apply') as CertApply);
      apply.timers = kit.timers;
    });

    await context.step('取得認證碼, the code read from the phone (the mock inbox), 確認', async () => {
      await requestCode(context);
      await enterCode(context, kit.lastCode());
      await screen.findByText(t.otp.verified);
    });

    await context.step('申請同意書, 確認, 「憑證資料下載中…」', async () => {
      const consent = await kit.center.consent();
      await screen.findByRole('region', { name: consent.title });
      await userEvent.click(await screen.findByRole('button', { name: t.common.confirm }));
    });

    await context.step('The backup: the export password twice, 確定匯出', async () => {
      await screen.findByText(t.apply.backupIntro);
      await userEvent.type(await screen.findByLabelText(t.export.password), 'Abcd1234');
      await userEvent.type(await screen.findByLabelText(t.export.confirmPassword), 'Abcd1234');
      await userEvent.click(await screen.findByRole('button', { name: t.export.submit }));
      await expect(await screen.findByText(t.apply.success)).toBeTruthy();
      await expect(kit.saved.map((f) => f.name)).toEqual([`${kit.customer.idNumber}_cert.pfx`]);
    });

    await context.step('檢查憑證: the certificate is 有效 here, with 匯出', async () => {
      await userEvent.click(await screen.findByRole('link', { name: t.center.pages.check }));
      await screen.findByRole('heading', { level: 2, name: t.check.heading });
      const [stored] = await kit.center.credentials();
      await expect(await screen.findByRole('button', { name: t.check.rowAction(t.check.export, stored!.serialNumber) })).toBeTruthy();
      await until(() => screen.queryByText(t.common.localStatus.valid));
      await expect(kit.backend.issuedCount()).toBe(1);
    });
  },
};
export const ApplyBackUpCheckEnglish = inEnglish(ApplyBackUpCheck);
export const ApplyBackUpCheckDark = inDark(ApplyBackUpCheck);
