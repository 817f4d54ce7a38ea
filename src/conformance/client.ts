// The kit's HTTP client: one call of the contract at a time, every exchange kept for the rules
// that judge the whole run (the status table, Retry-After), no token or code in anything kept.

/** One request and its answer. */
export interface Exchange {
  method: string;
  /** Path below the base URL, e.g. `/certificates/4F1A…/status`. */
  path: string;
  /** `POST /otp`: what a report shows of the request. */
  label: string;
  status: number;
  headers: Headers;
  contentType: string;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  /** The body as text when it was not JSON (for evidence only). */
  text: string;
}

export interface CallOptions {
  /** Bearer token; `null` sends none. */
  token: string | null;
  /** Idempotency-Key of a POST; `undefined` makes a fresh one, `null` sends none. */
  key?: string | null;
  /** A JSON body. */
  body?: unknown;
  /** A body sent as it is, instead of `body`. */
  rawBody?: string;
}

/** The request could not be made or was not answered. */
export class NetworkProblem extends Error {}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Calls the contract under `baseUrl` and keeps what it saw. */
export class HttpClient {
  readonly exchanges: Exchange[] = [];
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs;
    this.#fetch = options.fetch ?? fetch;
  }

  async call(method: string, path: string, options: CallOptions): Promise<Exchange> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (options.token !== null) headers['Authorization'] = `Bearer ${options.token}`;
    if (method === 'POST') {
      const key = options.key === undefined ? crypto.randomUUID() : options.key;
      if (key !== null) headers['Idempotency-Key'] = key;
    }
    const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    const label = `${method} ${path.replace(/\?.*$/, '')}`;
    let response: Response;
    let answer: string;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        ...(text === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'manual',
      });
      answer = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new NetworkProblem(timedOut ? `${label}: no answer within ${this.#timeoutMs / 1000} s` : `${label}: the request failed (${error instanceof Error ? error.message : 'network error'})`);
    }
    let body: unknown;
    try {
      body = answer ? JSON.parse(answer) : undefined;
    } catch {
      body = undefined;
    }
    const exchange: Exchange = {
      method,
      path,
      label,
      status: response.status,
      headers: response.headers,
      contentType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
      body,
      text: body === undefined ? answer.slice(0, 200) : '',
    };
    this.exchanges.push(exchange);
    return exchange;
  }
}
