// Runs the `openssl` CLI in a fresh temporary folder: the outside judge of every format we
// write. Used directly by Node tests and, through a vitest browser command, by browser tests.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpensslRequest {
  args: string[];
  /** Files to write into the working folder first, base64. */
  files?: Record<string, string>;
  stdin?: string;
}

export interface OpensslResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Every file in the working folder afterwards, base64. */
  files: Record<string, string>;
}

export async function runOpenssl(request: OpensslRequest): Promise<OpensslResult> {
  const dir = await mkdtemp(join(tmpdir(), 'cert-center-openssl-'));
  try {
    for (const [name, base64] of Object.entries(request.files ?? {})) {
      await writeFile(join(dir, name), Buffer.from(base64, 'base64'));
    }
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.env.OPENSSL ?? 'openssl', request.args, { cwd: dir });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (c) => resolve({ code: c ?? -1, stdout: out, stderr: err }));
        // openssl may exit without reading standard input: that is not a failure.
        child.stdin.on('error', () => undefined);
        child.stdin.end(request.stdin ?? '');
      },
    );
    const files: Record<string, string> = {};
    for (const name of await readdir(dir)) files[name] = (await readFile(join(dir, name))).toString('base64');
    return { code, stdout, stderr, files };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
