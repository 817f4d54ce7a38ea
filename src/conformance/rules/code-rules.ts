// The rules of one-time codes and idempotency that send codes to the customer (by SMS or
// e-mail on a real server) but issue, renew and revoke nothing.
import { bogusOtpToken, pick, problemPart, randomHex, type Rule, type RuleContext } from '../context.ts';

/** Whether `code` shows anywhere in `value` as a whole value, or a field is named like a code. */
function leaks(value: unknown, code: string): boolean {
  if (typeof value === 'string' || typeof value === 'number') return String(value) === code;
  if (Array.isArray(value)) return value.some((v) => leaks(v, code));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => /^(code|otp|otpCode)$/i.test(k) || leaks(v, code));
  }
  return false;
}

/** Headers whose values are the server's own business (a length may look like a code). */
const ordinaryHeaders = new Set(['content-length', 'date', 'age', 'expires', 'last-modified', 'etag', 'keep-alive']);

/** A code of the same length that is not `code`. */
function wrongCode(code: string): string {
  const n = (BigInt(code) + 1n) % 10n ** BigInt(code.length);
  return n.toString().padStart(code.length, '0');
}

export const otpChallenge: Rule = {
  id: 'otp-challenge',
  title: 'A code is sent for a purpose: the challenge says where (masked), how long and how many digits, never the code',
  effect: 'codes',
  plan: 'sends 1 apply code to the customer and verifies it',
  async run(ctx: RuleContext) {
    const exchange = await ctx.call(ctx.primary, 'POST', '/otp', { body: { purpose: 'apply' } });
    const body = ctx.expectSuccess(exchange, 201, 'OtpChallenge', '201 with an OtpChallenge', ['purpose', 'ttlSeconds', 'codeLength', 'channels', 'expiresAt']);
    const decided = pick(body, ['purpose', 'ttlSeconds', 'codeLength', 'channels', 'expiresAt']);
    ctx.check(body['purpose'] === 'apply', { request: exchange.label, body: decided, expected: 'the purpose asked for' });
    const channels = body['channels'] as Array<{ to: string }>;
    ctx.check(channels.every((c) => c.to.includes('*')), { request: exchange.label, body: decided, expected: 'every channel’s address masked with *' });
    const date = exchange.headers.get('date');
    if (date) {
      const lifetime = (Date.parse(String(body['expiresAt'])) - Date.parse(date)) / 1000;
      ctx.check(Math.abs(lifetime - Number(body['ttlSeconds'])) <= 5, { request: exchange.label, body: { ...decided, serverDate: date }, expected: 'expiresAt is ttlSeconds after the server’s Date' });
    }
    const otpId = String(body['otpId']);
    const code = await ctx.code(ctx.primary, { otpId, codeLength: Number(body['codeLength']) }, 'apply');
    ctx.check(code.length === Number(body['codeLength']), { request: 'the code sent', body: { length: code.length }, expected: `a code of codeLength (${body['codeLength']}) digits` });
    const headers = Object.fromEntries([...exchange.headers].filter(([name]) => !ordinaryHeaders.has(name)));
    ctx.check(!leaks(body, code) && !leaks(headers, code), { request: exchange.label, body: { fields: Object.keys(body) }, expected: 'the code is not in the answer' });
    const verified = await ctx.verify(ctx.primary, otpId, code);
    const token = ctx.expectSuccess(verified, 200, 'OtpVerification', '200 with an OtpVerification for the right code', ['expiresAt']);
    const verifiedDate = verified.headers.get('date');
    if (verifiedDate) {
      const lifetime = (Date.parse(String(token['expiresAt'])) - Date.parse(verifiedDate)) / 1000;
      ctx.check(lifetime > 0 && lifetime <= 305, { request: verified.label, body: { expiresAt: token['expiresAt'], serverDate: verifiedDate }, expected: 'the otpToken lives at most 5 minutes' });
    }
  },
};

export const otpResendVoids: Rule = {
  id: 'otp-resend-voids',
  title: 'A new send voids the earlier code: it answers OTP_EXPIRED, the new one verifies',
  effect: 'codes',
  plan: 'sends 2 apply codes to the customer',
  async run(ctx: RuleContext) {
    const first = await ctx.challenge(ctx.primary, 'apply');
    const firstCode = await ctx.code(ctx.primary, first, 'apply');
    const second = await ctx.challenge(ctx.primary, 'apply');
    const secondCode = await ctx.code(ctx.primary, second, 'apply');
    ctx.expectProblem(await ctx.verify(ctx.primary, first.otpId, firstCode), 'OTP_EXPIRED', 'OTP_EXPIRED for the right code of the voided challenge');
    ctx.expectSuccess(await ctx.verify(ctx.primary, second.otpId, secondCode), 200, 'OtpVerification', '200 for the code of the new challenge');
  },
};

export const otpThreeWrongEntries: Rule = {
  id: 'otp-three-wrong-entries',
  title: 'Wrong entries answer OTP_INVALID with attemptsLeft 2, 1; the third locks the code (OTP_LOCKED, also for the right code)',
  effect: 'codes',
  plan: 'sends 1 apply code and enters 3 wrong codes',
  async run(ctx: RuleContext) {
    const challenge = await ctx.challenge(ctx.primary, 'apply');
    const code = await ctx.code(ctx.primary, challenge, 'apply');
    const wrong = wrongCode(code);
    for (const left of [2, 1]) {
      ctx.expectProblem(await ctx.verify(ctx.primary, challenge.otpId, wrong), 'OTP_INVALID', `OTP_INVALID with attemptsLeft ${left}`, (b) => b['attemptsLeft'] === left);
    }
    ctx.expectProblem(await ctx.verify(ctx.primary, challenge.otpId, wrong), 'OTP_LOCKED', 'OTP_LOCKED with attemptsLeft 0 at the third wrong entry', (b) => b['attemptsLeft'] === 0);
    ctx.expectProblem(await ctx.verify(ctx.primary, challenge.otpId, code), 'OTP_LOCKED', 'OTP_LOCKED for the right code after that');
  },
};

export const otpLifetime: Rule = {
  id: 'otp-lifetime',
  title: 'A code verifies until ttlSeconds have passed and answers OTP_EXPIRED after',
  effect: 'codes',
  plan: 'sends 2 apply codes; with --mock moves the mock’s clock past their lifetime, with --wait-otp-expiry waits it out',
  runnable: (session) =>
    (session.mock && session.allowWrites) || session.waitOtpExpiry
      ? undefined
      : 'needs a code’s lifetime to pass: --mock --allow-writes moves the mock’s clock, --wait-otp-expiry waits it out in real time',
  async run(ctx: RuleContext) {
    const mock = ctx.mockWrites;
    if (mock) {
      const early = await ctx.challenge(ctx.primary, 'apply');
      const earlyCode = await ctx.code(ctx.primary, early, 'apply');
      await mock.clock({ advanceMs: (early.ttlSeconds - 1) * 1000 });
      ctx.note(`mock clock moved ${early.ttlSeconds - 1} s`);
      ctx.expectSuccess(await ctx.verify(ctx.primary, early.otpId, earlyCode), 200, 'OtpVerification', `200 one second before ttlSeconds (${early.ttlSeconds})`);
    }
    const late = await ctx.challenge(ctx.primary, 'apply');
    const lateCode = await ctx.code(ctx.primary, late, 'apply');
    if (mock) {
      await mock.clock({ advanceMs: (late.ttlSeconds + 1) * 1000 });
      ctx.note(`mock clock moved ${late.ttlSeconds + 1} s`);
    } else {
      ctx.note(`waited ${late.ttlSeconds + 2} s`);
      await ctx.session.sleep((late.ttlSeconds + 2) * 1000);
    }
    ctx.expectProblem(await ctx.verify(ctx.primary, late.otpId, lateCode), 'OTP_EXPIRED', 'OTP_EXPIRED for the right code once ttlSeconds have passed');
  },
};

export const otpTokenPurposeBound: Rule = {
  id: 'otp-token-purpose-bound',
  title: 'An otpToken is bound to its purpose and customer: any other use is 403 OTP_TOKEN_INVALID',
  effect: 'codes',
  plan: 'sends a revoke and a renew code (and an apply code to the second customer), and applies with their tokens and a consent version no server has, so nothing is issued',
  async run(ctx: RuleContext) {
    // A wrong consent version keeps every probe a refusal: the token is checked before it.
    const consentVersion = 'conformance-not-a-version';
    for (const purpose of ['revoke', 'renew'] as const) {
      const otpToken = await ctx.otpToken(ctx.primary, purpose);
      const { exchange } = await ctx.apply(ctx.primary, { otpToken, consentVersion });
      ctx.expectProblem(exchange, 'OTP_TOKEN_INVALID', `OTP_TOKEN_INVALID for applying with a ${purpose} token`);
    }
    const other = ctx.session.other;
    if (!other) return ctx.note('no second customer (--other-token): another customer’s token was not tried');
    const theirs = await ctx.otpToken(other, 'apply');
    const { exchange } = await ctx.apply(ctx.primary, { otpToken: theirs, consentVersion });
    ctx.expectProblem(exchange, 'OTP_TOKEN_INVALID', 'OTP_TOKEN_INVALID for applying with another customer’s apply token');
  },
};

export const idempotencyKeyReused: Rule = {
  id: 'idempotency-key-reused',
  title: 'A known Idempotency-Key with another body is 422 IDEMPOTENCY_KEY_REUSED; keys are scoped to the customer and the route',
  effect: 'codes',
  plan: 'sends 1 apply code (and 1 revoke code to the second customer)',
  async run(ctx: RuleContext) {
    const key = `conformance-${crypto.randomUUID()}`;
    const first = await ctx.call(ctx.primary, 'POST', '/otp', { key, body: { purpose: 'apply' } });
    const sent = ctx.expectSuccess(first, 201, 'OtpChallenge', '201 for the first use of the key', ['otpId']);
    const same = await ctx.call(ctx.primary, 'POST', '/otp', { key, rawBody: ' { "purpose" : "apply" } ' });
    const replayed = ctx.expectSuccess(same, 201, undefined, '201 replayed for a JSON-equal body', ['otpId']);
    ctx.check(replayed['otpId'] === sent['otpId'], { request: same.label, body: pick(replayed, ['otpId']), expected: 'the first answer (same otpId), not IDEMPOTENCY_KEY_REUSED' });
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', '/otp', { key, body: { purpose: 'revoke' } }), 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_REUSED for the key with another body');
    const otherRoute = await ctx.call(ctx.primary, 'POST', `/otp/otp_conformance_${randomHex(8)}/verification`, { key, body: { code: '0000' } });
    ctx.check((otherRoute.body as Record<string, unknown> | undefined)?.['code'] !== 'IDEMPOTENCY_KEY_REUSED', {
      request: otherRoute.label,
      status: otherRoute.status,
      body: problemPart(otherRoute.body),
      expected: 'the key is new on another route (not IDEMPOTENCY_KEY_REUSED)',
    });
    const other = ctx.session.other;
    if (!other) return ctx.note('no second customer (--other-token): the key was not tried for another customer');
    const theirs = await ctx.call(other, 'POST', '/otp', { key, body: { purpose: 'revoke' } });
    ctx.expectSuccess(theirs, 201, undefined, '201: the key is new for another customer', ['purpose']);
  },
};

export const idempotentReplay: Rule = {
  id: 'idempotent-replay',
  title: 'The same Idempotency-Key and body replays the first answer (Idempotency-Replayed: true) and changes nothing',
  effect: 'codes',
  plan: 'sends 1 apply code and replays it; with --allow-writes also replays the apply of apply-issues (the mock: applies once and replays it)',
  async run(ctx: RuleContext) {
    const key = `conformance-${crypto.randomUUID()}`;
    const first = await ctx.call(ctx.primary, 'POST', '/otp', { key, body: { purpose: 'apply' } });
    const sent = ctx.expectSuccess(first, 201, 'OtpChallenge', '201 for the first send', ['otpId']);
    const code = await ctx.code(ctx.primary, { otpId: String(sent['otpId']), codeLength: Number(sent['codeLength']) }, 'apply');
    const again = await ctx.call(ctx.primary, 'POST', '/otp', { key, body: { purpose: 'apply' } });
    const replay = ctx.expectSuccess(again, 201, undefined, '201 for the replay', ['otpId']);
    ctx.check(replay['otpId'] === sent['otpId'] && again.headers.get('idempotency-replayed') === 'true', {
      request: again.label,
      body: { otpId: replay['otpId'], 'Idempotency-Replayed': again.headers.get('idempotency-replayed') },
      expected: 'the first otpId, with Idempotency-Replayed: true',
    });
    // A replay that sent a new code would have voided the first one.
    ctx.expectSuccess(await ctx.verify(ctx.primary, String(sent['otpId']), code), 200, undefined, '200 for the first code: the replay sent no new one');

    const refusedKey = `conformance-${crypto.randomUUID()}`;
    const refusedBody = { csr: (await ctx.csr()).pem, otpToken: bogusOtpToken(), consentVersion: 'conformance-not-a-version' };
    const refused = await ctx.call(ctx.primary, 'POST', '/certificates', { key: refusedKey, body: refusedBody });
    ctx.expectProblem(refused, 'OTP_TOKEN_INVALID', 'OTP_TOKEN_INVALID for a bogus otpToken');
    const refusedAgain = await ctx.call(ctx.primary, 'POST', '/certificates', { key: refusedKey, body: refusedBody });
    ctx.expectProblem(refusedAgain, 'OTP_TOKEN_INVALID', 'the same 4xx replayed', () => refusedAgain.headers.get('idempotency-replayed') === 'true');

    if (!ctx.session.allowWrites) return ctx.note('without --allow-writes the replay of an apply was not tried');
    let apply = ctx.session.shared.apply;
    if (ctx.mockWrites) {
      await ctx.freshCustomer();
      const made = await ctx.apply(ctx.primary);
      const body = ctx.expectSuccess(made.exchange, 201, undefined, '201 for the apply', ['serialNumber']);
      apply = { key: made.key, body: made.body, serialNumber: String(body['serialNumber']) };
    }
    if (!apply) return ctx.note('apply-issues issued no certificate in this run: the replay of an apply was not tried');
    const replayed = await ctx.call(ctx.primary, 'POST', '/certificates', { key: apply.key, body: apply.body });
    const detail = ctx.expectSuccess(replayed, 201, 'CertificateDetail', '201 replayed for the apply', ['serialNumber']);
    ctx.check(detail['serialNumber'] === apply.serialNumber && replayed.headers.get('idempotency-replayed') === 'true', {
      request: replayed.label,
      body: { serialNumber: detail['serialNumber'], 'Idempotency-Replayed': replayed.headers.get('idempotency-replayed') },
      expected: `the certificate first issued (${apply.serialNumber}), with Idempotency-Replayed: true`,
    });
    const list = await ctx.list();
    const pcInForce = list.items.filter((c) => c.device.kind === 'pc' && c.status !== 'revoked');
    ctx.check(pcInForce.length === 1, { request: 'GET /certificates', body: { serialNumbers: pcInForce.map((c) => c.serialNumber) }, expected: 'one PC certificate in force: the replay issued none' });
  },
};

export const otpRateLimit: Rule = {
  id: 'otp-rate-limit',
  title: 'Codes are limited per customer: past the limit, 429 RATE_LIMITED with retryAfterSeconds',
  effect: 'codes',
  plan: 'sends apply codes until the server refuses one (at most 60); with --mock resets the scenario before and after',
  runnable: (session) => ((session.mock && session.allowWrites) || session.probeRateLimit ? undefined : 'sends up to 60 codes: use --mock --allow-writes, or --probe-rate-limit against a real server'),
  async run(ctx: RuleContext) {
    const mock = ctx.mockWrites;
    if (mock) await mock.reset('new-customer');
    const cap = 60;
    try {
      for (let sent = 0; sent < cap; sent++) {
        const exchange = await ctx.call(ctx.primary, 'POST', '/otp', { body: { purpose: 'apply' } });
        if (exchange.status === 201) continue;
        ctx.note(`${sent} codes were sent before the first refusal`);
        ctx.expectProblem(exchange, 'RATE_LIMITED', 'RATE_LIMITED with retryAfterSeconds > 0', (b) => Number(b['retryAfterSeconds']) > 0);
        return;
      }
      ctx.fail({ request: 'POST /otp', status: 201, body: { sent: cap }, expected: `a refusal within ${cap} sends in a row` });
    } finally {
      if (mock) await mock.reset('new-customer');
    }
  },
};
