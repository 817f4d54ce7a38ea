import type { CertStore } from './cert-store';
import type { StoreChannel } from './tab-sync';

/**
 * `store`, announcing each change that succeeded on `channel`, so every other tab of the
 * origin learns of it: a stored credential by its origin (`applied`, `renewed`, `imported`),
 * a deleted one as `removed`, pending enrollments as `pending-changed`. Only the kind and the
 * serial number are posted, never a key or a certificate. Failed calls announce nothing.
 * @example const store = observeStore(createIndexedDbStore(), createStoreChannel('cert-center'));
 */
export function observeStore(store: CertStore, channel: StoreChannel): CertStore {
  const announce = (kind: string, serialNumber?: string) =>
    channel.post({ type: 'store-changed', kind, ...(serialNumber === undefined ? {} : { serialNumber }) });
  return {
    listCredentials: () => store.listCredentials(),
    getCredential: (serialNumber) => store.getCredential(serialNumber),
    async putCredential(credential) {
      await store.putCredential(credential);
      announce(credential.origin, credential.serialNumber);
    },
    async deleteCredential(serialNumber) {
      await store.deleteCredential(serialNumber);
      announce('removed', serialNumber);
    },
    listPending: () => store.listPending(),
    getPending: (id) => store.getPending(id),
    async putPending(pending) {
      await store.putPending(pending);
      announce('pending-changed');
    },
    async deletePending(id) {
      await store.deletePending(id);
      announce('pending-changed');
    },
    async completeEnrollment(pendingId, credential, options) {
      await store.completeEnrollment(pendingId, credential, options);
      announce(credential.origin, credential.serialNumber);
    },
    persist: () => store.persist(),
    estimate: () => store.estimate(),
    close: () => store.close(),
  };
}
