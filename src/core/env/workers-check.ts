import { describeError, isWindowScope, type EnvironmentScope } from './environment-scope';
import type { CheckOutcome } from './run-check';

/** How long a module worker may take to start and answer. */
const workerAnswerMs = 5_000;

/**
 * Whether a module Worker starts here: backups run their hundreds of thousands of key-derivation
 * rounds in one so that the page does not freeze. Starts a tiny module worker from a `blob:`
 * URL (what a page's Content-Security-Policy `worker-src` must allow) and waits for its answer.
 * Failing is a warning: the work then runs on the page, slowly but correctly.
 */
export async function checkWorkers(scope: EnvironmentScope): Promise<CheckOutcome> {
  if (!isWindowScope(scope)) return { status: 'skip', detail: 'workers are only started from a browser window; work runs inline' };
  const { Worker: WorkerCtor, Blob: BlobCtor, URL: Urls } = scope;
  if (typeof WorkerCtor !== 'function' || typeof BlobCtor !== 'function' || typeof Urls?.createObjectURL !== 'function') {
    return { status: 'warn', detail: 'Worker, Blob or URL.createObjectURL is missing', advice: 'update-browser' };
  }
  let url: string | undefined;
  let worker: Worker | undefined;
  try {
    url = Urls.createObjectURL(new BlobCtor(['self.postMessage(typeof crypto.subtle === "object");'], { type: 'text/javascript' }));
    const started = new WorkerCtor(url, { type: 'module', name: 'cert-center-check' });
    worker = started;
    const answer = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${workerAnswerMs} ms`)), workerAnswerMs);
      started.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data);
      };
      started.onerror = (event) => {
        clearTimeout(timer);
        event.preventDefault?.();
        reject(new Error(`worker error${event.message ? `: ${event.message}` : ' (blocked by the page’s security policy?)'}`));
      };
    });
    if (answer !== true) return { status: 'warn', detail: 'the module worker has no WebCrypto', advice: 'update-browser' };
    return { status: 'pass', detail: 'a module worker started and has WebCrypto' };
  } catch (error) {
    return { status: 'warn', detail: `module worker: ${describeError(error)}`, advice: 'contact-support' };
  } finally {
    worker?.terminate();
    if (url) Urls.revokeObjectURL?.(url);
  }
}
