import { keyGenParams, signParams, type KeyAlgorithmName } from '../crypto/key-pair';
import { describeError, elapsedSince, isBrowserScope, type EnvironmentScope } from './environment-scope';
import type { CheckOutcome } from './run-check';

const probe = new TextEncoder().encode('cert-center computer check');

// RFC 7914 §11 / the PBKDF2-HMAC-SHA256 vectors in wide use: P = "password", S = "salt",
// c = 4096, dkLen = 32. A wrong answer means a broken implementation, not a slow one.
const pbkdf2Vector = {
  iterations: 4096,
  expected: 'c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a',
};

/** WebCrypto's `subtle`, or the reason it is missing. */
function subtleOf(scope: EnvironmentScope): SubtleCrypto | CheckOutcome {
  const subtle = scope.crypto?.subtle;
  if (subtle) return subtle;
  // Browsers hide `crypto.subtle` outside secure contexts (http:// pages other than localhost).
  if (scope.isSecureContext === false) {
    return { status: 'fail', detail: 'crypto.subtle is missing: the page is not a secure context', advice: 'use-https' };
  }
  return { status: 'fail', detail: 'crypto.subtle is missing', advice: isBrowserScope(scope) ? 'update-browser' : undefined };
}

/**
 * Generates a key pair of `algorithm` (as the center does when applying), signs once and
 * verifies the signature: feature detection alone misses browsers that list an algorithm
 * and then refuse it.
 */
export async function checkSigning(scope: EnvironmentScope, algorithm: KeyAlgorithmName): Promise<CheckOutcome> {
  const subtle = subtleOf(scope);
  if (!isSubtle(subtle)) return subtle;
  const start = performance.now();
  try {
    const params = keyGenParams(algorithm);
    const pair = (await subtle.generateKey(params, false, ['sign', 'verify'])) as CryptoKeyPair;
    const signature = await subtle.sign(signParams(pair.privateKey), pair.privateKey, probe);
    const verified = await subtle.verify(signParams(pair.publicKey), pair.publicKey, signature, probe);
    const measured = elapsedSince(start);
    if (!verified) return { status: 'fail', detail: `${algorithm}: the signature did not verify`, advice: 'update-browser', measured };
    return { status: 'pass', detail: `${algorithm}: generated, signed and verified`, measured };
  } catch (error) {
    return { status: 'fail', detail: `${algorithm}: ${describeError(error)}`, advice: 'update-browser', measured: elapsedSince(start) };
  }
}

/**
 * PBKDF2-HMAC-SHA256 against a known answer, then an AES-256-CBC round trip with the derived
 * key: the two primitives of the .pfx backup (PBES2) that the browser must provide.
 */
export async function checkPbkdf2(scope: EnvironmentScope): Promise<CheckOutcome> {
  const subtle = subtleOf(scope);
  if (!isSubtle(subtle)) return subtle;
  const start = performance.now();
  try {
    const encoder = new TextEncoder();
    const base = await subtle.importKey('raw', encoder.encode('password'), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode('salt'), iterations: pbkdf2Vector.iterations },
      base,
      256,
    );
    if (hex(new Uint8Array(bits)) !== pbkdf2Vector.expected) {
      return { status: 'fail', detail: 'PBKDF2-HMAC-SHA256 gave a wrong answer', advice: 'update-browser', measured: elapsedSince(start) };
    }
    const aes = await subtle.importKey('raw', bits, 'AES-CBC', false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(16);
    const encrypted = await subtle.encrypt({ name: 'AES-CBC', iv }, aes, probe);
    const decrypted = new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv }, aes, encrypted));
    const measured = elapsedSince(start);
    if (hex(decrypted) !== hex(probe)) {
      return { status: 'fail', detail: 'AES-256-CBC did not round-trip', advice: 'update-browser', measured };
    }
    return { status: 'pass', detail: `PBKDF2-HMAC-SHA256 (${pbkdf2Vector.iterations} iterations) and AES-256-CBC work`, measured };
  } catch (error) {
    return { status: 'fail', detail: `PBKDF2 / AES-CBC: ${describeError(error)}`, advice: 'update-browser', measured: elapsedSince(start) };
  }
}

function isSubtle(value: SubtleCrypto | CheckOutcome): value is SubtleCrypto {
  return typeof (value as SubtleCrypto).generateKey === 'function';
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
