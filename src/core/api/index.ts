// The REST client, for the lifecycle. Internal: the public surface is src/core/index.ts.
export { createApiClient, defaultBaseUrl } from './api-client';
export { randomIdempotencyKey, isIdempotencyKey } from './idempotency-key';
export { retryAfterMs } from './retry-after';
export { problemFrom } from './call-failure';
export * as shapes from './validate';

export type { ApiClient, ApiClientOptions, CallOptions, PostOptions, RetryOptions } from './api-client';
export type { Check } from './shape';
export type * from './contract-types';
