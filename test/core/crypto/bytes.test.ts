import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isBytesLike, maxPemTextLength, parsePemBlocks, toBytes, toPem } from '../../../src/core/crypto/bytes';
import { parseCertificate } from '../../../src/core/crypto/certificate';

function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

describe('isBytesLike', () => {
  it('accepts ArrayBuffers and every kind of view', () => {
    const buffer = new ArrayBuffer(8);
    for (const input of [buffer, new Uint8Array(buffer), new Int32Array(buffer), new DataView(buffer, 2), new Float64Array(1)]) {
      expect(isBytesLike(input)).toBe(true);
    }
  });

  it('refuses objects that only claim to be an ArrayBuffer or borrow its prototype', () => {
    const impostor = { [Symbol.toStringTag]: 'ArrayBuffer', get length(): number { throw new Error('boom'); }, get byteLength(): number { throw new Error('boom'); } };
    expect(Object.prototype.toString.call(impostor)).toBe('[object ArrayBuffer]');
    for (const input of [impostor, Object.create(ArrayBuffer.prototype), Object.create(Uint8Array.prototype), new Proxy(new ArrayBuffer(4), {}), [1, 2], 'bytes', null, undefined, 3]) {
      expect(isBytesLike(input)).toBe(false);
    }
  });
});

describe('toBytes', () => {
  it('views the bytes of a buffer or a view without copying them', () => {
    const buffer = new Uint8Array([1, 2, 3, 4, 5]).buffer;
    const bytes = toBytes(new DataView(buffer, 1, 3));
    expect(Array.from(bytes)).toEqual([2, 3, 4]);
    expect(bytes.buffer).toBe(buffer);
    expect(Array.from(toBytes(buffer))).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads a view through its internal slots, not properties a caller redefined', () => {
    const view = new Uint8Array([7, 8, 9]);
    Object.defineProperty(view, 'buffer', { get: () => { throw new Error('boom'); } });
    Object.defineProperty(view, 'byteLength', { value: 1000 });
    expect(Array.from(toBytes(view))).toEqual([7, 8, 9]);
  });

  it('refuses a detached buffer, or a view of one, with INVALID_ARGUMENT', () => {
    const view = new Uint16Array(new ArrayBuffer(8), 2, 2);
    structuredClone(view.buffer, { transfer: [view.buffer] });
    const dataView = new DataView(new ArrayBuffer(8));
    structuredClone(dataView.buffer, { transfer: [dataView.buffer] });
    for (const input of [detachedBuffer(), view, dataView]) {
      expect(() => toBytes(input)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', isCertCenterError: true }));
    }
  });

  it('refuses what is not bytes with INVALID_ARGUMENT instead of making zero bytes of it', () => {
    for (const input of [5, { length: 3 }, [1, 2, 3], Object.create(ArrayBuffer.prototype)]) {
      expect(() => toBytes(input as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it.runIf(typeof SharedArrayBuffer === 'function')('copies shared memory into an ArrayBuffer of its own', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    shared.set([1, 2, 3, 4]);
    const bytes = toBytes(shared);
    expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
    shared[0] = 9;
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4]);
  });
});

describe('parsePemBlocks', () => {
  const label = fc.constantFrom('CERTIFICATE', 'CERTIFICATE REQUEST', 'PRIVATE KEY', 'CMS', 'X509 CRL');
  // Dashes, END lines and near-BEGINs, never a whole BEGIN marker.
  const between = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\n', '-', '=', '-----END A-----', 'BEGI') });

  it('finds every block, in order, among any text without markers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(between, label, fc.uint8Array({ maxLength: 200 }))), between, (parts, tail) => {
        const text = parts.map(([before, name, der]) => `${before}\n${toPem(der, name)}`).join('') + tail;
        expect(parsePemBlocks(text)).toEqual(parts.map(([, name, der]) => ({ label: name, der: Uint8Array.from(der) })));
      }),
    );
  });

  it('stops at a BEGIN without its END', () => {
    const block = toPem(new Uint8Array([1, 2, 3]), 'CERTIFICATE');
    expect(parsePemBlocks(`${block}-----BEGIN OTHER-----\nAQID\n${block}`)).toHaveLength(1);
    expect(parsePemBlocks(`-----BEGIN A-----\nAQID\n-----END B-----\n${block}`)).toEqual([]);
  });

  it('skips a marker that is not a BEGIN line and reads the block after it', () => {
    const block = toPem(new Uint8Array([1, 2, 3]), 'CERTIFICATE');
    expect(parsePemBlocks(`-----BEGIN lower-----\n-----BEGIN -----\n${block}`)).toHaveLength(1);
  });

  it('throws a TypeError for a block whose body is not base64', () => {
    expect(() => parsePemBlocks('-----BEGIN A-----\n*not base64*\n-----END A-----')).toThrow(TypeError);
  });

  it('reads hostile text up to the limit in one pass: a megabyte of BEGIN lines without an END yields nothing', () => {
    const hostile = '-----BEGIN A-----'.repeat(Math.floor(maxPemTextLength / 17));
    expect(hostile.length).toBeLessThanOrEqual(maxPemTextLength);
    expect(parsePemBlocks(hostile)).toEqual([]);
    expect(parsePemBlocks('-----BEGIN '.repeat(Math.floor(maxPemTextLength / 11)))).toEqual([]);
    expect(parsePemBlocks(`-----BEGIN ${'A'.repeat(maxPemTextLength - 20)}`)).toEqual([]);
  });

  it('refuses text over the limit, so a 2 MB hostile certificate fails as CERT_MALFORMED', () => {
    const hostile = '-----BEGIN A-----'.repeat(2 * 1024 * 1024 / 17);
    expect(() => parsePemBlocks(hostile)).toThrow(TypeError);
    expect(() => parseCertificate(hostile)).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
  });
});
