import type { CertStore } from './cert-store';
import { createIndexedDbStore } from './indexeddb-store';
import { createMemoryStore } from './memory-store';

/** IndexedDB where the platform has it (browsers), memory elsewhere (Node). */
export function createDefaultStore(options: { name?: string } = {}): CertStore {
  const hasIndexedDb = typeof (globalThis as { indexedDB?: unknown }).indexedDB === 'object';
  return hasIndexedDb ? createIndexedDbStore(options.name === undefined ? {} : { name: options.name }) : createMemoryStore();
}
