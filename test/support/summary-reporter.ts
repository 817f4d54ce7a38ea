// Ends every run with one plain line, `tests: N passed, N failed, N skipped`, that CI and
// people read the same way.
import type { Reporter, TestModule } from 'vitest/node';
import { propertyTestSettings } from './property-tests.ts';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    // The property tests' seed, so that any run, failed or not, can be repeated (FC_SEED=… npm test).
    const { seed } = propertyTestSettings(process.env);
    process.stdout.write(`\nproperty tests: seed ${seed}\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
