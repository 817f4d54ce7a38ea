// The self-contained browser bundle for a <script type="module"> tag: dist/browser/cert-center.js
// (core + elements, every dependency inside, minified), its PKCS#12 worker beside it, and the
// chunks both import: the crypto that only some steps need (CSR, CMS, PKCS#12) is in chunks of
// its own, fetched from beside the bundle when a step first needs it. Copy the directory whole.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the bundle for `outdir` (relative to the project root; emptied first when written).
 * Returns esbuild's metafile and the files (absolute path → bytes).
 */
export async function buildBrowserBundle({ outdir = 'dist/browser', write = true } = {}) {
  const dir = join(root, outdir);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { 'cert-center': 'src/browser.ts', 'pkcs12-worker': 'src/core/env/pkcs12-worker.ts' },
    outdir: dir,
    bundle: true,
    splitting: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'linked',
    logLevel: 'warning',
    metafile: true,
    write: false,
  });
  // The runner names its worker by its source name; beside the bundle it is the .js file. The
  // reference lands in whichever output holds the runner (the bundle, or a chunk it shares).
  const files = new Map();
  let fixed = 0;
  for (const file of result.outputFiles) {
    let bytes = file.contents;
    if (file.path.endsWith('.js')) {
      const code = file.text;
      const next = code.replace(/(["'])\.\/pkcs12-worker\.ts\1/g, '$1./pkcs12-worker.js$1');
      if (next !== code) {
        bytes = new TextEncoder().encode(next);
        fixed++;
      }
    }
    files.set(file.path, bytes);
  }
  if (fixed === 0) throw new Error('build-browser: the worker URL was not found in the bundle');
  if (write) {
    await rm(dir, { recursive: true, force: true });
    for (const [path, bytes] of files) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
    }
  }
  return { metafile: result.metafile, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildBrowserBundle();
