// `openssl(...)` for tests that run in Node and in Chromium alike: Node spawns the CLI, the
// browser asks the vitest server to (the `openssl` browser command in vitest.config.ts).
import type { OpensslRequest, OpensslResult } from './openssl-runner.ts';

export interface OpensslRun {
  code: number;
  stdout: string;
  stderr: string;
  files: Record<string, Uint8Array>;
}

const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';

export async function openssl(
  args: string[],
  options: { files?: Record<string, Uint8Array | string>; stdin?: string } = {},
): Promise<OpensslRun> {
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(options.files ?? {})) {
    files[name] = toBase64(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const request: OpensslRequest = { args, files, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) };
  let result: OpensslResult;
  if (inBrowser) {
    const { commands } = await import('vitest/browser');
    result = (await (commands as unknown as { openssl(r: OpensslRequest): Promise<OpensslResult> }).openssl(request));
  } else {
    const { runOpenssl } = await import('./openssl-runner.ts');
    result = await runOpenssl(request);
  }
  const out: Record<string, Uint8Array> = {};
  for (const [name, base64] of Object.entries(result.files)) out[name] = fromBase64(base64);
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, files: out };
}

/** Like {@link openssl}, but throws with the CLI's stderr when it fails. */
export async function opensslOk(
  args: string[],
  options: { files?: Record<string, Uint8Array | string>; stdin?: string } = {},
): Promise<OpensslRun> {
  const run = await openssl(args, options);
  if (run.code !== 0) throw new Error(`openssl ${args.join(' ')} failed (${run.code}): ${run.stderr}`);
  return run;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(base64: string): Uint8Array {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
