// The self-contained browser bundle for a <script type="module"> tag: dist/browser/cert-center.js
// (core + elements, every dependency inside, minified), its PKCS#12 worker beside it, and the
// chunks both import: the crypto that only some steps need (CSR, CMS, PKCS#12) is in chunks of
// its own, fetched from beside the bundle when a step first needs it. Copy the directory whole.
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const outdir = 'dist/browser';
await rm(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { 'cert-center': 'src/browser.ts', 'pkcs12-worker': 'src/core/env/pkcs12-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// The runner names its worker by its source name; beside the bundle it is the .js file. The
// reference lands in whichever output holds the runner (the bundle, or a chunk it shares).
let fixed = 0;
for (const path of Object.keys(result.metafile.outputs).filter((p) => p.endsWith('.js'))) {
  const file = join(path);
  const code = await readFile(file, 'utf8');
  const next = code.replace(/(["'])\.\/pkcs12-worker\.ts\1/g, '$1./pkcs12-worker.js$1');
  if (next !== code) {
    await writeFile(file, next);
    fixed++;
  }
}
if (fixed === 0) throw new Error('build-browser: the worker URL was not found in the bundle');
