// The work a PKCS#12 file may ask for, and how the key derivations share the thread with the
// page. A file of a few hundred bytes can name any iteration count, hash and number of parts,
// so import prices every derivation before it starts (in hash compressions), refuses a file
// whose total is over the budget, and runs the JavaScript loops in slices of a few
// milliseconds with a yield to the event loop (and an abort check) between two slices.
import { CertCenterError, throwIfAborted } from '../../errors';
import { hashInfo, type HashName } from '../hash';

/**
 * Cost of one compression in budget units, where one unit is a SHA-256 compression. In
 * JavaScript, SHA-384 and SHA-512 work on 64-bit words in 32-bit halves (measured 7–8× a
 * SHA-256 compression); natively they cost about twice as much.
 */
export const jsWeight: Readonly<Record<HashName, number>> = { 'SHA-1': 1, 'SHA-224': 1, 'SHA-256': 1, 'SHA-384': 8, 'SHA-512': 8 };
export const nativeWeight: Readonly<Record<HashName, number>> = { 'SHA-1': 1, 'SHA-224': 1, 'SHA-256': 1, 'SHA-384': 2, 'SHA-512': 2 };

/** Units of synchronous hashing between two yields: 1–2 ms of SHA-256 on a desktop. */
export const sliceUnits = 8192;

/** A sliced computation: it yields the units each slice did, and returns its result. */
export type Sliced<T> = Generator<number, T, void>;

/** What a derivation is, for the meter of {@link WorkContext}. */
export interface DerivationInfo {
  /** `mac` the MAC key (RFC 7292 §B, id 3); `pbe` the key and IV of an Appendix C scheme; `pbes2` PBKDF2. */
  kind: 'mac' | 'pbe' | 'pbes2';
  hash: HashName;
  iterations: number;
  /** Budget units it was priced at. */
  units: number;
  /** `js` when it runs in sliced JavaScript, `native` in WebCrypto. */
  engine: 'js' | 'native';
}

/**
 * Counts the work as it happens: tests see how many derivations start and how large each
 * synchronous slice is, instead of timing anything. Internal; not part of the public API.
 */
export interface WorkMeter {
  /** A derivation is about to start. */
  derivation?(info: DerivationInfo): void;
  /** A synchronous slice of `units` ran and the loop is about to yield. */
  slice?(units: number): void;
}

export interface WorkContext {
  signal?: AbortSignal | undefined;
  meter?: WorkMeter | undefined;
}

/** Runs a sliced computation to its end on this thread, without yielding. */
export function runSync<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Runs a sliced computation, yielding to the event loop and checking the signal between slices. */
export async function runSliced<T>(work: Sliced<T>, context: WorkContext = {}): Promise<T> {
  const { signal, meter } = context;
  try {
    throwIfAborted(signal, 'PKCS#12 key derivation');
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      meter?.slice?.(step.value);
      await yieldToEventLoop();
      throwIfAborted(signal, 'PKCS#12 key derivation');
    }
  } finally {
    // An abort leaves the computation between slices: let its `finally` blocks wipe what they hold.
    work.return(undefined as never);
  }
}

type Scope = { setImmediate?: (callback: () => void) => unknown };

/**
 * Lets the event loop run (input, rendering, the page's own timers and messages) and comes back
 * at once: `setImmediate` in Node, a message to itself in browsers. Not `setTimeout`, which
 * browsers clamp to 4 ms once nested, nor `scheduler.yield()`, whose continuation runs ahead
 * of the page's other tasks.
 */
export function yieldToEventLoop(): Promise<void> {
  const scope = globalThis as Scope;
  if (typeof scope.setImmediate === 'function') return new Promise((resolve) => scope.setImmediate!(resolve));
  if (typeof MessageChannel === 'function') return postToSelf();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

let channel: { port: MessagePort; waiting: Array<() => void> } | undefined;

function postToSelf(): Promise<void> {
  if (!channel) {
    const { port1, port2 } = new MessageChannel();
    const made = { port: port2, waiting: [] as Array<() => void> };
    port1.onmessage = () => made.waiting.shift()?.();
    channel = made;
  }
  const { port, waiting } = channel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

/** Units of the PKCS#12 KDF (RFC 7292 §B.2) in JavaScript: `iterations` compressions per output block. */
export function pkcs12KdfUnits(hash: HashName, iterations: number, length: number): number {
  const { outputLength } = hashInfo(hash);
  return Math.ceil(length / outputLength) * iterations * jsWeight[hash];
}

/** Units of PBKDF2 (RFC 8018 §5.2): two compressions per iteration and output block. */
export function pbkdf2Units(hash: HashName, iterations: number, length: number, engine: 'js' | 'native'): number {
  const { outputLength } = hashInfo(hash);
  return Math.ceil(length / outputLength) * 2 * iterations * (engine === 'js' ? jsWeight : nativeWeight)[hash];
}

/** Units of hashing `bytes` bytes once (an HMAC over the file's content, a long salt). */
export function hashUnits(hash: HashName, bytes: number): number {
  const { blockLength } = hashInfo(hash);
  return (Math.ceil(bytes / blockLength) + 2) * jsWeight[hash];
}

/** The work one file may still do; every derivation is charged before it starts. */
export class WorkBudget {
  #used = 0;
  constructor(readonly limit: number) {}

  get used(): number {
    return this.#used;
  }

  /** Takes `units` from the budget, or refuses with `PFX_TOO_COSTLY` and takes nothing. */
  charge(units: number, what: string): void {
    if (!(units >= 0) || this.#used + units > this.limit) {
      throw new CertCenterError('PFX_TOO_COSTLY', `importPkcs12: ${what} asks for more work than a backup may (${this.limit.toLocaleString('en')} hash compressions)`);
    }
    this.#used += units;
  }
}
