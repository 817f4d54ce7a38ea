// ESM + declarations for each public entry into dist/ (the browser bundle: scripts/build-browser.mjs).
import esbuild from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { readFile, readdir } from 'node:fs/promises';

const entries = {
  index: 'src/core/index.ts',
  components: 'src/components/index.ts',
  mocks: 'mocks/index.ts',
  'mocks-node': 'mocks/node.ts',
  'mocks-browser': 'mocks/browser.ts',
};
// The PKCS#12 worker is loaded by URL from the runner, so it is an entry of its own.
const workerEntry = 'src/core/env/pkcs12-worker.ts';

const pkg = JSON.parse(await readFile(new URL('./package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), 'msw'];
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`)) || id.startsWith('node:');

/** The runner names its worker `./pkcs12-worker.ts` (what Vite serves); in dist/ it is `.js`. */
const workerUrl = () => ({
  name: 'worker-url',
  renderChunk(code) {
    return /["']\.\/pkcs12-worker\.ts["']/.test(code) ? { code: code.replace(/(["'])\.\/pkcs12-worker\.ts\1/g, '$1./pkcs12-worker.js$1'), map: null } : null;
  },
});

// The commands of package.json "bin": Node ESM with a shebang, dependencies left to node_modules.
const bins = {
  'cert-center-conformance': 'src/conformance/bin.ts',
  'cert-center-mock-server': 'mocks/server/main.ts',
};

const ts = (options = {}) => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', ...options });

// The declarations of `cert-center-sdk/components/<tag>`: one bundle of every element module's
// exports, re-exported per element by dist/types/components/<tag>.d.ts (one rollup-plugin-dts
// entry per element costs 7× the time for the same declarations). `./browser` is the core and the
// elements (src/browser.ts), and so are its declarations.
const typeEntries = { ...entries, elements: 'scripts/types/elements.ts' };
const elementFolders = (await readdir('src/components', { withFileTypes: true })).filter((d) => d.isDirectory() && d.name !== 'shared').map((d) => d.name);
const elementTypes = () => ({
  name: 'element-types',
  async generateBundle() {
    for (const name of elementFolders) {
      const source = await readFile(`src/components/${name}/${name}.ts`, 'utf8');
      const names = [...source.matchAll(/^export (?:abstract )?(?:class|const|function) (\w+)/gm)].map((m) => m[1]);
      const reexports = [...source.matchAll(/^export \{([^}]*)\} from/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim()).filter(Boolean));
      const list = [...names, ...reexports].join(', ');
      this.emitFile({ type: 'asset', fileName: `components/${name}.d.ts`, source: `// <${name}>: registers it (and the elements it uses) when imported.\nexport { ${list} } from '../elements.js';\n` });
    }
    this.emitFile({ type: 'asset', fileName: 'browser.d.ts', source: "// dist/browser/cert-center.js: the core and every element, registered.\nexport * from './index.js';\nexport * from './components.js';\n" });
  },
});

export default [
  {
    input: { ...entries, 'src/core/env/pkcs12-worker': workerEntry },
    external: isExternal,
    plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), ts(), workerUrl()],
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js', sourcemap: true },
  },
  {
    input: bins,
    external: isExternal,
    plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), ts({ target: 'node22' }), workerUrl()],
    output: {
      dir: 'dist/bin',
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      sourcemap: true,
    },
  },
  {
    input: typeEntries,
    external: isExternal,
    plugins: [dts({ tsconfig: 'tsconfig.json' }), elementTypes()],
    output: { dir: 'dist/types', format: 'esm', entryFileNames: '[name].d.ts' },
  },
];
