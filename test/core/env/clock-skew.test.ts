import { describe, expect, it } from 'vitest';
import { checkClockSkew, judgeClockSkew } from '../../../src/core/env/clock-skew';

const server = new Date('2026-01-02T03:04:05Z');
const at = (deltaMs: number) => () => new Date(server.getTime() + deltaMs);

describe('judgeClockSkew (warn beyond ±1 min, fail beyond ±5 min)', () => {
  it('passes up to ±60 s inclusive, warns from 60 001 ms, fails beyond ±300 s', () => {
    expect(judgeClockSkew(0)).toBe('pass');
    expect(judgeClockSkew(60_000)).toBe('pass');
    expect(judgeClockSkew(-60_000)).toBe('pass');
    expect(judgeClockSkew(60_001)).toBe('warn');
    expect(judgeClockSkew(-60_001)).toBe('warn');
    expect(judgeClockSkew(300_000)).toBe('warn');
    expect(judgeClockSkew(-300_000)).toBe('warn');
    expect(judgeClockSkew(300_001)).toBe('fail');
    expect(judgeClockSkew(-300_001)).toBe('fail');
    expect(judgeClockSkew(Number.NaN)).toBe('fail');
  });
});

describe('checkClockSkew', () => {
  it('measures local minus server, positive when this computer is ahead, with fix-clock beyond 1 min', async () => {
    expect(await checkClockSkew(async () => server, at(30_000))).toMatchObject({ status: 'pass', measured: 30_000 });
    expect(await checkClockSkew(async () => server, at(-120_000))).toMatchObject({ status: 'warn', measured: -120_000, advice: 'fix-clock' });
    expect(await checkClockSkew(async () => server, at(600_000))).toMatchObject({ status: 'fail', measured: 600_000, advice: 'fix-clock' });
  });

  it('takes the local time half-way through a slow server answer, so latency is not skew', async () => {
    let tick = 0;
    const now = () => new Date(server.getTime() - 4_000 + 8_000 * tick++); // 4 s before and 4 s after
    expect(await checkClockSkew(async () => server, now)).toMatchObject({ status: 'pass', measured: 0 });
  });

  it('skips without a server time source or when the server sent no Date', async () => {
    expect((await checkClockSkew(undefined, at(0))).status).toBe('skip');
    expect((await checkClockSkew(async () => undefined, at(0))).status).toBe('skip');
  });

  it('fails with check-network when the server time cannot be read or is not a date', async () => {
    expect(await checkClockSkew(async () => { throw new TypeError('Failed to fetch'); }, at(0))).toMatchObject({ status: 'fail', advice: 'check-network' });
    expect(await checkClockSkew(async () => new Date('garbage'), at(0))).toMatchObject({ status: 'fail', advice: 'check-network' });
    expect(await checkClockSkew(async () => 'Tue, 01 Jan 2026' as unknown as Date, at(0))).toMatchObject({ status: 'fail' });
  });
});
