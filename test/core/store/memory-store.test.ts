import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store';
import { createIndexedDbStore } from '../../../src/core/store/indexeddb-store';
import { registerStoreContract } from './store-contract';

registerStoreContract('memory (Node)', createMemoryStore);

describe('createIndexedDbStore in Node', () => {
  it('fails with STORAGE, not a crash, where there is no IndexedDB', async () => {
    const store = createIndexedDbStore({ name: 'node-has-none' });
    await expect(store.listCredentials()).rejects.toMatchObject({ code: 'STORAGE', isCertCenterError: true });
    await store.close();
  });
});
