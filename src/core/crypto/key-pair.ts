import { CertCenterError, guard } from '../errors';
import { optionsArgument } from '../arguments';


/** Key algorithms the CA accepts (ARCHITECTURE.md: RSA ≥ 2048, P-256). */
export type KeyAlgorithmName = 'RSA-2048' | 'RSA-3072' | 'ECDSA-P256';

export const keyAlgorithms: readonly KeyAlgorithmName[] = ['RSA-2048', 'RSA-3072', 'ECDSA-P256'];

/** The WebCrypto parameters of each key algorithm: RSASSA-PKCS1-v1_5/SHA-256, or ECDSA P-256. */
export function keyGenParams(algorithm: KeyAlgorithmName): RsaHashedKeyGenParams | EcKeyGenParams {
  switch (algorithm) {
    case 'RSA-2048':
    case 'RSA-3072':
      return {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: algorithm === 'RSA-2048' ? 2048 : 3072,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      };
    case 'ECDSA-P256':
      return { name: 'ECDSA', namedCurve: 'P-256' };
    default:
      // Only a string goes into the message: String() of an object may throw.
      throw typeof algorithm === 'string'
        ? new CertCenterError('UNSUPPORTED_ALGORITHM', `generateKeyPair: unknown algorithm ${algorithm}`)
        : new CertCenterError('INVALID_ARGUMENT', 'generateKeyPair: algorithm must be a name such as RSA-2048');
  }
}

/** The signing parameters for a key (SHA-256 in both families). */
export function signParams(key: CryptoKey): AlgorithmIdentifier | EcdsaParams {
  return key.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: key.algorithm.name };
}

export interface GenerateKeyPairOptions {
  /** Default `RSA-2048` RSASSA-PKCS1-v1_5/SHA-256, what Taiwanese e-trading CAs issue. */
  algorithm?: KeyAlgorithmName;
  /** Whether the private key may be exported later into a PKCS#12 backup. Default `true`. */
  extractable?: boolean;
}

/**
 * Generates a signing key pair with WebCrypto. The public key is always extractable (it goes
 * into the CSR); the private key only when `extractable` (default true, for backups).
 * @example const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
 */
export function generateKeyPair(options?: GenerateKeyPairOptions | null): Promise<CryptoKeyPair> {
  return guard('INVALID_ARGUMENT', 'generateKeyPair: the options could not be read', () => generate(optionsArgument(options, 'generateKeyPair')));
}

async function generate(options: GenerateKeyPairOptions): Promise<CryptoKeyPair> {
  const algorithm = options.algorithm ?? 'RSA-2048';
  const { extractable } = options;
  if (extractable !== undefined && typeof extractable !== 'boolean') {
    throw new CertCenterError('INVALID_ARGUMENT', 'generateKeyPair: extractable must be true or false');
  }
  const params = keyGenParams(algorithm);
  return guard('UNSUPPORTED_ALGORITHM', `generateKeyPair: ${algorithm} is not available here`, async () => {
    const pair = (await crypto.subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
    if (extractable === false) {
      // Re-import the private key as non-extractable; WebCrypto sets one flag for both halves.
      const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
      const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, params, false, ['sign']);
      return { privateKey, publicKey: pair.publicKey };
    }
    return pair;
  });
}
