// The crypto that only some steps need, loaded when the first of them runs, so that the first
// paint of the elements fetches none of it: the CSR (apply, renew), CMS (sign, the renewal
// proof) and PKCS#12 (backups, when they run on this thread). A bundler makes each import() a
// chunk of its own (test/package/lazy-crypto.test.ts measures it); Node reads the module.
import type * as Csr from './crypto/csr';
import type * as Cms from './crypto/cms';
import type * as Pkcs12Export from './crypto/pkcs12/pkcs12-export';
import type * as Pkcs12Import from './crypto/pkcs12/pkcs12-import';
import { CertCenterError } from './errors';

/** Loads one module for `operation` (the name its error gives). */
export type ModuleLoader<M> = (operation: string) => Promise<M>;

/**
 * A loader of one module, memoised for the whole page (every center shares it). A load that
 * fails (the network, a chunk missing beside the bundle) is `NETWORK`, its cause kept, and the
 * next call tries again.
 */
export function lazyModule<M>(load: () => Promise<M>, what: string): ModuleLoader<M> {
  let loading: Promise<M> | undefined;
  return async (operation) => {
    // A loader that throws at once (not only one whose promise rejects) fails the same way.
    const pending = (loading ??= (async () => load())());
    try {
      return await pending;
    } catch (error) {
      if (loading === pending) loading = undefined;
      throw new CertCenterError('NETWORK', `${operation}: the ${what} code could not be loaded`, { cause: error });
    }
  };
}

export const loadCsr: ModuleLoader<typeof Csr> = /* @__PURE__ */ lazyModule(() => import('./crypto/csr'), 'certificate request');
export const loadCms: ModuleLoader<typeof Cms> = /* @__PURE__ */ lazyModule(() => import('./crypto/cms'), 'CMS signature');
export const loadPkcs12Export: ModuleLoader<typeof Pkcs12Export> = /* @__PURE__ */ lazyModule(() => import('./crypto/pkcs12/pkcs12-export'), 'PKCS#12 export');
export const loadPkcs12Import: ModuleLoader<typeof Pkcs12Import> = /* @__PURE__ */ lazyModule(() => import('./crypto/pkcs12/pkcs12-import'), 'PKCS#12 import');

// The public crypto functions of the core, each as its module has it; the first call loads the
// module (`NETWORK` if it cannot be loaded), every call then runs it.

/**
 * Makes a PKCS#10 certificate request signed with the pair's private key (SHA-256), PEM.
 * @example const csr = await createCsr({ keyPair, subject: { commonName: 'A123456789' } });
 */
export const createCsr: typeof Csr.createCsr = async (params, options) => (await loadCsr('createCsr')).createCsr(params, options);

/**
 * Signs bytes as CMS SignedData (RFC 5652): SHA-256, signed attributes (content type, message
 * digest, signing time), the signer certificate included; detached unless told otherwise.
 * Returns the DER ContentInfo, verifiable by `openssl cms -verify`.
 */
export const signCms: typeof Cms.signCms = async (data, signer, options) => (await loadCms('signCms')).signCms(data, signer, options);

/**
 * Verifies a CMS SignedData made by {@link signCms} (or OpenSSL): the signature over the signed
 * attributes, the message digest of the content, with the embedded or the given certificate.
 * @throws CertCenterError `CMS_MALFORMED` for a structure that is not SignedData,
 *   `CMS_INVALID_SIGNATURE` when the signature does not hold, `INVALID_ARGUMENT` for arguments
 *   of the wrong kind or a detached buffer.
 */
export const verifyCms: typeof Cms.verifyCms = async (signature, data, options) => (await loadCms('verifyCms')).verifyCms(signature, data, options);

/**
 * Writes the private key, its certificate and the chain into a password-protected PKCS#12 file
 * (definite-length DER). The key must be extractable and must match the certificate.
 * @example const pfx = await exportPkcs12({ privateKey, certificate, chain, password: 'abcd1234' });
 */
export const exportPkcs12: typeof Pkcs12Export.exportPkcs12 = async (params) => (await loadPkcs12Export('exportPkcs12')).exportPkcs12(params);

/**
 * Opens a PKCS#12 backup with its password: the private key, the matching certificate and the
 * rest of the chain. The work is bounded whatever the file (`maxPkcs12Work`).
 * @throws CertCenterError `PFX_MALFORMED`, `PFX_TOO_LARGE`, `PFX_TOO_COSTLY`, `PFX_BAD_PASSWORD`,
 *   `PFX_UNSUPPORTED_ALGORITHM`, `KEY_MISMATCH`; `INVALID_ARGUMENT` for arguments of the wrong
 *   kind or a detached buffer; `ABORTED`.
 */
export const importPkcs12: typeof Pkcs12Import.importPkcs12 = async (data, password, options) =>
  (await loadPkcs12Import('importPkcs12')).importPkcs12(data, password, options);
