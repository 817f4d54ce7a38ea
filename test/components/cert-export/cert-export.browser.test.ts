// <cert-export> in Chromium against the mock CA behind the service worker: the export screen of
// the manual (匯出憑證，進行備份), the save dialog opened in the click, the download otherwise.
import { html } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createMemoryStore, maskIdNumber } from '../../../src/core/index.ts';
import '../../../src/components/cert-export/cert-export.ts';
import type { CertExport } from '../../../src/components/cert-export/cert-export.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { openssl } from '../../support/openssl.ts';
import { expectAccessible, mount, setup, useMockWorker } from '../support.ts';
import { applied, captureDownloads, codes, collect, deepActive, fakeSaveTarget, settle, snapState, stubSavePicker, until } from '../backup-support.ts';

useMockWorker();

const t = zhHant.export;
const exported = collect('cert-exported');
const errors = collect('cert-error');

const root = (el: CertExport) => el.shadowRoot!;
const text = (el: CertExport, selector: string) => root(el).querySelector(selector)?.textContent?.trim() ?? '';
const field = (el: CertExport, id: string) => root(el).querySelector<HTMLInputElement>(`#${id}`)!;
const described = (input: HTMLInputElement) =>
  (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => input.getRootNode() instanceof ShadowRoot ? (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim() : undefined);

async function ready(el: CertExport) {
  await until(() => !!root(el).querySelector('form, [part~="message"]'), 'the element to load');
  await el.updateComplete;
}

async function fillPasswords(password: string, confirm = password) {
  await userEvent.fill(page.getByLabelText(t.password), password);
  await userEvent.fill(page.getByLabelText(t.confirmPassword), confirm);
}

const exportButton = () => page.getByRole('button', { name: t.submit });

describe('<cert-export>: the form of the manual', () => {
  it('shows the credential masked with its serial, the default file name by the center\'s rule, the password rule and both 《重要說明》 notes', async () => {
    const s = await setup({}, { backupFileName: (id) => `${id}_BROKER.pfx` });
    const credential = await applied(s);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    expect(text(el, 'h2')).toBe(t.heading);
    expect(text(el, '[part~="certificate"]')).toContain(maskIdNumber(credential.idNumber));
    expect(text(el, '[part~="certificate"]')).toContain(credential.serialNumber);
    expect(text(el, '[part~="certificate"]')).not.toContain(credential.idNumber);
    await expect.element(page.getByLabelText(t.fileName)).toHaveValue(`${credential.idNumber}_BROKER.pfx`);
    expect(text(el, '#file-name-hint')).toBe('檔案名稱中、英文皆可');
    expect(text(el, '#password-rule')).toBe('密碼請設定4~10碼，英文、數字皆可。');
    expect(described(field(el, 'password'))).toContain('密碼請設定4~10碼，英文、數字皆可。');
    expect(described(field(el, 'confirm'))).toContain('密碼請設定4~10碼，英文、數字皆可。');
    expect(text(el, '[part~="notes"] h3')).toBe('《重要說明》');
    expect(root(el).querySelectorAll('[part~="notes"] li')).toHaveLength(2);
    expect(text(el, '[part~="advice"]')).toBe(t.revocationAdvice);
    await expect.element(exportButton()).toBeEnabled();
    await expectAccessible(el);
    await snapState('cert-export.form', el);
  });

  it('takes the host\'s file-name over the center\'s rule, and keeps what the customer types', async () => {
    const s = await setup();
    const credential = await applied(s);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber} file-name="備份.pfx"></cert-export>`);
    await ready(el);
    await expect.element(page.getByLabelText(t.fileName)).toHaveValue('備份.pfx');
    await userEvent.fill(page.getByLabelText(t.fileName), 'my backup');
    el.fileName = 'other.pfx';
    await el.updateComplete;
    await expect.element(page.getByLabelText(t.fileName)).toHaveValue('my backup');
  });

  it('checks the password rule live: a weak password and a mismatched confirmation each have their message, tied to their field', async () => {
    const s = await setup();
    const credential = await applied(s);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    const password = field(el, 'password');
    const confirm = field(el, 'confirm');

    // A character the rule never allows shows at once, while typing.
    await userEvent.type(page.getByLabelText(t.password), 'ab密');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(described(password)).toContain(t.passwordErrors['invalid-characters']);
    // Too short only once the field is left; typing on mends it.
    await userEvent.fill(page.getByLabelText(t.password), 'ab1');
    expect(password.getAttribute('aria-invalid')).toBe('false');
    await userEvent.click(page.getByLabelText(t.fileName));
    expect(described(password)).toContain(t.passwordErrors['too-short']);
    await expectAccessible(el);
    await snapState('cert-export.weak-password', el);
    await userEvent.fill(page.getByLabelText(t.password), 'abcdefghijk');
    expect(described(password)).toContain(t.passwordErrors['too-long']);
    await userEvent.fill(page.getByLabelText(t.password), 'abcd1234');
    expect(password.getAttribute('aria-invalid')).toBe('false');
    expect(root(el).querySelector('#password-error')).toBeNull();

    // The confirmation: a prefix is still being typed; a different character is a mismatch at once.
    await userEvent.type(page.getByLabelText(t.confirmPassword), 'abcd');
    expect(confirm.getAttribute('aria-invalid')).toBe('false');
    await userEvent.type(page.getByLabelText(t.confirmPassword), 'X');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(described(confirm)).toContain(t.confirmErrors.mismatch);
    await expectAccessible(el);
    await snapState('cert-export.mismatch', el);
    await userEvent.fill(page.getByLabelText(t.confirmPassword), 'abcd1234');
    expect(confirm.getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses to export with a problem in the form: the save dialog is not opened and focus goes to the first field to fix', async () => {
    const s = await setup();
    const credential = await applied(s);
    const calls = stubSavePicker(async () => fakeSaveTarget().handle);
    const spy = vi.spyOn(s.center, 'exportBackup');
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await userEvent.click(exportButton());
    await el.updateComplete;
    expect(deepActive()).toBe(field(el, 'password'));
    expect(described(field(el, 'password'))).toContain(t.passwordErrors.empty);
    expect(described(field(el, 'confirm'))).toContain(t.confirmErrors.empty);
    await expectAccessible(el);
    await snapState('cert-export.empty', el);

    // A file name with characters no file system takes is the file name field's error.
    await userEvent.fill(page.getByLabelText(t.fileName), 'a/b:c');
    expect(described(field(el, 'file-name'))).toContain(t.fileNameErrors['invalid-characters']);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await el.updateComplete;
    expect(deepActive()).toBe(field(el, 'file-name'));
    await userEvent.fill(page.getByLabelText(t.fileName), '');
    await userEvent.click(exportButton());
    expect(described(field(el, 'file-name'))).toContain(t.fileNameErrors.empty);
    await expectAccessible(el);
    expect(calls).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    expect(exported).toEqual([]);
  });
});

describe('<cert-export>: saving the file', () => {
  it('opens the save dialog in the click, before the export starts, then writes the backup into the chosen file and fires cert-exported', async () => {
    const s = await setup();
    const credential = await applied(s);
    const target = fakeSaveTarget('王小明的憑證.pfx');
    const order: string[] = [];
    const calls = stubSavePicker(async () => (order.push('picker'), target.handle));
    const original = s.center.exportBackup.bind(s.center);
    const spy = vi.spyOn(s.center, 'exportBackup').mockImplementation((params) => (order.push('export'), original(params)));
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await userEvent.fill(page.getByLabelText(t.fileName), '王小明的憑證');
    await fillPasswords('Abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');

    expect(calls).toEqual([{ suggestedName: '王小明的憑證.pfx', activated: true }]);
    expect(order).toEqual(['picker', 'export']);
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ serialNumber: credential.serialNumber, password: 'Abcd1234', fileName: '王小明的憑證.pfx', compatibility: 'modern' }));
    expect(target.record.closed).toBe(true);
    expect(target.record.removed).toBe(false);
    expect(exported[0]!.detail).toEqual({ serialNumber: credential.serialNumber, fileName: '王小明的憑證.pfx' });
    const run = await openssl(['pkcs12', '-info', '-nokeys', '-in', 'b.pfx', '-passin', 'pass:Abcd1234'], { files: { 'b.pfx': target.bytes() } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/AES-256-CBC/);

    // 網頁訊息: 確定 completes the backup; the passwords are gone from the form.
    await el.updateComplete;
    const dialog = page.getByRole('alertdialog');
    await expect.element(dialog).toBeVisible();
    await expectAccessible(el);
    await snapState('cert-export.saved-dialog', el);
    await userEvent.click(page.getByRole('button', { name: zhHant.common.ok }));
    await el.updateComplete;
    expect(deepActive()).toBe(root(el).querySelector('#saved'));
    expect(text(el, '#saved')).toContain('王小明的憑證.pfx');
    expect(field(el, 'password').value).toBe('');
    expect(field(el, 'confirm').value).toBe('');
    await expectAccessible(el);
    await snapState('cert-export.saved', el);
    expect(errors).toEqual([]);
  });

  it('takes cancelling the save dialog (AbortError) as no error: no backup is made and nothing is fired', async () => {
    const s = await setup();
    const credential = await applied(s);
    const calls = stubSavePicker(async () => {
      throw new DOMException('The user aborted a request.', 'AbortError');
    });
    const spy = vi.spyOn(s.center, 'exportBackup');
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => calls.length === 1 && root(el).querySelector('[part~="base"]')!.getAttribute('aria-busy') === 'false', 'the cancelled dialog');
    await el.updateComplete;
    expect(spy).not.toHaveBeenCalled();
    expect(exported).toEqual([]);
    expect(errors).toEqual([]);
    expect(root(el).querySelector('[part~="message"]')).toBeNull();
    await expect.element(exportButton()).toBeEnabled();
    expect(deepActive()).toBe(root(el).querySelector('[part~="submit"]'));
    // The form is as it was: the customer can try again at once.
    expect(field(el, 'password').value).toBe('abcd1234');
    await expectAccessible(el);
  });

  it('downloads the file where the browser has no save dialog', async () => {
    const s = await setup();
    const credential = await applied(s);
    stubSavePicker(undefined);
    const downloads = captureDownloads();
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    expect(downloads.map((d) => d.fileName)).toEqual([`${credential.idNumber}_cert.pfx`]);
    expect(downloads[0]!.href).toMatch(/^blob:/);
    expect(exported[0]!.detail).toEqual({ serialNumber: credential.serialNumber, fileName: `${credential.idNumber}_cert.pfx` });
    const run = await openssl(['pkcs12', '-info', '-nokeys', '-in', 'b.pfx', '-passin', 'pass:abcd1234'], { files: { 'b.pfx': await downloads[0]!.bytes } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`CN = ${credential.idNumber}`);
  });

  it('downloads the file when the save dialog is refused with anything but AbortError', async () => {
    const s = await setup();
    const credential = await applied(s);
    const calls = stubSavePicker(async () => {
      throw new DOMException('Not allowed here', 'SecurityError');
    });
    const downloads = captureDownloads();
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    expect(calls).toHaveLength(1);
    expect(downloads).toHaveLength(1);
    expect((await downloads[0]!.bytes).length).toBeGreaterThan(500);
    expect(errors).toEqual([]);
  });

  it('downloads the file when the chosen file cannot be written', async () => {
    const s = await setup();
    const credential = await applied(s);
    const target = fakeSaveTarget();
    target.handle.createWritable = async () => {
      throw new DOMException('No space', 'QuotaExceededError');
    };
    stubSavePicker(async () => target.handle);
    const downloads = captureDownloads();
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    expect(downloads).toHaveLength(1);
    expect(exported[0]!.detail.fileName).toBe(`${credential.idNumber}_cert.pfx`);
  });

  it('shows progress while the backup is made: the button disabled, aria-busy and a polite status', async () => {
    const s = await setup();
    const credential = await applied(s);
    stubSavePicker(async () => fakeSaveTarget().handle);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = s.center.exportBackup.bind(s.center);
    vi.spyOn(s.center, 'exportBackup').mockImplementation(async (params) => (await gate, original(params)));
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber} embedded></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => root(el).querySelector('[part~="base"]')!.getAttribute('aria-busy') === 'true', 'aria-busy');
    await el.updateComplete;
    await expect.element(exportButton()).toBeDisabled();
    const progress = root(el).querySelector('[part~="progress"]')!;
    expect(progress.getAttribute('role')).toBe('status');
    expect(progress.textContent).toBe(t.working);
    await expectAccessible(el);
    await snapState('cert-export.working', el);
    release();
    await until(() => exported.length === 1, 'cert-exported');
    await el.updateComplete;
    await expect.element(exportButton()).toBeEnabled();
    expect(progress.textContent).toBe('');
  });

  it('writes the compatible (legacy) format when the customer chooses it', async () => {
    const s = await setup();
    const credential = await applied(s);
    const target = fakeSaveTarget();
    stubSavePicker(async () => target.handle);
    const spy = vi.spyOn(s.center, 'exportBackup');
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await userEvent.click(page.getByLabelText(t.compatibilityLegacy));
    expect(el.compatibility).toBe('legacy');
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ compatibility: 'legacy' }));
    const run = await openssl(['pkcs12', '-info', '-nokeys', '-legacy', '-in', 'b.pfx', '-passin', 'pass:abcd1234'], { files: { 'b.pfx': target.bytes() } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/TripleDES|3DES|DES-EDE3/i);
  });

  it('shows a failed export with its own message, fires cert-error, and deletes the empty file the dialog made', async () => {
    const store = createMemoryStore();
    const s = await setup({}, { store });
    const credential = await applied(s);
    const stored = (await store.getCredential(credential.serialNumber))!;
    const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    await store.putCredential({ ...stored, privateKey: stranger.privateKey, publicKey: stranger.publicKey });
    const target = fakeSaveTarget();
    stubSavePicker(async () => target.handle);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => errors.length === 1, 'cert-error');
    await el.updateComplete;
    expect(codes(errors)).toEqual(['KEY_MISMATCH']);
    expect(text(el, '[part~="message"].error')).toBe(t.keyMismatch);
    expect(target.record.removed).toBe(true);
    expect(target.record.chunks).toEqual([]);
    expect(exported).toEqual([]);
    await expectAccessible(el);
    await snapState('cert-export.failed', el);
    el.locale = 'en';
    await settle(el);
    expect(text(el, '[part~="message"].error')).toBe(en.export.keyMismatch);
  });
});

describe('<cert-export>: which certificate', () => {
  it('without serial-number lists the exportable stored certificates as a radio group and exports the chosen one', async () => {
    const store = createMemoryStore();
    const s = await setup({}, { store });
    const credential = await applied(s);
    // A second stored record (a copy under another serial number) so that there is a choice.
    const stored = (await store.getCredential(credential.serialNumber))!;
    await store.putCredential({ ...stored, serialNumber: '0A0B0C0D' });
    const target = fakeSaveTarget();
    stubSavePicker(async () => target.handle);
    const spy = vi.spyOn(s.center, 'exportBackup');
    const el = await mount<CertExport>(html`<cert-export .center=${s.center}></cert-export>`);
    await ready(el);
    const group = page.getByRole('group', { name: t.chooseLegend });
    await expect.element(group).toBeVisible();
    const radios = root(el).querySelectorAll<HTMLInputElement>('[part~="choices"] input[type="radio"]');
    expect(radios).toHaveLength(2);
    expect([...radios].filter((r) => r.checked)).toHaveLength(1);
    await expectAccessible(el);
    await snapState('cert-export.choose', el);
    await userEvent.click(page.getByLabelText(t.choice(maskIdNumber(credential.idNumber), credential.serialNumber)));
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ serialNumber: credential.serialNumber }));
    expect(exported[0]!.detail.serialNumber).toBe(credential.serialNumber);
  });

  it('without serial-number and one exportable certificate, shows that one', async () => {
    const s = await setup();
    const credential = await applied(s);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center}></cert-export>`);
    await ready(el);
    expect(root(el).querySelector('[part~="choices"]')).toBeNull();
    expect(text(el, '[part~="certificate"]')).toContain(credential.serialNumber);
  });

  it('says so, with what to do, when this browser holds nothing exportable', async () => {
    const s = await setup();
    const el = await mount<CertExport>(html`<cert-export .center=${s.center}></cert-export>`);
    await ready(el);
    expect(text(el, '[part~="message"]')).toBe(t.none);
    expect(root(el).querySelector('form')).toBeNull();
    await expectAccessible(el);
    await snapState('cert-export.none', el);
  });

  it('names a serial number this browser does not hold (NO_VALID_CREDENTIAL) and a key stored as not exportable (KEY_NOT_EXTRACTABLE)', async () => {
    const s = await setup({}, { exportable: false });
    const credential = await applied(s);
    const missing = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number="ABCDEF"></cert-export>`);
    await ready(missing);
    expect(text(missing, '[part~="message"].error')).toBe(zhHant.errors.NO_VALID_CREDENTIAL);
    const locked = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(locked);
    expect(text(locked, '[part~="message"].error')).toBe(zhHant.errors.KEY_NOT_EXTRACTABLE);
    expect(codes(errors)).toEqual(['NO_VALID_CREDENTIAL', 'KEY_NOT_EXTRACTABLE']);
    await expectAccessible(locked);
    await snapState('cert-export.not-exportable', locked);
    const listed = await mount<CertExport>(html`<cert-export .center=${s.center}></cert-export>`);
    await ready(listed);
    expect(text(listed, '[part~="message"]')).toBe(t.none);
  });
});

describe('<cert-export>: embedded, locale, keyboard', () => {
  it('embedded inside apply or renew: no page heading, its own opening line, no dialog after saving', async () => {
    const s = await setup();
    const credential = await applied(s);
    stubSavePicker(async () => fakeSaveTarget().handle);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber} embedded></cert-export>`);
    await ready(el);
    expect(root(el).querySelector('h2')).toBeNull();
    expect(text(el, '[part~="intro"]')).toBe(t.introEmbedded);
    await expectAccessible(el);
    await snapState('cert-export.embedded', el);
    await fillPasswords('abcd1234');
    await userEvent.click(exportButton());
    await until(() => exported.length === 1, 'cert-exported');
    await el.updateComplete;
    expect(root(el).querySelector('cert-dialog')).toBeNull();
    expect(text(el, '#saved')).toContain('chosen.pfx');
  });

  it('switches its words live when the locale changes on the mounted element', async () => {
    const s = await setup();
    const credential = await applied(s);
    const el = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await ready(el);
    await userEvent.fill(page.getByLabelText(t.password), 'ab');
    await userEvent.click(page.getByLabelText(t.confirmPassword));
    el.locale = 'en';
    await settle(el);
    expect(text(el, 'h2')).toBe(en.export.heading);
    await expect.element(page.getByRole('button', { name: en.export.submit })).toBeVisible();
    expect(described(field(el, 'password'))).toContain(en.export.passwordErrors['too-short']);
    await expect.element(page.getByLabelText(en.export.password)).toHaveValue('ab');
    await expectAccessible(el);
    el.locale = 'zh-Hant';
    await settle(el);
    await expect.element(exportButton()).toBeVisible();
  });

  it('works with the keyboard alone, and takes a pasted password', async () => {
    const s = await setup();
    const credential = await applied(s);
    const target = fakeSaveTarget();
    const calls = stubSavePicker(async () => target.handle);
    const host = await mount<HTMLDivElement>(html`<div>
      <input id="source" aria-label="source" value="Paste123" />
      <cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>
    </div>`);
    const el = host.querySelector('cert-export') as CertExport;
    await ready(el);
    // Copy a password from elsewhere and paste it into both fields.
    const source = host.querySelector<HTMLInputElement>('#source')!;
    source.focus();
    source.select();
    await userEvent.copy();
    await userEvent.keyboard('{Tab}');
    expect(deepActive()).toBe(field(el, 'file-name'));
    await userEvent.keyboard('{Tab}');
    expect(deepActive()).toBe(field(el, 'password'));
    await userEvent.paste();
    await userEvent.keyboard('{Tab}');
    expect(deepActive()).toBe(field(el, 'confirm'));
    await userEvent.paste();
    expect(field(el, 'password').value).toBe('Paste123');
    expect(field(el, 'confirm').value).toBe('Paste123');
    // Enter in a field sends the form: the save dialog opens on that key press.
    await userEvent.keyboard('{Enter}');
    await until(() => exported.length === 1, 'cert-exported');
    expect(calls).toEqual([{ suggestedName: `${credential.idNumber}_cert.pfx`, activated: true }]);
    await el.updateComplete;
    expect(deepActive()?.textContent).toBe(zhHant.common.ok);
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(deepActive()).toBe(root(el).querySelector('#saved'));
  });
});
