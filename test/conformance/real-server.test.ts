// The kit as it runs against a broker's own backend: no --mock, so it can neither seed
// scenarios nor move a clock and carries one certificate from rule to rule (apply, replay,
// renew, revoke). The mock stands in for that backend here, with policies that open the
// renewal window at once, and the codes come from a source of the test's own.
import { afterEach, describe, expect, it } from 'vitest';
import { exportPkcs12 } from '../../src/core/index.ts';
import { runConformance, type CodeSource } from '../../src/conformance/index.ts';
import { failing, serve, skipped, type Served } from './support.ts';

const open: Served[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Codes read from the backend's inbox by role, as a team's SMS gateway lookup would. */
function inbox(served: Served): CodeSource {
  const [primary, second] = served.backend.customers;
  return {
    name: 'test inbox',
    code: async (request) => served.backend.inbox.last(request.role === 'primary' ? primary!.idNumber : second!.idNumber)!.code,
  };
}

async function start(options: Parameters<typeof serve>[0]) {
  const served = await serve({ scenario: 'new-customer', ...options });
  open.push(served);
  const [primary, second] = served.backend.customers;
  return { served, primary: primary!, second: second! };
}

describe('the kit against a backend it cannot seed', () => {
  it('carries one certificate through apply, replay, renewal and revocation, and fails no rule', async () => {
    // validityDays below renewBeforeDays: a new certificate may be renewed at once.
    const { served, primary, second } = await start({ validityDays: 20 });
    const report = await runConformance({
      baseUrl: served.server.baseUrl,
      timeoutMs: 120_000,
      token: primary.token,
      otherToken: second.token,
      renewalToken: second.token,
      idNumber: primary.idNumber,
      codes: inbox(served),
      allowWrites: true,
      // Waiting out a code's life, on the backend's clock instead of in real time.
      waitOtpExpiry: true,
      sleep: async (ms) => served.backend.clock.advance(ms),
    });
    expect(failing(report)).toEqual([]);
    // A new customer has no certificate to look at before apply-issues; no 429 or 503 was
    // provoked (--probe-rate-limit would send codes until one comes).
    expect(skipped(report)).toEqual(['certificate-detail', 'otp-rate-limit', 'retry-after']);
    const issued = served.backend.issued(primary.idNumber);
    expect(issued.map((c) => c.source)).toEqual(['apply', 'renewal']);
    expect(issued.every((c) => c.revokedAt !== undefined)).toBe(true);
  }, 300_000);

  it('renews the renewal customer’s certificate with the key of its .pfx', async () => {
    // The second customer's certificate (30 days old) is in its window; a new one is not.
    const { served, primary, second } = await start({ renewBeforeDays: 340 });
    const credential = (await served.backend.seededCredential(second.idNumber))!;
    const bytes = await exportPkcs12({ privateKey: credential.privateKey, certificate: credential.certificatePem, password: 'Abcd1234', iterations: 2048 });
    const report = await runConformance({
      baseUrl: served.server.baseUrl,
      timeoutMs: 120_000,
      token: primary.token,
      renewalToken: second.token,
      renewalPfx: { bytes, password: 'Abcd1234' },
      codes: inbox(served),
      allowWrites: true,
      only: ['apply-issues', 'renewal-new-key', 'renewal-proof', 'renewal-revokes-old'],
    });
    expect(report.rules.filter((r) => r.status === 'pass').map((r) => r.id)).toEqual(['apply-issues', 'renewal-new-key', 'renewal-proof', 'renewal-revokes-old']);
    expect(served.backend.issued(second.idNumber).map((c) => c.source)).toEqual(['renewal']);
  }, 300_000);

  it('skips the rules that need a customer without a certificate when the customer has one', async () => {
    const { served, primary } = await start({ scenario: 'valid' });
    const report = await runConformance({ baseUrl: served.server.baseUrl, timeoutMs: 120_000, token: primary.token, codes: inbox(served), allowWrites: true, only: ['csr-key-strength', 'csr-signature', 'apply-issues'] });
    expect(skipped(report)).toEqual(expect.arrayContaining(['csr-key-strength', 'csr-signature', 'apply-issues']));
    expect(failing(report)).toEqual([]);
    expect(served.backend.issuedCount()).toBe(0);
  }, 300_000);
});
