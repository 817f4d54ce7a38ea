// Timers a test drives: time moves only when the test calls advance(), and every callback due
// by then runs in order. For the elements' countdowns (the `timers` property), so no test waits
// for real seconds or depends on the machine's speed.
import type { CountdownTimers } from '../../../src/components/cert-otp-step/countdown.ts';

export interface ManualTimers extends CountdownTimers {
  /** Moves time forward by `ms`, running each callback that falls due on the way. */
  advance(ms: number): void;
  /** Callbacks waiting. */
  pending(): number;
}

export function createManualTimers(start = 0): ManualTimers {
  let now = start;
  let nextId = 0;
  const waiting = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++nextId;
      waiting.set(id, { at: now + Math.max(0, Number(ms) || 0), callback });
      return id;
    },
    clearTimeout(handle) {
      waiting.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of waiting) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        waiting.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
    pending: () => waiting.size,
  };
}
