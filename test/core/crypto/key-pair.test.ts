import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';

describe('generateKeyPair', () => {
  it('makes an RSA-2048 RSASSA-PKCS1-v1_5 SHA-256 pair by default', async () => {
    const pair = await generateKeyPair();
    expect(pair.privateKey.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 });
    expect(pair.privateKey.extractable).toBe(true);
  });

  it('makes a P-256 pair on request, with a non-extractable private key when asked', async () => {
    const pair = await generateKeyPair({ algorithm: 'ECDSA-P256', extractable: false });
    expect(pair.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(pair.privateKey.extractable).toBe(false);
    expect(pair.publicKey.extractable).toBe(true);
  });

  it('refuses an unknown algorithm with UNSUPPORTED_ALGORITHM', async () => {
    await expect(generateKeyPair({ algorithm: 'DSA-1024' as never })).rejects.toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });
});
