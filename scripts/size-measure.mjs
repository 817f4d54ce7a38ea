// What each public entry costs a browser, minified and gzipped, with every dependency bundled the
// way a consumer's bundler would (esbuild, tree-shaken): an entry alone as one file, everything it
// may load; the first paint of <cert-center> and the crypto it loads later with code splitting, as
// Vite and rollup make a chunk of each dynamic import(). Shared by `npm run size` and the budget
// test (test/package/size-budgets.test.ts); esbuild's output is deterministic, so is this.
import { build } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBrowserBundle } from './build-browser.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const budgetsFile = join(root, 'size-budgets.json');
/** Headroom a budget leaves over the figure measured when it was set: 4 %, and at least 128 bytes for the small chunks. */
export const headroom = 0.04;
export const minHeadroomBytes = 128;

/** The modules that only some steps need; the first paint of the elements must not fetch them. */
export const lazyCrypto = [
  { id: 'csr', label: 'CSR (apply, renew)', module: 'src/core/crypto/csr.ts' },
  { id: 'cms', label: 'CMS (sign, the renewal proof)', module: 'src/core/crypto/cms.ts' },
  { id: 'pkcs12-export', label: 'PKCS#12 export, inline', module: 'src/core/crypto/pkcs12/pkcs12-export.ts' },
  { id: 'pkcs12-import', label: 'PKCS#12 import, inline', module: 'src/core/crypto/pkcs12/pkcs12-import.ts' },
];

/** Whether a source module is crypto that must stay out of the first paint. */
export const isLazyCryptoModule = (path) => /^src\/core\/(crypto\/pkcs12\/|crypto\/(cms|csr)\.ts$|env\/pkcs12-worker\.ts$)/.test(path);

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Bundles one entry. With `splitting`, each dynamic import() becomes a chunk of its own;
 * without, it is one self-contained file (the lazy modules inlined). Returns the files by output
 * path, the metafile's outputs, and the entry's output path. `entry` is a file of the project or
 * `{ name, contents }` (a module at the project root).
 */
export async function bundle(entry, { splitting = true, minify = true } = {}) {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts', sourcefile: entry.name } }),
    absWorkingDir: root,
    outdir: 'out',
    bundle: true,
    splitting,
    minify,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
    tsconfig: join(root, 'tsconfig.json'),
  });
  const files = new Map(result.outputFiles.map((f) => [relative(join(root, 'out'), f.path).replaceAll('\\', '/'), f.contents]));
  const outputs = outputsOf(result.metafile, 'out');
  const entryOut = Object.keys(outputs).find((path) => outputs[path].entryPoint === (typeof entry === 'string' ? entry : entry.name));
  if (!entryOut) throw new Error(`size: no output for ${typeof entry === 'string' ? entry : entry.name}`);
  return { files, outputs, entry: entryOut };
}

/**
 * esbuild's outputs of a build into `outdir` (relative to the project root), keyed by their path
 * inside it (`chunk-X.js`), their imports named the same way.
 */
export function outputsOf(metafile, outdir) {
  const inside = (path) => relative(join(root, outdir), join(root, path)).replaceAll('\\', '/');
  return Object.fromEntries(
    Object.entries(metafile.outputs).map(([path, out]) => [inside(path), { ...out, imports: out.imports.map((i) => (i.external ? i : { ...i, path: inside(i.path) })) }]),
  );
}

/** The output files `start` loads before it runs: itself and its static imports, transitively. */
export function staticClosure(outputs, start) {
  return reachable(outputs, start, ['import-statement']);
}

/** The output files `start` may load, at once or later: its static and dynamic imports, transitively. */
export function reachable(outputs, start, kinds = ['import-statement', 'dynamic-import']) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path) || !outputs[path]) return;
    seen.add(path);
    for (const i of outputs[path].imports) if (kinds.includes(i.kind) && !i.external) visit(i.path);
  };
  for (const s of [start].flat()) visit(s);
  return seen;
}

/** The source modules that put bytes into a set of output files. */
export function modulesOf(outputs, paths) {
  const modules = new Set();
  for (const path of paths) for (const [input, info] of Object.entries(outputs[path]?.inputs ?? {})) if (info.bytesInOutput > 0) modules.add(input);
  return modules;
}

/** What `start` fetches after its first paint: every file it may load that the first paint did not. */
export function lazyFiles(outputs, start) {
  const first = staticClosure(outputs, start);
  return new Set([...reachable(outputs, start)].filter((path) => !first.has(path)));
}

/** The output whose dynamic-import entry is `module`. */
export function chunkOf(outputs, module) {
  return Object.keys(outputs).find((path) => outputs[path].entryPoint === module);
}

function sizeOf(files, paths) {
  let min = 0;
  let gz = 0;
  for (const path of paths) {
    const bytes = files.get(path);
    if (!bytes) continue;
    min += bytes.length;
    gz += gzip(bytes);
  }
  return { min, gzip: gz };
}

async function elementTags() {
  const entries = await readdir(join(root, 'src/components'), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && e.name !== 'shared').map((e) => e.name).sort();
}

/**
 * Measures every row (in a fixed order): an entry alone is one self-contained bundle, everything
 * it may load; the first paint of <cert-center> is what loads before its entry runs (its file
 * and the chunks it imports statically, with splitting), and each piece of crypto is what a step
 * then fetches (its dynamic chunk and the chunks that one imports, the first paint's excluded).
 * Sizes of several files add up each file's own gzip, as a browser fetches them.
 */
export async function measureSizes() {
  const rows = [];
  const add = (id, label, built, paths) => rows.push({ id, label, ...sizeOf(built.files, paths), files: [...paths].sort() });
  const alone = async (id, label, entry) => {
    const built = await bundle(entry, { splitting: false });
    add(id, label, built, [built.entry]);
  };

  await alone('core', 'core (everything in src/core/index.ts)', 'src/core/index.ts');
  await alone('core:createCertCenter', 'core: createCertCenter only', { name: 'create-cert-center.ts', contents: "export { createCertCenter } from './src/core/index.ts';" });
  await alone('core:pkcs12', 'core: importPkcs12 + exportPkcs12 only', { name: 'pkcs12.ts', contents: "export { importPkcs12, exportPkcs12 } from './src/core/index.ts';" });
  for (const tag of await elementTags()) await alone(`element:${tag}`, `<${tag}> alone`, `src/components/${tag}/${tag}.ts`);
  await alone('elements', 'all elements (src/components/index.ts)', 'src/components/index.ts');

  const center = await bundle('src/components/cert-center/cert-center.ts');
  const paint = staticClosure(center.outputs, center.entry);
  add('cert-center:first-paint', '<cert-center>: first paint', center, paint);
  for (const c of lazyCrypto) {
    const chunk = chunkOf(center.outputs, c.module);
    const fetched = chunk ? [...staticClosure(center.outputs, chunk)].filter((p) => !paint.has(p)) : [];
    add(`lazy:${c.id}`, `<cert-center>, later: ${c.label}`, center, fetched);
  }
  add('lazy:all', '<cert-center>, later: all of the lazily loaded crypto', center, lazyFiles(center.outputs, center.entry));
  await alone('worker:pkcs12', 'PKCS#12 worker (export and import in a worker)', 'src/core/env/pkcs12-worker.ts');

  // What `npm run build` writes into dist/browser (the bundle and its worker share chunks).
  const { metafile, files } = await buildBrowserBundle({ outdir: 'out/browser', write: false });
  const browser = { outputs: outputsOf(metafile, 'out/browser'), files: new Map([...files].map(([path, bytes]) => [relative(join(root, 'out/browser'), path).replaceAll('\\', '/'), bytes])) };
  add('browser:first-load', 'browser bundle (dist/browser/cert-center.js, core + elements): first load', browser, staticClosure(browser.outputs, 'cert-center.js'));
  add('browser:later', 'browser bundle: its crypto chunks, loaded later on the page', browser, lazyFiles(browser.outputs, 'cert-center.js'));
  add('browser:worker', 'browser bundle: its PKCS#12 worker (pkcs12-worker.js and its chunks)', browser, staticClosure(browser.outputs, 'pkcs12-worker.js'));
  return rows;
}

/** Budgets for the rows: each figure plus the headroom, rounded up. */
export function budgetsFor(rows) {
  return Object.fromEntries(rows.map((r) => [r.id, { measured: r.gzip, budget: Math.ceil(Math.max(r.gzip * (1 + headroom), r.gzip + minHeadroomBytes)) }]));
}

export async function readBudgets() {
  return JSON.parse(await readFile(budgetsFile, 'utf8')).entries;
}

const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const percent = (n) => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)} %`;

/**
 * The rows over their budget, one sentence each, naming the entry, its size, and by how much it
 * grew over the budget and over the figure measured when the budget was set; also every row
 * without a budget and every budget without a row.
 */
export function checkBudgets(rows, budgets) {
  const failures = [];
  for (const r of rows) {
    const b = budgets[r.id];
    if (!b) {
      failures.push(`${r.id} (${r.label}) has no budget: it is ${bytes(r.gzip)} min+gzip; add it with npm run size -- --update`);
      continue;
    }
    if (r.gzip > b.budget) {
      const over = r.gzip - b.budget;
      const grew = r.gzip - b.measured;
      failures.push(
        `${r.id} (${r.label}) grew to ${bytes(r.gzip)} min+gzip: ${bytes(over)} (${percent(over / b.budget)}) over its budget of ${bytes(b.budget)}, ` +
          `${bytes(grew)} (${percent(grew / b.measured)}) more than the ${bytes(b.measured)} measured when the budget was set`,
      );
    }
  }
  const ids = new Set(rows.map((r) => r.id));
  for (const id of Object.keys(budgets)) if (!ids.has(id)) failures.push(`${id} has a budget but is no longer measured: remove it from size-budgets.json`);
  return failures;
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

/** The table `npm run size` prints (Markdown). */
export function formatTable(rows, budgets = {}) {
  const lines = ['| entry | min | min+gzip | budget |', '| --- | ---: | ---: | ---: |'];
  for (const r of rows) {
    const b = budgets[r.id];
    lines.push(`| ${r.label} | ${kb(r.min)} | ${kb(r.gzip)} | ${b ? kb(b.budget) : '—'} |`);
  }
  return `${lines.join('\n')}\n`;
}
