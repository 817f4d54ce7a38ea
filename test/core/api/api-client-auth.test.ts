import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/core/api';
import { baseUrl, bodies, json, networkError, scriptedFetch } from './fake-fetch';
import { rejection } from '../../support/rejection';

describe('authentication', () => {
  it('sends the Bearer token from getAccessToken, asked again on every call', async () => {
    const tokens = ['token-one', 'token-two'];
    const fake = scriptedFetch(json(bodies.profile));
    const api = createApiClient({ baseUrl, fetch: fake.fetch, getAccessToken: () => tokens.shift()! });
    await api.profile();
    await api.profile();
    expect(fake.sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-one', 'Bearer token-two']);
  });

  it('asks for the token again before a retry, so a refreshed token is used', async () => {
    let n = 0;
    const fake = scriptedFetch(networkError(), json(bodies.profile));
    const api = createApiClient({
      baseUrl,
      fetch: fake.fetch,
      retry: { backoffMs: 1 },
      getAccessToken: async () => `token-${++n}`,
    });
    await api.profile();
    expect(fake.sent.map((r) => r.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives a failing getAccessToken UNAUTHENTICATED and sends nothing', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    const api = createApiClient({
      baseUrl,
      fetch: fake.fetch,
      getAccessToken: () => {
        throw new Error('session expired');
      },
    });
    const error = await rejection(api.profile());
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(fake.sent).toHaveLength(0);
  });

  it('refuses an empty token or one that would break the header, with UNAUTHENTICATED', async () => {
    for (const token of ['', 'two words', 'line\nbreak']) {
      const fake = scriptedFetch(json(bodies.profile));
      const api = createApiClient({ baseUrl, fetch: fake.fetch, getAccessToken: () => token });
      expect((await rejection(api.profile())).code).toBe('UNAUTHENTICATED');
      expect(fake.sent).toHaveLength(0);
    }
  });

  it('in cookie mode sends the credentials mode and no Authorization header', async () => {
    const fake = scriptedFetch(json(bodies.profile));
    const api = createApiClient({ baseUrl, fetch: fake.fetch, credentials: 'include' });
    await api.profile();
    expect(fake.sent[0]!.credentials).toBe('include');
    expect(fake.sent[0]!.headers.has('authorization')).toBe(false);
  });

  it('asks for JSON and sends JSON', async () => {
    const fake = scriptedFetch(json(bodies.otp, 201));
    const api = createApiClient({ baseUrl, fetch: fake.fetch });
    await api.requestOtp('apply');
    const [sent] = fake.sent;
    expect(sent!.url).toBe(`${baseUrl}/otp`);
    expect(sent!.headers.get('accept')).toContain('application/json');
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(sent!.body)).toEqual({ purpose: 'apply' });
  });
});
