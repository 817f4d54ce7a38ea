// The core's public surface: framework-agnostic, for browsers, Node ≥ 22 and workers.
// What is not exported here is internal.
export { CertCenterError, isCertCenterError, isCertCenterErrorCode, contractErrorCodes, clientErrorCodes } from './errors';
export { generateKeyPair, keyAlgorithms } from './crypto/key-pair';

export type {
  CertCenterErrorCode,
  ContractErrorCode,
  ClientErrorCode,
  CertCenterErrorOptions,
  Problem,
} from './errors';
export type { KeyAlgorithmName, GenerateKeyPairOptions } from './crypto/key-pair';
