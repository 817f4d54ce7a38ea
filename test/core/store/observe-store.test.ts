import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../src/core/store/memory-store';
import { observeStore } from '../../../src/core/store/observe-store';
import { createStoreChannel, type StoreChangedMessage, type StoreChannel } from '../../../src/core/store/tab-sync';
import { registerStoreContract } from './store-contract';
import { credential, ecKeyPair, pending } from './store-fixtures';

const unique = () => `test-observe-${Math.random().toString(36).slice(2)}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

// The wrapper keeps every rule of the store it wraps.
registerStoreContract('observed memory store', () => {
  const channel = createStoreChannel(unique());
  const store = observeStore(createMemoryStore(), channel);
  return { ...store, close: async () => (await store.close(), channel.close()) };
});

describe('observeStore', () => {
  let keys: CryptoKeyPair;
  let channels: StoreChannel[] = [];
  beforeAll(async () => {
    keys = await ecKeyPair();
  });
  afterEach(() => {
    channels.forEach((channel) => channel.close());
    channels = [];
  });

  function tabs() {
    const name = unique();
    const here = createStoreChannel(name);
    const there = createStoreChannel(name);
    channels.push(here, there);
    const heard: StoreChangedMessage[] = [];
    there.subscribe((message) => heard.push(message));
    return { store: observeStore(createMemoryStore(), here), heard };
  }

  it('announces every change to the other tabs, with the kind and serial number only', async () => {
    const { store, heard } = tabs();
    await store.putCredential(credential(keys, { serialNumber: '01', origin: 'imported' }));
    await store.putPending(pending(keys, { kind: 'renew', renewOf: '01' }));
    await store.completeEnrollment('enrollment-1', credential(keys, { serialNumber: '02', origin: 'renewed' }), { replace: '01' });
    await store.deleteCredential('02');
    await settle();
    expect(heard).toEqual([
      { type: 'store-changed', kind: 'imported', serialNumber: '01' },
      { type: 'store-changed', kind: 'pending-changed' },
      { type: 'store-changed', kind: 'renewed', serialNumber: '02' },
      { type: 'store-changed', kind: 'removed', serialNumber: '02' },
    ]);
  });

  it('announces nothing when a change is refused', async () => {
    const { store, heard } = tabs();
    await expect(store.putCredential(credential(keys, { serialNumber: 'lower' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.completeEnrollment('missing', credential(keys))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await settle();
    expect(heard).toEqual([]);
  });

  it('announces nothing for reads', async () => {
    const { store, heard } = tabs();
    await store.listCredentials();
    await store.getCredential('01');
    await store.listPending();
    await settle();
    expect(heard).toEqual([]);
  });
});
