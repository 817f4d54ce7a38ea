// How withLock treats a lock manager that refuses or fails: only the refusals that mean "no
// Web Locks here" fall back to the in-page lock; anything else is an error, and the work never
// runs twice.
import { describe, expect, it } from 'vitest';
import { withLock } from '../../../src/core/store/tab-sync';
import { errorName } from '../../../src/core/store/storage-errors';

const unique = () => `test-lock-${Math.random().toString(36).slice(2)}`;

/** A lock manager whose `request` fails with `error`, before or after running the callback. */
function failingLocks(error: unknown, when: 'before' | 'after' = 'before'): LockManager {
  return {
    async request(_name: string, _options: unknown, callback: () => Promise<unknown>) {
      if (when === 'after') await callback();
      throw error;
    },
    async query() {
      return { held: [], pending: [] };
    },
  } as unknown as LockManager;
}

describe('withLock and a failing lock manager', () => {
  it.each(['SecurityError', 'NotSupportedError'])('falls back to the in-page lock when the manager refuses with %s, running the work once', async (name) => {
    let runs = 0;
    const result = await withLock(unique(), async () => ++runs, { locks: failingLocks(new DOMException('refused', name)) });
    expect(result).toBe(1);
    expect(runs).toBe(1);
  });

  it('keeps the fallback exclusive within the page', async () => {
    const lockName = unique();
    const locks = failingLocks(new DOMException('opaque origin', 'SecurityError'));
    const events: string[] = [];
    const first = withLock(lockName, async () => {
      events.push('first start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push('first end');
    }, { locks });
    const second = withLock(lockName, async () => {
      events.push('second');
    }, { locks });
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second']);
  });

  it.each([
    ['a TypeError (a polyfilled signal)', new TypeError("Failed to execute 'request' on 'LockManager': member signal is not of type AbortSignal")],
    ['an InvalidStateError', new DOMException('document not active', 'InvalidStateError')],
    ['an AbortError while the caller did not abort', new DOMException('aborted', 'AbortError')],
    ['a plain string', 'nope'],
  ])('refuses with STORAGE, without running the work, when the manager fails with %s', async (_label, failure) => {
    let runs = 0;
    const rejected = withLock(unique(), async () => ++runs, { locks: failingLocks(failure) });
    await expect(rejected).rejects.toMatchObject({ code: 'STORAGE', isCertCenterError: true, cause: failure });
    expect(runs).toBe(0);
  });

  it('never runs the work twice when the manager fails after running it', async () => {
    let runs = 0;
    const rejected = withLock(unique(), async () => ++runs, { locks: failingLocks(new DOMException('refused', 'SecurityError'), 'after') });
    await expect(rejected).rejects.toMatchObject({ code: 'STORAGE' });
    expect(runs).toBe(1);
  });

  it('passes the work\'s own error through unchanged', async () => {
    const boom = new TypeError('work failed');
    const locks = { request: (_n: string, _o: unknown, callback: () => Promise<unknown>) => callback() } as unknown as LockManager;
    await expect(withLock(unique(), async () => Promise.reject(boom), { locks })).rejects.toBe(boom);
  });

  it('refuses a name, work, options, signal or lock manager of the wrong kind with INVALID_ARGUMENT', async () => {
    const work = async () => 1;
    for (const call of [
      () => withLock(Symbol('lock') as never, work),
      () => withLock(unique(), 'work' as never),
      () => withLock(unique(), work, 5 as never),
      () => withLock(unique(), work, { signal: { aborted: false } as never }),
      () => withLock(unique(), work, { locks: {} as never }),
      () => withLock(unique(), work, { get signal(): AbortSignal { throw new Error('boom'); } }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    await expect(withLock(unique(), work, null)).resolves.toBe(1);
  });
});

describe('errorName', () => {
  it('reads the name of an error, and none from a value without one or a throwing getter', () => {
    expect(errorName(new DOMException('x', 'QuotaExceededError'))).toBe('QuotaExceededError');
    expect(errorName({ name: 5 })).toBeUndefined();
    expect(errorName('SecurityError')).toBeUndefined();
    expect(errorName({ get name(): string { throw new Error('boom'); } })).toBeUndefined();
  });
});
