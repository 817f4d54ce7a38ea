// Runs PKCS#12 work in a module Worker where the platform has one (browsers), inline elsewhere
// (Node, or when the worker cannot start: a strict CSP, a bundler that did not copy it). Inline,
// the key derivations yield between slices and stop on abort (see crypto/pkcs12/work.ts). The
// PKCS#12 code itself loads only for inline work: with the worker, only the worker fetches it.
import { CertCenterError, isCertCenterErrorCode, throwIfAborted } from '../errors';
import type { ExportPkcs12Params } from '../crypto/pkcs12/pkcs12-export';
import type { ImportedPkcs12, ImportPkcs12Options } from '../crypto/pkcs12/pkcs12-import';
import { loadPkcs12Export, loadPkcs12Import } from '../lazy-crypto';
import type { Pkcs12Reply, Pkcs12Request } from './pkcs12-worker';

export interface Pkcs12Runner {
  exportPkcs12(params: ExportPkcs12Params): Promise<Uint8Array>;
  importPkcs12(data: Uint8Array, password: string, options?: ImportPkcs12Options): Promise<ImportedPkcs12>;
  /** Where the work runs now. */
  readonly mode: 'worker' | 'inline';
  close(): void;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { message: Pkcs12Request; resolve(value: unknown): void; reject(error: unknown): void };

export interface Pkcs12RunnerOptions {
  /** `false` keeps the work on this thread (tests, or hosts that forbid workers). */
  worker?: boolean;
  /** Makes the module worker; tests pass one that counts the workers made and ended. */
  createWorker?: () => Worker;
}

/**
 * Runs PKCS#12 export and import in a module worker where there is one, inline otherwise. An
 * abort ends the worker, so a hostile file stops computing at once; the next call (and any
 * other call that was waiting on that worker, sent again) gets a fresh one.
 */
export function createPkcs12Runner(options: Pkcs12RunnerOptions = {}): Pkcs12Runner {
  const canUseWorker = options.worker !== false && typeof Worker === 'function';
  const createWorker =
    options.createWorker ?? (() => new Worker(new URL('./pkcs12-worker.ts', import.meta.url), { type: 'module', name: 'cert-center-pkcs12' }));
  let worker: Worker | undefined;
  let broken = !canUseWorker;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: unknown) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function start(): Worker | undefined {
    if (broken) return undefined;
    if (worker) return worker;
    let made: Worker;
    try {
      made = createWorker();
    } catch {
      broken = true;
      return undefined;
    }
    worker = made;
    made.addEventListener('message', (event: MessageEvent<Pkcs12Reply>) => {
      const reply = event.data;
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else {
        const code = isCertCenterErrorCode(reply.error.code) ? reply.error.code : 'STORAGE';
        waiter.reject(new CertCenterError(code, reply.error.message));
      }
    });
    made.addEventListener('error', (event) => {
      // The worker could not load or crashed: fall back to inline work for what is waiting.
      event.preventDefault();
      if (worker !== made) return;
      broken = true;
      made.terminate();
      worker = undefined;
      failAll(new WorkerUnavailable());
    });
    return made;
  }

  /** Ends the worker mid-derivation; the calls still waiting on it go to a fresh one. */
  function restart(): void {
    worker?.terminate();
    worker = undefined;
    if (pending.size === 0) return;
    const next = start();
    if (next) for (const p of pending.values()) next.postMessage(p.message);
    else failAll(new WorkerUnavailable());
  }

  async function run<T>(request: WithoutId<Pkcs12Request>, inline: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    throwIfAborted(signal, `PKCS#12 ${request.op}`);
    const w = start();
    if (!w) return inline();
    const id = nextId++;
    const message = { ...request, id } as Pkcs12Request;
    const onAbort = () => {
      const waiter = pending.get(id);
      if (!waiter) return;
      pending.delete(id);
      waiter.reject(new CertCenterError('ABORTED', `PKCS#12 ${request.op} was aborted`, { cause: signal?.reason }));
      restart();
    };
    try {
      signal?.addEventListener('abort', onAbort, { once: true });
      return await new Promise<T>((resolve, reject) => {
        pending.set(id, { message, resolve: resolve as (v: unknown) => void, reject });
        w.postMessage(message);
      });
    } catch (error) {
      if (error instanceof WorkerUnavailable) return inline();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    get mode() {
      return broken ? 'inline' : 'worker';
    },
    exportPkcs12(params) {
      const { signal, ...rest } = params;
      return run({ op: 'export', params: rest }, async () => (await loadPkcs12Export('exportPkcs12')).exportPkcs12(params), signal);
    },
    importPkcs12(data, password, opts = {}) {
      const { signal, ...rest } = opts;
      return run({ op: 'import', data, password, options: rest }, async () => (await loadPkcs12Import('importPkcs12')).importPkcs12(data, password, opts), signal);
    },
    close() {
      worker?.terminate();
      worker = undefined;
      failAll(new CertCenterError('ABORTED', 'the certificate center was closed'));
    },
  };
}

class WorkerUnavailable extends Error {}
