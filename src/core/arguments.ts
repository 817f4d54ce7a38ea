// The arguments every public call shares: an options object (or none) and an AbortSignal.
import { CertCenterError } from './errors';

/**
 * The options object of a public call: `{}` for `null` or `undefined`.
 * @throws CertCenterError `INVALID_ARGUMENT` for anything else that is not an object.
 */
export function optionsArgument<T extends object>(options: T | null | undefined, operation: string): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new CertCenterError('INVALID_ARGUMENT', `${operation}: options must be an object`);
  }
  return options;
}

/**
 * The `signal` option of a public call: an `AbortSignal` (from any realm) or none.
 * @throws CertCenterError `INVALID_ARGUMENT` for anything else.
 */
export function signalArgument(signal: unknown, operation: string): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const candidate = signal as Partial<AbortSignal> | null;
  if (typeof candidate === 'object' && candidate !== null && typeof candidate.aborted === 'boolean' &&
      typeof candidate.throwIfAborted === 'function' && typeof candidate.addEventListener === 'function') {
    return signal as AbortSignal;
  }
  throw new CertCenterError('INVALID_ARGUMENT', `${operation}: signal must be an AbortSignal`);
}
