// The package as a consumer gets it: built from the committed sources in a copy of the project,
// packed with `npm pack`, judged by publint and Are the Types Wrong, installed from the tarball
// into a fresh project, then used there — the core from Node against the mock CA in msw/node, the
// TypeScript types by tsc (a .ts consumer of the core, a React 19 .tsx page), and the elements in
// headless Chromium, from a page Vite builds and from the self-contained bundle in a plain page.
// Nothing here is timed: each step waits for its process or its state, with time to spare.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { chromium, type Browser } from 'playwright-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const minutes = (n: number) => n * 60_000;
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

interface Run { stdout: string; stderr: string }
/** Runs a command; a failure carries what it printed, so the test's message says what went wrong. */
function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${file} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`.slice(0, 20_000)));
      else done({ stdout, stderr });
    });
  });
}
const node = (args: string[], cwd: string) => run(process.execPath, args, cwd);
const version = async (name: string) => (JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let project: string;
let app: string;
let tarball: string;
/** npm installs the tarball while publint and attw judge it; Vite builds the page while tsc and Node run. */
let installed: Promise<void>;
let built: Promise<unknown>;
const later = <T>(promise: Promise<T>) => (promise.catch(() => undefined), promise);

/** A fresh project with the consumer's files and the package installed from the tarball. */
async function install(): Promise<void> {
  await mkdir(app, { recursive: true });
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'broker-page', private: true, type: 'module' }, null, 2));
  for (const [file, text] of Object.entries(consumerFiles)) await writeFile(join(app, file), text);
  // The same versions as this project's, so that npm finds them in its cache.
  const pins = await Promise.all(['msw', 'vite', 'react', 'react-dom', '@types/react'].map(async (name) => `${name}@${await version(name)}`));
  await run('npm', ['install', tarball, ...pins, '@types/react-dom@^19', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], app);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cert-center-package-'));
  project = join(work, 'project');
  app = join(work, 'app');

  // The project's own files (what a clone has: tracked, plus new files not ignored) and its installed
  // node_modules; the build writes into the copy, never into this tree's dist/.
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root);
  for (const file of new Set(stdout.split('\0').filter(Boolean))) {
    await cp(join(root, file), join(project, file), { force: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the work tree, not yet committed
    });
  }
  await symlink(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  await run('npm', ['run', 'build'], project);
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], project);
  tarball = join(work, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  installed = later(install());
}, minutes(10));

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the package as npm publishes it', () => {
  it('passes publint (strict: warnings count)', async () => {
    const bytes = await readFile(tarball);
    const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, strict: true });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('passes Are the Types Wrong for an ESM-only package, every element entry included', async () => {
    const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
    const elements = (await readdir(join(project, 'src/components'), { withFileTypes: true }))
      .filter((d) => d.isDirectory() && d.name !== 'shared')
      .map((d) => `./components/${d.name}`);
    // A failure rejects with attw's table as the message.
    const { stdout } = await node([attw, tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color', '--include-entrypoints', ...elements], work);
    expect(stdout).toContain('cert-center-sdk/components/cert-center');
  }, minutes(3));
});

describe('installed from the tarball into a fresh project', () => {
  beforeAll(async () => {
    await installed;
    built = later(node(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], app));
  }, minutes(10));

  it('applies for a certificate from Node against the mock CA in msw/node, and errors are CertCenterErrors', async () => {
    const { stdout } = await node(['core.mjs'], app);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({
      wrongCode: { code: 'OTP_INVALID', isCertCenterError: true },
      serialNumberIsHex: true,
      status: 'valid',
      backupFileName: expect.stringMatching(/_cert\.pfx$/),
      reimported: true,
      signed: true,
      issuedByTheMock: 1,
    });
  }, minutes(3));

  it('type-checks a .ts consumer of the core, a React 19 page and the Vue and Svelte typings against the installed package (and refuses what is wrong)', async () => {
    const tsc = await realpath(join(root, 'node_modules/.bin/tsc'));
    await node([tsc, '-p', 'tsconfig.json'], app);
  }, minutes(3));

  describe('in headless Chromium', () => {
    let server: Server;
    let origin: string;
    let browser: Browser;

    beforeAll(async () => {
      await built;
      server = serve(app);
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
      const address = server.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    }, minutes(5));

    afterAll(async () => {
      await browser?.close();
      await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
    });

    it('renders <cert-center> in a React 19 page Vite built, and the typed oncert-navigate prop hears the element', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/app/index.html`);
      await page.locator('cert-center cert-help h2[part~="heading"]').getByText('Help').waitFor();
      expect(await page.evaluate(() => customElements.get('cert-center') !== undefined)).toBe(true);
      await page.locator('cert-center nav a[href="#check"]').click();
      await page.locator('#heard').getByText('check').waitFor();
      await page.locator('cert-center[page="check"] cert-check').waitFor();
      expect(errors).toEqual([]);
      await page.close();
      // The core's PKCS#12 worker (`new Worker(new URL(…, import.meta.url))`) came along in the build.
      expect((await readdir(join(app, 'dist/assets'))).some((file) => /^pkcs12-worker.*\.js$/.test(file))).toBe(true);
    }, minutes(2));

    it('runs the self-contained bundle from a <script type="module"> tag of a plain page', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/plain.html`);
      await page.locator('cert-center cert-help h2[part~="heading"]').getByText('Help').waitFor();
      await page.locator('#core').getByText('createCertCenter: function').waitFor();
      expect(await page.evaluate(() => ['cert-center', 'cert-apply', 'otp-input'].map((tag) => customElements.get(tag) !== undefined))).toEqual([true, true, true]);
      expect(errors).toEqual([]);
      await page.close();
    }, minutes(2));
  });
});

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };
/** The app's folder over HTTP, and its Vite build under /app/. */
function serve(dir: string): Server {
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = path.startsWith('/app/') ? join(dir, 'dist', path.slice(5)) : join(dir, path);
    const safe = normalize(file);
    if (!safe.startsWith(resolve(dir) + sep)) return void response.writeHead(403).end();
    readFile(safe).then(
      (body) => response.writeHead(200, { 'content-type': types[extname(safe)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
}

/** The consumer's files: what a broker's front-end team writes. */
const consumerFiles: Record<string, string> = {
  'core.mjs': `
import { createCertCenter, createMemoryStore, isCertCenterError, importPkcs12 } from 'cert-center-sdk';
import { createMockBackend } from 'cert-center-sdk/mocks';
import { setupMockServer } from 'cert-center-sdk/mocks/node';

const backend = createMockBackend({ scenario: 'new-customer', now: new Date('2026-03-01T00:00:00Z') });
await backend.ready;
const server = setupMockServer(backend);
server.listen({ onUnhandledFrame: 'error' });
const customer = backend.customers[0];
const center = createCertCenter({
  baseUrl: 'https://broker.example/api/cert-center/v1',
  getAccessToken: () => customer.token,
  store: createMemoryStore(),
  clock: () => backend.clock.now(),
});
const sent = await center.requestOtp('apply');
const code = backend.inbox.last(customer.idNumber).code;
let wrongCode;
try {
  await center.verifyOtp(sent.otpId, code === '0000' ? '1111' : '0000');
} catch (error) {
  wrongCode = { code: error.code, isCertCenterError: isCertCenterError(error) };
}
const { otpToken } = await center.verifyOtp(sent.otpId, code);
const consent = await center.consent();
const credential = await center.apply({ otpToken, consentVersion: consent.version });
const [row] = await center.check();
const backup = await center.exportBackup({ serialNumber: credential.serialNumber, password: 'Abcd1234', confirmPassword: 'Abcd1234' });
const reopened = await importPkcs12(backup.bytes, 'Abcd1234');
const signature = await center.sign(new TextEncoder().encode('BUY 2330 x 1000'));
console.log(JSON.stringify({
  wrongCode,
  serialNumberIsHex: /^[0-9A-F]+$/.test(credential.serialNumber),
  status: row.status,
  backupFileName: backup.fileName,
  reimported: reopened.certificate.serialNumber === credential.serialNumber,
  signed: signature instanceof Uint8Array && signature.length > 0,
  issuedByTheMock: backend.issuedCount(customer.idNumber),
}));
center.close();
server.close();
`,
  'consumer.ts': `
import { createCertCenter, isCertCenterError, checkBackupPassword, type CertCenter, type CertCenterErrorCode, type LocalCredential } from 'cert-center-sdk';
import { createMockBackend, type MockBackend } from 'cert-center-sdk/mocks';
import type { CertAppliedEvent, CertCenterElement } from 'cert-center-sdk/components';
import 'cert-center-sdk/components/cert-apply';

const center: CertCenter = createCertCenter({ getAccessToken: () => 'token', keyAlgorithm: 'ECDSA-P256' });
const backend: MockBackend = createMockBackend({ scenario: 'valid' });
void backend;

export async function applyWith(otpToken: string, consentVersion: string): Promise<string> {
  try {
    const credential: LocalCredential = await center.apply({ otpToken, consentVersion, onProgress: (step) => void step });
    return credential.serialNumber;
  } catch (error) {
    if (isCertCenterError(error)) {
      const code: CertCenterErrorCode = error.code;
      return code;
    }
    throw error;
  }
}

export const rule = checkBackupPassword('Abcd1234');

const shell = document.querySelector('cert-center');
if (shell) {
  const typed: CertCenterElement = shell;
  typed.page = 'revoke';
  typed.center = center;
  typed.addEventListener('cert-applied', (event: CertAppliedEvent) => void event.detail.credential.renewUntil);
  typed.addEventListener('cert-navigate', (event) => void event.detail.serialNumber);
  // @ts-expect-error — not a page of the center
  typed.page = 'nowhere';
}
document.createElement('cert-apply').locale = 'en';

// @ts-expect-error — not a code of the closed union
export const wrongCode: CertCenterErrorCode = 'NOT_A_CODE';
// @ts-expect-error — apply needs the one-time code's token
void center.apply({ consentVersion: '1' });
`,
  'main.tsx': `
import { StrictMode, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type {} from 'cert-center-sdk/react';
import 'cert-center-sdk/components';
import type { CertCenterElement, CertPage } from 'cert-center-sdk/components';

function App() {
  const [page, setPage] = useState<CertPage>('help');
  const [heard, setHeard] = useState('');
  const shell = useRef<CertCenterElement>(null);
  return (
    <main>
      <p id="heard">{heard}</p>
      <cert-center
        ref={shell}
        page={page}
        locale="en"
        className="center"
        oncert-navigate={(event) => {
          event.preventDefault();
          setHeard(event.detail.page);
          setPage(event.detail.page);
        }}
        oncert-applied={(event) => setHeard(event.detail.credential.serialNumber)}
      />
      <otp-input code-length={4} name="code" required oninput={() => undefined} />
    </main>
  );
}

export function Wrong() {
  // @ts-expect-error — not a page of the center
  return <cert-center page="nowhere" />;
}

export function WrongHandler() {
  // @ts-expect-error — cert-applied carries a credential, not a page
  return <cert-center oncert-applied={(event) => event.detail.page} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  'framework-typings.ts': `
// The Vue and Svelte typings, compiled against vue-stand-in.d.ts (the two types of Vue they use):
// their imports resolve and their props and handlers are typed. (vue-tsc and svelte-check are not run.)
import type { GlobalComponents } from 'vue';
import type {} from 'cert-center-sdk/vue';
import type {} from 'cert-center-sdk/svelte';

type VueShell = InstanceType<GlobalComponents['cert-center']>['$props'];
export const vueShell: VueShell = { page: 'help', onCertApplied: (event) => void event.detail.credential.serialNumber };
// @ts-expect-error — not a page of the center
export const vueWrong: VueShell = { page: 'nowhere' };

export const svelteShell: svelteHTML.IntrinsicElements['cert-center'] = { page: 'help', 'on:cert-applied': (event) => void event.detail.credential.serialNumber };
// @ts-expect-error — not a page of the center
export const svelteWrong: svelteHTML.IntrinsicElements['cert-center'] = { page: 'nowhere' };
`,
  'vue-stand-in.d.ts': `
declare module 'vue' {
  export type DefineComponent<Props> = new () => { $props: Props };
  export interface GlobalComponents {}
}
`,
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Broker</title></head>
  <body><div id="root"></div><script type="module" src="/main.tsx"></script></body>
</html>
`,
  'plain.html': `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8"><title>Broker, no build</title>
    <script type="module" src="/node_modules/cert-center-sdk/dist/browser/cert-center.js"></script>
    <script type="module">
      import { createCertCenter } from '/node_modules/cert-center-sdk/dist/browser/cert-center.js';
      document.getElementById('core').textContent = 'createCertCenter: ' + typeof createCertCenter;
    </script>
  </head>
  <body>
    <p id="core"></p>
    <cert-center page="help" locale="en"></cert-center>
  </body>
</html>
`,
  'vite.config.mjs': `export default { base: '/app/', logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } };
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: ['consumer.ts', 'main.tsx', 'framework-typings.ts', 'vue-stand-in.d.ts'],
    },
    null,
    2,
  ),
};
