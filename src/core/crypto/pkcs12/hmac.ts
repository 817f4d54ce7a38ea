import { bytesToWords, digest, hashInfo, hmacIterate, hmacKeyStates, wordsToBytes, type HashName } from '../hash';
import { jsWeight, runSync, sliceUnits, type Sliced } from './work';

/** HMAC (RFC 2104) over the synchronous hashes: small inputs only (PKCS#12 MACs, PBKDF2 fallback). */
export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const { blockLength } = hashInfo(hash);
  const k = new Uint8Array(blockLength);
  k.set(key.length > blockLength ? digest(hash, key) : key);
  const inner = new Uint8Array(blockLength + data.length);
  const outer = new Uint8Array(blockLength + hashInfo(hash).outputLength);
  for (let i = 0; i < blockLength; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(data, blockLength);
  outer.set(digest(hash, inner), blockLength);
  return digest(hash, outer);
}

/** PBKDF2 (RFC 8018 §5.2) in JavaScript: the fallback where WebCrypto lacks a PRF or an empty password. */
export function pbkdf2Sync(hash: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  return runSync(pbkdf2Sliced(hash, password, salt, iterations, length));
}

/**
 * {@link pbkdf2Sync} in slices of at most {@link sliceUnits} (two compressions per iteration),
 * for `runSliced`: the HMAC key states are computed once, each iteration after the first
 * is two compressions in word form.
 */
export function* pbkdf2Sliced(hash: HashName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Sliced<Uint8Array> {
  const hLen = hashInfo(hash).outputLength;
  const keys = hmacKeyStates(hash, password);
  const weight = 2 * jsWeight[hash];
  const perSlice = Math.max(1, Math.floor(sliceUnits / weight));
  const out = new Uint8Array(length);
  const block = new Uint8Array(salt.length + 4);
  block.set(salt);
  for (let i = 1, offset = 0; offset < length; i++, offset += hLen) {
    block[salt.length] = i >>> 24;
    block[salt.length + 1] = (i >>> 16) & 0xff;
    block[salt.length + 2] = (i >>> 8) & 0xff;
    block[salt.length + 3] = i & 0xff;
    const u = bytesToWords(hmac(hash, password, block));
    const t = u.slice();
    for (let done = 1; done < iterations; ) {
      const n = Math.min(perSlice, iterations - done);
      hmacIterate(hash, keys, u, t, n);
      done += n;
      yield n * weight;
    }
    out.set(wordsToBytes(t, hLen).subarray(0, Math.min(hLen, length - offset)), offset);
  }
  return out;
}
