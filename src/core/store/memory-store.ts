import type { CertStore, CompleteEnrollmentOptions, PendingEnrollment, StoredCredential } from './cert-store';
import { credentialRead, credentialToWrite, pendingIdArgument, pendingRead, pendingToWrite, serialArgument } from './store-records';
import { storeClosed } from './storage-errors';
import { CertCenterError } from '../errors';

/**
 * A store in memory with the same rules as the IndexedDB one (checked records, copies in and
 * out, atomic completion): for Node, workers without IndexedDB, and consumers' tests.
 * @example const center = createCertCenter({ store: createMemoryStore() });
 */
export function createMemoryStore(): CertStore {
  const credentials = new Map<string, StoredCredential>();
  const pending = new Map<string, PendingEnrollment>();
  let closed = false;
  const open = (operation: string) => {
    if (closed) throw storeClosed(operation);
  };
  return {
    async listCredentials() {
      open('listCredentials');
      return [...credentials.values()].map(credentialRead).filter((c): c is StoredCredential => c !== undefined);
    },
    async getCredential(serialNumber) {
      open('getCredential');
      const c = credentials.get(serialArgument(serialNumber, 'getCredential'));
      return c && credentialRead(c);
    },
    async putCredential(credential) {
      open('putCredential');
      const record = credentialToWrite(credential, 'putCredential');
      credentials.set(record.serialNumber, record);
    },
    async deleteCredential(serialNumber) {
      open('deleteCredential');
      credentials.delete(serialArgument(serialNumber, 'deleteCredential'));
    },
    async listPending() {
      open('listPending');
      return [...pending.values()].map(pendingRead).filter((p): p is PendingEnrollment => p !== undefined);
    },
    async getPending(id) {
      open('getPending');
      const p = pending.get(pendingIdArgument(id, 'getPending'));
      return p && pendingRead(p);
    },
    async putPending(record) {
      open('putPending');
      const checked = pendingToWrite(record, 'putPending');
      pending.set(checked.id, checked);
    },
    async deletePending(id) {
      open('deletePending');
      pending.delete(pendingIdArgument(id, 'deletePending'));
    },
    async completeEnrollment(pendingId: string, credential: StoredCredential, options?: CompleteEnrollmentOptions) {
      open('completeEnrollment');
      // Check everything before changing anything: all of it lands or none does.
      const id = pendingIdArgument(pendingId, 'completeEnrollment');
      const record = credentialToWrite(credential, 'completeEnrollment');
      const replace = options?.replace === undefined ? undefined : serialArgument(options.replace, 'completeEnrollment');
      if (!pending.has(id)) {
        throw new CertCenterError('INVALID_ARGUMENT', 'completeEnrollment: no such pending enrollment; nothing was written');
      }
      credentials.set(record.serialNumber, record);
      pending.delete(id);
      if (replace !== undefined && replace !== record.serialNumber) credentials.delete(replace);
    },
    async persist() {
      open('persist');
      return { persisted: false, supported: false };
    },
    async estimate() {
      open('estimate');
      return { supported: false };
    },
    async close() {
      closed = true;
    },
  };
}
