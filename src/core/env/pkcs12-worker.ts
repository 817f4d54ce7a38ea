// Module worker that runs PKCS#12 export and import off the page's main thread: hundreds of
// thousands of key-derivation iterations would otherwise freeze the page. CryptoKey objects
// cross postMessage by structured clone; the password never leaves this exchange.
import { isCertCenterError } from '../errors';
import { exportPkcs12, type ExportPkcs12Params } from '../crypto/pkcs12/pkcs12-export';
import { importPkcs12, type ImportPkcs12Options } from '../crypto/pkcs12/pkcs12-import';

export type Pkcs12Request =
  | { id: number; op: 'export'; params: Omit<ExportPkcs12Params, 'signal'> }
  | { id: number; op: 'import'; data: Uint8Array; password: string; options: Omit<ImportPkcs12Options, 'signal'> };

export type Pkcs12Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: string; message: string; status?: number } };

const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<Pkcs12Request>) => void): void;
  postMessage(message: Pkcs12Reply): void;
};

scope.addEventListener('message', (event) => {
  const request = event.data;
  const work = request.op === 'export' ? exportPkcs12(request.params) : importPkcs12(request.data, request.password, request.options);
  work.then(
    (result) => scope.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        ok: false,
        error: isCertCenterError(error)
          ? { code: error.code, message: error.message }
          : { code: request.op === 'export' ? 'UNSUPPORTED_ALGORITHM' : 'PFX_MALFORMED', message: `PKCS#12 ${request.op} failed` },
      }),
  );
});
