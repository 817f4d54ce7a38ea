// Types of size-measure.mjs, for the tests that import it.
import type { Metafile } from 'esbuild';

export interface SizeRow {
  /** Stable key of the row in size-budgets.json. */
  id: string;
  label: string;
  /** Minified bytes, every file of the row added up. */
  min: number;
  /** Minified and gzipped (level 9) bytes, each file on its own, added up. */
  gzip: number;
  /** The output files of the row. */
  files: string[];
}
export interface Budget {
  measured: number;
  budget: number;
}
export type Outputs = Record<string, Metafile['outputs'][string]>;
export interface Bundle {
  files: Map<string, Uint8Array>;
  outputs: Outputs;
  entry: string;
}

export const root: string;
export const budgetsFile: string;
export const headroom: number;
export const minHeadroomBytes: number;
export const lazyCrypto: ReadonlyArray<{ id: string; label: string; module: string }>;
export function isLazyCryptoModule(path: string): boolean;
export function bundle(entry: string | { name: string; contents: string }, options?: { splitting?: boolean; minify?: boolean }): Promise<Bundle>;
export function outputsOf(metafile: Metafile, outdir: string): Outputs;
export function staticClosure(outputs: Outputs, start: string | string[]): Set<string>;
export function reachable(outputs: Outputs, start: string | string[], kinds?: string[]): Set<string>;
export function modulesOf(outputs: Outputs, paths: Iterable<string>): Set<string>;
export function lazyFiles(outputs: Outputs, start: string): Set<string>;
export function chunkOf(outputs: Outputs, module: string): string | undefined;
export function measureSizes(): Promise<SizeRow[]>;
export function budgetsFor(rows: SizeRow[]): Record<string, Budget>;
export function readBudgets(): Promise<Record<string, Budget>>;
export function checkBudgets(rows: SizeRow[], budgets: Record<string, Budget>): string[];
export function formatTable(rows: SizeRow[], budgets?: Record<string, Budget>): string;
