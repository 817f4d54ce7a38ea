// A fetch for a center that records every request and holds the ones a test picks: to see an
// element while its request is on its way, or to lose the answer of a request the server took.

/** A fetch for the center that records every request and can hold the ones a test picks. */
export function createGate() {
  const seen: string[] = [];
  let holding: ((request: Request) => boolean) | undefined;
  const held: { forward: () => Promise<Response> ; answer: (r: Response) => void; lose: () => void }[] = [];
  const fetchThrough: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push(`${request.method} ${new URL(request.url).pathname.replace(/^\/api\/cert-center\/v1/, '')}`);
    if (!holding?.(request)) return fetch(request);
    // A copy without the caller's signal: once it is let go it reaches the server, whatever became of the caller.
    const body = await request.clone().text();
    const copy = new Request(request.url, { method: request.method, headers: request.headers, body });
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener('abort', () => reject(request.signal.reason));
      held.push({ forward: () => fetch(copy), answer: resolve, lose: () => reject(new TypeError('Failed to fetch')) });
    });
  };
  return {
    fetch: fetchThrough,
    seen,
    hold(predicate: (request: Request) => boolean) {
      holding = predicate;
    },
    get held() {
      return held.length;
    },
    /** Sends every held request to the server; the caller gets the answer, or (lose) a network failure. */
    async release(mode: 'answer' | 'lose') {
      holding = undefined;
      for (const h of held.splice(0)) {
        const response = await h.forward();
        if (mode === 'answer') h.answer(response);
        else h.lose();
      }
    },
  };
}
