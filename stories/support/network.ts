// Which requests a story holds at the door (KitSpec.hold): by method and the end of the path.

/** A request of the contract, by method and the end of its path. */
export const request = (method: string, pathEnd: string | RegExp) => (r: Request) =>
  r.method === method && (typeof pathEnd === 'string' ? new URL(r.url).pathname.endsWith(pathEnd) : pathEnd.test(new URL(r.url).pathname));

/** Every request. */
export const everything = () => true;
