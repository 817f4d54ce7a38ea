// Web Locks and the store channel, the same rules in Node (fallbacks) and Chromium (the real APIs).
import { describe, expect, it } from 'vitest';
import { createStoreChannel, withLock as lockWith, type LockOptions, type StoreChangedMessage } from '../../../src/core/store/tab-sync';

const unique = (what: string) => `test-${what}-${Math.random().toString(36).slice(2)}`;
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

function nextMessage(channel: ReturnType<typeof createStoreChannel>, timeoutMs = 2000): Promise<StoreChangedMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message arrived')), timeoutMs);
    const stop = channel.subscribe((message) => {
      clearTimeout(timer);
      stop();
      resolve(message);
    });
  });
}

export interface TabSyncContractOptions {
  /** Passed to every `withLock`: `null` runs the in-realm queue used where Web Locks are missing. */
  locks?: LockManager | null;
}

export function registerTabSyncContract(label: string, options: TabSyncContractOptions = {}): void {
  const withLock = <T>(name: string, work: () => Promise<T>, lockOptions: LockOptions = {}) =>
    lockWith(name, work, options.locks === undefined ? lockOptions : { ...lockOptions, locks: options.locks });
  describe(`withLock (${label})`, () => {
    it('runs the second caller only after the first has finished', async () => {
      const name = unique('lock');
      const events: string[] = [];
      const first = withLock(name, async () => {
        events.push('first start');
        await tick(30);
        events.push('first end');
        return 1;
      });
      const second = withLock(name, async () => {
        events.push('second start');
        return 2;
      });
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(events).toEqual(['first start', 'first end', 'second start']);
    });

    it('releases the lock when the work throws, and passes the error through unchanged', async () => {
      const name = unique('lock');
      const boom = new Error('work failed');
      await expect(withLock(name, async () => Promise.reject(boom))).rejects.toBe(boom);
      await expect(withLock(name, async () => 'next')).resolves.toBe('next');
    });

    it('lets different lock names run side by side', async () => {
      const events: string[] = [];
      let releaseA!: () => void;
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const a = withLock(unique('a'), () => {
        started();
        return new Promise<void>((resolve) => (releaseA = resolve)).then(() => events.push('a done'));
      });
      await running;
      await withLock(unique('b'), async () => events.push('b done'));
      releaseA();
      await a;
      expect(events).toEqual(['b done', 'a done']);
    });

    it('gives up waiting with ABORTED when the signal fires, without running the work', async () => {
      const name = unique('lock');
      let release!: () => void;
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const holder = withLock(name, () => {
        started();
        return new Promise<void>((resolve) => (release = resolve));
      });
      // The holder has the lock once its work runs, however long the grant takes.
      await running;
      const controller = new AbortController();
      let ran = false;
      const waiting = withLock(name, async () => {
        ran = true;
      }, { signal: controller.signal });
      controller.abort();
      await expect(waiting).rejects.toMatchObject({ code: 'ABORTED', isCertCenterError: true });
      release();
      await holder;
      expect(ran).toBe(false);
    });

    it('refuses at once with ABORTED when the signal has already fired', async () => {
      await expect(withLock(unique('lock'), async () => 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    });
  });

  describe(`createStoreChannel (${label})`, () => {
    it('tells another tab on the same channel name that the store changed', async () => {
      const name = unique('channel');
      const tabA = createStoreChannel(name);
      const tabB = createStoreChannel(name);
      try {
        const heard = nextMessage(tabB);
        tabA.post({ type: 'store-changed', kind: 'applied', serialNumber: '0A1B2C' });
        expect(await heard).toEqual({ type: 'store-changed', kind: 'applied', serialNumber: '0A1B2C' });
      } finally {
        tabA.close();
        tabB.close();
      }
    });

    it('posts only the type, kind and serial number: no key material or other fields leave the tab', async () => {
      const name = unique('channel');
      const tabA = createStoreChannel(name);
      const tabB = createStoreChannel(name);
      try {
        const heard = nextMessage(tabB);
        const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])) as CryptoKeyPair;
        tabA.post({ type: 'store-changed', kind: 'imported', serialNumber: '01', privateKey: keys.privateKey, password: 'abc123' } as never);
        const message = await heard;
        expect(Object.keys(message).sort()).toEqual(['kind', 'serialNumber', 'type']);
      } finally {
        tabA.close();
        tabB.close();
      }
    });

    it('does not cross to a channel of another name', async () => {
      const tabA = createStoreChannel(unique('channel'));
      const tabB = createStoreChannel(unique('channel'));
      try {
        const heard = nextMessage(tabB, 150).then(() => 'heard', () => 'silent');
        tabA.post({ type: 'store-changed', kind: 'removed', serialNumber: '01' });
        expect(await heard).toBe('silent');
      } finally {
        tabA.close();
        tabB.close();
      }
    });

    it('stops delivering after unsubscribe and after close, and posting on a closed channel does not throw', async () => {
      const name = unique('channel');
      const tabA = createStoreChannel(name);
      const tabB = createStoreChannel(name);
      const heard: StoreChangedMessage[] = [];
      const stop = tabB.subscribe((message) => heard.push(message));
      stop();
      tabA.post({ type: 'store-changed', kind: 'removed' });
      await tick(100);
      expect(heard).toEqual([]);
      tabA.close();
      tabB.close();
      expect(() => tabA.post({ type: 'store-changed', kind: 'removed' })).not.toThrow();
    });
  });
}
