// Every public crypto function refuses bad input with a CertCenterError, whatever the input:
// never a TypeError from a getter, a detached buffer or an object posing as bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createCsr, exportPkcs12, generateKeyPair, importPkcs12, isCertCenterError, parseCertificate, signCms, verifyCms,
} from '../../../src/core/index';
import { utf8 } from '../../../src/core/crypto/bytes';
import { createTestCa } from '../../support/test-ca';

const runs = Number((globalThis as { process?: { env?: Record<string, string> } }).process?.env?.FUZZ_RUNS ?? 0) || 150;

function boom(): never {
  throw new Error('boom');
}

/** An ArrayBuffer whose contents were transferred away: reading it throws TypeError. */
function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

/** A view made before its buffer was transferred away. */
function detachedView(): Uint8Array {
  const view = new Uint8Array(8);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

/** Objects that pass a naive check for bytes, options or keys, then throw when read. */
function impostors(): unknown[] {
  const detached = detachedBuffer();
  const throwingProxy = new Proxy({}, {
    get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom,
  });
  const viewWithThrowingBuffer = new Uint8Array(4);
  Object.defineProperty(viewWithThrowingBuffer, 'buffer', { get: boom });
  const everyFieldThrows = Object.defineProperties({}, Object.fromEntries(
    ['algorithm', 'extractable', 'keyPair', 'subject', 'privateKey', 'publicKey', 'certificate', 'chain', 'password',
      'iterations', 'compatibility', 'friendlyName', 'signal', 'signingTime', 'detached', 'signer', 'der', 'serialNumber']
      .map((name) => [name, { get: boom, enumerable: true }]),
  ));
  return [
    { [Symbol.toStringTag]: 'ArrayBuffer', get length() { return boom(); }, get byteLength() { return boom(); } },
    { [Symbol.toStringTag]: 'Uint8Array', buffer: detached, byteOffset: 0, byteLength: 8, length: 8 },
    Object.create(ArrayBuffer.prototype),
    Object.create(Uint8Array.prototype),
    detached,
    detachedView(),
    new DataView(new ArrayBuffer(4)),
    (() => { const b = new ArrayBuffer(16); const view = new Uint16Array(b, 2, 3); structuredClone(b, { transfer: [b] }); return view; })(),
    new Proxy(new Uint8Array(4), {}),
    throwingProxy,
    viewWithThrowingBuffer,
    everyFieldThrows,
    { signal: 'not a signal' },
    { signal: { aborted: false } },
    { toString: boom, valueOf: boom },
    Object.create(null),
    ...(typeof SharedArrayBuffer === 'function' ? [new SharedArrayBuffer(8)] : []),
  ];
}

/**
 * Stands for an impostor until the call: fast-check reads the values it generates, which a
 * throwing proxy would not survive.
 */
class Impostor {
  constructor(readonly index: number) {}
  toString() {
    return `impostor #${this.index}`;
  }
}

const impostorCount = impostors().length;
const junk = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withTypedArray: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withBigInt: true, withSparseArray: true }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: impostorCount - 1 }).map((index) => new Impostor(index)) },
);

/** The argument itself: impostors are made fresh for each call. */
function real(value: unknown): never {
  return (value instanceof Impostor ? impostors()[value.index] : value) as never;
}

interface Fixture {
  keyPair: CryptoKeyPair;
  certificatePem: string;
  signature: Uint8Array;
  pfx: Uint8Array;
}

let fixture: Fixture;

beforeAll(async () => {
  const ca = await createTestCa('ec');
  const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
  const certificatePem = await ca.issue(keyPair);
  const signature = await signCms(utf8('order'), { privateKey: keyPair.privateKey, certificate: certificatePem });
  const pfx = await exportPkcs12({ privateKey: keyPair.privateKey, certificate: certificatePem, password: 'abcd1234', iterations: 1 });
  fixture = { keyPair, certificatePem, signature, pfx };
});

/** Junk in one place of otherwise good arguments reaches deeper than junk everywhere. */
const calls = (f: () => Fixture) => fc.oneof(
  fc.tuple(junk).map(([options]) => ['generateKeyPair', () => generateKeyPair(real(options))] as const),
  fc.tuple(junk, junk).map(([params, options]) => ['createCsr', () => createCsr(real(params), real(options))] as const),
  fc.tuple(junk, junk).map(([subject, options]) => ['createCsr', () => createCsr({ keyPair: f().keyPair, subject: real(subject) } as never, real(options))] as const),
  fc.tuple(junk).map(([input]) => ['parseCertificate', () => parseCertificate(real(input))] as const),
  fc.tuple(junk).map(([params]) => ['exportPkcs12', () => exportPkcs12(real(params))] as const),
  fc.record({ chain: junk, password: junk, friendlyName: junk, compatibility: junk, signal: junk, iterations: fc.oneof(fc.constant(1), junk.filter(isNotLargeCount)) })
    .map((fields) => ['exportPkcs12', () => exportPkcs12({
      privateKey: f().keyPair.privateKey, certificate: f().certificatePem,
      ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, real(value)])),
    } as never)] as const),
  fc.tuple(junk, junk, junk).map(([data, password, options]) => ['importPkcs12', () => importPkcs12(real(data), real(password), real(options))] as const),
  fc.tuple(junk).map(([options]) => ['importPkcs12', () => importPkcs12(f().pfx, 'abcd1234', real(options))] as const),
  fc.tuple(junk, junk, junk).map(([data, signer, options]) => ['signCms', () => signCms(real(data), real(signer), real(options))] as const),
  fc.tuple(junk, junk).map(([chain, options]) =>
    ['signCms', () => signCms(utf8('order'), { privateKey: f().keyPair.privateKey, certificate: f().certificatePem, chain: real(chain) } as never, real(options))] as const),
  fc.tuple(junk).map(([certificate]) => ['signCms', () => signCms(utf8('order'), { privateKey: f().keyPair.privateKey, certificate: real(certificate) } as never)] as const),
  fc.tuple(junk, junk, junk).map(([signature, data, options]) => ['verifyCms', () => verifyCms(real(signature), real(data), real(options))] as const),
  fc.tuple(junk, junk).map(([data, options]) => ['verifyCms', () => verifyCms(f().signature, real(data), real(options))] as const),
);

/** Iteration counts that would make a valid export slow are not what this test is about. */
function isNotLargeCount(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'number' && value > 16);
}

/** What a call did: resolved, or rejected (or threw) with a CertCenterError, or something else. */
async function outcome(call: () => unknown): Promise<'resolved' | 'cert-center-error' | unknown> {
  try {
    await call();
    return 'resolved';
  } catch (error) {
    return isCertCenterError(error) ? 'cert-center-error' : error;
  }
}

describe('public crypto functions given junk', () => {
  it('fail only with a CertCenterError, never a raw TypeError, for any argument', async () => {
    await fc.assert(
      fc.asyncProperty(calls(() => fixture), async ([, call]) => {
        const result = await outcome(call);
        expect(result === 'resolved' || result === 'cert-center-error', String(result)).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('refuses an object that only claims to be an ArrayBuffer with INVALID_ARGUMENT', async () => {
    const impostor = { [Symbol.toStringTag]: 'ArrayBuffer', get length() { return boom(); } };
    expect(() => parseCertificate(impostor as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    await expect(importPkcs12(impostor as never, 'abcd1234')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signCms(impostor as never, { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(verifyCms(impostor as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses a detached buffer, or a view of one, with INVALID_ARGUMENT', async () => {
    const signer = { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem };
    for (const detached of [detachedBuffer(), detachedView()]) {
      await expect(signCms(detached, signer)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(verifyCms(detached)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(verifyCms(fixture.signature, detached)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(importPkcs12(detached, 'abcd1234')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(() => parseCertificate(detached)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('reads bytes from an ArrayBuffer, a DataView and a typed array alike', async () => {
    const signer = { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem };
    const data = utf8('order');
    for (const input of [data.slice().buffer, new DataView(data.slice().buffer), new Uint16Array(data.slice(0, 4).buffer)]) {
      const signature = await signCms(input, signer);
      const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      expect((await verifyCms(signature, bytes)).content).toEqual(bytes);
    }
  });

  it('treats null or undefined options as none', async () => {
    const signer = { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem };
    expect((await generateKeyPair(null as never)).privateKey.algorithm.name).toBe('RSASSA-PKCS1-v1_5');
    await expect(createCsr({ keyPair: fixture.keyPair, subject: { commonName: 'A123456789' } }, null as never)).resolves.toContain('CERTIFICATE REQUEST');
    await expect(importPkcs12(fixture.pfx, 'abcd1234', null as never)).resolves.toMatchObject({ integrity: 'mac' });
    const signature = await signCms(utf8('order'), signer, null as never);
    await expect(verifyCms(signature, utf8('order'), null as never)).resolves.toMatchObject({ signer: { commonName: 'A123456789' } });
    await expect(verifyCms(fixture.signature, null as never, undefined)).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
  });

  it('refuses missing params, and options that are not objects, with INVALID_ARGUMENT', async () => {
    const signer = { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem };
    await expect(createCsr(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(exportPkcs12(null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signCms(utf8('order'), null as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    for (const options of [1, 'fast', true]) {
      await expect(generateKeyPair(options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(createCsr({ keyPair: fixture.keyPair, subject: { commonName: 'A123456789' } }, options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(importPkcs12(fixture.pfx, 'abcd1234', options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(signCms(utf8('order'), signer, options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(verifyCms(fixture.signature, utf8('order'), options as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });

  it('refuses a signal that is not an AbortSignal, and bytes where bytes belong, with INVALID_ARGUMENT', async () => {
    const signer = { privateKey: fixture.keyPair.privateKey, certificate: fixture.certificatePem };
    const signal = { aborted: false } as never;
    await expect(createCsr({ keyPair: fixture.keyPair, subject: { commonName: 'A123456789' } }, { signal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(importPkcs12(fixture.pfx, 'abcd1234', { signal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signCms(utf8('order'), signer, { signal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(exportPkcs12({ ...signer, password: 'abcd1234', iterations: 1, signal })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(exportPkcs12({ ...signer, password: 'abcd1234', iterations: 1, chain: 'not a list' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(signCms(utf8('order'), { ...signer, chain: 5 as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // A number is not bytes, though `new Uint8Array(5)` would make five zero bytes of it.
    await expect(verifyCms(fixture.signature, 5 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(generateKeyPair({ algorithm: Object.create(null) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
