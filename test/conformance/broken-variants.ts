// The test body every broken-variant file runs: the kit against each variant names its rule
// and no other (the variants are split across files so that they run side by side).
import { describe, expect, it } from 'vitest';
import { failing, runKit, serve, type Variant } from './support.ts';

/** A whole run of the kit: generous, as the machine may be shared (nothing is timed). */
const heavy = 300_000;

export function describeVariants(list: readonly Variant[]): void {
  describe('the kit against a deliberately broken mock', () => {
    for (const variant of list) {
      it(`names ${variant.breaks} and no other rule when ${variant.name}`, async () => {
        const served = await serve(variant.backend ?? {}, variant.handlers);
        try {
          const report = await runKit(served);
          expect(failing(report)).toEqual([variant.breaks]);
          const rule = report.rules.find((r) => r.id === variant.breaks)!;
          expect(rule.evidence.some((e) => e.ok === false)).toBe(true);
        } finally {
          await served.close();
        }
      }, heavy);
    }
  });
}
