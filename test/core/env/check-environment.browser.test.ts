import { describe, expect, it, vi } from 'vitest';
import { checkEnvironment } from '../../../src/core/env/check-environment';
import { environmentCheckIds, type EnvironmentReport } from '../../../src/core/env/environment-report';

const item = (report: EnvironmentReport, id: string) => report.items.find((entry) => entry.id === id)!;
const serverAt = (offsetMs: number) => async () => new Date(Date.now() - offsetMs);

describe('checkEnvironment in headless Chromium', () => {
  it('passes every real check on a localhost page with an accurate server clock', async () => {
    const report = await checkEnvironment({ serverTime: serverAt(0) });
    expect(report.items.map((entry) => entry.id)).toEqual([...environmentCheckIds]);
    for (const id of ['secure-context', 'webcrypto-rsa', 'webcrypto-ecdsa', 'pbkdf2', 'indexeddb', 'clock-skew', 'cookies', 'browser', 'web-locks', 'workers']) {
      expect(item(report, id), id).toMatchObject({ status: 'pass' });
    }
    expect(report.ok).toBe(true);
  });

  it('stores a CryptoKey in IndexedDB and signs with it after reading it back', async () => {
    const report = await checkEnvironment({});
    expect(item(report, 'indexeddb')).toMatchObject({ status: 'pass', detail: expect.stringContaining('CryptoKey') });
  });

  it('probes workers with the PKCS#12 worker file the backups run in, never a blob: URL', async () => {
    const blobUrls = vi.spyOn(URL, 'createObjectURL');
    try {
      expect(item(await checkEnvironment({}), 'workers')).toMatchObject({ status: 'pass' });
      expect(blobUrls).not.toHaveBeenCalled();
    } finally {
      blobUrls.mockRestore();
    }
  });

  it('reports persistent storage as granted or as a warning with allow-storage, never as a failure', async () => {
    const entry = item(await checkEnvironment({ requestPersistence: true }), 'persistent-storage');
    expect(['pass', 'warn']).toContain(entry.status);
    if (entry.status === 'warn') expect(entry.advice).toBe('allow-storage');
  });

  it('names Chromium from its client hints and passes its version', async () => {
    const entry = item(await checkEnvironment({}), 'browser');
    expect(entry.status).toBe('pass');
    expect(entry.measured).toBeGreaterThanOrEqual(100);
  });

  it('warns beyond ±1 min and fails beyond ±5 min of skew against the server, with fix-clock', async () => {
    for (const offset of [90_000, -90_000]) {
      const report = await checkEnvironment({ serverTime: serverAt(offset) });
      expect(item(report, 'clock-skew')).toMatchObject({ status: 'warn', advice: 'fix-clock' });
      expect(report.ok).toBe(true);
    }
    for (const offset of [6 * 60_000, -6 * 60_000]) {
      const report = await checkEnvironment({ serverTime: serverAt(offset) });
      expect(item(report, 'clock-skew')).toMatchObject({ status: 'fail', advice: 'fix-clock' });
      expect(report.ok).toBe(false);
    }
  });

  it('leaves no probe database or cookie behind', async () => {
    await checkEnvironment({});
    const names = (await indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain('cert-center-computer-check');
    expect(document.cookie).not.toContain('cert-center-check');
  });
});
