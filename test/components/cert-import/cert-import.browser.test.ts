// <cert-import> in Chromium against the mock CA behind the service worker: 憑證匯入 as in the manual
// (choose the file, its password, 確定, 匯入成功), every refusal with its own message, dropping a
// file, the keyboard alone, and a backup made by <cert-export> opened in a fresh browser store.
import { html } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { maxPkcs12Bytes, type CertCenter } from '../../../src/core/index.ts';
import '../../../src/components/cert-import/cert-import.ts';
import '../../../src/components/cert-export/cert-export.ts';
import type { CertImport } from '../../../src/components/cert-import/cert-import.ts';
import type { CertExport } from '../../../src/components/cert-export/cert-export.ts';
import { en } from '../../../src/components/shared/locales/en.ts';
import { formatDateTime } from '../../../src/components/shared/localize.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { opensslOk, openssl } from '../../support/openssl.ts';
import { expectAccessible, mount, setup, useMockWorker, type Setup } from '../support.ts';
import { anotherCenter, applied, codes, collect, deepActive, fakeSaveTarget, settle, snapState, stubSavePicker, until } from '../backup-support.ts';

useMockWorker();

const t = zhHant.import;
const imported = collect('cert-imported');
const errors = collect('cert-error');

const root = (el: CertImport) => el.shadowRoot!;
const text = (el: CertImport, selector: string) => root(el).querySelector(selector)?.textContent?.trim() ?? '';
const fileInput = (el: CertImport) => root(el).querySelector<HTMLInputElement>('#file')!;
const passwordInput = (el: CertImport) => root(el).querySelector<HTMLInputElement>('#password')!;
const described = (input: HTMLInputElement) =>
  (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent?.trim());
const pfx = (bytes: Uint8Array, name = 'backup.pfx') => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/x-pkcs12' });
const okButton = () => page.getByRole('button', { name: t.submit });

/** A backup of a freshly applied certificate, made by the core, and the certificate left out of the store. */
async function backup(s: Setup, password = 'abcd1234') {
  const credential = await applied(s);
  const file = await s.center.exportBackup({ serialNumber: credential.serialNumber, password });
  await s.center.remove(credential.serialNumber);
  return { credential, bytes: file.bytes, file: pfx(file.bytes, file.fileName) };
}

async function mountImport(center: CertCenter) {
  return mount<CertImport>(html`<cert-import .center=${center}></cert-import>`);
}

async function attempt(el: CertImport, file: File, password: string) {
  await userEvent.upload(page.getByLabelText(t.file), file);
  await userEvent.fill(page.getByLabelText(t.password), password);
  await userEvent.click(okButton());
  await until(() => root(el).querySelector('[part~="base"]')!.getAttribute('aria-busy') === 'false' && (errors.length > 0 || imported.length > 0), 'the attempt to end');
  await el.updateComplete;
}

/** The file field's error after a refused file: the catalogue's message, tied to the file picker, with the code on cert-error. */
async function expectFileRefused(el: CertImport, code: keyof typeof zhHant.errors) {
  expect(codes(errors)).toEqual([code]);
  expect(fileInput(el).getAttribute('aria-invalid')).toBe('true');
  expect(described(fileInput(el))).toContain(zhHant.errors[code] as string);
  expect(deepActive()).toBe(fileInput(el));
  expect(imported).toEqual([]);
  expect(passwordInput(el).value).toBe('');
  await expectAccessible(el);
}

describe('<cert-import>: the flow of the manual', () => {
  it('imports a chosen backup with its password and says 匯入成功 with its serial number and validity', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    const el = await mountImport(s.center);
    expect(text(el, 'h2')).toBe(t.heading);
    const input = fileInput(el);
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.pfx,.p12');
    await expectAccessible(el);
    await snapState('cert-import.form', el);
    await userEvent.upload(page.getByLabelText(t.file), file);
    expect(text(el, '.chosen')).toBe(t.chosen(file.name));
    await userEvent.type(page.getByLabelText(t.password), 'abcd1234');
    await expectAccessible(el);
    await snapState('cert-import.chosen', el);
    await userEvent.click(okButton());
    await until(() => imported.length === 1, 'cert-imported');
    await el.updateComplete;

    expect(imported[0]!.detail.credential.serialNumber).toBe(credential.serialNumber);
    expect((await s.center.credentials()).map((c) => c.serialNumber)).toEqual([credential.serialNumber]);
    const result = root(el).querySelector('[part~="result"]')!;
    expect(result.querySelector('h3')!.textContent).toBe(t.success);
    expect(result.textContent).toContain(credential.serialNumber);
    expect(result.textContent).toContain(zhHant.common.range(formatDateTime(credential.certificate.notBefore), formatDateTime(credential.certificate.notAfter)));
    expect(deepActive()).toBe(result.querySelector('h3'));
    expect(errors).toEqual([]);
    await expectAccessible(el);
    await snapState('cert-import.success', el);

    // 匯入其他憑證 starts over with an empty form.
    await userEvent.click(page.getByRole('button', { name: t.importAnother }));
    expect(deepActive()).toBe(fileInput(el));
    expect(passwordInput(el).value).toBe('');
  });

  it('asks for the file and the password before anything is read', async () => {
    const s = await setup();
    const spy = vi.spyOn(s.center, 'importBackup');
    const el = await mountImport(s.center);
    await userEvent.click(okButton());
    await el.updateComplete;
    expect(described(fileInput(el))).toContain(t.noFile);
    expect(described(passwordInput(el))).toContain(t.noPassword);
    expect(deepActive()).toBe(fileInput(el));
    await expectAccessible(el);
    await snapState('cert-import.missing', el);
    expect(spy).not.toHaveBeenCalled();
    expect(errors).toEqual([]);
  });

  it('keeps the file after a wrong password (PFX_BAD_PASSWORD), clears the password and puts the focus back on it', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    const el = await mountImport(s.center);
    await attempt(el, file, 'wrong999');
    expect(codes(errors)).toEqual(['PFX_BAD_PASSWORD']);
    const password = passwordInput(el);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(described(password)).toContain(zhHant.errors.PFX_BAD_PASSWORD);
    expect(deepActive()).toBe(password);
    expect(password.value).toBe('');
    expect(fileInput(el).files?.[0]?.name).toBe(file.name);
    expect(text(el, '.chosen')).toBe(t.chosen(file.name));
    await expectAccessible(el);
    await snapState('cert-import.bad-password', el);

    // Typing the right one imports the file still chosen.
    await userEvent.type(page.getByLabelText(t.password), 'abcd1234');
    expect(password.getAttribute('aria-invalid')).toBe('false');
    await userEvent.click(okButton());
    await until(() => imported.length === 1, 'cert-imported');
    expect(imported[0]!.detail.credential.serialNumber).toBe(credential.serialNumber);
  });

  it('refuses random bytes as not a certificate file (PFX_MALFORMED)', async () => {
    const s = await setup();
    const el = await mountImport(s.center);
    await attempt(el, pfx(crypto.getRandomValues(new Uint8Array(900)), 'random.pfx'), 'abcd1234');
    await expectFileRefused(el, 'PFX_MALFORMED');
    await snapState('cert-import.malformed', el);
  });

  it('refuses a file larger than a backup can be (PFX_TOO_LARGE) before reading it', async () => {
    const s = await setup();
    const spy = vi.spyOn(s.center, 'importBackup');
    const el = await mountImport(s.center);
    const big = pfx(new Uint8Array(maxPkcs12Bytes + 1), 'huge.pfx');
    const read = vi.spyOn(Blob.prototype, 'arrayBuffer');
    await userEvent.upload(page.getByLabelText(t.file), big);
    await el.updateComplete;
    expect(codes(errors)).toEqual(['PFX_TOO_LARGE']);
    expect(described(fileInput(el))).toContain(zhHant.errors.PFX_TOO_LARGE);
    expect(fileInput(el).files).toHaveLength(0);
    await expectAccessible(el);
    await snapState('cert-import.too-large', el);
    await userEvent.fill(page.getByLabelText(t.password), 'abcd1234');
    await userEvent.click(okButton());
    expect(read).not.toHaveBeenCalled();
    expect(spy).not.toHaveBeenCalled();
    // A file exactly at the limit is read (and then refused for what it is).
    await userEvent.upload(page.getByLabelText(t.file), pfx(new Uint8Array(maxPkcs12Bytes), 'limit.pfx'));
    expect(fileInput(el).getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses another customer\'s certificate (CERT_NOT_YOURS)', async () => {
    const s = await setup();
    const { file } = await backup(s);
    const el = await mountImport(anotherCenter(s.backend, { customer: 1 }));
    await attempt(el, file, 'abcd1234');
    await expectFileRefused(el, 'CERT_NOT_YOURS');
    await snapState('cert-import.not-yours', el);
  });

  it('refuses an expired certificate (CERT_EXPIRED)', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    s.backend.clock.set(new Date(credential.certificate.notAfter.getTime() + 86_400_000));
    const el = await mountImport(s.center);
    await attempt(el, file, 'abcd1234');
    await expectFileRefused(el, 'CERT_EXPIRED');
  });

  it('refuses a revoked certificate (CERT_REVOKED)', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    const sent = await s.center.requestOtp('revoke');
    const { otpToken } = await s.center.verifyOtp(sent.otpId, s.lastCode());
    await s.center.revoke({ otpToken, serialNumber: credential.serialNumber });
    const el = await mountImport(s.center);
    await attempt(el, file, 'abcd1234');
    await expectFileRefused(el, 'CERT_REVOKED');
    await snapState('cert-import.revoked', el);
  });

  it('refuses a file encrypted with an algorithm it does not read (PFX_UNSUPPORTED_ALGORITHM), made by OpenSSL', async () => {
    const s = await setup();
    const made = await opensslOk(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=A123456789']);
    const run = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-keypbe', 'CAMELLIA-256-CBC', '-certpbe', 'CAMELLIA-256-CBC', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], {
      files: { 'k.pem': made.files['k.pem']!, 'c.pem': made.files['c.pem']! },
    });
    const el = await mountImport(s.center);
    await attempt(el, pfx(run.files['f.pfx']!, 'camellia.pfx'), 'abcd1234');
    await expectFileRefused(el, 'PFX_UNSUPPORTED_ALGORITHM');
  });

  it('refuses a file whose key is not its certificate\'s (KEY_MISMATCH), made by OpenSSL', async () => {
    const s = await setup();
    const made = await opensslOk(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-subj', '/CN=A123456789']);
    const other = await opensslOk(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'o.pem']);
    // -nocerts with -certfile puts the certificate in without OpenSSL's check that the key is its own.
    const run = await opensslOk(['pkcs12', '-export', '-inkey', 'o.pem', '-nocerts', '-certfile', 'c.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], {
      files: { 'o.pem': other.files['o.pem']!, 'c.pem': made.files['c.pem']! },
    });
    const el = await mountImport(s.center);
    await attempt(el, pfx(run.files['f.pfx']!, 'mismatch.p12'), 'abcd1234');
    await expectFileRefused(el, 'KEY_MISMATCH');
  });
});

describe('<cert-import>: dropping, the keyboard, the locale', () => {
  it('takes a .pfx dropped on the drop zone as if it were chosen with the picker', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    const el = await mountImport(s.center);
    const zone = root(el).querySelector<HTMLElement>('[part~="drop-zone"]')!;
    const data = new DataTransfer();
    data.items.add(file);
    const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: data });
    zone.dispatchEvent(over);
    expect(over.defaultPrevented).toBe(true);
    await el.updateComplete;
    expect(zone.classList.contains('dragging')).toBe(true);
    await snapState('cert-import.dragging', el);
    const drop = new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: data });
    zone.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await el.updateComplete;
    expect(zone.classList.contains('dragging')).toBe(false);
    expect(text(el, '.chosen')).toBe(t.chosen(file.name));
    expect(fileInput(el).files?.[0]).toBe(file);
    await userEvent.fill(page.getByLabelText(t.password), 'abcd1234');
    await userEvent.click(okButton());
    await until(() => imported.length === 1, 'cert-imported');
    expect(imported[0]!.detail.credential.serialNumber).toBe(credential.serialNumber);
  });

  it('refuses a dropped file that is too large, before reading it', async () => {
    const s = await setup();
    const el = await mountImport(s.center);
    const zone = root(el).querySelector<HTMLElement>('[part~="drop-zone"]')!;
    const data = new DataTransfer();
    data.items.add(pfx(new Uint8Array(maxPkcs12Bytes + 10), 'huge.p12'));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
    await el.updateComplete;
    expect(codes(errors)).toEqual(['PFX_TOO_LARGE']);
    expect(root(el).querySelector('.chosen')).toBeNull();
  });

  it('works with the keyboard alone: Tab to the picker, Tab to the password, Enter, and again after a wrong password', async () => {
    const s = await setup();
    const { credential, file } = await backup(s);
    const el = await mountImport(s.center);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Tab}');
    expect(deepActive()).toBe(fileInput(el));
    // The picker opens on Enter or Space; the file the customer picks in it:
    await userEvent.upload(page.getByLabelText(t.file), file);
    await userEvent.keyboard('{Tab}');
    expect(deepActive()).toBe(passwordInput(el));
    await userEvent.keyboard('nope1234');
    await userEvent.keyboard('{Enter}');
    await until(() => errors.length === 1, 'the wrong password');
    await el.updateComplete;
    expect(deepActive()).toBe(passwordInput(el));
    await userEvent.keyboard('abcd1234');
    await userEvent.keyboard('{Enter}');
    await until(() => imported.length === 1, 'cert-imported');
    await el.updateComplete;
    expect(deepActive()).toBe(root(el).querySelector('[part~="result"] h3'));
    expect(imported[0]!.detail.credential.serialNumber).toBe(credential.serialNumber);
  });

  it('takes a pasted password', async () => {
    const s = await setup();
    const { file } = await backup(s);
    const host = await mount<HTMLDivElement>(html`<div><input id="source" aria-label="source" value="abcd1234" /><cert-import .center=${s.center}></cert-import></div>`);
    const el = host.querySelector('cert-import') as CertImport;
    await userEvent.upload(page.getByLabelText(t.file), file);
    const source = host.querySelector<HTMLInputElement>('#source')!;
    source.focus();
    source.select();
    await userEvent.copy();
    await userEvent.click(page.getByLabelText(t.password));
    await userEvent.paste();
    expect(passwordInput(el).value).toBe('abcd1234');
    await userEvent.click(okButton());
    await until(() => imported.length === 1, 'cert-imported');
  });

  it('switches its words live when the locale changes on the mounted element, errors included', async () => {
    const s = await setup();
    const el = await mountImport(s.center);
    await attempt(el, pfx(crypto.getRandomValues(new Uint8Array(300)), 'x.pfx'), 'abcd');
    el.locale = 'en';
    await settle(el);
    expect(text(el, 'h2')).toBe(en.import.heading);
    await expect.element(page.getByRole('button', { name: en.import.submit })).toBeVisible();
    expect(described(fileInput(el))).toContain(en.errors.PFX_MALFORMED);
    await expect.element(page.getByLabelText(en.import.password)).toBeVisible();
    await expectAccessible(el);
  });

  it('shows progress while the file is opened: the button disabled, aria-busy and a polite status', async () => {
    const s = await setup();
    const { file } = await backup(s);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const original = s.center.importBackup.bind(s.center);
    vi.spyOn(s.center, 'importBackup').mockImplementation(async (...args) => (await gate, original(...args)));
    const el = await mountImport(s.center);
    await userEvent.upload(page.getByLabelText(t.file), file);
    await userEvent.fill(page.getByLabelText(t.password), 'abcd1234');
    await userEvent.click(okButton());
    await until(() => root(el).querySelector('[part~="base"]')!.getAttribute('aria-busy') === 'true', 'aria-busy');
    await el.updateComplete;
    await expect.element(okButton()).toBeDisabled();
    expect(text(el, '[part~="progress"]')).toBe(t.working);
    await expectAccessible(el);
    await snapState('cert-import.working', el);
    release();
    await until(() => imported.length === 1, 'cert-imported');
  });
});

describe('<cert-export> → <cert-import>', () => {
  it('a backup written by cert-export imports with cert-import into a fresh browser store, and OpenSSL reads it', async () => {
    const s = await setup();
    const credential = await applied(s);
    const target = fakeSaveTarget();
    stubSavePicker(async () => target.handle);
    const exporter = await mount<CertExport>(html`<cert-export .center=${s.center} serial-number=${credential.serialNumber}></cert-export>`);
    await until(() => !!exporter.shadowRoot!.querySelector('form'), 'the export form');
    await userEvent.fill(page.getByLabelText(zhHant.export.password), 'Round1trip');
    await userEvent.fill(page.getByLabelText(zhHant.export.confirmPassword), 'Round1trip');
    await userEvent.click(page.getByRole('button', { name: zhHant.export.submit }));
    await until(() => target.record.closed, 'the file to be written');
    const bytes = target.bytes();

    const info = await openssl(['pkcs12', '-info', '-nokeys', '-in', 'b.pfx', '-passin', 'pass:Round1trip'], { files: { 'b.pfx': bytes } });
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`CN = ${credential.idNumber}`);
    exporter.remove();

    const fresh = anotherCenter(s.backend);
    expect(await fresh.credentials()).toEqual([]);
    const el = await mountImport(fresh);
    await attempt(el, pfx(bytes, 'round-trip.pfx'), 'Round1trip');
    expect(errors).toEqual([]);
    expect(imported[0]!.detail.credential.serialNumber).toBe(credential.serialNumber);
    expect((await fresh.credentials()).map((c) => [c.serialNumber, c.status])).toEqual([[credential.serialNumber, 'valid']]);
    await expect(fresh.sign(new TextEncoder().encode('order'))).resolves.toBeInstanceOf(Uint8Array);
  });
});
