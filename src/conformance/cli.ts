// `cert-center-conformance`: the contract's rules against a live server. Progress and the
// announcement of what it will do go to standard error; the table (or, with --json, the
// report) to standard output. Exit status 0 when no rule that ran failed, 1 when one did,
// 2 when the run could not start.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { commandSource, promptSource, type CodeSource } from './code-source.ts';
import { ConformanceSetupError, conformanceRules, runConformance, type ConformanceOptions } from './run.ts';
import { formatReport } from './report.ts';

export const usage = `Usage: cert-center-conformance --base-url <url> [options]

Runs the rules of the Certificate Center REST contract (mocks/openapi.yaml) against a server.

  --base-url <url>              the contract's base URL, e.g. https://broker.example/api/cert-center/v1
  --token <token>               Bearer token of the customer the rules act for
  --token-command <cmd>         a command that prints that token
  --other-token <token>         a second customer, for the "not yours" checks
  --renewal-token <token>       a customer whose certificate is in its renewal window
  --renewal-pfx <file>          that certificate and key as a .pfx, to renew it for real
                                (password in CERT_CENTER_PFX_PASSWORD)
  --id-number <id>              the customer's unmasked ID number (exact CN and masking checks)
  --otp-command <cmd>           a command that prints the latest one-time code; it sees
                                CERT_CENTER_OTP_ID, CERT_CENTER_OTP_PURPOSE, CERT_CENTER_CUSTOMER
                                (without it: the mock's inbox with --mock, else a prompt at a terminal)
  --mock                        the server is the mock (npm run mock-server): read codes from
                                its /__mock/ inbox; with --allow-writes seed its scenarios and
                                move its clock (both put back at the end)
  --allow-writes                also run the rules that issue, renew and revoke certificates
  --wait-otp-expiry             wait a code's lifetime out in real time (outside the mock)
  --probe-rate-limit            send codes until the server limits them (up to 60)
  --rule <id>                   run only this rule (repeatable); --list-rules shows them
  --timeout <seconds>           per request (default 30)
  --json                        the report as JSON on standard output instead of the table
  --verbose                     every step of every rule in the table
  --list-rules                  list the rules and exit
  --help`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

function runCommand(command: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'inherit'], timeout: timeoutMs });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', () => reject(new ConformanceSetupError('--token-command could not be started')));
    child.on('close', (status) => (status === 0 && out.trim() ? resolve(out.trim()) : reject(new ConformanceSetupError(`--token-command exited with ${status} or printed nothing`))));
  });
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        'token-command': { type: 'string' },
        'other-token': { type: 'string' },
        'renewal-token': { type: 'string' },
        'renewal-pfx': { type: 'string' },
        'id-number': { type: 'string' },
        'otp-command': { type: 'string' },
        mock: { type: 'boolean', default: false },
        'allow-writes': { type: 'boolean', default: false },
        'wait-otp-expiry': { type: 'boolean', default: false },
        'probe-rate-limit': { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true },
        timeout: { type: 'string', default: '30' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values['list-rules']) {
    for (const rule of conformanceRules) io.stdout.write(`${rule.id.padEnd(28)} ${rule.effect.padEnd(6)} ${rule.title}\n`);
    return 0;
  }
  const fail = (message: string) => {
    io.stderr.write(`${message}\n`);
    return 2;
  };
  if (!values['base-url']) return fail(`--base-url is required\n\n${usage}`);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return fail('--timeout must be a number of seconds');
  const timeoutMs = timeoutSeconds * 1000;
  const unknownRules = (values.rule ?? []).filter((id) => !conformanceRules.some((r) => r.id === id));
  if (unknownRules.length) return fail(`unknown rule ${unknownRules.join(', ')} (--list-rules shows them)`);
  if (values.token && values['token-command']) return fail('give --token or --token-command, not both');

  try {
    const token = values['token-command'] ? await runCommand(values['token-command'], timeoutMs) : values.token;
    let codes: CodeSource | undefined;
    if (values['otp-command']) codes = commandSource(values['otp-command'], timeoutMs);
    else if (!values.mock && io.stdin.isTTY && io.stderr.isTTY) codes = promptSource(io.stdin, io.stderr);
    let renewalPfx: ConformanceOptions['renewalPfx'];
    if (values['renewal-pfx']) {
      const password = io.env['CERT_CENTER_PFX_PASSWORD'];
      if (password === undefined) return fail('--renewal-pfx needs its password in CERT_CENTER_PFX_PASSWORD');
      const bytes = await readFile(values['renewal-pfx']).catch(() => {
        throw new ConformanceSetupError(`--renewal-pfx ${values['renewal-pfx']} could not be read`);
      });
      renewalPfx = { bytes: new Uint8Array(bytes), password };
    }
    const live = io.stderr.isTTY === true;
    const report = await runConformance({
      baseUrl: values['base-url'],
      ...(token ? { token } : {}),
      ...(values['other-token'] ? { otherToken: values['other-token'] } : {}),
      ...(values['renewal-token'] ? { renewalToken: values['renewal-token'] } : {}),
      ...(renewalPfx ? { renewalPfx } : {}),
      ...(values['id-number'] ? { idNumber: values['id-number'] } : {}),
      ...(codes ? { codes } : {}),
      mock: values.mock,
      allowWrites: values['allow-writes'],
      waitOtpExpiry: values['wait-otp-expiry'],
      probeRateLimit: values['probe-rate-limit'],
      ...(values.rule ? { only: values.rule } : {}),
      timeoutMs,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      onPlan: (plan) => {
        const running = plan.filter((p) => p.skipReason === undefined);
        const lines = [`cert-center-conformance: ${running.length} of ${plan.length} rules against ${values['base-url']}`];
        const acting = running.filter((p) => p.rule.effect !== 'read');
        if (acting.length) {
          lines.push('These rules act on the customer:');
          for (const { rule } of acting) lines.push(`  ${rule.id} (${rule.effect}): ${rule.plan ?? rule.title}`);
        }
        if (values.mock && values['allow-writes']) lines.push('The mock’s scenarios are seeded and its clock moved as rules need; both are put back at the end.');
        if (!values['allow-writes']) lines.push('Read-only and code rules only: --allow-writes adds the ones that issue, renew and revoke.');
        io.stderr.write(`${lines.join('\n')}\n`);
      },
      onProgress: ({ index, total, rule, status }) => {
        const line = `[${index + 1}/${total}] ${rule.id}${status ? `: ${status}` : ' …'}`;
        if (live) io.stderr.write(`\r\x1b[K${line}`);
        else if (status) io.stderr.write(`${line}\n`);
      },
    });
    if (live) io.stderr.write('\r\x1b[K');
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, { verbose: values.verbose }));
    return report.summary.fail > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConformanceSetupError) return fail(`cert-center-conformance: ${error.message}`);
    throw error;
  }
}
