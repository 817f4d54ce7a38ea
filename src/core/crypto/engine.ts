// The pkijs crypto engine over this realm's WebCrypto, made once and passed explicitly to
// every pkijs call: no global engine is set (STYLE.md: no global engines).
import { CryptoEngine } from 'pkijs';

let engine: CryptoEngine | undefined;

export function cryptoEngine(): CryptoEngine {
  engine ??= new CryptoEngine({ name: 'cert-center', crypto: globalThis.crypto });
  return engine;
}
