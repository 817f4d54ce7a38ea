// The limits on one-time codes, on the mock's clock (it stands still; no real time passes):
// sends per customer (20 an hour, 50 a day), wrong entries across codes (10 an hour), no
// cooldown by default, and where the limits sit beside idempotent replays.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockBackendOptions } from '../../mocks/index.ts';
import { harness, type Call, type Harness } from './harness.ts';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const NOW = new Date('2026-03-01T00:00:00.000Z');
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

async function start(extra: MockBackendOptions = {}): Promise<Harness> {
  const h = harness({ scenario: 'new-customer', now: NOW, ...extra });
  server.resetHandlers(...h.backend.handlers);
  await h.backend.ready;
  return h;
}

const send = (h: Harness, options: { key?: string; token?: string } = {}) => h.call('POST', '/otp', { body: { purpose: 'apply' }, ...options });
const enter = (h: Harness, otpId: string, code: string) => h.call('POST', `/otp/${otpId}/verification`, { body: { code } });
const wrong = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, '0');

/** What a RATE_LIMITED answer says: status, code, reason and the wait (header and body agree, the judge checks). */
function limited(answer: Call) {
  return [answer.status, answer.body.code, answer.body.reason, Number(answer.headers.get('retry-after'))];
}

async function sendTimes(h: Harness, count: number, everyMs = 0): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (i > 0) h.backend.clock.advance(everyMs);
    expect((await send(h)).status).toBe(201);
  }
}

describe('sends per customer', () => {
  it('has no cooldown by default: a customer may ask again at once', async () => {
    const h = await start();
    expect((await send(h)).status).toBe(201);
    expect((await send(h)).status).toBe(201);
  });

  it('answers the 21st send in an hour RATE_LIMITED, with Retry-After until the oldest send leaves the hour', async () => {
    const h = await start();
    await sendTimes(h, 20, minute); // at 0, 1, …, 19 minutes
    const refused = await send(h);
    expect(limited(refused)).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-hour', 3600 - 19 * 60]);
    expect(h.backend.inbox.all()).toHaveLength(20);
    h.backend.clock.advance((3600 - 19 * 60 - 1) * second);
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-hour', 1]);
    h.backend.clock.advance(second);
    expect((await send(h)).status).toBe(201);
    // The window slides: the next send waits for the second-oldest, a minute later.
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-hour', 60]);
  });

  it('counts per customer: another customer still gets codes', async () => {
    const h = await start();
    await sendTimes(h, 20);
    expect((await send(h)).status).toBe(429);
    expect((await send(h, { token: h.backend.customers[1]!.token })).status).toBe(201);
  });

  it('answers the 51st send in a day RATE_LIMITED, with Retry-After until the oldest send leaves the 24 hours', async () => {
    const h = await start();
    await sendTimes(h, 20);
    h.backend.clock.advance(hour);
    await sendTimes(h, 20);
    h.backend.clock.advance(hour);
    await sendTimes(h, 10); // 50 in the day, 10 in this hour
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-day', 24 * 3600 - 2 * 3600]);
    h.backend.clock.advance((22 * 3600 - 1) * second);
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-day', 1]);
    h.backend.clock.advance(second);
    expect((await send(h)).status).toBe(201);
  });

  it('answers with the longest wait when both limits are reached', async () => {
    const h = await start({ otpSendsPerHour: 3, otpSendsPerDay: 3 });
    await sendTimes(h, 3, minute);
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-day', 24 * 3600 - 2 * 60]);
  });

  it('takes its limits from otpSendsPerHour and otpSendsPerDay, 0 for none', async () => {
    const small = await start({ otpSendsPerHour: 2 });
    await sendTimes(small, 2);
    expect(limited(await send(small))).toEqual([429, 'RATE_LIMITED', 'otp-sends-per-hour', 3600]);
    const none = await start({ otpSendsPerHour: 0, otpSendsPerDay: 0 });
    await sendTimes(none, 60);
    expect(none.backend.inbox.all()).toHaveLength(60);
  });

  it('keeps the cooldown as an option, beside the limits', async () => {
    const h = await start({ otpCooldownSeconds: 30 });
    await send(h);
    h.backend.clock.advance(10 * second);
    expect(limited(await send(h))).toEqual([429, 'RATE_LIMITED', 'otp-cooldown', 20]);
  });

  it('does not count refused sends: waiting out the limit is enough, however often the customer asked meanwhile', async () => {
    const h = await start({ otpSendsPerHour: 1 });
    await send(h);
    for (let i = 0; i < 5; i++) {
      h.backend.clock.advance(minute);
      expect((await send(h)).status).toBe(429);
    }
    h.backend.clock.advance(hour - 5 * minute);
    expect((await send(h)).status).toBe(201);
  });
});

describe('sends and idempotent replays', () => {
  it('answers a replayed send from its stored result even at the limit, and does not count it', async () => {
    const h = await start();
    await sendTimes(h, 19);
    const twentieth = await send(h, { key: 'send-20' });
    const replay = await send(h, { key: 'send-20' });
    expect([replay.status, replay.headers.get('idempotency-replayed'), replay.body.otpId]).toEqual([201, 'true', twentieth.body.otpId]);
    expect(h.backend.inbox.all()).toHaveLength(20);
    expect((await send(h)).status).toBe(429);
  });

  it('keeps a RATE_LIMITED answer under its key like any 4xx: after Retry-After the send goes again under a new key', async () => {
    const h = await start({ otpSendsPerHour: 1 });
    await send(h);
    const refused = await send(h, { key: 'send-late' });
    h.backend.clock.advance(Number(refused.headers.get('retry-after')) * second);
    const replayed = await send(h, { key: 'send-late' });
    expect([replayed.status, replayed.headers.get('idempotency-replayed')]).toEqual([429, 'true']);
    expect((await send(h, { key: 'send-later' })).status).toBe(201);
  });
});

describe('wrong entries across codes', () => {
  /** Sends a code and enters it wrong `times` times; returns the code. */
  async function fail(h: Harness, times: number): Promise<{ otpId: string; code: string }> {
    const sent = await send(h);
    const code = h.backend.inbox.last()!.code;
    for (let i = 0; i < times; i++) expect((await enter(h, sent.body.otpId, wrong(code))).status).toBeOneOf([422, 423]);
    return { otpId: sent.body.otpId, code };
  }

  it('answers every entry after the 10th wrong one in an hour RATE_LIMITED, the right code included, until the oldest wrong entry leaves the hour', async () => {
    const h = await start();
    await fail(h, 3);
    h.backend.clock.advance(minute);
    await fail(h, 3);
    await fail(h, 3);
    const last = await fail(h, 1); // the 10th wrong entry, still answered OTP_INVALID
    // The first three wrong entries were a minute ago: they leave the hour in 59 minutes.
    const right = await enter(h, last.otpId, last.code);
    expect(limited(right)).toEqual([429, 'RATE_LIMITED', 'otp-failures-per-hour', 3600 - 60]);
    expect(limited(await enter(h, last.otpId, wrong(last.code)))).toEqual([429, 'RATE_LIMITED', 'otp-failures-per-hour', 3600 - 60]);
    // Sending is a separate limit: a new code may be sent, but not entered yet.
    const fresh = await send(h);
    expect(fresh.status).toBe(201);
    expect((await enter(h, fresh.body.otpId, h.backend.inbox.last()!.code)).status).toBe(429);
    h.backend.clock.advance(hour - minute - second);
    expect(limited(await enter(h, fresh.body.otpId, '0000'))).toEqual([429, 'RATE_LIMITED', 'otp-failures-per-hour', 1]);
    // The first three have left the hour: entries are compared again.
    h.backend.clock.advance(second);
    const now = await send(h);
    expect((await enter(h, now.body.otpId, h.backend.inbox.last()!.code)).status).toBe(200);
  });

  it('does not count a refused entry: the code keeps its attempts while the limit holds', async () => {
    const h = await start({ otpTtlSeconds: 7200 });
    await fail(h, 3);
    await fail(h, 3);
    await fail(h, 3);
    const kept = await fail(h, 1);
    expect((await enter(h, kept.otpId, wrong(kept.code))).status).toBe(429);
    h.backend.clock.advance(hour);
    const answer = await enter(h, kept.otpId, wrong(kept.code));
    expect([answer.body.code, answer.body.attemptsLeft]).toEqual(['OTP_INVALID', 1]);
  });

  it('counts per customer and takes its limit from otpFailuresPerHour, 0 for none', async () => {
    const h = await start({ otpFailuresPerHour: 2 });
    await fail(h, 2);
    const sent = await fail(h, 0);
    expect(limited(await enter(h, sent.otpId, sent.code))).toEqual([429, 'RATE_LIMITED', 'otp-failures-per-hour', 3600]);
    const other = h.backend.customers[1]!.token;
    const theirs = await h.call('POST', '/otp', { token: other, body: { purpose: 'apply' } });
    const theirCode = h.backend.inbox.last(h.backend.customers[1]!.idNumber)!.code;
    expect((await h.call('POST', `/otp/${theirs.body.otpId}/verification`, { token: other, body: { code: theirCode } })).status).toBe(200);

    const none = await start({ otpFailuresPerHour: 0 });
    for (let i = 0; i < 5; i++) await fail(none, 3);
    const fine = await fail(none, 0);
    expect((await enter(none, fine.otpId, fine.code)).status).toBe(200);
  });
});

describe('guessing a code with the session alone', () => {
  it('gets at most 150 entries compared in 24 hours of the mock clock (50 sends × 3), where nothing limited it before', async () => {
    const h = await start();
    const end = NOW.getTime() + 24 * hour;
    let compared = 0;
    let requests = 0;
    // The attacker sends, guesses until the code is locked or the limit answers, and waits out every Retry-After.
    while (h.backend.clock.now().getTime() < end) {
      expect(++requests).toBeLessThan(1000); // bounded by counting, not by time
      const sent = await send(h);
      if (sent.status === 429) {
        h.backend.clock.advance(Number(sent.headers.get('retry-after')) * second);
        continue;
      }
      const code = h.backend.inbox.last()!.code;
      for (let attempt = 0; attempt < 3; attempt++) {
        requests++;
        const answer = await enter(h, sent.body.otpId, wrong(code));
        if (answer.status === 429) {
          h.backend.clock.advance(Number(answer.headers.get('retry-after')) * second);
          break;
        }
        compared++;
      }
    }
    // Every event of the loop happened inside the 24 hours: one day's sends, three entries each.
    // (With the defaults it is 126: 10 an hour for 12 hours, then the day's last two codes.)
    expect(h.backend.inbox.all().length).toBeLessThanOrEqual(50);
    expect(compared).toBeLessThanOrEqual(150);
    expect(compared).toBeGreaterThan(0);
  });
});
