// Runs a TypeScript entry of this repository in Node: `node scripts/run-ts.mjs <entry.ts> [args…]`.
// The core's imports carry no file extensions, which Node's own type stripping cannot follow,
// so esbuild bundles the entry first (packages stay external and load from node_modules).
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('Usage: node scripts/run-ts.mjs <entry.ts> [args…]\n');
  process.exit(2);
}
// Inside the repository, so that the bundle's bare imports resolve from its node_modules.
const outdir = join(root, 'node_modules', '.cache', 'run-ts');
await mkdir(outdir, { recursive: true });
const outfile = join(outdir, `${basename(entry).replace(/\.ts$/, '')}-${process.pid}.mjs`);
await build({
  entryPoints: [resolve(entry)],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv = [process.argv[0], resolve(entry), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  const { rm } = await import('node:fs/promises');
  await rm(outfile, { force: true });
}
