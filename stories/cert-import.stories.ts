// <cert-import> 憑證匯入: choose a .pfx (picker or drop), its password, 確定, 匯入成功 — and every
// refusal with its own message at the field it concerns: a wrong password, not a backup, too
// large, too costly to open, a cipher it does not read, a key that is not the certificate's,
// another customer's, expired, revoked.
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent } from 'storybook/test';
import type { CertImport } from '../src/components/cert-import/cert-import.ts';
import type { CertCenterErrorCode } from '../src/core/index.ts';
import { errorMessage } from '../src/components/shared/localize.ts';
import { CertCenterError } from '../src/core/index.ts';
import { backupPassword, notABackup, othersBackup, ownBackup, strangersKey, tooCostly, tooLarge, unsupportedCipher } from './support/backups.ts';
import { elementHelpers } from './support/element.ts';
import { kitOf, scene, type Kit } from './support/kit.ts';
import { screenOf, until } from './support/screen.ts';
import { inDark, inEnglish, wordsOf } from './support/variants.ts';

const { args, argTypes, template } = elementHelpers<CertImport>('cert-import');

const meta = {
  title: 'Elements/cert-import',
  component: 'cert-import',
  args,
  argTypes,
  render: (args, context) => template({ ...args, center: kitOf(context).center }),
} satisfies Meta;
export default meta;
type Story = StoryObj;

/** The message tied to a field (its aria-describedby), as a screen reader reads it with the field. */
const describedBy = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '').split(/\s+/).map((id) => (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim());

/**
 * What the browser's file picker leaves behind: the file in the input (whose own label then names
 * it, as after a real pick), then `input` and `change`.
 */
async function pick(input: HTMLElement, file: File): Promise<void> {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  (input as HTMLInputElement).files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Chooses the file in the picker, types the password, 確定. */
async function attempt(context: StoryContext, file: File, password = backupPassword): Promise<void> {
  const t = wordsOf(context);
  const screen = screenOf(context.canvasElement);
  await pick(await screen.findByLabelText(t.import.file), file);
  await userEvent.type(await screen.findByLabelText(t.import.password), password);
  await userEvent.click(await screen.findByRole('button', { name: t.import.submit }));
}

/** A story whose file is refused with `code`: the customer's message under the field it concerns, the field marked invalid. */
function refused(code: CertCenterErrorCode, spec: Parameters<typeof scene>[0], choose: (kit: Kit) => File | Promise<File>, password = backupPassword): Story {
  return {
    ...scene(spec),
    play: async (context) => {
      const t = wordsOf(context);
      const screen = screenOf(context.canvasElement);
      await attempt(context, await choose(kitOf(context)), password);
      const words = errorMessage(new CertCenterError(code, code), t);
      const label = code === 'PFX_BAD_PASSWORD' ? t.import.password : t.import.file;
      const input = await screen.findByLabelText(label);
      await until(() => input.getAttribute('aria-invalid') === 'true');
      await expect(describedBy(input)).toContain(words);
      await expect(screen.queryByRole('heading', { name: t.import.success })).toBeNull();
    },
  };
}

/** The form: 選取憑證檔案 (or drop it on the zone), 憑證密碼, 確定. */
export const Form: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await expect(await screen.findByRole('heading', { level: 2, name: t.import.heading })).toBeTruthy();
    await expect(await screen.findByText(t.import.dropZone)).toBeTruthy();
    await expect(await screen.findByLabelText(t.import.password)).toBeTruthy();
  },
};
export const FormEnglish = inEnglish(Form);
export const FormDark = inDark(Form);

/** 確定 with neither file nor password: each field says what it needs. */
export const NothingChosen: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    await userEvent.click(await screen.findByRole('button', { name: t.import.submit }));
    await expect(describedBy(await screen.findByLabelText(t.import.file))).toContain(t.import.noFile);
    await expect(describedBy(await screen.findByLabelText(t.import.password))).toContain(t.import.noPassword);
  },
};
export const NothingChosenEnglish = inEnglish(NothingChosen);
export const NothingChosenDark = inDark(NothingChosen);

/** The customer's own backup with its password: 匯入成功, with the serial number and validity. */
export const Success: Story = {
  ...scene({ backend: { scenario: 'valid' } }),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const file = await ownBackup(kitOf(context));
    await pick(await screen.findByLabelText(t.import.file), file);
    await expect(await screen.findByText(t.import.chosen(file.name))).toBeTruthy();
    await userEvent.type(await screen.findByLabelText(t.import.password), backupPassword);
    await userEvent.click(await screen.findByRole('button', { name: t.import.submit }));
    await expect(await screen.findByRole('heading', { name: t.import.success })).toBeTruthy();
    const [stored] = await kitOf(context).center.credentials();
    await expect(await screen.findByText(stored!.serialNumber)).toBeTruthy();
    await expect(await screen.findByRole('button', { name: t.import.importAnother })).toBeTruthy();
  },
};
export const SuccessEnglish = inEnglish(Success);
export const SuccessDark = inDark(Success);

/** The wrong password: the file stays chosen, the password field says so and is emptied. */
export const WrongPassword = refused('PFX_BAD_PASSWORD', { backend: { scenario: 'valid' } }, ownBackup, 'wrong999');
export const WrongPasswordEnglish = inEnglish(WrongPassword);
export const WrongPasswordDark = inDark(WrongPassword);

/** A file that is no certificate backup at all. */
export const NotABackup = refused('PFX_MALFORMED', {}, notABackup);
export const NotABackupEnglish = inEnglish(NotABackup);
export const NotABackupDark = inDark(NotABackup);

/** A file over 1 MiB, refused as soon as it is chosen, before it is read. */
export const TooLarge: Story = {
  ...scene(),
  play: async (context) => {
    const t = wordsOf(context);
    const screen = screenOf(context.canvasElement);
    const input = await screen.findByLabelText(t.import.file);
    await pick(input, tooLarge());
    await until(() => input.getAttribute('aria-invalid') === 'true');
    await expect(describedBy(input)).toContain(errorMessage(new CertCenterError('PFX_TOO_LARGE', 'x'), t));
  },
};
export const TooLargeEnglish = inEnglish(TooLarge);
export const TooLargeDark = inDark(TooLarge);

/** Its encryption asks for more work than an import allows (over 2,000,000 iterations). */
export const TooCostly = refused('PFX_TOO_COSTLY', { backend: { scenario: 'valid' } }, tooCostly);
export const TooCostlyEnglish = inEnglish(TooCostly);
export const TooCostlyDark = inDark(TooCostly);

/** Encrypted with a cipher the importer does not read (Camellia). */
export const UnsupportedCipher = refused('PFX_UNSUPPORTED_ALGORITHM', { backend: { scenario: 'valid' } }, unsupportedCipher);
export const UnsupportedCipherEnglish = inEnglish(UnsupportedCipher);
export const UnsupportedCipherDark = inDark(UnsupportedCipher);

/** The certificate beside a private key that is not its own. */
export const KeyMismatch = refused('KEY_MISMATCH', { backend: { scenario: 'valid' } }, strangersKey);
export const KeyMismatchEnglish = inEnglish(KeyMismatch);
export const KeyMismatchDark = inDark(KeyMismatch);

/** Another customer's backup. */
export const NotYours = refused('CERT_NOT_YOURS', {}, othersBackup);
export const NotYoursEnglish = inEnglish(NotYours);
export const NotYoursDark = inDark(NotYours);

/** The backup of a certificate that has expired. */
export const Expired = refused('CERT_EXPIRED', { backend: { scenario: 'expired' } }, ownBackup);
export const ExpiredEnglish = inEnglish(Expired);
export const ExpiredDark = inDark(Expired);

/** The backup of a certificate revoked on the server. */
export const Revoked = refused('CERT_REVOKED', { backend: { scenario: 'revoked' } }, ownBackup);
export const RevokedEnglish = inEnglish(Revoked);
export const RevokedDark = inDark(Revoked);
