import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { maxPolicyCount, maxPolicyDays } from '../../../src/core/policy/policy-bounds';
import { baseUrl, bodies, json, otpToken, scriptedFetch } from './fake-fetch';
import { rejection } from '../../support/rejection';

const answering = (body: unknown) => createApiClient({ baseUrl, fetch: scriptedFetch(json(body, 200)).fetch, retry: { limit: 0 } });
const withPolicy = (policy: Record<string, unknown>) => ({ ...bodies.certificates, policy: { ...bodies.certificates.policy, ...policy } });

describe('the server policy is bounded', () => {
  const days = ['validityDays', 'renewBeforeDays', 'renewAfterDays'] as const;
  const counts = ['revocationsPerYear', 'revocationsLeft'] as const;

  it.each(days)('takes %s up to 3,650 days', async (field) => {
    expect(maxPolicyDays).toBe(3650);
    const policy = (await answering(withPolicy({ [field]: 3650 })).certificates()).policy;
    expect(policy[field]).toBe(3650);
  });

  it.each(counts)('takes %s from 0 up to 1,000', async (field) => {
    expect(maxPolicyCount).toBe(1000);
    expect((await answering(withPolicy({ [field]: 0 })).certificates()).policy[field]).toBe(0);
    expect((await answering(withPolicy({ [field]: 1000 })).certificates()).policy[field]).toBe(1000);
  });

  it.each([...days, ...counts])('refuses %s out of range, fractional or not a number as SERVER', async (field) => {
    const limit = (days as readonly string[]).includes(field) ? 3650 : 1000;
    for (const value of [limit + 1, 1e9, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, '30', null]) {
      expect((await rejection(answering(withPolicy({ [field]: value })).certificates())).code, `${field}: ${String(value)}`).toBe('SERVER');
    }
  });

  it('refuses a revocation answer that claims more than 1,000 revocations left as SERVER', async () => {
    const client = answering({ ...bodies.revocation, revocationsLeft: 1001 });
    expect((await rejection(client.revoke(bodies.certificate.serialNumber, { otpToken }))).code).toBe('SERVER');
  });
});
