// A fetch for a story's center that holds the requests it picks, unanswered, for as long as the
// story is on screen: to show an element while its request is on its way (loading, the wait of
// 申請 with its steps). Nothing is timed; an abort ends the wait.

/** A request of the contract, by method and the end of its path. */
export const request = (method: string, pathEnd: string | RegExp) => (r: Request) =>
  r.method === method && (typeof pathEnd === 'string' ? new URL(r.url).pathname.endsWith(pathEnd) : pathEnd.test(new URL(r.url).pathname));

/** The page's fetch, except that the requests `held` picks never get an answer. */
export function holding(held: (request: Request) => boolean): typeof fetch {
  return (input, init) => {
    const r = new Request(input, init);
    if (!held(r)) return fetch(r);
    return new Promise<Response>((_resolve, reject) => r.signal.addEventListener('abort', () => reject(r.signal.reason)));
  };
}

/** A fetch that fails as a dropped connection does, for every request: the server cannot be reached. */
export const unreachable: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
