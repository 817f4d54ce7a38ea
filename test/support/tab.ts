// A second browsing context on the same origin (an iframe): its own realm, its own IndexedDB
// connection, Web Locks and BroadcastChannel, as another tab of the same site would have.
import { createCertCenter } from '../../src/core';
import { createIndexedDbStore } from '../../src/core/store';

export interface TabApi {
  createCertCenter: typeof createCertCenter;
  createIndexedDbStore: typeof createIndexedDbStore;
}

(window as unknown as { certCenterTab: TabApi }).certCenterTab = { createCertCenter, createIndexedDbStore };
window.parent.postMessage({ type: 'tab-ready' }, '*');
