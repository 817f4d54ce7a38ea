// The mock CA over real HTTP: node:http in front of the backend's own MSW handlers, run by
// msw's getResponse (no request interception anywhere), CORS for pages on this machine, and
// the /__mock/ control surface that tests, demos and the conformance kit use.
//
// @mswjs/http-middleware was the maintained adapter to look at; its 0.10 line is an Express
// middleware that calls `handleRequest` from 'msw', which MSW 3 no longer exports, and it would
// bring Express along. This adapter is the thin part of it we need: a Node request becomes a
// Fetch Request, the handlers answer, and the Response is written back whole.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import { scenarioNames, type FaultKind, type MockBackend, type ScenarioName } from '../types.ts';

/** Options of {@link startMockHttpServer}. */
export interface MockHttpServerOptions {
  backend: MockBackend;
  /** A loopback address or `localhost`; default `127.0.0.1`. Anything else is refused. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** What `POST /__mock/reset` seeds when it names no scenario; default `new-customer`. */
  scenario?: ScenarioName;
  /** The MSW handlers to serve; default the backend's own (put overrides first). */
  handlers?: readonly RequestHandler[];
  /** Origins allowed by CORS besides every loopback origin (`http://localhost:5173`, …). */
  allowedOrigins?: readonly string[];
  /** Called after each request with what was asked and answered (never bodies). */
  onRequest?: (entry: { method: string; path: string; status: number | 'dropped' }) => void;
}

/** A running mock server. */
export interface MockHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The contract's base URL on this server: `<origin>/api/cert-center/v1`. */
  readonly baseUrl: string;
  readonly server: Server;
  /** Stops listening, ends open connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/** The largest request body the server reads (the contract's largest field is 64 KiB). */
const maxBodyBytes = 1024 * 1024;
const faultKinds: readonly FaultKind[] = ['latency', 'http-500', 'http-503', 'drop', 'commit-then-drop'];
const loopbackOrigin = /^https?:\/\/(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'content-length']);

/** Whether a host name or address stays on this machine. */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves a mock backend over HTTP on loopback: the contract under the backend's base URL, the
 * control surface under `/__mock/`.
 * @example const served = await startMockHttpServer({ backend: createMockBackend({ scenario: 'valid' }), port: 0 });
 */
export async function startMockHttpServer(options: MockHttpServerOptions): Promise<MockHttpServer> {
  const { backend } = options;
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`The mock server listens on loopback only, not on ${host}`);
  if (backend.baseUrl.includes('://')) throw new Error('The mock server needs a backend with a relative base URL');
  const initialScenario = options.scenario ?? 'new-customer';
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/+$/, '').toLowerCase()));
  let origin = '';

  const corsOrigin = (request: IncomingMessage): string | undefined => {
    const from = request.headers.origin;
    if (typeof from !== 'string') return undefined;
    return loopbackOrigin.test(from) || allowed.has(from.toLowerCase()) ? from : undefined;
  };

  const corsHeaders = (allowedOrigin: string | undefined): Record<string, string> =>
    allowedOrigin === undefined
      ? {}
      : {
          'Access-Control-Allow-Origin': allowedOrigin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Expose-Headers': 'Retry-After, Idempotency-Replayed, WWW-Authenticate, Date',
          Vary: 'Origin',
        };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', origin);
    const cors = corsOrigin(request);
    // A page elsewhere that rebinds a name of its own to 127.0.0.1 still sends its own Host.
    const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (!isLoopbackHost(hostHeader)) return sendJson(response, 421, { title: 'This mock answers loopback host names only' });
    if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
      if (cors === undefined) return sendJson(response, 403, { title: 'Origin not allowed' });
      response.writeHead(204, {
        ...corsHeaders(cors),
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '600',
      });
      response.end();
      return;
    }
    const body = await readBody(request);
    if (body === 'too-large') return sendJson(response, 413, { title: 'Request body too large' }, corsHeaders(cors));
    if (url.pathname.startsWith('/__mock/')) {
      try {
        const { status, value } = await control(method, url, body);
        return sendJson(response, status, value, corsHeaders(cors));
      } catch (error) {
        const status = error instanceof ControlError ? error.status : 500;
        const detail = error instanceof ControlError ? error.message : 'The control surface failed';
        return sendJson(response, status, { title: 'Mock control refused the request', status, detail }, { ...corsHeaders(cors), 'Content-Type': 'application/problem+json' });
      }
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || hopByHop.has(name)) continue;
      for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const fetchRequest = new Request(url, { method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) });
    const answer = await getResponse([...(options.handlers ?? backend.handlers)], fetchRequest);
    if (!answer) {
      const root = url.pathname === '/';
      return sendJson(response, root ? 200 : 404, root ? { title: 'Mock Certificate Center', contract: `${backend.baseUrl}/openapi.json`, control: '/__mock/' } : { title: 'Not found' }, corsHeaders(cors));
    }
    if (answer.type === 'error') {
      // A network failure, as the backend's drop faults mean it: the connection ends unanswered.
      options.onRequest?.({ method, path: url.pathname, status: 'dropped' });
      request.socket.destroy();
      return;
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && !hopByHop.has(name)) out[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length) out['set-cookie'] = cookies;
    response.writeHead(answer.status, answer.statusText || undefined, { ...out, ...corsHeaders(cors), 'Content-Length': String(bytes.length) });
    response.end(bytes);
    options.onRequest?.({ method, path: url.pathname, status: answer.status });
  };

  async function control(method: string, url: URL, body: Buffer): Promise<{ status: number; value: unknown }> {
    const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
    const json = (): Record<string, unknown> => {
      if (body.length === 0) return {};
      let value: unknown;
      try {
        value = JSON.parse(body.toString('utf8'));
      } catch {
        throw new ControlError(400, 'The body must be JSON');
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ControlError(400, 'The body must be a JSON object');
      return value as Record<string, unknown>;
    };
    const only = (value: Record<string, unknown>, names: readonly string[]) => {
      const extra = Object.keys(value).filter((k) => !names.includes(k));
      if (extra.length) throw new ControlError(400, `Unknown fields: ${extra.join(', ')}`);
    };
    switch (route) {
      case 'GET /__mock/customers':
        return { status: 200, value: backend.customers.map(({ idNumber, name, token }) => ({ idNumber, name, token })) };
      case 'GET /__mock/inbox': {
        const idNumber = url.searchParams.get('idNumber') ?? undefined;
        const items = backend.inbox.all(idNumber).map(({ idNumber: id, purpose, code, sentAt }) => ({ idNumber: id, purpose, code, sentAt: sentAt.toISOString() }));
        return { status: 200, value: { items } };
      }
      case 'POST /__mock/clock': {
        const value = json();
        only(value, ['set', 'advanceMs']);
        if (value['set'] !== undefined && value['advanceMs'] !== undefined) throw new ControlError(400, 'Give either set or advanceMs');
        if (value['set'] !== undefined) {
          const at = typeof value['set'] === 'string' ? new Date(value['set']) : new Date(Number.NaN);
          if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(value['set']))) throw new ControlError(400, 'set must be an RFC 3339 time');
          backend.clock.set(at);
        } else if (value['advanceMs'] !== undefined) {
          const ms = value['advanceMs'];
          if (typeof ms !== 'number' || !Number.isSafeInteger(ms)) throw new ControlError(400, 'advanceMs must be a whole number of milliseconds');
          backend.clock.advance(ms);
        } else {
          throw new ControlError(400, 'Give set or advanceMs');
        }
        return { status: 200, value: { now: backend.clock.now().toISOString() } };
      }
      case 'POST /__mock/faults': {
        const value = json();
        only(value, ['kind', 'method', 'path']);
        const kind = value['kind'];
        if (typeof kind !== 'string' || !faultKinds.includes(kind as FaultKind)) throw new ControlError(400, `kind must be one of ${faultKinds.join(', ')}`);
        for (const name of ['method', 'path'] as const) {
          if (value[name] !== undefined && (typeof value[name] !== 'string' || value[name] === '')) throw new ControlError(400, `${name} must be a string`);
        }
        backend.faults.next(kind as FaultKind, {
          ...(value['method'] ? { method: value['method'] as string } : {}),
          ...(value['path'] ? { path: value['path'] as string } : {}),
        });
        return { status: 200, value: { pending: backend.faults.pending() } };
      }
      case 'POST /__mock/reset': {
        const value = json();
        only(value, ['scenario']);
        const scenario = value['scenario'] ?? initialScenario;
        if (typeof scenario !== 'string' || !scenarioNames.includes(scenario as ScenarioName)) throw new ControlError(400, `scenario must be one of ${scenarioNames.join(', ')}`);
        await backend.reset(scenario as ScenarioName);
        return { status: 200, value: { scenario } };
      }
      default: {
        const known = ['/__mock/customers', '/__mock/inbox', '/__mock/clock', '/__mock/faults', '/__mock/reset'];
        throw new ControlError(known.includes(url.pathname.replace(/\/+$/, '')) ? 405 : 404, `No control ${route}`);
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { title: 'The mock server failed' });
      else response.destroy();
    });
  });
  await backend.ready;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  return {
    origin,
    baseUrl: `${origin}${backend.baseUrl}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(value));
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers, 'Content-Length': String(bytes.length) });
  response.end(bytes);
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) over = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
