// The lifecycle's shared test set: the whole seed journey, faults with resume, and bad inputs.
// Registered by a Node file (memory store, msw/node) and a browser file (IndexedDB, service worker).
import { expect, it } from 'vitest';
import { createCertCenter, type CertCenter, type CertCenterOptions } from '../../../src/core';
import type { CertStore } from '../../../src/core/store/cert-store';
import { utf8 } from '../../../src/core/crypto/bytes';
import type { MockBackend } from '../../../mocks';
import { openssl, opensslOk } from '../../support/openssl';

export interface JourneyContext {
  backend: () => MockBackend;
  /** A fresh store for one test; `same` returns the store of the current test again (a reload). */
  store: (same?: boolean) => CertStore;
  baseUrl: string;
  /** Every request body seen by the mock, for the search for secrets. */
  requestBodies: () => string[];
  worker?: boolean;
}

export function registerJourney(ctx: JourneyContext): void {
  const center = (extra: Partial<CertCenterOptions> = {}, sameStore = false): CertCenter => {
    const backend = ctx.backend();
    return createCertCenter({
      baseUrl: ctx.baseUrl,
      getAccessToken: () => backend.customers[0]!.token,
      store: ctx.store(sameStore),
      clock: () => backend.clock.now(),
      pkcs12Iterations: 2048,
      retry: { limit: 2, backoffMs: 1, maxBackoffMs: 5 },
      worker: ctx.worker ?? false,
      ...extra,
    });
  };

  const otpToken = async (c: CertCenter, purpose: 'apply' | 'renew' | 'revoke') => {
    const sent = await c.requestOtp(purpose);
    const code = ctx.backend().inbox.last()!.code;
    return (await c.verifyOtp(sent.otpId, code)).otpToken;
  };

  const applied = async (c: CertCenter) => {
    const consent = await c.consent();
    return c.apply({ otpToken: await otpToken(c, 'apply'), consentVersion: consent.version });
  };

  it('carries a customer through apply, back up, remove, import, check, renew, sign and revoke', async () => {
    const backend = ctx.backend();
    const c = center();
    expect(await c.resume()).toEqual([]);

    // Apply (申請): code, consent, progress through every step, stored before success.
    const sent = await c.requestOtp('apply');
    expect(sent.codeLength).toBe(4);
    expect(sent.channels.map((ch) => ch.to).join(' ')).toMatch(/\*{4}/);
    const steps: string[] = [];
    const { otpToken: token } = await c.verifyOtp(sent.otpId, backend.inbox.last()!.code);
    const consent = await c.consent();
    const credential = await c.apply({ otpToken: token, consentVersion: consent.version, onProgress: (s) => steps.push(s) });
    expect(steps).toEqual(['generating-key', 'storing-key', 'sending-request', 'storing-certificate', 'done']);
    expect(credential.status).toBe('valid');
    expect(credential.idNumber).toBe(backend.customers[0]!.idNumber);
    const overview = await c.overview();
    expect(overview.server.map((s) => s.serialNumber)).toEqual([credential.serialNumber]);
    expect(overview.local.map((l) => [l.serialNumber, l.status])).toEqual([[credential.serialNumber, 'valid']]);
    expect(overview.canApply).toBe(false);
    const storage = await c.storage();
    expect(typeof storage.persisted).toBe('boolean');

    // Back up (匯出): the password rule first, then a file OpenSSL opens with the chain inside.
    await expect(c.exportBackup({ serialNumber: credential.serialNumber, password: 'ab1' })).rejects.toMatchObject({ code: 'PASSWORD_POLICY' });
    await expect(c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234', confirmPassword: 'abcd1235' })).rejects.toMatchObject({ code: 'PASSWORD_POLICY' });
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234', confirmPassword: 'abcd1234' });
    expect(backup.fileName).toBe(`${backend.customers[0]!.idNumber}_cert.pfx`);
    const ca = await backend.ca();
    const opened = await opensslOk(['pkcs12', '-in', 'b.pfx', '-passin', 'pass:abcd1234', '-nodes', '-out', 'all.pem'], { files: { 'b.pfx': backup.bytes } });
    const pem = new TextDecoder().decode(opened.files['all.pem']);
    expect(pem).toContain('BEGIN PRIVATE KEY');
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    await opensslOk(['verify', '-CAfile', 'root.pem', '-untrusted', 'issuing.pem', 'all.pem'], { files: { 'root.pem': ca.rootPem, 'issuing.pem': ca.issuingPem, 'all.pem': pem } });

    // Remove, then check offers import (查無您有效憑證).
    await c.remove(credential.serialNumber);
    expect(await c.check()).toEqual([{ serialNumber: null, status: 'none', action: 'import' }]);
    await expect(c.sign(utf8('x'))).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });

    // Import (匯入) the backup: wrong password first; importing twice keeps one.
    await expect(c.importBackup(backup.bytes, 'abcd9999')).rejects.toMatchObject({ code: 'PFX_BAD_PASSWORD' });
    const imported = await c.importBackup(backup.bytes, 'abcd1234');
    await c.importBackup(backup.bytes, 'abcd1234');
    expect(imported.origin).toBe('imported');
    const checked = await c.check();
    expect(checked.map((r) => [r.serialNumber, r.status, r.action])).toEqual([[credential.serialNumber, 'valid', 'export']]);

    // Renew (更新) inside the window: the old certificate is revoked, only the new one is stored.
    await expect(otpToken(c, 'renew').then((t) => c.renew({ otpToken: t }))).rejects.toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
    backend.clock.set(new Date(credential.certificate.notAfter.getTime() - 10 * 86_400_000));
    const renewSteps: string[] = [];
    const renewed = await c.renew({ otpToken: await otpToken(c, 'renew'), onProgress: (s) => renewSteps.push(s) });
    expect(renewSteps).toEqual(['generating-key', 'signing-proof', 'storing-key', 'sending-request', 'storing-certificate', 'done']);
    expect(renewed.serialNumber).not.toBe(credential.serialNumber);
    expect(renewed.origin).toBe('renewed');
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([renewed.serialNumber]);
    const afterRenewal = await c.overview();
    expect(afterRenewal.server.find((s) => s.serialNumber === credential.serialNumber)?.status).toBe('revoked');

    // Sign (下單): a detached CMS signature OpenSSL verifies against the CA.
    const order = utf8('BUY 2330 1000 @ 1085.00');
    const signature = await c.sign(order);
    const verified = await openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 's.der', '-content', 'o.txt', '-CAfile', 'root.pem', '-purpose', 'any', '-attime', String(Math.floor(backend.clock.now().getTime() / 1000)), '-out', 'out.txt'], {
      files: { 's.der': signature, 'o.txt': order, 'root.pem': ca.rootPem },
    });
    expect(verified.stderr).toMatch(/Verification successful/);

    // Revoke (註銷): the local credential stays, invalid, and the check offers to remove it.
    const before = (await c.overview()).policy.revocationsLeft;
    const result = await c.revoke({ otpToken: await otpToken(c, 'revoke'), serialNumber: renewed.serialNumber });
    expect(result.revocationsLeft).toBe(before - 1);
    const rows = await c.check();
    expect(rows[0]).toMatchObject({ serialNumber: renewed.serialNumber, status: 'invalid', reason: 'revoked', action: 'remove' });
    expect(rows[1]).toEqual({ serialNumber: null, status: 'none', action: 'import' });
    await expect(c.sign(order)).rejects.toMatchObject({ code: 'CERT_REVOKED' });
    expect((await c.credentials())[0]).toMatchObject({ status: 'invalid', reason: 'revoked' });
    c.close();

    // Nothing secret ever left the browser: no password and no private key in any request.
    const bodies = ctx.requestBodies().join('\n');
    expect(bodies).not.toContain('abcd1234');
    expect(bodies).not.toMatch(/PRIVATE KEY/);
  });

  const faults = ['drop', 'commit-then-drop', 'http-500', 'http-503'] as const;
  for (const kind of faults) {
    it(`finishes an apply whose response was lost (${kind} on every try) on the next load, issuing one certificate`, async () => {
      const backend = ctx.backend();
      const first = center();
      const consent = await first.consent();
      const token = await otpToken(first, 'apply');
      for (let i = 0; i < 3; i++) backend.faults.next(kind, { method: 'POST', path: '/certificates' });
      await expect(first.apply({ otpToken: token, consentVersion: consent.version })).rejects.toMatchObject({ code: expect.stringMatching(/NETWORK|SERVER|INTERNAL/) });
      expect(await first.credentials()).toEqual([]);
      first.close();
      backend.faults.clear(); // a 503 asks for a longer wait than the client retries within

      const reloaded = center({}, true);
      const completed = await reloaded.resume();
      expect(completed).toHaveLength(1);
      expect(backend.issuedCount()).toBe(1);
      const [credential] = await reloaded.credentials();
      expect(credential?.status).toBe('valid');
      await expect(reloaded.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
      expect(await reloaded.resume()).toEqual([]);
    });

    it(`finishes a renewal whose response was lost (${kind}) on the next load, never leaving neither certificate`, async () => {
      const backend = ctx.backend();
      const first = center();
      const old = await applied(first);
      backend.clock.set(new Date(old.certificate.notAfter.getTime() - 5 * 86_400_000));
      const token = await otpToken(first, 'renew');
      for (let i = 0; i < 3; i++) backend.faults.next(kind, { method: 'POST', path: /renewal$/ });
      await expect(first.renew({ otpToken: token })).rejects.toBeDefined();
      expect((await first.credentials()).map((c) => c.serialNumber)).toEqual([old.serialNumber]);
      first.close();
      backend.faults.clear();

      const reloaded = center({}, true);
      const completed = await reloaded.resume();
      expect(completed).toHaveLength(1);
      expect(backend.issuedCount()).toBe(2);
      expect((await reloaded.credentials()).map((c) => c.serialNumber)).toEqual([completed[0]!.serialNumber]);
    });

    it(`revokes once when a revocation whose answer was lost (${kind} on every try) is sent again`, async () => {
      const backend = ctx.backend();
      const c = center();
      const credential = await applied(c);
      const token = await otpToken(c, 'revoke');
      for (let i = 0; i < 3; i++) backend.faults.next(kind, { method: 'POST', path: /revocation$/ });
      await expect(c.revoke({ otpToken: token, serialNumber: credential.serialNumber })).rejects.toMatchObject({ code: expect.stringMatching(/NETWORK|SERVER|INTERNAL/) });
      backend.faults.clear();
      // 重試: the same revocation again, with the same token (used up if the server got it the first time).
      const result = await c.revoke({ otpToken: token, serialNumber: credential.serialNumber });
      expect(result).toMatchObject({ serialNumber: credential.serialNumber, status: 'revoked', revocationsLeft: 2 });
      expect(backend.certificates(backend.customers[0]!.idNumber).filter((x) => x.revokedAt).map((x) => x.serialNumber)).toEqual([credential.serialNumber]);
      expect((await c.overview()).policy.revocationsLeft).toBe(2);
      expect((await c.credentials())[0]).toMatchObject({ status: 'invalid', reason: 'revoked' });
      c.close();
    });
  }

  // Faults before the certificate request: nothing is at stake yet, the error is clear and a
  // second try goes through (the client retries what is safe on its own).
  const earlySteps = [
    { step: 'sending the code', method: 'POST', path: '/otp' },
    { step: 'checking the code', method: 'POST', path: /\/verification$/ },
    { step: 'reading the consent', method: 'GET', path: '/consent' },
  ] as const;
  for (const { step, method, path } of earlySteps) {
    for (const kind of faults) {
      it(`survives ${kind} while ${step}: a clear error or a retry, then one certificate`, async () => {
        const backend = ctx.backend();
        const c = center();
        for (let i = 0; i < 3; i++) backend.faults.next(kind, { method, path });
        const first = await applied(c).then(
          (credential) => ({ credential }),
          (error: unknown) => ({ error }),
        );
        if ('error' in first) {
          expect(first.error).toMatchObject({ isCertCenterError: true, code: expect.stringMatching(/NETWORK|SERVER|INTERNAL|OTP_EXPIRED|OTP_INVALID/) });
          backend.faults.clear();
          await applied(c);
        }
        expect(backend.issuedCount()).toBe(1);
        expect(await c.credentials()).toHaveLength(1);
        c.close();
      });
    }
  }

  it('finishes the interrupted apply when the customer applies again, instead of making a second key', async () => {
    const backend = ctx.backend();
    const c = center();
    const consent = await c.consent();
    const token = await otpToken(c, 'apply');
    for (let i = 0; i < 3; i++) backend.faults.next('commit-then-drop', { method: 'POST', path: '/certificates' });
    await expect(c.apply({ otpToken: token, consentVersion: consent.version })).rejects.toMatchObject({ code: 'NETWORK' });
    backend.faults.clear();
    const again = await c.apply({ otpToken: await otpToken(c, 'apply'), consentVersion: consent.version });
    expect(backend.issuedCount()).toBe(1);
    expect(backend.issued()[0]!.serialNumber).toBe(again.serialNumber);
    expect(await c.resume()).toEqual([]);
    c.close();
  });

  for (const kind of ['apply', 'renew'] as const) {
    it(`finds the ${kind} issued before a lost answer even when the replay is refused a day later`, async () => {
      const backend = ctx.backend();
      const first = center();
      let old: Awaited<ReturnType<typeof applied>> | undefined;
      if (kind === 'renew') {
        old = await applied(first);
        backend.clock.set(new Date(old.certificate.notAfter.getTime() - 5 * 86_400_000));
      }
      const token = await otpToken(first, kind);
      const path = kind === 'apply' ? '/certificates' : /renewal$/;
      for (let i = 0; i < 3; i++) backend.faults.next('commit-then-drop', { method: 'POST', path });
      const attempt =
        kind === 'apply' ? first.apply({ otpToken: token, consentVersion: (await first.consent()).version }) : first.renew({ otpToken: token });
      await expect(attempt).rejects.toMatchObject({ code: 'NETWORK' });
      first.close();
      // A day later: the code token is long gone and the server no longer replays the key.
      backend.clock.advance(25 * 3_600_000);
      const reloaded = center({}, true);
      const completed = await reloaded.resume();
      expect(completed).toHaveLength(1);
      expect(backend.issuedCount()).toBe(kind === 'apply' ? 1 : 2);
      expect((await reloaded.credentials()).map((c) => c.serialNumber)).toEqual([completed[0]!.serialNumber]);
      await expect(reloaded.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
      reloaded.close();
    });
  }

  it('stores the certificate although the host\'s progress callback throws, and refuses a callback that is no function', async () => {
    const backend = ctx.backend();
    const c = center();
    const consent = await c.consent();
    await expect(c.apply({ otpToken: 'x', consentVersion: consent.version, onProgress: 1 as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const credential = await c.apply({
      otpToken: await otpToken(c, 'apply'),
      consentVersion: consent.version,
      onProgress: () => {
        throw new Error('the host page failed');
      },
    });
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([credential.serialNumber]);
    expect(backend.issuedCount()).toBe(1);
    c.close();
  });

  it('answers null, junk and impostor arguments with CertCenterError only', async () => {
    // (In Node the default relative base URL is refused, as a CertCenterError too.)
    try {
      createCertCenter(null).close();
    } catch (error) {
      expect(error).toMatchObject({ isCertCenterError: true, code: 'INVALID_ARGUMENT' });
    }
    expect(() => createCertCenter(5 as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    const c = center();
    await expect(c.profile(null as never)).resolves.toMatchObject({ idNumber: expect.any(String) });
    await expect(c.check(null as never)).resolves.toEqual([{ serialNumber: null, status: 'none', action: 'import' }]);
    for (const call of [
      () => c.apply(null as never),
      () => c.renew(undefined as never),
      () => c.revoke({ serialNumber: 7 } as never),
      () => c.exportBackup({ serialNumber: 'AB', password: null } as never),
      () => c.importBackup({ [Symbol.toStringTag]: 'ArrayBuffer', byteLength: 3 } as never, 'x'),
      () => c.sign('text' as never),
      () => c.verifyOtp(null as never, null as never),
      () => c.requestOtp('everything' as never),
      () => c.remove({} as never),
    ]) {
      await expect(call()).rejects.toMatchObject({ isCertCenterError: true });
    }
    c.close();
  });

  it('remembers a revocation across a reload: the credential stays invalid and never signs', async () => {
    const c = center();
    const credential = await applied(c);
    await c.revoke({ otpToken: await otpToken(c, 'revoke'), serialNumber: credential.serialNumber });
    c.close();
    const reloaded = center({}, true);
    expect((await reloaded.credentials())[0]).toMatchObject({ serialNumber: credential.serialNumber, status: 'invalid', reason: 'revoked' });
    await expect(reloaded.sign(utf8('order'))).rejects.toMatchObject({ code: 'CERT_REVOKED' });
    reloaded.close();
  });

  it('lists a damaged stored record for removal without hiding the others', async () => {
    const store = ctx.store();
    const c = center({ store });
    const credential = await applied(c);
    const stored = (await store.getCredential(credential.serialNumber))!;
    await store.putCredential({ ...stored, serialNumber: 'DEAD', certificate: new Uint8Array([0x30, 0x00]) });
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([credential.serialNumber]);
    const rows = await c.check();
    expect(rows).toContainEqual({ serialNumber: 'DEAD', status: 'invalid', reason: 'damaged', action: 'remove' });
    expect(rows.find((r) => r.serialNumber === credential.serialNumber)).toMatchObject({ status: 'valid', action: 'export' });
    await c.remove('DEAD');
    await expect(c.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
    c.close();
  });

  it('refuses a backup whose certificate only copies the serial number of one the broker issued', async () => {
    const backend = ctx.backend();
    const c = center();
    const credential = await applied(c);
    const forged = await opensslOk(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-set_serial', `0x${credential.serialNumber}`, '-subj', `/CN=${credential.idNumber}`]);
    const pfx = await opensslOk(['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-passout', 'pass:abcd1234', '-out', 'f.pfx'], { files: { 'k.pem': forged.files['k.pem']!, 'c.pem': forged.files['c.pem']! } });
    await c.remove(credential.serialNumber);
    await expect(c.importBackup(pfx.files['f.pfx']!, 'abcd1234')).rejects.toMatchObject({ code: 'CERT_NOT_YOURS' });
    expect(await c.credentials()).toEqual([]);
    expect(backend.issuedCount()).toBe(1);
    c.close();
  });

  it('says how many online revocations are left, and refuses one past the limit (REVOCATION_LIMIT)', async () => {
    const backend = ctx.backend();
    await backend.reset('revocation-limit');
    const c = center();
    const overview = await c.overview();
    expect(overview.policy.revocationsLeft).toBe(0);
    const current = overview.server.find((item) => item.status !== 'revoked')!;
    await expect(c.revoke({ otpToken: await otpToken(c, 'revoke'), serialNumber: current.serialNumber })).rejects.toMatchObject({ code: 'REVOCATION_LIMIT' });
    expect((await c.overview()).server.find((item) => item.serialNumber === current.serialNumber)?.status).not.toBe('revoked');
    c.close();
  });

  it('shows certificates of other devices apart from this customer\'s PC certificates', async () => {
    const backend = ctx.backend();
    await backend.reset('other-device');
    const c = center();
    const overview = await c.overview();
    expect(overview.server).toEqual([]);
    expect(overview.otherDevices.map((item) => item.device.kind)).toEqual(['mobile']);
    expect(overview.canApply).toBe(true);
    const credential = await applied(c); // the mobile certificate does not count against one PC certificate
    expect((await c.overview()).server.map((item) => item.serialNumber)).toEqual([credential.serialNumber]);
    c.close();
  });

  it('names the backup by the host\'s rule, and takes any Chinese or English file name the customer types', async () => {
    const c = center({ backupFileName: (id) => `${id}_BROKER.pfx` });
    const credential = await applied(c);
    expect((await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' })).fileName).toBe(`${credential.idNumber}_BROKER.pfx`);
    expect((await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234', fileName: '王小明的憑證' })).fileName).toBe('王小明的憑證.pfx');
    expect((await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234', fileName: 'backup 2026.p12' })).fileName).toBe('backup 2026.p12');
    await expect(c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234', fileName: '../secret' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    c.close();
  });

  it('recovers an apply whose tab closed while the request was in flight', async () => {
    const backend = ctx.backend();
    const first = center();
    const consent = await first.consent();
    const token = await otpToken(first, 'apply');
    const tab = new AbortController();
    backend.faults.next('latency', { method: 'POST', path: '/certificates', latencyMs: 300 });
    // The tab closes once the request is on its way (the server is slow to answer).
    const pending = first.apply({
      otpToken: token,
      consentVersion: consent.version,
      signal: tab.signal,
      onProgress: (step) => step === 'sending-request' && setTimeout(() => tab.abort(), 30),
    });
    await expect(pending).rejects.toMatchObject({ code: 'ABORTED' });
    first.close();
    const reloaded = center({}, true);
    const completed = await reloaded.resume();
    expect(completed).toHaveLength(1);
    expect(backend.issuedCount()).toBe(1);
  });

  it('drops a refused enrollment: an expired code token is not retried forever', async () => {
    const backend = ctx.backend();
    const c = center();
    const consent = await c.consent();
    await expect(c.apply({ otpToken: 'not-a-token', consentVersion: consent.version })).rejects.toMatchObject({ code: 'OTP_TOKEN_INVALID' });
    expect(await c.resume()).toEqual([]);
    expect(backend.issuedCount()).toBe(0);
  });

  it('gives every bad input its own error code', async () => {
    const backend = ctx.backend();
    const c = center();
    // One-time codes: wrong (with attempts left), locked on the third, voided by a resend, expired after 60 s.
    let sent = await c.requestOtp('apply');
    await expect(c.verifyOtp(sent.otpId, '0000' === backend.inbox.last()!.code ? '1111' : '0000')).rejects.toMatchObject({ code: 'OTP_INVALID', problem: { attemptsLeft: 2 } });
    await expect(c.verifyOtp(sent.otpId, 'abc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const first = sent;
    sent = await c.requestOtp('apply');
    await expect(c.verifyOtp(first.otpId, backend.inbox.all()[0]!.code)).rejects.toMatchObject({ code: 'OTP_EXPIRED' });
    backend.clock.advance(61_000);
    await expect(c.verifyOtp(sent.otpId, backend.inbox.last()!.code)).rejects.toMatchObject({ code: 'OTP_EXPIRED' });
    sent = await c.requestOtp('apply');
    const wrong = backend.inbox.last()!.code === '0000' ? '1111' : '0000';
    await expect(c.verifyOtp(sent.otpId, wrong)).rejects.toMatchObject({ code: 'OTP_INVALID' });
    await expect(c.verifyOtp(sent.otpId, wrong)).rejects.toMatchObject({ code: 'OTP_INVALID' });
    await expect(c.verifyOtp(sent.otpId, wrong)).rejects.toMatchObject({ code: 'OTP_LOCKED' });
    await expect(c.requestOtp('nonsense' as 'apply')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    // One PC certificate per ID: a second apply is CERT_EXISTS and stores nothing new.
    const credential = await applied(c);
    await expect(applied(c)).rejects.toMatchObject({ code: 'CERT_EXISTS' });
    expect(await c.credentials()).toHaveLength(1);
    expect(await c.resume()).toEqual([]);

    // Import checks: random bytes, an expired certificate, another customer's, a revoked one.
    await expect(c.importBackup(crypto.getRandomValues(new Uint8Array(700)), 'abcd')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
    await expect(c.importBackup('not bytes' as unknown as Uint8Array, 'abcd')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' });
    const other = createCertCenter({ baseUrl: ctx.baseUrl, getAccessToken: () => backend.customers[1]!.token, store: ctx.store(), clock: () => backend.clock.now(), worker: false });
    await expect(other.importBackup(backup.bytes, 'abcd1234')).rejects.toMatchObject({ code: 'CERT_NOT_YOURS' });
    backend.clock.set(new Date(credential.certificate.notAfter.getTime() + 86_400_000));
    await expect(c.importBackup(backup.bytes, 'abcd1234')).rejects.toMatchObject({ code: 'CERT_EXPIRED' });
    backend.clock.set(new Date(credential.certificate.notBefore.getTime() + 86_400_000));
    await c.revoke({ otpToken: await otpToken(c, 'revoke'), serialNumber: credential.serialNumber });
    await c.remove(credential.serialNumber);
    await expect(c.importBackup(backup.bytes, 'abcd1234')).rejects.toMatchObject({ code: 'CERT_REVOKED' });
    expect(await c.credentials()).toEqual([]);

    // Export of nothing, sign with nothing, remove of nothing.
    await expect(c.exportBackup({ serialNumber: 'ABCDEF', password: 'abcd1234' })).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    await expect(c.sign(utf8('x'))).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    await expect(c.remove('ABCDEF')).resolves.toBeUndefined();
    other.close();
    c.close();
  });

  it('shows a stored certificate whose key is not its own as invalid (key-mismatch) and offers removal', async () => {
    const backend = ctx.backend();
    const store = ctx.store();
    const c = center({ store });
    const credential = await applied(c);
    const stored = (await store.getCredential(credential.serialNumber))!;
    const stranger = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    await store.putCredential({ ...stored, privateKey: stranger.privateKey, publicKey: stranger.publicKey });
    const rows = await c.check();
    expect(rows[0]).toMatchObject({ serialNumber: credential.serialNumber, status: 'invalid', reason: 'key-mismatch', action: 'remove' });
    expect(rows[1]).toEqual({ serialNumber: null, status: 'none', action: 'import' });
    await expect(c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' })).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    await expect(c.sign(utf8('order'))).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    expect(backend.issuedCount()).toBe(1);
    c.close();
  });
}
