import { describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';

describe('property tests', () => {
  it('run with the seed of the whole run (FC_SEED, else a fixed one), so npm test tries the same inputs every time', () => {
    const { seed, numRuns } = inject('propertyTests');
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(fc.readConfigureGlobal()).toMatchObject({ seed, ...(numRuns === undefined ? {} : { numRuns }) });
    expect(fc.sample(fc.string(), 20)).toEqual(fc.sample(fc.string(), 20));
    expect(fc.sample(fc.string(), { numRuns: 20, seed: seed + 1 })).not.toEqual(fc.sample(fc.string(), 20));
  });
});
