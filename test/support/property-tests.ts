// The seed and run count of every fast-check property test, read once from the environment by
// vitest.config.ts and handed to the workers (Node and browser) through `provide`.
//   npm test                        the fixed seed below: every run tries the same inputs
//   FC_SEED=123 npm test            another seed (or the one a failure printed, to replay it)
//   FUZZ_RUNS=20000 npm test        more runs for the tests that do not set their own count

/** The seed `npm test` uses when FC_SEED is not set. */
export const defaultPropertySeed = 20_240_611;

export interface PropertyTestSettings {
  seed: number;
  /** Runs per property where the test does not say; fast-check's default (100) when undefined. */
  numRuns: number | undefined;
}

export function propertyTestSettings(env: Record<string, string | undefined>): PropertyTestSettings {
  const seed = env.FC_SEED === undefined || env.FC_SEED === '' ? defaultPropertySeed : Number(env.FC_SEED);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(env.FC_SEED)}`);
  const runs = env.FUZZ_RUNS === undefined || env.FUZZ_RUNS === '' ? undefined : Number(env.FUZZ_RUNS);
  if (runs !== undefined && !(Number.isSafeInteger(runs) && runs > 0)) throw new Error(`FUZZ_RUNS must be a positive integer, not ${JSON.stringify(env.FUZZ_RUNS)}`);
  return { seed: seed | 0, numRuns: runs };
}

declare module 'vitest' {
  export interface ProvidedContext {
    propertyTests: PropertyTestSettings;
  }
}
