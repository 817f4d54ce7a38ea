import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEnvironment } from '../../../src/core/env/check-environment';
import { isCertCenterError } from '../../../src/core/errors';
import type { EnvironmentScope } from '../../../src/core/env/environment-scope';

const now = () => new Date('2026-01-02T03:04:05Z');
/** A scope where every check answers at once, so the options are what is under test. */
const bareScope = { isSecureContext: false } as EnvironmentScope;

describe('checkEnvironment options', () => {
  it('treats null or undefined options as none', async () => {
    for (const options of [null, undefined]) {
      const report = await checkEnvironment(options);
      expect(report.items.length).toBeGreaterThan(0);
    }
  });

  it('refuses options, a scope or a signal of the wrong kind with INVALID_ARGUMENT', async () => {
    for (const options of [1, 'fast', true, { now, scope: 5 }, { now, signal: 'stop' }, { now, signal: { aborted: false } }]) {
      await expect(checkEnvironment(options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', isCertCenterError: true });
    }
  });

  it('refuses options whose getters throw with INVALID_ARGUMENT', async () => {
    const options = { get signal(): AbortSignal { throw new Error('boom'); } };
    await expect(checkEnvironment(options)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('resolves with a report or rejects with a CertCenterError, whatever the options', async () => {
    const junk = fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withDate: true });
    const options = fc.oneof(junk, fc.record({ signal: junk, timeoutMs: junk, requestPersistence: junk, serverTime: junk }, { requiredKeys: [] }));
    await fc.assert(
      fc.asyncProperty(options, async (given) => {
        // Each run examines a bare scope with a fixed clock unless the junk says otherwise.
        const call = typeof given === 'object' && given !== null && !Array.isArray(given) && Object.getPrototypeOf(given) === Object.prototype
          ? { now, scope: bareScope, timeoutMs: 200, ...given }
          : given;
        try {
          await checkEnvironment(call as never);
        } catch (error) {
          expect(isCertCenterError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });
});
