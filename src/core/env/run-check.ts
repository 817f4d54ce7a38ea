import { describeError } from './environment-scope';
import type { EnvironmentCheck, EnvironmentCheckId } from './environment-report';

/** The result of a check without its id, which the runner adds. */
export type CheckOutcome = Omit<EnvironmentCheck, 'id'>;

/**
 * Runs one check so that nothing escapes: a throw, a rejection or a hang past `timeoutMs`
 * becomes a `fail` item with the reason in `detail`.
 */
export async function runCheck(
  id: EnvironmentCheckId,
  timeoutMs: number,
  work: () => Promise<CheckOutcome> | CheckOutcome,
): Promise<EnvironmentCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'fail', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(work), timeout]);
    return { id, ...outcome };
  } catch (error) {
    return { id, status: 'fail', detail: `unexpected error: ${describeError(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
