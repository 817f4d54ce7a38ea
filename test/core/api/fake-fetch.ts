// A scripted `fetch` for precise fault tests: each try takes the next step of the script.
import type { Problem } from '../../../src/core/errors';

export type Step =
  | Response
  | Error
  | 'hang' // never answers; rejects when the request is aborted (time-out or caller)
  | ((request: Request) => Response | Promise<Response>);

export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
  credentials: RequestCredentials;
  body: string;
  /** `Date.now()` when it was sent (fake timers make this exact). */
  at: number;
}

export interface FakeFetch {
  fetch: typeof fetch;
  sent: SentRequest[];
}

/** A `fetch` that plays `steps` in order, one per try; the last step repeats. */
export function scriptedFetch(...steps: Step[]): FakeFetch {
  const sent: SentRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    sent.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      credentials: request.credentials,
      body: await request.clone().text(),
      at: Date.now(),
    });
    const step = steps[Math.min(sent.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('scriptedFetch: no steps');
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        const abort = () => reject(request.signal.reason ?? new DOMException('aborted', 'AbortError'));
        if (request.signal.aborted) abort();
        else request.signal.addEventListener('abort', abort, { once: true });
      });
    }
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request);
    return step.clone();
  };
  return { fetch: fetchImpl as typeof fetch, sent };
}

/** What undici throws when nobody answers. */
export const networkError = (): TypeError => new TypeError('fetch failed');

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const problemTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An `application/problem+json` answer with the contract's `code`. */
export function problem(
  status: number,
  code: string | undefined,
  extra: Partial<Problem> = {},
  headers: Record<string, string> = {},
): Response {
  const body = { type: `https://broker.example/problems/${code ?? 'none'}`, title: problemTitles[status] ?? 'Error', status, ...(code ? { code } : {}), ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

export const baseUrl = 'https://broker.example/api/cert-center/v1';

const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUT0qcA9K26HoAAAAAAAAAAAAAAAAwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----';

/** Bodies that satisfy the contract, one per call. */
export const bodies = {
  profile: { idNumber: 'A123******', name: '王小明', phone: '0912****78', email: 'm*****g@example.com' },
  certificate: {
    serialNumber: '4F1A9C03D2B6E87A',
    idNumber: 'A123******',
    format: 'EC+',
    usage: 'e-trading',
    device: { kind: 'pc', label: '電腦版' },
    notBefore: '2026-01-05T02:00:00.000Z',
    notAfter: '2027-01-05T02:00:00.000Z',
    status: 'valid',
    renewFrom: '2026-12-06T02:00:00.000Z',
    renewUntil: '2027-02-04T02:00:00.000Z',
  },
  get certificateDetail() {
    return { ...this.certificate, certificate: pem, chain: [pem, pem] };
  },
  get certificates() {
    return {
      items: [this.certificate],
      policy: { validityDays: 365, renewBeforeDays: 30, renewAfterDays: 30, revocationsPerYear: 3, revocationsLeft: 3 },
    };
  },
  status: { serialNumber: '4F1A9C03D2B6E87A', status: 'revoked', revokedAt: '2026-03-01T00:00:00Z' },
  otp: {
    otpId: 'otp-1',
    purpose: 'apply',
    expiresAt: '2026-11-25T08:01:00.000Z',
    ttlSeconds: 60,
    codeLength: 4,
    channels: [{ kind: 'sms', to: '0912****78' }],
  },
  verification: { otpToken: 'otp-token-0123456789abcdef', expiresAt: '2026-11-25T08:05:00.000Z' },
  consent: { version: '2026-01', title: '憑證申請同意書', text: '…' },
  get revocation() {
    return { ...this.certificate, status: 'revoked', revokedAt: '2026-11-25T08:00:00.000Z', revocationsLeft: 2 };
  },
  announcements: {
    items: [{ id: 'a1', title: '系統維護', body: '…', publishedAt: '2026-11-20T00:00:00+08:00', level: 'warning' }],
  },
};

export const csr = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBADCBpwIBADBFMQswCQYDVQQGEwJUVzEOMAwGA1UECgwFQnJva2Vy\n-----END CERTIFICATE REQUEST-----\n';
export const otpToken = 'otp-token-0123456789abcdef';
