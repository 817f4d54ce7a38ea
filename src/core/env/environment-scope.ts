/** The brands of `navigator.userAgentData` (User-Agent Client Hints), where the browser has it. */
export interface UserAgentBrand {
  brand: string;
  version: string;
}

/**
 * The parts of the global object the computer check looks at. It defaults to `globalThis`;
 * tests pass their own to play an old browser, a refused storage or disabled cookies.
 */
export interface EnvironmentScope {
  isSecureContext?: boolean;
  crypto?: Crypto;
  indexedDB?: IDBFactory;
  navigator?: {
    userAgent?: string;
    userAgentData?: { brands?: readonly UserAgentBrand[]; mobile?: boolean; platform?: string };
    cookieEnabled?: boolean;
    storage?: Partial<Pick<StorageManager, 'persisted' | 'persist' | 'estimate'>>;
    locks?: Pick<LockManager, 'request'>;
  };
  document?: { cookie: string; location?: { protocol: string } | null };
  location?: { protocol: string };
  Worker?: new (url: string | URL, options?: WorkerOptions) => Worker;
  importScripts?: unknown;
}

/** Whether the scope is a browser window or worker (not Node, Deno or Bun). */
export function isBrowserScope(scope: EnvironmentScope): boolean {
  return typeof scope.document === 'object' || typeof scope.importScripts === 'function';
}

/** Whether the scope is a browser window (a document, cookies, workers to start). */
export function isWindowScope(scope: EnvironmentScope): boolean {
  return typeof scope.document === 'object' && scope.document !== null;
}

/** A short English description of a thrown value, for `detail`; never includes a stack. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    const text = [typeof name === 'string' ? name : '', typeof message === 'string' ? message : ''].filter(Boolean).join(': ');
    if (text) return text;
  }
  return String(error);
}

/** A monotonic millisecond clock for durations. */
export function elapsedSince(start: number): number {
  return Math.round(performance.now() - start);
}
