// The MSW request handlers, shared by the browser worker and the Node server: each call of the
// contract is one handler that hands the request to the backend.
import { http, HttpResponse, type HttpHandler } from 'msw';
import { openapiDocument } from './openapi-document.ts';

/** The calls of the contract, by their OpenAPI `operationId`. */
export type RouteId =
  | 'getProfile'
  | 'listCertificates'
  | 'getCertificate'
  | 'getCertificateStatus'
  | 'sendOtp'
  | 'verifyOtp'
  | 'getConsent'
  | 'applyCertificate'
  | 'renewCertificate'
  | 'revokeCertificate'
  | 'listAnnouncements'
  | 'unknown';

/** Answers one request of one call. */
export type Dispatch = (
  route: RouteId,
  request: Request,
  params: Record<string, string>,
  cookies: Record<string, string>,
) => Promise<Response>;

const routeTable: ReadonlyArray<{ route: Exclude<RouteId, 'unknown'>; method: 'get' | 'post'; path: string }> = [
  { route: 'getProfile', method: 'get', path: '/profile' },
  { route: 'listCertificates', method: 'get', path: '/certificates' },
  { route: 'applyCertificate', method: 'post', path: '/certificates' },
  { route: 'getCertificate', method: 'get', path: '/certificates/:serialNumber' },
  { route: 'getCertificateStatus', method: 'get', path: '/certificates/:serialNumber/status' },
  { route: 'renewCertificate', method: 'post', path: '/certificates/:serialNumber/renewal' },
  { route: 'revokeCertificate', method: 'post', path: '/certificates/:serialNumber/revocation' },
  { route: 'sendOtp', method: 'post', path: '/otp' },
  { route: 'verifyOtp', method: 'post', path: '/otp/:otpId/verification' },
  { route: 'getConsent', method: 'get', path: '/consent' },
  { route: 'listAnnouncements', method: 'get', path: '/announcements' },
];

/**
 * The handlers for a base URL. A relative base URL matches on any origin in Node (where the
 * client must use absolute URLs) and on the page's origin in the browser.
 */
export function createHandlers(baseUrl: string, dispatch: Dispatch): HttpHandler[] {
  const relative = baseUrl.startsWith('/');
  const base = relative && typeof location === 'undefined' ? `*${baseUrl}` : baseUrl;
  const flatten = (params: Record<string, string | readonly string[] | undefined>) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : String(v ?? '')]));
  return [
    http.get(`${base}/openapi.json`, () => HttpResponse.json(openapiDocument)),
    ...routeTable.map(({ route, method, path }) =>
      http[method](`${base}${path}`, ({ request, params, cookies }) => dispatch(route, request, flatten(params), cookies)),
    ),
    http.all(`${base}/*`, ({ request, params, cookies }) => dispatch('unknown', request, flatten(params), cookies)),
  ];
}
