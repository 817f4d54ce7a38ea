// What the conformance kit's tests share: the mock served over a real loopback socket on a
// free port, the kit run against it, and the deliberately broken variants of the mock (each
// breaks one rule, by a MockDefect of the backend or by rewriting its answers).
import { getResponse, http, type RequestHandler } from 'msw';
import { createMockBackend, type MockBackend, type MockBackendOptions } from '../../mocks/index.ts';
import { startMockHttpServer, type MockHttpServer } from '../../mocks/server/http-server.ts';
import { runConformance, type ConformanceOptions } from '../../src/conformance/index.ts';
import type { Report } from '../../src/conformance/context.ts';

export const NOW = new Date('2026-03-01T00:00:00.000Z');

export interface Served {
  backend: MockBackend;
  server: MockHttpServer;
  close(): Promise<void>;
}

/** The mock (scenario `valid`, clock standing still at NOW) on 127.0.0.1, port 0. */
export async function serve(options: MockBackendOptions = {}, handlers?: (backend: MockBackend) => RequestHandler[]): Promise<Served> {
  const backend = createMockBackend({ scenario: 'valid', now: NOW, ...options });
  const server = await startMockHttpServer({ backend, port: 0, scenario: options.scenario ?? 'valid', ...(handlers ? { handlers: handlers(backend) } : {}) });
  return { backend, server, close: () => server.close() };
}

/** The kit with --mock --allow-writes against a served mock. */
export function runKit(served: Served, options: Partial<ConformanceOptions> = {}): Promise<Report> {
  return runConformance({ baseUrl: served.server.baseUrl, mock: true, allowWrites: true, timeoutMs: 120_000, ...options });
}

export const failing = (report: Report) => report.rules.filter((r) => r.status === 'fail').map((r) => r.id);
export const skipped = (report: Report) => report.rules.filter((r) => r.status === 'skip').map((r) => r.id);

// ---- answers rewritten on the way out (or requests on the way in) ----

type Rewrite = (context: { request: Request; response: Response; body: Record<string, unknown> | undefined; backend: MockBackend }) => Response | Promise<Response>;

function json(response: Response, body: unknown, init: { status?: number; headers?: Headers } = {}): Response {
  const headers = new Headers(init.headers ?? response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: init.status ?? response.status, headers });
}

function customerOf(backend: MockBackend, request: Request) {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  return backend.customers.find((c) => c.token === token);
}

/** Handlers that pass every request to the backend's own, with `before` and `after` around them. */
export function rewriting(options: { before?: (request: Request, backend: MockBackend) => Request | Response | Promise<Request | Response>; after?: Rewrite }): (backend: MockBackend) => RequestHandler[] {
  return (backend) => [
    http.all('*', async ({ request }) => {
      const incoming = options.before ? await options.before(request, backend) : request;
      if (incoming instanceof Response) return incoming;
      const response = await getResponse(backend.handlers, incoming);
      if (!response || response.type === 'error' || !options.after) return response;
      const text = await response.clone().text();
      let body: Record<string, unknown> | undefined;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      } catch {
        body = undefined;
      }
      return options.after({ request, response, body, backend });
    }),
  ];
}

function withHeader(request: Request, name: string, value: string): Request {
  const headers = new Headers(request.headers);
  headers.set(name, value);
  return new Request(request, { headers });
}

export interface Variant {
  /** What is broken, in the contract's words. */
  name: string;
  /** The one rule the kit must name. */
  breaks: string;
  backend?: MockBackendOptions;
  handlers?: (backend: MockBackend) => RequestHandler[];
}

/** The broken mocks: each breaks one rule of the contract. */
export const variants: readonly Variant[] = [
  { name: 'a token is not needed', breaks: 'unauthenticated-refused', handlers: rewriting({ before: (request, backend) => (request.headers.has('authorization') ? request : withHeader(request, 'authorization', `Bearer ${backend.customers[0]!.token}`)) }) },
  {
    name: 'the profile shows the whole ID number',
    breaks: 'profile-masked',
    handlers: rewriting({
      after: ({ request, response, body, backend }) =>
        new URL(request.url).pathname.endsWith('/profile') && response.status === 200 ? json(response, { ...body, idNumber: customerOf(backend, request)!.idNumber }) : response,
    }),
  },
  { name: 'errors are sent as application/json', breaks: 'problem-details', handlers: rewriting({ after: ({ response }) => (response.headers.get('content-type') === 'application/problem+json' ? new Response(response.body, { status: response.status, headers: { ...Object.fromEntries(response.headers), 'content-type': 'application/json' } }) : response) }) },
  { name: 'OTP_EXPIRED is answered with 400', breaks: 'status-codes', handlers: rewriting({ after: ({ response, body }) => (body?.['code'] === 'OTP_EXPIRED' ? json(response, body, { status: 400 }) : response) }) },
  { name: 'POSTs without an Idempotency-Key are taken', breaks: 'idempotency-key-required', handlers: rewriting({ before: (request) => (request.method !== 'POST' || request.headers.has('idempotency-key') ? request : withHeader(request, 'idempotency-key', crypto.randomUUID())) }) },
  {
    name: 'the certificate is looked up before the otpToken is checked',
    breaks: 'check-order',
    handlers: rewriting({
      before: (request, backend) => {
        const match = /\/certificates\/([^/]+)\/(renewal|revocation)$/.exec(new URL(request.url).pathname);
        const customer = customerOf(backend, request);
        if (request.method !== 'POST' || !match || !customer) return request;
        const own = backend.certificates(customer.idNumber).some((c) => c.serialNumber === match[1]);
        return own ? request : Response.json({ type: 'https://cert-center.example/problems/not-found', title: 'Not found', status: 404, code: 'NOT_FOUND' }, { status: 404, headers: { 'content-type': 'application/problem+json' } });
      },
    }),
  },
  {
    name: 'the challenge carries the code',
    breaks: 'otp-challenge',
    handlers: rewriting({
      after: ({ request, response, body, backend }) =>
        request.method === 'POST' && new URL(request.url).pathname.endsWith('/otp') && response.status === 201 ? json(response, { ...body, code: backend.inbox.last(customerOf(backend, request)!.idNumber)!.code }) : response,
    }),
  },
  { name: 'a new send leaves the earlier code valid', breaks: 'otp-resend-voids', backend: { defects: ['otp-resend-keeps-earlier'] } },
  { name: 'wrong entries never lock a code', breaks: 'otp-three-wrong-entries', backend: { defects: ['otp-no-lockout'] } },
  { name: 'codes never expire', breaks: 'otp-lifetime', backend: { defects: ['otp-never-expires'] } },
  { name: 'an otpToken passes for any purpose', breaks: 'otp-token-purpose-bound', backend: { defects: ['otp-token-any-purpose'] } },
  { name: 'a known key with another body is taken as new', breaks: 'idempotency-key-reused', backend: { defects: ['idempotency-reuse-accepted'] } },
  { name: 'a replay runs the request again', breaks: 'idempotent-replay', backend: { defects: ['idempotency-replay-reruns'] } },
  { name: 'RSA-1024 keys are certified', breaks: 'csr-key-strength', backend: { defects: ['csr-weak-key-accepted'] } },
  { name: 'CSR signatures are not checked', breaks: 'csr-signature', backend: { defects: ['csr-signature-unchecked'] } },
  { name: 'a second PC certificate is issued', breaks: 'one-pc-certificate', backend: { defects: ['second-pc-certificate'] } },
  { name: 'an otpToken survives the operation it allowed', breaks: 'otp-token-single-use', backend: { defects: ['otp-token-reusable'] } },
  { name: 'renewal is open at any time', breaks: 'renewal-window', backend: { defects: ['renewal-window-ignored'] } },
  { name: 'any renewal proof passes', breaks: 'renewal-proof', backend: { defects: ['renewal-proof-unchecked'] } },
  { name: 'the renewed certificate stays in force', breaks: 'renewal-revokes-old', backend: { defects: ['renewal-keeps-old'] } },
  { name: 'revocations have no yearly limit', breaks: 'revocation-count', backend: { defects: ['revocation-limit-ignored'] } },
  { name: 'codes are sent without limit', breaks: 'otp-rate-limit', backend: { otpSendsPerHour: 0, otpSendsPerDay: 0 } },
  { name: '429 and 503 come without Retry-After', breaks: 'retry-after', handlers: rewriting({ after: ({ response }) => {
    if (response.status !== 429 && response.status !== 503) return response;
    const headers = new Headers(response.headers);
    headers.delete('retry-after');
    return new Response(response.body, { status: response.status, headers });
  } }) },
  {
    name: 'the chain stops below the root',
    breaks: 'chain-verified',
    handlers: rewriting({ after: ({ response, body }) => (Array.isArray(body?.['chain']) ? json(response, { ...body, chain: (body['chain'] as string[]).slice(0, -1) }) : response) }),
  },
  { name: 'the CN is copied from the CSR', breaks: 'cn-is-customer-id', backend: { defects: ['cn-from-csr'] } },
];
