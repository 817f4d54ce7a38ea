// Crypto loads only when a step needs it, measured on the bundles a consumer's build makes
// (esbuild with code splitting, as Vite and rollup split a dynamic import()): the first paint of
// <cert-center> — its entry chunk and every chunk that one imports statically — holds no PKCS#12,
// CMS or CSR code and not the PKCS#12 worker; that code is in the chunks fetched later.
import { describe, expect, it } from 'vitest';
import { buildBrowserBundle } from '../../scripts/build-browser.mjs';
import {
  bundle, chunkOf, isLazyCryptoModule, lazyCrypto, lazyFiles, modulesOf, outputsOf, reachable, staticClosure, type Outputs,
} from '../../scripts/size-measure.mjs';

/** The source modules of the first paint of `entry`, and of what it fetches later. */
function split(outputs: Outputs, entry: string) {
  const first = staticClosure(outputs, entry);
  return { first, firstModules: modulesOf(outputs, first), laterModules: modulesOf(outputs, lazyFiles(outputs, entry)) };
}

/** The PKCS#12, CMS and CSR modules, the ones under src/core/crypto/pkcs12/ included. */
const lazyOnes = (modules: Set<string>) => [...modules].filter(isLazyCryptoModule).sort();

const entries = {
  '<cert-center> (src/components/cert-center/cert-center.ts)': 'src/components/cert-center/cert-center.ts',
  "every element (cert-center-sdk/components: src/components/index.ts)": 'src/components/index.ts',
};

describe.each(Object.entries(entries))('the first paint of %s', (_name, entry) => {
  it('fetches no PKCS#12, CMS or CSR module and not the PKCS#12 worker; each of them is in a chunk loaded later', async () => {
    const built = await bundle(entry);
    const { first, firstModules, laterModules } = split(built.outputs, built.entry);
    // The measure is not empty: the first paint is the center itself.
    expect(firstModules).toContain('src/core/lifecycle/cert-center.ts');
    expect(firstModules).toContain('src/core/crypto/certificate.ts');
    expect(lazyOnes(firstModules)).toEqual([]);
    for (const c of lazyCrypto) {
      expect(laterModules, c.module).toContain(c.module);
      const chunk = chunkOf(built.outputs, c.module);
      expect(chunk, `${c.module} has its own chunk`).toBeDefined();
      expect(first.has(chunk!), `${c.module}'s chunk is not in the first paint`).toBe(false);
    }
    expect([...laterModules].filter((m) => m.startsWith('src/core/crypto/pkcs12/')).length).toBeGreaterThan(5);
    expect(lazyOnes(laterModules)).not.toContain('src/core/env/pkcs12-worker.ts');
    // The worker is its own file, started by URL when a backup runs: no chunk of this build holds it.
    const everything = modulesOf(built.outputs, reachable(built.outputs, built.entry));
    expect(everything).not.toContain('src/core/env/pkcs12-worker.ts');
    const firstCode = [...first].map((path) => new TextDecoder().decode(built.files.get(path))).join('\n');
    expect(firstCode).toMatch(/new URL\(["']\.\/pkcs12-worker\.ts["'], ?import\.meta\.url\)/);
  }, 60_000);
});

describe('the browser bundle (dist/browser, npm run build)', () => {
  it('loads core and elements without the PKCS#12, CMS or CSR code, which sits in chunks beside it; its worker is pkcs12-worker.js', async () => {
    const { metafile, files } = await buildBrowserBundle({ outdir: 'out/browser', write: false });
    const outputs = outputsOf(metafile, 'out/browser');
    const { first, firstModules, laterModules } = split(outputs, 'cert-center.js');
    expect(firstModules).toContain('src/core/lifecycle/cert-center.ts');
    expect(firstModules).toContain('src/components/cert-center/cert-center.ts');
    expect(lazyOnes(firstModules)).toEqual([]);
    for (const c of lazyCrypto) expect(laterModules, c.module).toContain(c.module);
    // The worker URL points at the built worker beside the bundle, and that worker holds the PKCS#12 code.
    const text = (path: string) => new TextDecoder().decode([...files].find(([p]) => p.endsWith(`/out/browser/${path}`))?.[1]);
    const firstCode = [...first].map(text).join('\n');
    expect(firstCode).toContain('"./pkcs12-worker.js"');
    expect(firstCode).not.toContain('pkcs12-worker.ts');
    const workerModules = modulesOf(outputs, staticClosure(outputs, 'pkcs12-worker.js'));
    expect(workerModules).toContain('src/core/env/pkcs12-worker.ts');
    expect(workerModules).toContain('src/core/crypto/pkcs12/pkcs12-import.ts');
    expect(workerModules).toContain('src/core/crypto/pkcs12/pkcs12-export.ts');
  }, 60_000);
});
