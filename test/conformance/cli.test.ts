// `cert-center-conformance` as a command: the report on standard output (a table, or JSON with
// --json), progress on standard error, exit status 0 only when no rule that ran failed, 2 when
// the run cannot start; and the real command in a child process against the mock server.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceRules, main, type Report } from '../../src/conformance/index.ts';
import { exportPkcs12 } from '../../src/core/index.ts';
import { serve, variants, type Served } from './support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const status = await main(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { status, stdout: out, stderr: err };
}

describe('cert-center-conformance', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve();
  });
  afterAll(() => served.close());

  const base = () => ['--base-url', served.server.baseUrl, '--mock', '--timeout', '120'];

  it('prints the report as JSON with --json: { rules: [{ id, title, status, evidence }], summary }, and exits 0', async () => {
    const run = await cli([...base(), '--json', '--rule', 'consent', '--rule', 'otp-challenge']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(Object.keys(report).sort()).toEqual(['rules', 'summary']);
    expect(report.rules.map((r) => r.id)).toEqual(conformanceRules.map((r) => r.id));
    expect(report.rules.find((r) => r.id === 'otp-challenge')).toMatchObject({ status: 'pass', title: expect.any(String), evidence: expect.any(Array) });
    expect(report.summary).toEqual({ pass: 2, fail: 0, skip: conformanceRules.length - 2 });
  });

  it('writes one progress line per rule on standard error, and says up front what the acting rules will do', async () => {
    const run = await cli([...base(), '--json', '--rule', 'consent', '--rule', 'otp-challenge']);
    const progress = run.stderr.split('\n').filter((l) => /^\[\d+\/\d+\] /.test(l));
    expect(progress).toHaveLength(conformanceRules.length);
    expect(progress).toContain(`[${conformanceRules.findIndex((r) => r.id === 'consent') + 1}/${conformanceRules.length}] consent: pass`);
    const announcement = run.stderr.slice(0, run.stderr.indexOf('[1/'));
    expect(announcement).toContain('otp-challenge');
    expect(announcement).not.toContain('consent');
  });

  it('prints a table of rule, result and evidence without --json', async () => {
    const run = await cli([...base(), '--rule', 'announcements']);
    expect(run.status).toBe(0);
    const rows = run.stdout.split('\n');
    expect(rows.find((r) => /^PASS\s+announcements\s+GET \/announcements/.test(r))).toBeDefined();
    expect(rows.filter((r) => /^SKIP\s/.test(r))).toHaveLength(conformanceRules.length - 1);
  });

  it('exits 1 when a rule that ran failed', async () => {
    const variant = variants.find((v) => v.breaks === 'otp-resend-voids')!;
    const broken = await serve(variant.backend ?? {}, variant.handlers);
    try {
      const run = await cli(['--base-url', broken.server.baseUrl, '--mock', '--json', '--rule', 'otp-resend-voids', '--rule', 'otp-challenge']);
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout) as Report;
      expect(report.rules.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['otp-resend-voids']);
    } finally {
      await broken.close();
    }
  });

  it('exits 2 when it cannot start: no base URL, an unknown rule or option, an unreachable server, a refused token', async () => {
    expect((await cli([])).status).toBe(2);
    expect((await cli([...base(), '--rule', 'no-such-rule'])).status).toBe(2);
    expect((await cli([...base(), '--no-such-option'])).status).toBe(2);
    expect((await cli([...base(), '--timeout', 'soon'])).status).toBe(2);
    expect((await cli(['--base-url', 'http://127.0.0.1:1/api/cert-center/v1', '--token', 'x', '--timeout', '5'])).status).toBe(2);
    expect((await cli(['--base-url', served.server.baseUrl, '--token', 'nobody'])).status).toBe(2);
  });

  it('takes the token from --token-command, and the renewal key from --renewal-pfx with its password in the environment', async () => {
    const customer = served.backend.customers[0]!;
    const command = `"${process.execPath}" -e "console.log('${customer.token}')"`;
    const run = await cli(['--base-url', served.server.baseUrl, '--token-command', command, '--json', '--rule', 'consent']);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as Report).summary.pass).toBe(1);
    const second = served.backend.customers[1]!;
    const credential = (await served.backend.seededCredential(second.idNumber))!;
    const dir = await mkdtemp(join(tmpdir(), 'cert-center-kit-'));
    try {
      const file = join(dir, 'renewal.pfx');
      await writeFile(file, await exportPkcs12({ privateKey: credential.privateKey, certificate: credential.certificatePem, password: 'Abcd1234', iterations: 2048 }));
      const args = ['--base-url', served.server.baseUrl, '--token', customer.token, '--renewal-token', second.token, '--renewal-pfx', file, '--rule', 'consent'];
      expect((await cli(args, { CERT_CENTER_PFX_PASSWORD: 'Abcd1234' })).status).toBe(0);
      expect((await cli(args, { CERT_CENTER_PFX_PASSWORD: 'Wrong999' })).status).toBe(2);
      expect((await cli(args)).status).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists its rules and prints its usage', async () => {
    const list = await cli(['--list-rules']);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(conformanceRules.map((r) => r.id));
    expect((await cli(['--help'])).status).toBe(0);
  });

  it('runs as `npm run conformance` in a child process and exits 0 with the JSON report', async () => {
    const child = spawn(process.execPath, ['scripts/run-ts.mjs', 'src/conformance/bin.ts', ...base(), '--json', '--rule', 'profile-masked', '--rule', 'certificate-list'], { cwd: root });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(status).toBe(0);
    expect((JSON.parse(out) as Report).summary.pass).toBe(2);
  }, 180_000);
});
