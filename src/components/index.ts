// `import 'cert-center-sdk/components'` registers every element of the Certificate Center.
// Each element's own entry (`cert-center-sdk/components/<tag>`) registers it and what it uses.
export * from './shared/index';
export { CertDialog } from './cert-dialog/cert-dialog';
export { CertExport } from './cert-export/cert-export';
export { CertImport } from './cert-import/cert-import';
