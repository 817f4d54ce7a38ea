// <cert-export> 匯出憑證，進行備份: the certificate, the file name by the center's rule, the export
// password twice with the rule checked live (a weak one, a mismatched confirmation), 《重要說明》,
// 確定匯出 and the save dialog, 匯出成功 — or nothing to export.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertExport } from '../src/components/cert-export/cert-export.ts';
import { maskIdNumber } from '../src/core/index.ts';
import { elementHelpers } from './support/element.ts';
import { importedSeed } from './support/history.ts';
import { kitOf, scene } from './support/kit.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertExport>('cert-export');

const meta = {
  title: 'Elements/cert-export',
  component: 'cert-export',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** A valid certificate stored in this browser (imported from its backup). */
const stored = () => scene({ backend: { scenario: 'valid' }, before: async (kit) => void (await importedSeed(kit)) });

const field = (el: HTMLElement) => el as HTMLInputElement;
/** The message tied to a field (its aria-describedby), as a screen reader reads it with the field. */
const describedBy = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim());

/** The form for the one stored certificate: masked ID and serial, 設定憑證檔名 with `A123456789_cert.pfx`, the password rule, 《重要說明》. */
export const Form: Story = {
  ...stored(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const kit = kitOf(context);
    await expect(await screen.findByRole('heading', { level: 2, name: t.export.heading })).toBeTruthy();
    await expect(await screen.findByText(t.export.certificateValue(maskIdNumber(kit.customer.idNumber), (await kit.center.credentials())[0]!.serialNumber))).toBeTruthy();
    await expect(field(await screen.findByLabelText(t.export.fileName)).value).toBe(`${kit.customer.idNumber}_cert.pfx`);
    await expect(await screen.findByText(t.export.passwordRule)).toBeTruthy();
    await expect(await screen.findByRole('heading', { name: t.common.importantNotes })).toBeTruthy();
  },
};
export const FormEnglish = inEnglish(Form);
export const FormDark = inDark(Form);

/** A password too short, once the field is left: 「密碼太短，請設定至少 4 碼。」 tied to the field. */
export const WeakPassword: Story = {
  ...stored(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const password = await screen.findByLabelText(t.export.password);
    await userEvent.type(password, 'ab1');
    await userEvent.click(await screen.findByLabelText(t.export.fileName));
    await until(() => password.getAttribute('aria-invalid') === 'true');
    await expect(describedBy(password)).toContain(t.export.passwordErrors['too-short']);
  },
};
export const WeakPasswordEnglish = inEnglish(WeakPassword);
export const WeakPasswordDark = inDark(WeakPassword);

/** A confirmation that differs: 「兩次輸入的密碼不相同，請重新確認。」 at once. */
export const MismatchedPassword: Story = {
  ...stored(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await userEvent.type(await screen.findByLabelText(t.export.password), 'abcd1234');
    const confirm = await screen.findByLabelText(t.export.confirmPassword);
    await userEvent.type(confirm, 'abcX');
    await until(() => confirm.getAttribute('aria-invalid') === 'true');
    await expect(describedBy(confirm)).toContain(t.export.confirmErrors.mismatch);
  },
};
export const MismatchedPasswordEnglish = inEnglish(MismatchedPassword);
export const MismatchedPasswordDark = inDark(MismatchedPassword);

/** 確定匯出 with a good password: the save dialog, then 「憑證匯出成功，請妥善保管備份檔案及密碼。」 in the pop-up. */
export const Saved: Story = {
  ...stored(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const kit = kitOf(context);
    await userEvent.type(await screen.findByLabelText(t.export.password), 'abcd1234');
    await userEvent.type(await screen.findByLabelText(t.export.confirmPassword), 'abcd1234');
    await userEvent.click(await screen.findByRole('button', { name: t.export.submit }));
    const dialog = await screen.findByRole('alertdialog', { name: t.common.dialogTitle });
    const popUp = screenOf((dialog.getRootNode() as ShadowRoot).host);
    const fileName = `${kit.customer.idNumber}_cert.pfx`;
    await expect(await popUp.findByText(t.export.done)).toBeTruthy();
    await expect(await popUp.findByText(t.export.savedAs(fileName))).toBeTruthy();
    await expect(kit.saved.map((f) => f.name)).toEqual([fileName]);
  },
};
export const SavedEnglish = inEnglish(Saved);
export const SavedDark = inDark(Saved);

/** Nothing exportable stored in this browser: what to do instead. */
export const NothingToExport: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByText(t.export.none)).toBeTruthy();
    await expect(screen.queryByRole('button', { name: t.export.submit })).toBeNull();
  },
};
export const NothingToExportEnglish = inEnglish(NothingToExport);
export const NothingToExportDark = inDark(NothingToExport);
