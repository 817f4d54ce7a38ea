// npm run bench: bundles the benchmark (TypeScript, the core as it ships) with esbuild and runs it
// on the project's Node. Speed is measured here, never by a timed test.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('.bench', { recursive: true });
await build({
  entryPoints: ['bench/crypto.bench.ts', 'bench/lifecycle.bench.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  outdir: '.bench',
  outExtension: { '.js': '.mjs' },
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
for (const name of ['crypto', 'lifecycle']) {
  const run = spawnSync(process.execPath, [`.bench/${name}.bench.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
