import { isBrowserScope, type EnvironmentScope } from './environment-scope';
import type { CheckOutcome } from './run-check';

/**
 * Whether the page is a secure context (HTTPS, or localhost): without it browsers hide
 * WebCrypto and the service worker, and nothing of the center works.
 */
export function checkSecureContext(scope: EnvironmentScope): CheckOutcome {
  if (scope.isSecureContext === true) return { status: 'pass', detail: 'secure context' };
  if (scope.isSecureContext === false) return { status: 'fail', detail: 'the page is not a secure context', advice: 'use-https' };
  return isBrowserScope(scope)
    ? { status: 'warn', detail: 'isSecureContext is missing', advice: 'update-browser' }
    : { status: 'skip', detail: 'not a browser; no secure-context rule applies' };
}
