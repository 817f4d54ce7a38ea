// The generated files are checked in; they must be exactly what the scripts make from
// mocks/openapi.yaml, or the contract has drifted from the code.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

async function check(script: string): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [script, '--check'], { cwd: root });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? 1, stderr: failure.stderr ?? '' };
  }
}

describe('generated from mocks/openapi.yaml', () => {
  it('src/core/api/contract-types.ts and mocks/openapi-document.ts are what npm run contract:types makes', async () => {
    expect(await check('scripts/contract-types.mjs')).toEqual({ code: 0, stderr: '' });
  });

  it('docs/contract.md is what npm run contract:docs makes', async () => {
    expect(await check('scripts/contract-docs.mjs')).toEqual({ code: 0, stderr: '' });
  });
});
