// npm run size: what each public entry costs a browser, minified and gzipped, with every
// dependency bundled (esbuild, the way a consumer's bundler would tree-shake it).
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const entries = [
  ['core (everything in src/core/index.ts)', 'src/core/index.ts', undefined],
  ['core: createCertCenter only', 'src/core/index.ts', 'createCertCenter'],
  ['core: importPkcs12 + exportPkcs12 only', 'src/core/index.ts', 'importPkcs12, exportPkcs12'],
  ['PKCS#12 worker', 'src/core/env/pkcs12-worker.ts', undefined],
  ['browser bundle (core + elements)', 'src/browser.ts', undefined],
];

const rows = [];
for (const [name, file, pick] of entries) {
  const stdin = pick ? { contents: `export { ${pick} } from './${file}';`, resolveDir: process.cwd(), loader: 'ts' } : undefined;
  const result = await build({
    ...(stdin ? { stdin } : { entryPoints: [file] }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    metafile: true,
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js') || f.path === '<stdout>') ?? result.outputFiles[0];
  const bytes = code.contents;
  const inputs = Object.entries(result.metafile.inputs);
  const byPackage = new Map();
  for (const [path, info] of inputs) {
    const m = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1] : 'project';
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytes);
  }
  rows.push({ name, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, top: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5) });
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
process.stdout.write('| entry | min | min+gzip | largest inputs (source bytes) |\n| --- | ---: | ---: | --- |\n');
for (const r of rows) {
  process.stdout.write(`| ${r.name} | ${kb(r.min)} | ${kb(r.gzip)} | ${r.top.map(([k, v]) => `${k} ${kb(v)}`).join(', ')} |\n`);
}
