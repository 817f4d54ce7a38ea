// The workers check probes the center's own PKCS#12 worker (never a blob: URL, which a page's
// `worker-src 'self'` refuses): stand-in workers play each answer it may get.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkWorkers } from '../../../src/core/env/workers-check';
import type { EnvironmentScope } from '../../../src/core/env/environment-scope';

/** A browser window with workers, as far as the check looks. */
const windowScope = (): EnvironmentScope => ({ document: { cookie: '' }, Worker: class {} as unknown as EnvironmentScope['Worker'] });

type Behaviour = (worker: StandInWorker, message: unknown) => void;

/** A worker that records what it is sent and whether it was ended, and answers as told. */
class StandInWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  terminated = 0;
  constructor(private readonly behaviour: Behaviour) {}
  postMessage(message: unknown) {
    this.sent.push(message);
    queueMicrotask(() => this.behaviour(this, message));
  }
  terminate() {
    this.terminated++;
  }
  reply(data: unknown) {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
}

function standIn(behaviour: Behaviour) {
  const made: StandInWorker[] = [];
  const start = () => {
    const worker = new StandInWorker(behaviour);
    made.push(worker);
    return worker as unknown as Worker;
  };
  return { made, start };
}

const answers: Behaviour = (worker, message) => {
  worker.reply({ id: (message as { id: number }).id, ok: false, error: { code: 'PFX_MALFORMED', message: 'x' } });
};

afterEach(() => vi.useRealTimers());

describe('checkWorkers', () => {
  it('skips outside a browser window and never starts a worker', async () => {
    const { made, start } = standIn(answers);
    expect(await checkWorkers({}, start)).toMatchObject({ status: 'skip' });
    expect(made).toHaveLength(0);
  });

  it('warns with update-browser when the window has no Worker', async () => {
    const { made, start } = standIn(answers);
    expect(await checkWorkers({ document: { cookie: '' } }, start)).toMatchObject({ status: 'warn', advice: 'update-browser' });
    expect(made).toHaveLength(0);
  });

  it('passes when the PKCS#12 worker answers its probe, an empty file with no password, and ends it', async () => {
    const { made, start } = standIn(answers);
    expect(await checkWorkers(windowScope(), start)).toMatchObject({ status: 'pass' });
    expect(made).toHaveLength(1);
    expect(made[0]!.sent).toEqual([{ id: 0, op: 'import', data: new Uint8Array(0), password: '', options: {} }]);
    expect(made[0]!.terminated).toBe(1);
  });

  it('waits for the answer to its own probe: other messages do not count', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { made, start } = standIn((worker) => worker.reply({ id: 7, ok: true, result: null }));
    const result = checkWorkers(windowScope(), start);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await result).toMatchObject({ status: 'warn', advice: 'contact-support' });
    expect(made[0]!.terminated).toBe(1);
  });

  it('warns with contact-support when the worker cannot load (a page policy, a missing file), and keeps the error from the console', async () => {
    let prevented = 0;
    const { made, start } = standIn((worker) => worker.onerror?.({ message: '', preventDefault: () => prevented++ } as unknown as ErrorEvent));
    expect(await checkWorkers(windowScope(), start)).toMatchObject({ status: 'warn', advice: 'contact-support' });
    expect(prevented).toBe(1);
    expect(made[0]!.terminated).toBe(1);
  });

  it('warns with contact-support when starting the worker throws', async () => {
    const start = () => {
      throw new DOMException('refused', 'SecurityError');
    };
    expect(await checkWorkers(windowScope(), start)).toMatchObject({ status: 'warn', advice: 'contact-support' });
  });

  it('warns after 5 s without an answer, and ends the silent worker', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { made, start } = standIn(() => undefined);
    const result = checkWorkers(windowScope(), start);
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void result.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toMatchObject({ status: 'warn', advice: 'contact-support' });
    expect(made[0]!.terminated).toBe(1);
  });
});
