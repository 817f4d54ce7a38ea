// Bytes made in another realm (here a vm context; in browsers an iframe or a worker's transfer).
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { isBytesLike, toBytes } from '../../../src/core/crypto/bytes';

describe('bytes from another realm', () => {
  it('are accepted by isBytesLike and read by toBytes', () => {
    const buffer = runInNewContext('new Uint8Array([1, 2, 3]).buffer') as ArrayBuffer;
    const view = runInNewContext('new DataView(new Uint8Array([4, 5, 6]).buffer, 1)') as DataView;
    expect(buffer instanceof ArrayBuffer).toBe(false);
    expect(isBytesLike(buffer)).toBe(true);
    expect(isBytesLike(view)).toBe(true);
    expect(Array.from(toBytes(buffer))).toEqual([1, 2, 3]);
    expect(Array.from(toBytes(view))).toEqual([5, 6]);
  });

  it('cannot be faked there either', () => {
    const impostor = runInNewContext('({ [Symbol.toStringTag]: "ArrayBuffer", byteLength: 4 })');
    expect(isBytesLike(impostor)).toBe(false);
  });
});
