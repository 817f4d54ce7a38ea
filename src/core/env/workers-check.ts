import { describeError, isWindowScope, type EnvironmentScope } from './environment-scope';
import { startPkcs12Worker } from './pkcs12-worker-start';
import type { Pkcs12Request } from './pkcs12-worker';
import type { CheckOutcome } from './run-check';

/** How long the worker may take to start and answer. */
const workerAnswerMs = 5_000;

/** The probe's request: an empty file, which the worker refuses at once (PFX_MALFORMED) without any key derivation. */
const probe: Pkcs12Request = { id: 0, op: 'import', data: new Uint8Array(0), password: '', options: {} };

/**
 * Whether the PKCS#12 module worker starts here: backups run their hundreds of thousands of
 * key-derivation rounds in it so that the page does not freeze. Starts the center's own worker
 * file (what a page's Content-Security-Policy `worker-src 'self'` allows, unlike a `blob:` URL),
 * sends it an empty file and waits for its answer. Failing is a warning: the work then runs on
 * the page, slowly but correctly. `start` stands in for the real worker in tests.
 */
export async function checkWorkers(scope: EnvironmentScope, start: () => Worker = startPkcs12Worker): Promise<CheckOutcome> {
  if (!isWindowScope(scope)) return { status: 'skip', detail: 'workers are only started from a browser window; work runs inline' };
  if (typeof scope.Worker !== 'function') {
    return { status: 'warn', detail: 'Worker is missing', advice: 'update-browser' };
  }
  let worker: Worker | undefined;
  try {
    const started = start();
    worker = started;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${workerAnswerMs} ms`)), workerAnswerMs);
      started.onmessage = (event: MessageEvent<unknown>) => {
        if ((event.data as { id?: unknown } | null)?.id !== probe.id) return;
        clearTimeout(timer);
        resolve();
      };
      started.onerror = (event) => {
        clearTimeout(timer);
        event.preventDefault?.();
        reject(new Error(`worker error${event.message ? `: ${event.message}` : ' (blocked by the page’s security policy, or its file is missing?)'}`));
      };
      started.postMessage(probe);
    });
    return { status: 'pass', detail: 'the PKCS#12 module worker started and answered' };
  } catch (error) {
    return { status: 'warn', detail: `module worker: ${describeError(error)}`, advice: 'contact-support' };
  } finally {
    worker?.terminate();
  }
}
