import { digest, hashInfo, type HashName } from './hash';

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
  const hLen = hashInfo(hash).outputLength;
  const out = new Uint8Array(length);
  const block = new Uint8Array(salt.length + 4);
  block.set(salt);
  for (let i = 1, offset = 0; offset < length; i++, offset += hLen) {
    block[salt.length] = i >>> 24;
    block[salt.length + 1] = (i >>> 16) & 0xff;
    block[salt.length + 2] = (i >>> 8) & 0xff;
    block[salt.length + 3] = i & 0xff;
    let u = hmac(hash, password, block);
    const t = u.slice();
    for (let j = 1; j < iterations; j++) {
      u = hmac(hash, password, u);
      for (let x = 0; x < t.length; x++) t[x] = t[x]! ^ u[x]!;
    }
    out.set(t.subarray(0, Math.min(hLen, length - offset)), offset);
  }
  return out;
}
