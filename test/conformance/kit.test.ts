// The conformance kit against the mock over a real loopback socket: every rule passes; without
// --allow-writes or a code source it skips what it may not do and says why; it puts the mock's
// scenario and clock back; its report holds no token and no code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConformanceSetupError, commandSource, conformanceRules, runConformance, type Report } from '../../src/conformance/index.ts';
import { NOW, failing, runKit, serve, skipped, type Served } from './support.ts';

describe('the kit against the mock', () => {
  let served: Served;
  let report: Report;
  beforeAll(async () => {
    served = await serve();
    report = await runKit(served);
  }, 300_000);
  afterAll(() => served.close());

  it('passes every rule with --mock --allow-writes', () => {
    expect(report.rules.map((r) => r.id)).toEqual(conformanceRules.map((r) => r.id));
    expect(report.rules.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status}`)).toEqual([]);
    expect(report.summary).toEqual({ pass: conformanceRules.length, fail: 0, skip: 0 });
  });

  it('names rules with kebab-case words and gives each its evidence', () => {
    for (const rule of report.rules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.evidence.length).toBeGreaterThan(0);
      expect(Object.keys(rule).sort()).toEqual(['evidence', 'id', 'status', 'title']);
    }
    expect(new Set(report.rules.map((r) => r.id)).size).toBe(report.rules.length);
  });

  it('runs the read-only rules first, then those that send codes, then those that change certificates', () => {
    const effects = conformanceRules.map((r) => r.effect);
    const firstCodes = effects.indexOf('codes');
    expect(effects.slice(0, firstCodes).every((e) => e === 'read')).toBe(true);
    expect(effects.indexOf('writes')).toBeGreaterThan(firstCodes);
    expect(conformanceRules.filter((r) => r.effect !== 'read').every((r) => typeof r.plan === 'string')).toBe(true);
  });

  it('keeps every token and code it handled out of the report', () => {
    const text = JSON.stringify(report);
    for (const customer of served.backend.customers) expect(text).not.toContain(customer.token);
    expect(text).not.toMatch(/ot_[0-9a-f]{48}/);
    // Codes are four digits, which other figures can be too: look for them where a leak would put them.
    const leaks: string[] = [];
    const walk = (value: unknown, key = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      else if (key === 'otpToken' || (key === 'code' && /^\d+$/.test(String(value)))) leaks.push(`${key}: ${String(value)}`);
    };
    walk(report);
    expect(leaks).toEqual([]);
  });

  it('puts the mock back as it found it: the scenario it started with, and its clock', async () => {
    expect(served.backend.clock.now().toISOString()).toBe(NOW.toISOString());
    const list = await fetch(`${served.server.baseUrl}/certificates`, { headers: { Authorization: `Bearer ${served.backend.customers[0]!.token}` } });
    const body = (await list.json()) as { items: Array<{ status: string }> };
    expect(body.items.map((c) => c.status)).toEqual(['valid']);
  });
});

describe('what the kit may do', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serve();
  });
  afterAll(() => served.close());

  it('without --allow-writes skips the rules that issue, renew or revoke, moves no clock, and fails none', async () => {
    await served.backend.reset('valid');
    const report = await runKit(served, { allowWrites: false });
    const writes = conformanceRules.filter((r) => r.effect === 'writes').map((r) => r.id);
    expect(failing(report)).toEqual([]);
    // Moving the clock past a code's life and exhausting the send limit change the mock too.
    expect(skipped(report)).toEqual(conformanceRules.filter((r) => r.effect === 'writes' || r.id === 'otp-lifetime' || r.id === 'otp-rate-limit').map((r) => r.id));
    expect(served.backend.issuedCount()).toBe(0);
    expect(served.backend.clock.now().toISOString()).toBe(NOW.toISOString());
    for (const id of writes) expect(report.rules.find((r) => r.id === id)!.evidence[0]!.note).toBeTypeOf('string');
  }, 300_000);

  it('without a code source skips every rule that sends codes, and sends none', async () => {
    await served.backend.reset('valid');
    const report = await runConformance({ baseUrl: served.server.baseUrl, timeoutMs: 120_000, token: served.backend.customers[0]!.token });
    const acting = conformanceRules.filter((r) => r.effect !== 'read').map((r) => r.id);
    expect(failing(report)).toEqual([]);
    expect(skipped(report)).toEqual(expect.arrayContaining(acting));
    expect(served.backend.inbox.all()).toEqual([]);
  });

  it('reads the codes with --otp-command, which sees the challenge it is asked for', async () => {
    await served.backend.reset('valid');
    const customer = served.backend.customers[0]!;
    // A stand-in for a team's SMS gateway lookup: it asks the mock's inbox for the latest code.
    const script = `fetch(${JSON.stringify(`${served.server.origin}/__mock/inbox?idNumber=${customer.idNumber}`)}).then((r) => r.json()).then((b) => { const m = b.items.at(-1); if (m.purpose !== process.env.CERT_CENTER_OTP_PURPOSE || !process.env.CERT_CENTER_OTP_ID) process.exit(3); console.log(m.code); })`;
    const command = `"${process.execPath}" -e ${JSON.stringify(script)}`;
    const report = await runConformance({
      baseUrl: served.server.baseUrl,
      timeoutMs: 120_000,
      token: customer.token,
      codes: commandSource(command, 120_000),
      only: ['otp-challenge', 'otp-resend-voids', 'otp-three-wrong-entries'],
    });
    expect(report.rules.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual(['otp-challenge', 'otp-resend-voids', 'otp-three-wrong-entries']);
  }, 180_000);

  it('checks CN and masking against the profile’s mask when it does not know the ID number', async () => {
    await served.backend.reset('valid');
    const report = await runConformance({ baseUrl: served.server.baseUrl, timeoutMs: 120_000, token: served.backend.customers[0]!.token, only: ['profile-masked', 'certificate-detail', 'cn-is-customer-id'] });
    expect(report.rules.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual(['profile-masked', 'certificate-detail', 'cn-is-customer-id']);
  });

  it('refuses to start when the token is not accepted', async () => {
    await expect(runConformance({ baseUrl: served.server.baseUrl, timeoutMs: 120_000, token: 'nobody' })).rejects.toBeInstanceOf(ConformanceSetupError);
    await expect(runConformance({ baseUrl: 'http://127.0.0.1:1/api/cert-center/v1', token: 'anyone', timeoutMs: 5_000 })).rejects.toBeInstanceOf(ConformanceSetupError);
  });
});
