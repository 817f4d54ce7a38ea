// What every story stands on: its own mock backend (the scenario, faults, a clock that stands
// still) behind MSW, a center of the core for the backend's first customer with its own IndexedDB
// database and the backend's clock, and countdown timers the story drives. Made by a loader, its
// handlers installed in `beforeEach({ msw })`, and kept while the story stays on screen (a switch
// of locale or scheme renders it again with the same kit), then closed and its database deleted.
import type { StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { HttpHandler } from 'msw';
import type {} from 'msw-storybook-addon/csf3';
import { createMockBackend, type MockBackend, type MockBackendOptions, type MockCustomer } from '../../mocks/index.ts';
import { createCertCenter, type CertCenter, type CertCenterOptions } from '../../src/core/index.ts';
import { createManualTimers, type ManualTimers } from '../../test/components/support/manual-timers.ts';

/** The mock's clock in every story: it stands still here unless a story moves it. */
export const NOW = new Date('2026-03-01T02:00:00.000Z');

export interface Kit {
  backend: MockBackend;
  center: CertCenter;
  /** The countdown's timers: the 60 秒 move only when a story calls `timers.advance(ms)`. */
  timers: ManualTimers;
  /** The customer the center speaks for (the scenario's). */
  customer: MockCustomer;
  /** The IndexedDB database of this story's center. */
  storeName: string;
  /** The latest code the mock "sent" to the customer (its inbox), as the phone would show it. */
  lastCode(): string;
  /** The backup files saved through the stand-in for the browser's save dialog. */
  saved: { name: string; bytes: Uint8Array }[];
  /** The center's network: `down` fails every request as a dropped connection; `hold` keeps the requests it picks unanswered. */
  network: { down: boolean; hold: ((request: Request) => boolean) | undefined };
}

export interface KitSpec {
  /** The backend: `scenario`, policy options; its clock starts at {@link NOW} unless `now` says otherwise. */
  backend?: MockBackendOptions;
  /** Options of the center (retries, a time-out, …). */
  center?: CertCenterOptions;
  /** What happened before the customer opened this page, done through the core (applied, imported, revoked, …). */
  before?: (kit: Kit) => Promise<void>;
  /** Once the page opens, the requests that stay on their way (to show loading, or the wait of 申請). */
  hold?: (request: Request) => boolean;
  /** Once the page opens, the server cannot be reached. */
  offline?: boolean;
  /** Answers of the story's own, before the backend's (MSW handlers). */
  handlers?: HttpHandler[];
}

const kits = new Map<string, { kit: Kit; prepared: boolean }>();
let serial = 0;

async function createKit(spec: KitSpec, storyId: string): Promise<Kit> {
  const backend = createMockBackend({ now: NOW, ...spec.backend });
  await backend.ready;
  const customer = backend.customers[0]!;
  const storeName = `cert-center-story-${storyId}-${Date.now()}-${++serial}`;
  const network: Kit['network'] = { down: false, hold: undefined };
  const base = {
    backend,
    customer,
    storeName,
    network,
    timers: createManualTimers(),
    saved: [],
    lastCode: () => {
      const message = backend.inbox.last(customer.idNumber);
      if (!message) throw new Error('the mock has sent no code yet');
      return message.code;
    },
  };
  const center = createCertCenter({
    getAccessToken: () => customer.token,
    clock: () => backend.clock.now(),
    name: storeName,
    // Fast keys and backups: the story shows the screens, not the cost of 600,000 iterations (nor
    // of a worker started for each story's backups).
    keyAlgorithm: 'ECDSA-P256',
    pkcs12Iterations: 2048,
    worker: false,
    retry: { limit: 2, backoffMs: 1 },
    fetch: (input, init) => {
      const request = new Request(input, init);
      if (network.down) return Promise.reject(new TypeError('Failed to fetch'));
      // Held: no answer while the story is on screen (an abort ends the wait).
      if (network.hold?.(request)) return new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
      return fetch(request);
    },
    ...spec.center,
  });
  return { ...base, center };
}

/**
 * The browser's save dialog (showSaveFilePicker) answered at once with a file kept in memory: a
 * story that saves a backup shows the same screens without a dialog of the operating system.
 */
function standInSaveDialog(kit: Kit): () => void {
  const original = Object.getOwnPropertyDescriptor(window, 'showSaveFilePicker');
  const picker = async ({ suggestedName }: { suggestedName: string }) => {
    const chunks: Uint8Array[] = [];
    return {
      name: suggestedName,
      createWritable: async () => ({
        write: async (data: Uint8Array) => void chunks.push(new Uint8Array(data)),
        close: async () => void kit.saved.push({ name: suggestedName, bytes: new Uint8Array(chunks.flatMap((c) => [...c])) }),
        abort: async () => undefined,
      }),
      remove: async () => undefined,
    };
  };
  Object.defineProperty(window, 'showSaveFilePicker', { configurable: true, writable: true, value: picker });
  return () => {
    if (original) Object.defineProperty(window, 'showSaveFilePicker', original);
    else delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  };
}

function dispose(kit: Kit): void {
  kit.center.close();
  indexedDB.deleteDatabase(kit.storeName);
}

/**
 * A story's backend and center: a loader makes them (once while the story is on screen), and
 * `beforeEach({ msw })` puts the backend's handlers behind the service worker, then plays what
 * happened before (`before`).
 */
export function scene(spec: KitSpec = {}): Pick<StoryObj, 'loaders' | 'beforeEach'> {
  return {
    loaders: [
      async (context) => {
        let entry = kits.get(context.id);
        if (!entry) kits.set(context.id, (entry = { kit: await createKit(spec, context.id), prepared: false }));
        return { kit: entry.kit };
      },
    ],
    async beforeEach({ msw, id, loaded }) {
      const kit = (loaded as { kit: Kit }).kit;
      // The addon's loader resets the handlers before every render: install them every time.
      msw.use(...kit.backend.handlers);
      if (spec.handlers) msw.use(...spec.handlers);
      const entry = kits.get(id);
      if (!entry || entry.prepared) return undefined;
      entry.prepared = true;
      const restorePicker = standInSaveDialog(kit);
      await spec.before?.(kit);
      kit.network.hold = spec.hold;
      kit.network.down = spec.offline ?? false;
      return () => {
        restorePicker();
        kits.delete(id);
        dispose(kit);
      };
    },
  };
}

/** The kit of the story being rendered or played. */
export function kitOf(context: Pick<StoryContext, 'loaded'>): Kit {
  const kit = (context.loaded as { kit?: Kit }).kit;
  if (!kit) throw new Error('this story has no scene(): its backend and center are missing');
  return kit;
}

