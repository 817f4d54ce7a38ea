import { registerTabSyncContract } from './tab-sync-contract';

registerTabSyncContract('Node: navigator.locks and BroadcastChannel');
registerTabSyncContract('without Web Locks: a promise queue in this realm', { locks: null });
