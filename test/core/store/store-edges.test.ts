// The memory store's edges in Node, and what only Node shows: Buffers, the default store,
// Node's own Web Locks and the in-realm lock queue.
import { describe, expect, it } from 'vitest';
import { createDefaultStore } from '../../../src/core/store/default-store';
import { createMemoryStore } from '../../../src/core/store/memory-store';
import { withLock } from '../../../src/core/store/tab-sync';
import { registerStoreEdgeCases } from './store-edges';
import { credential, der, ecKeyPair } from './store-fixtures';

registerStoreEdgeCases('memory (Node)', createMemoryStore);

const unique = (what: string) => `test-${what}-${Math.random().toString(36).slice(2)}`;
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the memory store in Node', () => {
  it('copies a certificate given as a Buffer: changing the Buffer afterwards does not change the store', async () => {
    const store = createMemoryStore();
    const certificate = Buffer.from(der(1));
    const chain = [Buffer.from(der(2))];
    await store.putCredential(credential(await ecKeyPair(), { certificate, chain }));
    certificate[4] = 0x7f;
    chain[0]![4] = 0x7f;
    const read = (await store.getCredential('0A1B2C'))!;
    expect([...read.certificate]).toEqual([...der(1)]);
    expect([...read.chain[0]!]).toEqual([...der(2)]);
    expect(Buffer.isBuffer(read.certificate)).toBe(false);
  });

  it('createDefaultStore() gives the memory store where there is no IndexedDB', async () => {
    const store = createDefaultStore({ name: unique('default') });
    expect(await store.persist()).toEqual({ persisted: false, supported: false });
    await store.putCredential(credential(await ecKeyPair()));
    expect(await store.listCredentials()).toHaveLength(1);
    await store.close();
  });
});

describe('withLock in Node', () => {
  it('uses Node’s own Web Locks when it has them, and answers ABORTED whatever reason the signal carries', async () => {
    expect(typeof navigator.locks?.request).toBe('function');
    const name = unique('lock');
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const holder = withLock(name, () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    const controller = new AbortController();
    let ran = false;
    const waiting = withLock(name, async () => {
      ran = true;
    }, { signal: controller.signal });
    controller.abort(new Error('the user left the page'));
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED', isCertCenterError: true });
    release();
    await holder;
    expect(ran).toBe(false);
  });

  it('in the in-realm queue, a waiter that gives up does not let a later caller past the holder', async () => {
    const name = unique('lock');
    const events: string[] = [];
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const holder = withLock(name, async () => {
      events.push('holder start');
      started();
      await new Promise<void>((resolve) => (release = resolve));
      events.push('holder end');
    }, { locks: null });
    await running;
    const controller = new AbortController();
    const quitter = withLock(name, async () => events.push('quitter'), { signal: controller.signal, locks: null });
    controller.abort();
    await expect(quitter).rejects.toMatchObject({ code: 'ABORTED' });
    const later = withLock(name, async () => events.push('later'), { locks: null });
    await tick(20);
    expect(events).toEqual(['holder start']);
    release();
    await Promise.all([holder, later]);
    expect(events).toEqual(['holder start', 'holder end', 'later']);
  });

  it('falls back to the in-realm queue when the lock manager refuses (a sandboxed frame), and still runs callers one at a time', async () => {
    const refusing = { request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')) } as unknown as LockManager;
    const name = unique('lock');
    const events: string[] = [];
    const caller = (label: string) =>
      withLock(name, async () => {
        events.push(`${label} start`);
        await tick(10);
        events.push(`${label} end`);
        return label;
      }, { locks: refusing });
    expect(await Promise.all([caller('a'), caller('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('in the in-realm queue, runs three callers one after another in the order they came', async () => {
    const name = unique('lock');
    const events: string[] = [];
    const caller = (label: string, ms: number) =>
      withLock(name, async () => {
        events.push(`${label} start`);
        await tick(ms);
        events.push(`${label} end`);
      }, { locks: null });
    await Promise.all([caller('a', 15), caller('b', 1), caller('c', 5)]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });
});
