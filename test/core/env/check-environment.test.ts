import { describe, expect, it } from 'vitest';
import { checkEnvironment } from '../../../src/core/env/check-environment';
import { adviceCodes, environmentCheckIds, type EnvironmentReport } from '../../../src/core/env/environment-report';
import type { EnvironmentScope } from '../../../src/core/env/environment-scope';

const item = (report: EnvironmentReport, id: string) => report.items.find((entry) => entry.id === id)!;
const now = () => new Date('2026-01-02T03:04:05Z');

/** A browser window that looks fine, for tests to break one part of. */
function fakeWindow(overrides: Partial<EnvironmentScope> = {}): EnvironmentScope {
  let cookie = '';
  return {
    isSecureContext: true,
    crypto: globalThis.crypto,
    navigator: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
      cookieEnabled: true,
      storage: { persisted: async () => true, estimate: async () => ({ usage: 0, quota: 1 << 30 }) },
      locks: globalThis.navigator.locks,
    },
    document: {
      get cookie() { return cookie; },
      set cookie(value: string) { if (!/max-age=0/.test(value)) cookie = value.split(';')[0]!; else cookie = ''; },
      location: { protocol: 'https:' },
    },
    ...overrides,
  };
}

describe('the report’s codes', () => {
  it('lists each check id and each advice code once, for the elements to give each a text', () => {
    expect(new Set(environmentCheckIds).size).toBe(environmentCheckIds.length);
    expect(new Set(adviceCodes).size).toBe(adviceCodes.length);
    expect(adviceCodes).toContain('contact-support');
  });
});

describe('checkEnvironment in Node', () => {
  it('reports one item per check, in the documented order, and is ok in Node', async () => {
    const report = await checkEnvironment({ now });
    expect(report.items.map((entry) => entry.id)).toEqual([...environmentCheckIds]);
    expect(report.ok).toBe(true);
    expect(report.checkedAt).toEqual(now());
  });

  it('really generates and signs with RSA-2048 and P-256 and checks PBKDF2 against its known answer', async () => {
    const report = await checkEnvironment({ now });
    for (const id of ['webcrypto-rsa', 'webcrypto-ecdsa', 'pbkdf2']) {
      expect(item(report, id).status).toBe('pass');
      expect(item(report, id).measured).toBeGreaterThanOrEqual(0);
    }
  });

  it('skips the browser-only checks in Node instead of failing them', async () => {
    const report = await checkEnvironment({ now });
    for (const id of ['secure-context', 'indexeddb', 'persistent-storage', 'cookies', 'browser', 'workers', 'clock-skew']) {
      expect(item(report, id).status).toBe('skip');
    }
  });

  it('fails the clock check beyond ±5 min and warns beyond ±1 min against the server time', async () => {
    const serverAt = (offsetMs: number) => async () => new Date(now().getTime() + offsetMs);
    const warned = await checkEnvironment({ now, serverTime: serverAt(-90_000) });
    expect(item(warned, 'clock-skew')).toMatchObject({ status: 'warn', advice: 'fix-clock', measured: 90_000 });
    expect(warned.ok).toBe(true);
    const failed = await checkEnvironment({ now, serverTime: serverAt(6 * 60_000) });
    expect(item(failed, 'clock-skew')).toMatchObject({ status: 'fail', advice: 'fix-clock', measured: -360_000 });
    expect(failed.ok).toBe(false);
  });
});

describe('checkEnvironment with a stand-in browser scope', () => {
  it('passes every check a healthy window can pass without IndexedDB or workers', async () => {
    const report = await checkEnvironment({ now, scope: fakeWindow() });
    expect(item(report, 'secure-context').status).toBe('pass');
    expect(item(report, 'cookies').status).toBe('pass');
    expect(item(report, 'persistent-storage').status).toBe('pass');
    expect(item(report, 'browser')).toMatchObject({ status: 'pass', measured: 125 });
    expect(item(report, 'indexeddb')).toMatchObject({ status: 'fail', advice: 'update-browser' });
    expect(item(report, 'workers')).toMatchObject({ status: 'warn', advice: 'update-browser' });
  });

  it('fails secure-context and WebCrypto with use-https on an http:// page (crypto.subtle hidden)', async () => {
    const report = await checkEnvironment({ now, scope: fakeWindow({ isSecureContext: false, crypto: {} as Crypto }) });
    for (const id of ['secure-context', 'webcrypto-rsa', 'webcrypto-ecdsa', 'pbkdf2']) {
      expect(item(report, id)).toMatchObject({ status: 'fail', advice: 'use-https' });
    }
    expect(report.ok).toBe(false);
  });

  it('fails WebCrypto with update-browser when an algorithm is listed but refused', async () => {
    const refusing = { subtle: { generateKey: async () => { throw new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'); } } } as unknown as Crypto;
    const report = await checkEnvironment({ now, scope: fakeWindow({ crypto: refusing }) });
    expect(item(report, 'webcrypto-ecdsa')).toMatchObject({ status: 'fail', advice: 'update-browser' });
    expect(item(report, 'webcrypto-ecdsa').detail).toContain('NotSupportedError');
  });

  it('fails cookies with enable-cookies when they are disabled or not kept', async () => {
    const disabled = fakeWindow();
    disabled.navigator = { ...disabled.navigator, cookieEnabled: false };
    expect(item(await checkEnvironment({ now, scope: disabled }), 'cookies')).toMatchObject({ status: 'fail', advice: 'enable-cookies' });
    const dropping = fakeWindow({ document: { cookie: '', location: { protocol: 'https:' } } });
    Object.defineProperty(dropping.document, 'cookie', { get: () => '', set: () => undefined });
    expect(item(await checkEnvironment({ now, scope: dropping }), 'cookies')).toMatchObject({ status: 'fail', advice: 'enable-cookies' });
  });

  it('warns with allow-storage when persistent storage is not granted, and asks only when told to', async () => {
    let asked = 0;
    const scope = fakeWindow();
    scope.navigator = { ...scope.navigator, storage: { persisted: async () => false, persist: async () => { asked += 1; return false; } } };
    expect(item(await checkEnvironment({ now, scope }), 'persistent-storage')).toMatchObject({ status: 'warn', advice: 'allow-storage' });
    expect(asked).toBe(0);
    await checkEnvironment({ now, scope, requestPersistence: true });
    expect(asked).toBe(1);
  });

  it('fails IndexedDB with leave-private-mode when opening throws InvalidStateError (Firefox private windows)', async () => {
    const indexedDB = { open: () => { throw new DOMException('A mutation operation was attempted', 'InvalidStateError'); }, deleteDatabase: () => undefined } as unknown as IDBFactory;
    expect(item(await checkEnvironment({ now, scope: fakeWindow({ indexedDB }) }), 'indexeddb')).toMatchObject({ status: 'fail', advice: 'leave-private-mode' });
  });

  it('warns on an old browser with update-browser', async () => {
    const scope = fakeWindow();
    scope.navigator = { ...scope.navigator, userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:91.0) Gecko/20100101 Firefox/91.0' };
    expect(item(await checkEnvironment({ now, scope }), 'browser')).toMatchObject({ status: 'warn', advice: 'update-browser', measured: 91 });
  });
});

describe('checkEnvironment never throws for what it finds', () => {
  it('turns throwing getters, rejecting APIs and a throwing clock into fail items', async () => {
    const hostile = new Proxy({} as EnvironmentScope, { get: () => { throw new Error('hostile global'); } });
    const report = await checkEnvironment({ scope: hostile, now: () => { throw new Error('no clock'); }, serverTime: async () => new Date() });
    expect(report.items.map((entry) => entry.id)).toEqual([...environmentCheckIds]);
    expect(report.items.every((entry) => entry.status === 'fail')).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.checkedAt).toBeInstanceOf(Date);

    const scope = fakeWindow();
    scope.navigator = { ...scope.navigator, storage: { persisted: () => Promise.reject(new Error('boom')) } };
    expect(item(await checkEnvironment({ now, scope }), 'persistent-storage').status).toBe('fail');
  });

  it('fails a check that hangs past timeoutMs instead of waiting for ever', async () => {
    const scope = fakeWindow();
    scope.navigator = { ...scope.navigator, storage: { persisted: () => new Promise<boolean>(() => undefined) } };
    const report = await checkEnvironment({ now, scope, timeoutMs: 50, serverTime: () => new Promise(() => undefined) });
    expect(item(report, 'persistent-storage').status).toBe('fail');
    expect(item(report, 'clock-skew').status).toBe('fail');
  });

  it('keeps waiting when timeoutMs is longer than a timer can hold, instead of failing at once', async () => {
    let answer: (date: Date) => void = () => undefined;
    const serverTime = () => new Promise<Date>((resolve) => (answer = resolve));
    // An unclamped 3e9 ms (or Infinity) timer fires after 1 ms: before this 20 ms one, set later.
    for (const timeoutMs of [3e9, Infinity]) {
      const pending = checkEnvironment({ now, scope: fakeWindow(), timeoutMs, serverTime });
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer(now());
      expect(item(await pending, 'clock-skew').status).toBe('pass');
    }
  });

  it('rejects with ABORTED, and only then, when the signal fires', async () => {
    await expect(checkEnvironment({ now, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORTED' });
    const controller = new AbortController();
    const pending = checkEnvironment({ now, signal: controller.signal, serverTime: () => new Promise(() => undefined) });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
