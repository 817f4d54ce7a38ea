// The browser certificate store. Internal barrel; the public surface is src/core/index.ts.
export { createMemoryStore } from './memory-store';
export { createIndexedDbStore, storeSchemaVersion } from './indexeddb-store';
export { createDefaultStore } from './default-store';
export { withLock, createStoreChannel } from './tab-sync';
export { observeStore } from './observe-store';

export type { CertStore, StoredCredential, PendingEnrollment, CompleteEnrollmentOptions, PersistResult, StorageEstimateResult, CredentialOrigin, EnrollmentKind } from './cert-store';
export type { IndexedDbStoreOptions } from './indexeddb-store';
export type { LockOptions, StoreChangedMessage, StoreChannel } from './tab-sync';
