// Types of build-browser.mjs, for the tests that build the browser bundle.
import type { Metafile } from 'esbuild';

export function buildBrowserBundle(options?: { outdir?: string; write?: boolean }): Promise<{ metafile: Metafile; files: Map<string, Uint8Array> }>;
