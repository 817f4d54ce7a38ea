// The size budgets of size-budgets.json, held in CI: every entry of `npm run size`, measured by the
// same code (scripts/size-measure.mjs: esbuild, minified, gzip level 9, deterministic), must stay
// within its budget; the failure names each entry that grew, and by how many bytes and per cent.
import { describe, expect, it } from 'vitest';
import { budgetsFor, checkBudgets, measureSizes, readBudgets, type SizeRow } from '../../scripts/size-measure.mjs';

describe('size budgets', () => {
  it('every entry of npm run size is within its budget in size-budgets.json, and every budget has its entry', async () => {
    const failures = checkBudgets(await measureSizes(), await readBudgets());
    expect(failures, `\n${failures.join('\n')}\n(a deliberate change: npm run size -- --update, and commit size-budgets.json)\n`).toEqual([]);
  }, 120_000);

  it('names an entry over its budget with its size, the bytes and per cent over the budget and over the figure measured', () => {
    const row = (id: string, gzip: number): SizeRow => ({ id, label: id, min: gzip * 3, gzip, files: [] });
    const budgets = budgetsFor([row('grown', 10_000), row('kept', 10_000), row('gone', 10)]);
    expect(budgets.grown).toEqual({ measured: 10_000, budget: 10_400 });
    expect(budgetsFor([row('tiny', 900)]).tiny).toEqual({ measured: 900, budget: 1028 });
    const failures = checkBudgets([row('grown', 10_920), row('kept', 10_400), row('new', 5)], budgets);
    expect(failures).toHaveLength(3);
    const [grown, added, gone] = failures as [string, string, string];
    expect(grown).toContain('grown');
    expect(grown).toContain('10,920 B');
    expect(grown).toContain('520 B (+5.0 %) over its budget of 10,400 B');
    expect(grown).toContain('920 B (+9.2 %) more than the 10,000 B measured');
    expect(added).toContain('new');
    expect(gone).toContain('gone');
  });
});
