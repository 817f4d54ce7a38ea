// Writes a PKCS#12 backup (RFC 7292) that OpenSSL 3, Windows, macOS and browsers open.
import { CertCenterError, guard } from '../../errors';

import { keyMatchesCertificate, toCertificateInfo, type CertificateInput } from '../certificate';
import { der } from '../der';
import { digest, type HashName } from '../hash';
import { hmac } from './hmac';
import { oids } from '../oids';
import { encodePbes2Algorithm, pbes2Encrypt, pbes2Key, type Pbes2Params } from './pbes2';
import { bmpPassword, pkcs12KdfSliced } from './pkcs12-kdf';
import { pkcs12PbeEncryptSliced, pkcs12PbeOids } from './pkcs12-pbe';
import { runSliced } from './work';
import { signalArgument } from '../../arguments';
import { defaultPkcs12Iterations } from '../pkcs12-limits';

export { defaultPkcs12Iterations } from '../pkcs12-limits';

/** Windows refuses files above this count. */
export const maxExportIterations = 600_000;

export interface ExportPkcs12Params {
  privateKey: CryptoKey;
  certificate: CertificateInput;
  /** The issuing CA and up; written after the end-entity certificate. */
  chain?: CertificateInput[];
  password: string;
  friendlyName?: string;
  /** PBKDF2 / PBE and MAC iterations; default {@link defaultPkcs12Iterations}. */
  iterations?: number;
  /**
   * `modern` (default): PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and a SHA-256 MAC, what OpenSSL 3
   * and Windows 10 1709+ write. `legacy`: pbeWithSHAAnd3-KeyTripleDES-CBC and a SHA-1 MAC, for
   * macOS Keychain and Windows before 1709 / Server 2016, which cannot open the modern one.
   */
  compatibility?: 'modern' | 'legacy';
  signal?: AbortSignal;
}

/**
 * Writes the private key, its certificate and the chain into a password-protected PKCS#12 file
 * (definite-length DER). The key must be extractable and must match the certificate.
 * @example const pfx = await exportPkcs12({ privateKey, certificate, chain, password: 'abcd1234' });
 */
export function exportPkcs12(params: ExportPkcs12Params): Promise<Uint8Array> {
  return guard('INVALID_ARGUMENT', 'exportPkcs12: the arguments could not be read', () => write(params));
}

async function write(params: ExportPkcs12Params): Promise<Uint8Array> {
  if (typeof params !== 'object' || params === null) throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: params must be an object');
  const { privateKey, password, friendlyName } = params;
  const compatibility = params.compatibility ?? 'modern';
  const iterations = params.iterations ?? defaultPkcs12Iterations;
  const signal = signalArgument(params.signal, 'exportPkcs12');
  if (!privateKey || typeof privateKey !== 'object' || privateKey.type !== 'private') {
    throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: privateKey must be a private CryptoKey');
  }
  if (typeof password !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: password must be a string');
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > maxExportIterations) {
    throw new CertCenterError('INVALID_ARGUMENT', `exportPkcs12: iterations must be 1–${maxExportIterations}`);
  }
  if (compatibility !== 'modern' && compatibility !== 'legacy') {
    throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: compatibility is modern or legacy');
  }
  if (friendlyName !== undefined && typeof friendlyName !== 'string') throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: friendlyName must be a string');
  if (params.chain !== undefined && !Array.isArray(params.chain)) throw new CertCenterError('INVALID_ARGUMENT', 'exportPkcs12: chain must be a list of certificates');
  if (!privateKey.extractable) {
    throw new CertCenterError('KEY_NOT_EXTRACTABLE', 'exportPkcs12: this private key was stored as not exportable');
  }
  const certificate = toCertificateInfo(params.certificate);
  const chain = (params.chain ?? []).map(toCertificateInfo);
  if (!(await keyMatchesCertificate(privateKey, certificate))) {
    throw new CertCenterError('KEY_MISMATCH', 'exportPkcs12: the private key does not belong to the certificate');
  }
  return guard('UNSUPPORTED_ALGORITHM', 'exportPkcs12: could not write the file', async () => {
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey));
    signal?.throwIfAborted();
    const localKeyId = digest('SHA-1', certificate.der);
    const attributes = [
      ...(friendlyName ? [der.sequence(der.oid(oids.friendlyName), der.setOf(der.bmpString(friendlyName)))] : []),
      der.sequence(der.oid(oids.localKeyId), der.setOf(der.octetString(localKeyId))),
    ];
    const certBag = (certDer: Uint8Array, attrs: Uint8Array[]) =>
      der.sequence(
        der.oid(oids.certBag),
        der.explicit(0, der.sequence(der.oid(oids.x509Certificate), der.explicit(0, der.octetString(certDer)))),
        ...(attrs.length ? [der.setOf(...attrs)] : []),
      );
    const certContents = der.sequence(certBag(certificate.der, attributes), ...chain.map((c) => certBag(c.der, [])));
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

    let keyAlgorithm: Uint8Array;
    let encryptedKey: Uint8Array;
    let certAlgorithm: Uint8Array;
    let encryptedCerts: Uint8Array;
    let macHash: HashName;
    let macKey: Uint8Array;
    const macSalt = random(compatibility === 'modern' ? 16 : 8);

    if (compatibility === 'modern') {
      const keyParams: Pbes2Params = { prf: 'SHA-256', salt: random(16), iterations, cipher: 'AES-256-CBC', iv: random(16) };
      const certParams: Pbes2Params = { ...keyParams, salt: random(16), iv: random(16) };
      // Both PBKDF2 runs go to native WebCrypto at once; the MAC key derivation runs here meanwhile,
      // in slices that yield (our own file: nothing hostile to verify first).
      const keys = Promise.all([pbes2Key(keyParams, password), pbes2Key(certParams, password)]);
      keys.catch(() => undefined);
      macHash = 'SHA-256';
      macKey = await runSliced(pkcs12KdfSliced({ hash: macHash, password: bmpPassword(password), salt: macSalt, id: 3, iterations, length: 32 }), { signal });
      const [keyKey, certKey] = await keys;
      signal?.throwIfAborted();
      [encryptedKey, encryptedCerts] = await Promise.all([
        pbes2Encrypt(keyParams, keyKey, pkcs8),
        pbes2Encrypt(certParams, certKey, certContents),
      ]);
      keyAlgorithm = encodePbes2Algorithm(keyParams);
      certAlgorithm = encodePbes2Algorithm(certParams);
    } else {
      const oid = pkcs12PbeOids.pbeWithSHAAnd3KeyTripleDESCBC;
      const keySalt = random(8);
      const certSalt = random(8);
      encryptedKey = await runSliced(pkcs12PbeEncryptSliced({ oid, password, salt: keySalt, iterations, data: pkcs8 }), { signal });
      encryptedCerts = await runSliced(pkcs12PbeEncryptSliced({ oid, password, salt: certSalt, iterations, data: certContents }), { signal });
      const pbeParams = (salt: Uint8Array) => der.sequence(der.octetString(salt), der.integer(iterations));
      keyAlgorithm = der.algorithm(oid, pbeParams(keySalt));
      certAlgorithm = der.algorithm(oid, pbeParams(certSalt));
      macHash = 'SHA-1';
      macKey = await runSliced(pkcs12KdfSliced({ hash: macHash, password: bmpPassword(password), salt: macSalt, id: 3, iterations, length: 20 }), { signal });
    }

    const keyBag = der.sequence(
      der.oid(oids.pkcs8ShroudedKeyBag),
      der.explicit(0, der.sequence(keyAlgorithm, der.octetString(encryptedKey))),
      der.setOf(...attributes),
    );
    const dataInfo = (contents: Uint8Array) => der.sequence(der.oid(oids.data), der.explicit(0, der.octetString(contents)));
    const encryptedInfo = der.sequence(
      der.oid(oids.encryptedData),
      der.explicit(0, der.sequence(der.integer(0), der.sequence(der.oid(oids.data), certAlgorithm, der.implicitPrimitive(0, encryptedCerts)))),
    );
    const authSafe = der.sequence(encryptedInfo, dataInfo(der.sequence(keyBag)));
    const mac = hmac(macHash, macKey, authSafe);
    const macData = der.sequence(
      der.sequence(der.algorithm(macHash === 'SHA-256' ? oids.sha256 : oids.sha1, null), der.octetString(mac)),
      der.octetString(macSalt),
      der.integer(iterations),
    );
    return der.sequence(der.integer(3), dataInfo(authSafe), macData);
  });
}
