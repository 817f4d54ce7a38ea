// A page built as a host builds one, for the test that watches what the browser fetches
// (test/components/lazy-crypto.browser.test.ts): the browser bundle exactly as `npm run build`
// writes dist/browser (code splitting on), the mock CA bundled on its own, and a host script.
// Served as built, under /__lazy-page__/, by the plugin below (no Vite transform in between).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildBrowserBundle } from '../../scripts/build-browser.mjs';
import { chunkOf, lazyCrypto, lazyFiles, modulesOf, outputsOf, staticClosure } from '../../scripts/size-measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = 'node_modules/.cache/cert-center-lazy-page';
const prefix = '/__lazy-page__/';

export interface LazyPage {
  /** The page, `?worker=0` for PKCS#12 on the page itself. */
  url: string;
  /** Where the bundle's files are served: a fetched script's path there is its name below. */
  bundleBase: string;
  /** The files of the bundle that load before it runs (cert-center.js and its static chunks). */
  firstPaint: string[];
  /** For each lazily loaded module (csr, cms, pkcs12-export, pkcs12-import): the files its step fetches beyond the first paint. */
  lazy: Record<string, string[]>;
  /** Every file the bundle may fetch after its first paint. */
  later: string[];
  /** The chunk of each lazily loaded module itself (what the page imports for it). */
  chunks: Record<string, string>;
  /** The source modules that put code into each file of the bundle. */
  modules: Record<string, string[]>;
  /** The PKCS#12 worker's file. */
  worker: string;
  /** What the worker loads: its file and the chunks it imports. */
  workerFiles: string[];
}

/** Builds the page into node_modules/.cache (fresh each time) and says which file is which. */
export async function buildLazyPage(): Promise<LazyPage> {
  const dir = join(root, outdir);
  await mkdir(dir, { recursive: true });
  const { metafile } = await buildBrowserBundle({ outdir: `${outdir}/browser` });
  const outputs = outputsOf(metafile, `${outdir}/browser`);
  await build({
    absWorkingDir: root,
    entryPoints: ['test/components/lazy-page/harness.ts'],
    outfile: join(dir, 'harness.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  await copyFile(join(root, 'test/components/lazy-page/page.js'), join(dir, 'page.js'));
  await writeFile(
    join(dir, 'page.html'),
    '<!doctype html>\n<html lang="zh-Hant">\n<head><meta charset="utf-8"><title>Certificate Center</title>\n' +
      '<script type="module" src="./harness.js"></script>\n<script type="module" src="./page.js"></script>\n</head>\n<body></body>\n</html>\n',
  );
  const first = staticClosure(outputs, 'cert-center.js');
  const lazy: Record<string, string[]> = {};
  const chunks: Record<string, string> = {};
  for (const c of lazyCrypto) {
    const chunk = chunkOf(outputs, c.module);
    if (!chunk) throw new Error(`lazy-page: no chunk for ${c.module}`);
    chunks[c.id] = chunk;
    lazy[c.id] = [...staticClosure(outputs, chunk)].filter((path) => !first.has(path)).sort();
  }
  return {
    url: `${prefix}page.html`,
    bundleBase: `${prefix}browser/`,
    firstPaint: [...first].sort(),
    lazy,
    later: [...lazyFiles(outputs, 'cert-center.js')].sort(),
    chunks,
    modules: Object.fromEntries(Object.keys(outputs).filter((path) => path.endsWith('.js')).map((path) => [path, [...modulesOf(outputs, [path])].sort()])),
    worker: 'pkcs12-worker.js',
    workerFiles: [...staticClosure(outputs, 'pkcs12-worker.js')].sort(),
  };
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json', '.txt': 'text/plain' };

/** Serves the built page as it is on disk, never cached, so that every load fetches again. */
export function lazyPagePlugin(): Plugin {
  return {
    name: 'lazy-page',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (!path.startsWith(prefix)) return next();
        const file = normalize(join(root, outdir, path.slice(prefix.length)));
        if (!file.startsWith(join(root, outdir))) return next();
        try {
          const body = await readFile(file);
          res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
          res.setHeader('Cache-Control', 'no-store');
          res.end(body);
        } catch {
          res.statusCode = 404;
          res.end();
        }
      });
    },
  };
}
