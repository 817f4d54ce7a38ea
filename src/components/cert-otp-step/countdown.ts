// The one-time code's countdown (「59秒」) on the page's own timers. The seconds left are read from
// a deadline at every tick, so a throttled background tab shows the right figure when it wakes;
// the timers are passed in, so a test or a story drives time itself instead of waiting.

/** The clock and timers a countdown runs on. */
export interface CountdownTimers {
  /** Milliseconds on a clock that only moves forward. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's own: `performance.now()` and `setTimeout`. */
export const pageTimers: CountdownTimers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Whole seconds left until a deadline, ticking once a second; `onTick` hears every change, 0 last. */
export class Countdown {
  private deadline: number | undefined;
  private handle: unknown;
  private timers: CountdownTimers = pageTimers;
  private last = -1;

  constructor(private readonly onTick: (secondsLeft: number) => void) {}

  /** Whether a deadline is set and not reached yet. */
  get running(): boolean {
    return this.deadline !== undefined;
  }

  /** Starts over from `seconds`, forgetting any earlier deadline. */
  start(seconds: number, timers: CountdownTimers = pageTimers): void {
    this.stop();
    this.timers = timers;
    this.deadline = timers.now() + Math.max(0, seconds) * 1000;
    this.tick();
  }

  /** Ticks again after a pause (the element left the page and came back). */
  resume(): void {
    if (this.deadline !== undefined && this.handle === undefined) this.tick();
  }

  /** Stops ticking but keeps the deadline, so `resume()` goes on from it. */
  pause(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  /** Stops and forgets the deadline. */
  stop(): void {
    this.pause();
    this.deadline = undefined;
    this.last = -1;
  }

  private tick(): void {
    this.handle = undefined;
    if (this.deadline === undefined) return;
    const msLeft = Math.max(0, this.deadline - this.timers.now());
    const seconds = Math.ceil(msLeft / 1000);
    if (seconds === 0) this.deadline = undefined;
    else this.handle = this.timers.setTimeout(() => this.tick(), msLeft - (seconds - 1) * 1000);
    if (seconds !== this.last) {
      this.last = seconds;
      this.onTick(seconds);
    }
  }
}
