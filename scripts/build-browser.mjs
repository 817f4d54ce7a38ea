// The self-contained browser bundle for a <script type="module"> tag: dist/browser/cert-center.js
// (core + elements, every dependency inside, minified) and its PKCS#12 worker beside it.
import { build } from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';

await build({
  entryPoints: { 'cert-center': 'src/browser.ts', 'pkcs12-worker': 'src/core/env/pkcs12-worker.ts' },
  outdir: 'dist/browser',
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
});
// The runner names its worker by its source name; beside the bundle it is the .js file.
const bundle = 'dist/browser/cert-center.js';
const code = await readFile(bundle, 'utf8');
const fixed = code.replace(/(["'])\.\/pkcs12-worker\.ts\1/g, '$1./pkcs12-worker.js$1');
if (fixed === code) throw new Error('build-browser: the worker URL was not found in the bundle');
await writeFile(bundle, fixed);
