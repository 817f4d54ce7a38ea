import { describe, expect, it } from 'vitest';
import { isIdempotencyKey, randomIdempotencyKey, retryAfterMs } from '../../../src/core/api';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-25T08:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs(' 30 ', now)).toBe(30_000);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(retryAfterMs('Wed, 25 Nov 2026 08:00:07 GMT', now)).toBe(7000);
  });

  it('waits not at all for a date in the past', () => {
    expect(retryAfterMs('Wed, 25 Nov 2026 07:59:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('Idempotency-Key values', () => {
  it('are fresh version 4 UUIDs', () => {
    const keys = new Set(Array.from({ length: 100 }, randomIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('are made without randomUUID where the page is not a secure context', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(randomIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });

  it('must be 1 to 255 printable ASCII characters without spaces (the contract)', () => {
    expect(isIdempotencyKey('5f0c6c1e-8d5b-4b7e-9d35-6b0c2a3c9a11')).toBe(true);
    expect(isIdempotencyKey('')).toBe(false);
    expect(isIdempotencyKey('a b')).toBe(false);
    expect(isIdempotencyKey('ключ')).toBe(false);
    expect(isIdempotencyKey('k'.repeat(256))).toBe(false);
  });
});
