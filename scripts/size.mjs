// npm run size: what each public entry costs a browser, minified and gzipped, with every
// dependency bundled the way a consumer's bundler would (scripts/size-measure.mjs), beside its
// budget from size-budgets.json.
//   npm run size                the table
//   npm run size -- --check     also fails (exit 1) naming each entry over its budget, and by how much
//   npm run size -- --update    sets every budget to the figure measured now plus the headroom
import { writeFile } from 'node:fs/promises';
import { budgetsFile, budgetsFor, checkBudgets, formatTable, headroom, measureSizes, minHeadroomBytes, readBudgets } from './size-measure.mjs';

const args = new Set(process.argv.slice(2));
const rows = await measureSizes();

if (args.has('--update')) {
  const about =
    `min+gzip bytes of each entry of npm run size; a budget is the figure measured when it was set plus ${headroom * 100} % (at least ${minHeadroomBytes} bytes). ` +
    'Held by test/package/size-budgets.test.ts (npm test, hence CI) and npm run size -- --check; after a deliberate change, npm run size -- --update.';
  await writeFile(budgetsFile, `${JSON.stringify({ about, entries: budgetsFor(rows) }, null, 2)}\n`);
  process.stdout.write(`Budgets written to size-budgets.json.\n`);
}

const budgets = await readBudgets().catch(() => ({}));
process.stdout.write(formatTable(rows, budgets));

if (args.has('--check')) {
  const failures = checkBudgets(rows, budgets);
  if (failures.length > 0) {
    process.stderr.write(`\nSize budgets not met (size-budgets.json):\n${failures.map((f) => `- ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`\nEvery entry is within its budget.\n`);
  }
}
