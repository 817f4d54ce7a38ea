import { describeError, isWindowScope, type EnvironmentScope } from './environment-scope';
import type { CheckOutcome } from './run-check';

const probeCookie = 'cert-center-check';

/**
 * Whether the page can keep cookies: hosts may authenticate the center's calls with their
 * session cookie. Reads `navigator.cookieEnabled`, then writes, reads back and deletes a
 * first-party test cookie (SameSite=Strict; Secure on HTTPS).
 */
export function checkCookies(scope: EnvironmentScope): CheckOutcome {
  if (!isWindowScope(scope)) {
    return { status: 'skip', detail: 'no cookies outside a browser window' };
  }
  if (scope.navigator?.cookieEnabled === false) {
    return { status: 'fail', detail: 'navigator.cookieEnabled is false', advice: 'enable-cookies' };
  }
  const document = scope.document!;
  const protocol = document.location?.protocol ?? scope.location?.protocol;
  const secure = protocol === 'https:' ? '; Secure' : '';
  const value = Math.random().toString(36).slice(2);
  try {
    document.cookie = `${probeCookie}=${value}; path=/; SameSite=Strict${secure}`;
    const stored = document.cookie.split(';').some((cookie) => cookie.trim() === `${probeCookie}=${value}`);
    document.cookie = `${probeCookie}=; path=/; max-age=0; SameSite=Strict${secure}`;
    if (!stored) return { status: 'fail', detail: 'a test cookie was not kept', advice: 'enable-cookies' };
    return { status: 'pass', detail: 'cookies are kept' };
  } catch (error) {
    // Sandboxed frames and file:// pages throw SecurityError on document.cookie.
    return { status: 'fail', detail: `document.cookie: ${describeError(error)}`, advice: 'enable-cookies' };
  }
}
