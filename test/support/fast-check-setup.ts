// Set-up file of both vitest projects: every fast-check property runs with the seed of the whole
// run (test/support/property-tests.ts), so `npm test` is the same on every machine, and a failure's
// report (`seed: …, path: …`) replays with FC_SEED.
import fc from 'fast-check';
import { inject } from 'vitest';

const { seed, numRuns } = inject('propertyTests');
fc.configureGlobal({ seed, ...(numRuns === undefined ? {} : { numRuns }) });
