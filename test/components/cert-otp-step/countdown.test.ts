// The code's countdown reads its deadline at every tick: it counts each second once, ends at 0,
// and shows the right figure after a throttled tab wakes; asking again starts it over.
import { describe, expect, it } from 'vitest';
import { Countdown } from '../../../src/components/cert-otp-step/countdown.ts';
import { createManualTimers } from '../support/manual-timers.ts';

describe('Countdown', () => {
  it('counts every second from the lifetime down to 0 once each, then stops', () => {
    const timers = createManualTimers();
    const heard: number[] = [];
    const countdown = new Countdown((s) => heard.push(s));
    countdown.start(60, timers);
    for (let i = 0; i < 70; i++) timers.advance(1000);
    expect(heard).toEqual(Array.from({ length: 61 }, (_, i) => 60 - i));
    expect(countdown.running).toBe(false);
    expect(timers.pending()).toBe(0);
  });

  it('after a long sleep (a throttled background tab) it shows the seconds really left', () => {
    const timers = createManualTimers();
    const heard: number[] = [];
    const countdown = new Countdown((s) => heard.push(s));
    countdown.start(60, timers);
    countdown.pause();
    timers.advance(25_400);
    countdown.resume();
    expect(heard).toEqual([60, 35]);
    timers.advance(600);
    expect(heard.at(-1)).toBe(34);
  });

  it('starting again forgets the earlier deadline', () => {
    const timers = createManualTimers();
    const heard: number[] = [];
    const countdown = new Countdown((s) => heard.push(s));
    countdown.start(60, timers);
    timers.advance(30_000);
    countdown.start(60, timers);
    expect(heard.at(-1)).toBe(60);
    timers.advance(59_000);
    expect(heard.at(-1)).toBe(1);
    expect(timers.pending()).toBe(1);
    countdown.stop();
    expect(timers.pending()).toBe(0);
  });
});
