// Verifies a certificate's chain up to its root with the core's own path validation
// (verifyCertificateChain), so the kit refuses exactly what a client refuses.
import { parseCertificate, verifyCertificateChain, type CertificateInfo } from '../core/index.ts';

/** Why a chain does not verify; `unsupported` when it uses an algorithm the kit cannot check. */
export class ChainProblem extends Error {
  readonly unsupported: boolean;

  constructor(message: string, options: { unsupported?: boolean } = {}) {
    super(message);
    this.unsupported = options.unsupported ?? false;
  }
}

/** What a verified chain showed. */
export interface VerifiedChain {
  /** Subjects from the leaf up to the root. */
  path: string[];
  root: CertificateInfo;
}

/**
 * Verifies `leafPem` against `chainPems` (issuing CA first, root last, never the leaf) as the
 * client does: each signature with the next certificate's key, linked names, CA issuers allowed
 * to sign, an end-entity leaf for signatures, a self-signed root, every certificate valid when
 * the leaf was issued. Throws {@link ChainProblem} saying what failed.
 */
export async function verifyChain(leafPem: string, chainPems: readonly string[]): Promise<VerifiedChain> {
  let leaf: CertificateInfo;
  let chain: CertificateInfo[];
  try {
    leaf = parseCertificate(leafPem);
    chain = chainPems.map((pem) => parseCertificate(pem));
  } catch {
    throw new ChainProblem('a certificate of the chain could not be read');
  }
  if (chain.length === 0) throw new ChainProblem('the chain is empty');
  const path = [leaf, ...chain];
  let result: Awaited<ReturnType<typeof verifyCertificateChain>>;
  try {
    // A real server's clock is not the kit's: the chain is judged at the leaf's issuance.
    result = await verifyCertificateChain({ certificate: leaf.der, chain: chain.map((c) => c.der), now: leaf.notBefore });
  } catch {
    throw new ChainProblem('a certificate of the chain could not be checked');
  }
  if (!result.valid) {
    const subject = path[result.at]?.subject ?? `certificate ${result.at}`;
    throw new ChainProblem(`"${subject}": ${result.detail} (${result.problem})`, { unsupported: result.problem === 'unsupported-algorithm' });
  }
  return { path: path.map((c) => c.subject), root: result.anchor };
}
