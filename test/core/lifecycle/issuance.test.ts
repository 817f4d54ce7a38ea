// The certificate a server answers with is checked before it is stored, and a key is never
// dropped after a 2xx. The hostile answers are made at run time: the mock CA issues honestly,
// and the center's fetch rewrites what comes back, as a broken or hostile server would send it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createMockBackend, type MockBackend } from '../../../mocks';
import { createCertCenter, type CertCenter, type CertCenterOptions, type CertificateDetail, type ServerCertificate } from '../../../src/core';
import { parseCertificate } from '../../../src/core/crypto/certificate';
import { utf8, toBytes } from '../../../src/core/crypto/bytes';
import { createMemoryStore } from '../../../src/core/store';
import type { CertStore } from '../../../src/core/store/cert-store';
import { buildCertificate, createAuthority, keyUsage, leafSpec, pem, type Authority, type CertificateSpec } from '../../support/certificate-builder';

const baseUrl = 'http://broker.test/api/cert-center/v1';
const day = 86_400_000;
const server = setupServer();
let backend: MockBackend;
let store: CertStore;
let forger: Authority;

/** Rewrites an honest answer carrying a certificate (a 201 of apply or renewal, or a GET of one). */
type Rewrite = (detail: CertificateDetail) => Promise<CertificateDetail>;

/**
 * The network between the center and the mock CA: it passes everything through, except that
 * while `rewrite` is set it replaces the certificate answers with what `rewrite` makes of them
 * (the same forgery for the same certificate, as one hostile server would keep sending), and
 * while `policy` is set it replaces the policy of `GET /certificates`.
 */
const network = {
  rewrite: undefined as Rewrite | undefined,
  /** Rewrite only the 201s, not `GET /certificates/{serialNumber}`. */
  onlyIssuance: false,
  policy: undefined as Record<string, unknown> | undefined,
  /** Replaces the items of `GET /certificates`. */
  items: undefined as ((honest: ServerCertificate[]) => ServerCertificate[]) | undefined,
  /** `GET /certificates/{serialNumber}` requests seen. */
  lookups: 0,
  forged: new Map<string, Promise<CertificateDetail>>(),
  fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const response = await fetch(request);
    const issuance = request.method === 'POST' && response.status === 201 && /\/certificates(\/[0-9A-F]+\/renewal)?$/.test(path);
    const lookup = request.method === 'GET' && response.status === 200 && /\/certificates\/[0-9A-F]+$/.test(path);
    const listing = request.method === 'GET' && response.status === 200 && /\/certificates$/.test(path);
    if (request.method === 'GET' && /\/certificates\/[0-9A-F]+$/.test(path)) network.lookups++;
    let body: unknown;
    if (network.rewrite && (issuance || (lookup && !network.onlyIssuance))) {
      const honest = (await response.json()) as CertificateDetail;
      const key = honest.serialNumber;
      if (!network.forged.has(key)) network.forged.set(key, network.rewrite(honest));
      body = await network.forged.get(key)!;
    } else if ((network.policy || network.items) && listing) {
      const honest = (await response.json()) as { items: ServerCertificate[]; policy: Record<string, unknown> };
      body = { items: network.items ? network.items(honest.items) : honest.items, policy: { ...honest.policy, ...network.policy } };
    } else return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  }) as typeof fetch,
};

beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'error' } as never);
  forger = await createAuthority(new Date('2026-03-01T00:00:00Z'), 'Unrelated');
});
afterAll(() => server.close());
beforeEach(async () => {
  backend = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'new-customer' });
  await backend.ready;
  server.resetHandlers(...backend.handlers);
  store = createMemoryStore();
  network.rewrite = undefined;
  network.onlyIssuance = false;
  network.policy = undefined;
  network.items = undefined;
  network.lookups = 0;
  network.forged.clear();
});
afterEach(() => server.resetHandlers());

const center = (extra: Partial<CertCenterOptions> = {}): CertCenter =>
  createCertCenter({
    baseUrl,
    getAccessToken: () => backend.customers[0]!.token,
    store,
    clock: () => backend.clock.now(),
    fetch: network.fetch,
    retry: { limit: 2, backoffMs: 1, maxBackoffMs: 5 },
    worker: false,
    ...extra,
  });

const otpToken = async (c: CertCenter, purpose: 'apply' | 'renew' | 'revoke') => {
  const sent = await c.requestOtp(purpose);
  return (await c.verifyOtp(sent.otpId, backend.inbox.last()!.code)).otpToken;
};
const apply = async (c: CertCenter) => c.apply({ otpToken: await otpToken(c, 'apply'), consentVersion: (await c.consent()).version });
const renew = async (c: CertCenter) => c.renew({ otpToken: await otpToken(c, 'renew') });
const customerId = () => backend.customers[0]!.idNumber;

/** The honest certificate re-issued by the unrelated CA for the same key, with overrides. */
const reissue = (overrides: Partial<CertificateSpec> & { commonName?: string } = {}, chain?: (honest: CertificateDetail) => string[]): Rewrite => async (honest) => {
  const real = parseCertificate(honest.certificate);
  const { commonName, ...spec } = overrides;
  const der = await buildCertificate(leafSpec(forger, { commonName: commonName ?? real.commonName, spki: toBytes(real.subjectPublicKeyInfo).slice() }, backend.clock.now(), spec));
  const serialNumber = parseCertificate(der).serialNumber;
  return { ...honest, serialNumber, certificate: pem(der), chain: chain ? chain(honest) : forger.chain };
};

const hostile: Array<{ rule: string; rewrite: () => Rewrite; options?: () => Promise<Partial<CertCenterOptions>> }> = [
  { rule: 'a certificate from an unrelated CA sent with the broker\'s chain', rewrite: () => reissue({}, (honest) => honest.chain) },
  {
    rule: 'a certificate and chain of an unrelated CA when the broker pins its root',
    rewrite: () => reissue(),
    options: async () => ({ trustAnchors: [(await backend.ca()).rootPem] }),
  },
  { rule: 'another customer\'s ID number as CN', rewrite: () => reissue({ commonName: backend.customers[1]!.idNumber }) },
  { rule: 'the masked ID number itself as CN', rewrite: () => reissue({ commonName: 'A103******' }) },
  { rule: 'a CA certificate (CA:TRUE)', rewrite: () => reissue({ ca: true }) },
  { rule: 'a key usage without digitalSignature or nonRepudiation', rewrite: () => reissue({ keyUsage: keyUsage.keyEncipherment }) },
  { rule: 'an expired certificate', rewrite: () => reissue({ notBefore: new Date(backend.clock.now().getTime() - 400 * day), notAfter: new Date(backend.clock.now().getTime() - day) }) },
  { rule: 'a certificate valid only from tomorrow', rewrite: () => reissue({ notBefore: new Date(backend.clock.now().getTime() + day) }) },
  { rule: 'a serialNumber in the answer that is not the certificate\'s', rewrite: () => async (honest) => ({ ...honest, serialNumber: honest.serialNumber.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }) },
  { rule: 'the certificate repeated inside the chain', rewrite: () => async (honest) => ({ ...honest, chain: [honest.certificate, ...honest.chain] }) },
  { rule: 'a chain that stops short of the root', rewrite: () => async (honest) => ({ ...honest, chain: honest.chain.slice(0, 1) }) },
];

describe('the issued certificate is checked before it is stored', () => {
  it('stores an honest certificate and chain, with the broker\'s root pinned or not', async () => {
    const pinned = await apply(center({ trustAnchors: [(await backend.ca()).rootPem] }));
    expect(pinned.status).toBe('valid');
    expect(pinned.chain.map((c) => c.subject)).toEqual([expect.stringContaining('Issuing CA'), expect.stringContaining('Root CA')]);
  });

  it('refuses trust anchors that are not CA certificates when created, with INVALID_ARGUMENT', async () => {
    const seeded = createMockBackend({ now: new Date('2026-03-01T00:00:00Z'), scenario: 'valid' });
    const leaf = (await seeded.seededCredential())!.certificatePem;
    for (const trustAnchors of [[], ['not a certificate'], [leaf], [new Uint8Array([1, 2, 3])], 'x']) {
      expect(() => createCertCenter({ baseUrl, trustAnchors: trustAnchors as never })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  for (const { rule, rewrite, options } of hostile) {
    it(`refuses ${rule} with CERT_INVALID_ISSUANCE; sign() cannot use it; the key is kept and gets the real certificate later`, async () => {
      const c = center(options ? await options() : {});
      network.rewrite = rewrite();
      await expect(apply(c)).rejects.toMatchObject({ code: 'CERT_INVALID_ISSUANCE' });
      expect(await c.credentials()).toEqual([]);
      await expect(c.sign(utf8('BUY 2330 1000'))).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
      expect(await store.listPending()).toHaveLength(1);
      expect(backend.issuedCount()).toBe(1);

      // Applying again while the server keeps sending it: the same clear code, no second key, no CERT_EXISTS.
      await expect(apply(c)).rejects.toMatchObject({ code: 'CERT_INVALID_ISSUANCE' });
      expect(await store.listPending()).toHaveLength(1);
      expect(backend.issuedCount()).toBe(1);

      // The server mends its answers: the kept key gets the certificate that was issued for it.
      network.rewrite = undefined;
      const completed = await c.resume();
      expect(completed.map((l) => l.serialNumber)).toEqual([backend.issued()[0]!.serialNumber]);
      expect(await store.listPending()).toEqual([]);
      await expect(c.sign(utf8('BUY 2330 1000'))).resolves.toBeInstanceOf(Uint8Array);
      expect(backend.issuedCount()).toBe(1);
      c.close();
    });
  }

  it('refuses a renewal certificate with CA:TRUE, keeps the old credential and the new key, and completes the renewal later', async () => {
    const c = center();
    const old = await apply(c);
    backend.clock.set(new Date(old.certificate.notAfter.getTime() - 5 * day));
    network.rewrite = reissue({ ca: true });
    await expect(renew(c)).rejects.toMatchObject({ code: 'CERT_INVALID_ISSUANCE' });
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([old.serialNumber]);
    expect(await store.listPending()).toHaveLength(1);
    expect(backend.issuedCount()).toBe(2);
    network.rewrite = undefined;
    const [renewed] = await c.resume();
    expect(renewed!.serialNumber).toBe(backend.issued()[1]!.serialNumber);
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([renewed!.serialNumber]);
    c.close();
  });

  it('refuses the broker\'s own certificate on import when it fails the checks, and stores nothing', async () => {
    const c = center();
    const credential = await apply(c);
    const backup = await c.exportBackup({ serialNumber: credential.serialNumber, password: 'abcd1234' });
    await c.remove(credential.serialNumber);
    network.rewrite = async (honest) => ({ ...honest, chain: honest.chain.slice(0, 1) });
    await expect(c.importBackup(backup.bytes, 'abcd1234')).rejects.toMatchObject({ code: 'CERT_INVALID_ISSUANCE' });
    expect(await c.credentials()).toEqual([]);
    network.rewrite = undefined;
    await expect(c.importBackup(backup.bytes, 'abcd1234')).resolves.toMatchObject({ status: 'valid' });
    c.close();
  });
});

describe('a key is never dropped after a 2xx', () => {
  /** Another key's certificate in the 201: the other customer's, which the mock holds. */
  const anotherKeys: Rewrite = async (honest) => {
    const theirs = backend.certificates(backend.customers[1]!.idNumber)[0]!;
    return { ...honest, serialNumber: theirs.serialNumber, certificate: theirs.certificatePem };
  };
  /** The center's lookup of the certificate list fails, every try of it. */
  const loseTheLookup = () => {
    for (let i = 0; i < 3; i++) backend.faults.next('drop', { method: 'GET', path: '/certificates' });
  };

  it('finds the certificate issued for the pending key on the server when the 201 carries another key\'s', async () => {
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    const c = center();
    const credential = await apply(c);
    expect(credential.serialNumber).toBe(backend.issued()[0]!.serialNumber);
    expect(await store.listPending()).toEqual([]);
    expect(backend.issuedCount()).toBe(1);
    c.close();
  });

  it('keeps the key when the 201 carries another key\'s certificate and the lookup fails; applying again completes it, never CERT_EXISTS', async () => {
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    const c = center();
    loseTheLookup();
    await expect(apply(c)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    expect(await store.listPending()).toHaveLength(1);
    expect(await c.credentials()).toEqual([]);
    const credential = await apply(c);
    expect(credential.serialNumber).toBe(backend.issued()[0]!.serialNumber);
    expect(backend.issuedCount()).toBe(1);
    expect(await store.listPending()).toEqual([]);
    await expect(c.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
    c.close();
  });

  it('finds it a day later through resume(), when the server no longer replays the request', async () => {
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    const first = center();
    loseTheLookup();
    await expect(apply(first)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    first.close();
    backend.clock.advance(25 * 3_600_000);
    const reloaded = center();
    const completed = await reloaded.resume();
    expect(completed.map((l) => l.serialNumber)).toEqual([backend.issued()[0]!.serialNumber]);
    expect(backend.issuedCount()).toBe(1);
    reloaded.close();
  });

  it('keeps the new key of a renewal whose 201 carries another key\'s certificate; the old credential stays until the renewal completes', async () => {
    const c = center();
    const old = await apply(c);
    backend.clock.set(new Date(old.certificate.notAfter.getTime() - 5 * day));
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    await c.overview(); // the policy is known, so the only list asked for is the lookup's
    loseTheLookup();
    await expect(renew(c)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([old.serialNumber]);
    expect(await store.listPending()).toHaveLength(1);
    const [renewed] = await c.resume();
    expect(renewed!.serialNumber).toBe(backend.issued()[1]!.serialNumber);
    expect((await c.credentials()).map((l) => l.serialNumber)).toEqual([renewed!.serialNumber]);
    expect(await store.listPending()).toEqual([]);
    c.close();
  });

  it('reads at most eight certificates of a hostile list of a thousand, and keeps the key it could not prove useless', async () => {
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    const at = backend.clock.now().getTime();
    // A thousand certificates "in force", all newer than the real one, none of them on the server.
    network.items = (honest) => [
      ...Array.from({ length: 1000 }, (_, i): ServerCertificate => ({
        ...honest[0]!,
        serialNumber: (0x10000 + i).toString(16).toUpperCase(),
        notBefore: new Date(at + (i + 1) * 1000).toISOString(),
      })),
      ...honest,
    ];
    const c = center();
    await expect(apply(c)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    expect(network.lookups).toBe(8);
    expect(await store.listPending()).toHaveLength(1);
    network.items = undefined;
    network.rewrite = undefined;
    expect((await c.resume()).map((l) => l.serialNumber)).toEqual([backend.issued()[0]!.serialNumber]);
    c.close();
  });

  it('drops a kept key once the server refuses its replay and holds no live certificate for it', async () => {
    network.rewrite = anotherKeys;
    network.onlyIssuance = true;
    const c = center();
    loseTheLookup();
    await expect(apply(c)).rejects.toMatchObject({ code: 'KEY_MISMATCH' });
    // The broker revokes what it issued for the key; a day later the replay is refused too.
    const issued = backend.issued()[0]!;
    backend.clock.advance(25 * 3_600_000);
    const other = center();
    await other.revoke({ otpToken: await otpToken(other, 'revoke'), serialNumber: issued.serialNumber });
    expect(await other.resume()).toEqual([]);
    expect(await store.listPending()).toEqual([]);
    network.rewrite = undefined;
    await expect(apply(other)).resolves.toMatchObject({ status: 'valid' });
    other.close();
    c.close();
  });
});

describe('the server policy is bounded, and a policy error never damages a record', () => {
  it('refuses renewBeforeDays: 1e9 as SERVER and keeps the stored credential valid, exportable and signing', async () => {
    const c = center();
    const credential = await apply(c);
    network.policy = { renewBeforeDays: 1e9 };
    await expect(c.overview()).rejects.toMatchObject({ code: 'SERVER' });
    const reloaded = center();
    expect(await reloaded.check()).toEqual([expect.objectContaining({ serialNumber: credential.serialNumber, status: 'valid', action: 'export' })]);
    expect((await reloaded.credentials()).map((l) => [l.serialNumber, l.status])).toEqual([[credential.serialNumber, 'valid']]);
    await expect(reloaded.sign(utf8('order'))).resolves.toBeInstanceOf(Uint8Array);
    await expect(renew(reloaded)).rejects.toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
    reloaded.close();
    c.close();
  });
});

describe('renew() says why it cannot renew', () => {
  it('answers RENEWAL_NOT_OPEN for a valid credential before its window, and renews once it opens', async () => {
    const c = center();
    const credential = await apply(c);
    await expect(renew(c)).rejects.toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
    await expect(c.renew({ otpToken: await otpToken(c, 'renew'), serialNumber: credential.serialNumber })).rejects.toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
    backend.clock.set(credential.renewFrom);
    await expect(renew(c)).resolves.toMatchObject({ status: 'valid', origin: 'renewed' });
    c.close();
  });

  it('answers NO_VALID_CREDENTIAL when nothing valid is stored: none, another serial, revoked, or past the window', async () => {
    const c = center();
    await expect(renew(c)).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    const credential = await apply(c);
    await expect(c.renew({ otpToken: await otpToken(c, 'renew'), serialNumber: 'ABCDEF' })).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    backend.clock.set(new Date(credential.renewUntil.getTime() + day));
    await expect(renew(c)).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    backend.clock.set(new Date(credential.certificate.notBefore.getTime() + day));
    await c.revoke({ otpToken: await otpToken(c, 'revoke'), serialNumber: credential.serialNumber });
    await expect(renew(c)).rejects.toMatchObject({ code: 'NO_VALID_CREDENTIAL' });
    c.close();
  });
});
