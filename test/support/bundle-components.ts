// Bundles `import 'cert-center-sdk/components'` (or one element's entry) as a consumer's build
// would, with esbuild or Vite, honouring this package's `sideEffects`: the registration test
// then runs the bundle in Chromium and looks for the elements (the `bundleComponents` command).
import { build as esbuild, type Plugin } from 'esbuild';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface BundleRequest {
  bundler: 'esbuild' | 'vite';
  /** `cert-center-sdk/components` or `cert-center-sdk/components/<tag>`. */
  specifier: string;
}

export interface BundleResult {
  code: string;
  /** Every element folder of src/components: each registers the tag of its name. */
  tags: string[];
}

/** The package's export of a specifier, in the source tree (what dist/ is built from). */
function sourceOf(specifier: string): string {
  if (specifier === 'cert-center-sdk/components') return join(root, 'src/components/index.ts');
  const tag = /^cert-center-sdk\/components\/([a-z0-9-]+)$/.exec(specifier)?.[1];
  if (tag) return join(root, 'src/components', tag, `${tag}.ts`);
  throw new Error(`not an element entry: ${specifier}`);
}

async function elementTags(): Promise<string[]> {
  const entries = await readdir(join(root, 'src/components'), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && e.name !== 'shared').map((e) => e.name).sort();
}

export async function bundleComponents(request: BundleRequest): Promise<BundleResult> {
  const source = sourceOf(request.specifier);
  const tags = await elementTags();
  if (request.bundler === 'esbuild') {
    const alias: Plugin = {
      name: 'cert-center-sdk',
      setup(b) {
        b.onResolve({ filter: /^cert-center-sdk(\/.*)?$/ }, (args) => ({ path: sourceOf(args.path) }));
      },
    };
    const out = await esbuild({
      stdin: { contents: `import '${request.specifier}';`, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      minify: true,
      write: false,
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [alias],
      // What dist/ is compiled with (Lit's decorators are the experimental ones).
      tsconfig: join(root, 'tsconfig.json'),
    });
    return { code: out.outputFiles[0]!.text, tags };
  }
  const dir = await mkdtemp(join(tmpdir(), 'cert-center-vite-'));
  try {
    const entry = join(dir, 'entry.js');
    await writeFile(entry, `import '${request.specifier}';\n`);
    const { build } = await import('vite');
    const output = await build({
      configFile: false,
      root: dir,
      logLevel: 'silent',
      plugins: [{ name: 'cert-center-sdk', enforce: 'pre', resolveId: (id: string) => (/^cert-center-sdk(\/|$)/.test(id) ? sourceOf(id) : null) }],
      build: {
        write: false,
        minify: true,
        modulePreload: false,
        rollupOptions: { input: entry, output: { format: 'es', codeSplitting: false } },
      },
    });
    const outputs = (Array.isArray(output) ? output : [output]) as { output: { type: string; isEntry?: boolean; code?: string }[] }[];
    const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk' && c.isEntry);
    if (!chunk) throw new Error('vite produced no entry chunk');
    return { code: chunk.code ?? '', tags };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
