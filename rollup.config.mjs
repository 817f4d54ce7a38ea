// ESM + declarations for each public entry into dist/.
import esbuild from 'rollup-plugin-esbuild';
import dts from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const entries = {
  index: 'src/core/index.ts',
  components: 'src/components/index.ts',
  mocks: 'mocks/index.ts',
};

const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('./package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), 'msw', 'msw/browser', 'msw/node'];
const isExternal = (id) => external.some((name) => id === name || id.startsWith(`${name}/`)) || id.startsWith('node:');

export default [
  {
    input: entries,
    external: isExternal,
    plugins: [nodeResolve({ extensions: ['.ts', '.js'] }), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js', sourcemap: true },
  },
  {
    input: entries,
    external: isExternal,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist/types', format: 'esm', entryFileNames: '[name].d.ts' },
  },
];
