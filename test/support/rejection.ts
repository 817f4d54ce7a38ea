import { expect } from 'vitest';
import { isCertCenterError, type CertCenterError } from '../../src/core/errors';

/** The `CertCenterError` a promise rejects with; fails the test on anything else. */
export async function rejection(promise: Promise<unknown>): Promise<CertCenterError> {
  try {
    await promise;
  } catch (error) {
    expect(isCertCenterError(error)).toBe(true);
    return error as CertCenterError;
  }
  throw new Error('expected a rejection');
}
