// Registration survives a consumer's bundler: `import 'cert-center-sdk/components'` is a side
// effect, so package.json's `sideEffects` must list the registering files or esbuild and Vite
// drop the import. Each bundle runs in a fresh frame, which must then know every element.
import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import type { BundleRequest, BundleResult } from '../support/bundle-components.ts';

const bundle = (request: BundleRequest) =>
  (commands as unknown as { bundleComponents(r: BundleRequest): Promise<BundleResult> }).bundleComponents(request);

/** Runs modules, one after the other, in a new same-origin frame; returns that frame's registry. */
async function run(...codes: string[]): Promise<{ registry: CustomElementRegistry; warnings: string[] }> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const win = frame.contentWindow! as Window & typeof globalThis;
  const warnings: string[] = [];
  win.console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  for (const code of codes) {
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    // import() in the frame's realm settles once the module has run.
    await (win.eval(`import(${JSON.stringify(url)})`) as Promise<unknown>);
    URL.revokeObjectURL(url);
  }
  frame.remove();
  return { registry: win.customElements, warnings };
}

describe.each(['esbuild', 'vite'] as const)('bundled by %s', (bundler) => {
  it("import 'cert-center-sdk/components' defines every element", async () => {
    const { code, tags } = await bundle({ bundler, specifier: 'cert-center-sdk/components' });
    expect(tags.length).toBeGreaterThan(0);
    const { registry } = await run(code);
    expect(tags.filter((tag) => !registry.get(tag))).toEqual([]);
  });

  it('each element’s own entry defines that element', async () => {
    const { tags } = await bundle({ bundler, specifier: 'cert-center-sdk/components' });
    for (const tag of tags) {
      const { code } = await bundle({ bundler, specifier: `cert-center-sdk/components/${tag}` });
      const { registry } = await run(code);
      expect(registry.get(tag), tag).toBeDefined();
    }
  }, 300_000); // One bundle per element: about 10 s with Vite on a busy 2-core machine.

  it('two copies of the package on one page warn and never throw', async () => {
    const { code, tags } = await bundle({ bundler, specifier: 'cert-center-sdk/components' });
    // Two blob URLs of the same code are two module instances: a second copy of every class.
    const { registry, warnings } = await run(code, code);
    expect(tags.filter((tag) => !registry.get(tag))).toEqual([]);
    expect(warnings.filter((w) => w.includes('already defined')).length).toBe(tags.length);
  });
});
