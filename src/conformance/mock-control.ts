// The mock server's control surface (`/__mock/` on the contract's origin), which `--mock` uses
// to read the codes "sent" and, with --allow-writes, to seed scenarios and move the clock.

export interface MockInboxItem {
  idNumber: string;
  purpose: string;
  code: string;
  sentAt: string;
}

export interface MockCustomerEntry {
  idNumber: string;
  name: string;
  token: string;
}

/** The mock answered something else than its control surface promises. */
export class MockControlProblem extends Error {}

export class MockControl {
  readonly origin: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: { timeoutMs: number; fetch?: typeof fetch }) {
    this.origin = new URL(baseUrl).origin;
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs;
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.origin}/__mock/${path}`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch {
      throw new MockControlProblem(`${method} /__mock/${path} failed: is this the mock server (npm run mock-server)?`);
    }
    if (!response.ok) throw new MockControlProblem(`${method} /__mock/${path} answered ${response.status}`);
    return (await response.json()) as T;
  }

  customers(): Promise<MockCustomerEntry[]> {
    return this.#call('GET', 'customers');
  }

  async inbox(idNumber: string): Promise<MockInboxItem[]> {
    const answer = await this.#call<{ items: MockInboxItem[] }>('GET', `inbox?idNumber=${encodeURIComponent(idNumber)}`);
    return answer.items;
  }

  /** Sets or advances the mock's clock; `advanceMs: 0` only reads it. */
  async clock(change: { set: Date } | { advanceMs: number }): Promise<Date> {
    const body = 'set' in change ? { set: change.set.toISOString() } : change;
    const answer = await this.#call<{ now: string }>('POST', 'clock', body);
    return new Date(answer.now);
  }

  async fault(kind: string, filter: { method?: string; path?: string } = {}): Promise<void> {
    await this.#call('POST', 'faults', { kind, ...filter });
  }

  async reset(scenario?: string): Promise<void> {
    await this.#call('POST', 'reset', scenario === undefined ? {} : { scenario });
  }
}
