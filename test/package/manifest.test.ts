// custom-elements.json is the elements' public face: what the README's "elements at a glance",
// the React / Vue / Svelte typings, the editors' data and Storybook are made from. `npm test`
// writes it first (scripts/test.sh runs `cem analyze`); here it must be complete and the README
// must say what it says.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

interface Item { name: string; description?: string; default?: string; type?: { text: string }; fieldName?: string; kind?: string; privacy?: string; static?: boolean; readonly?: boolean; attribute?: string }
interface Declaration { kind: string; name: string; tagName?: string; summary?: string; attributes?: Item[]; members?: Item[]; events?: Item[]; cssParts?: Item[]; cssProperties?: Item[]; slots?: Item[] }
interface Manifest { modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string; declaration: { module: string } }> }> }

let manifest: Manifest;
let elements: Declaration[];

beforeAll(async () => {
  const text = await readFile(join(root, 'custom-elements.json'), 'utf8').catch(() => {
    throw new Error('custom-elements.json is missing: run npm run manifest (npm test does)');
  });
  manifest = JSON.parse(text) as Manifest;
  elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.kind === 'class' && d.tagName);
});

/** Every `define('tag', Class)` of the elements' sources. */
async function registeredTags(): Promise<string[]> {
  const dir = join(root, 'src/components');
  const tags: string[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.ts')) continue;
    const source = await readFile(join(dir, entry), 'utf8');
    for (const m of source.matchAll(/^define\('([a-z][a-z0-9-]*)',/gm)) tags.push(m[1]!);
  }
  return tags.sort();
}

describe('custom-elements.json', () => {
  it('has every element the sources register, each defined by a module the package ships', async () => {
    expect(elements.map((d) => d.tagName).sort()).toEqual(await registeredTags());
    const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition'));
    expect(definitions.map((e) => e.name).sort()).toEqual(await registeredTags());
    for (const e of definitions) expect(e.declaration.module).toMatch(/^dist\/src\/components\/[a-z-]+\/[a-z-]+\.js$/);
  });

  it('gives every element a summary, and words to each attribute, property, method, event, slot, part and custom property', () => {
    const gaps: string[] = [];
    for (const d of elements) {
      if (!d.summary?.trim()) gaps.push(`<${d.tagName}>: no @summary`);
      const publicMembers = (d.members ?? []).filter((m) => !m.privacy && !m.static && !m.name.startsWith('#') && !/Callback$/.test(m.name));
      const items: Array<[string, Item[] | undefined]> = [
        ['attribute', d.attributes], ['member', publicMembers], ['event', d.events], ['slot', d.slots], ['part', d.cssParts], ['custom property', d.cssProperties],
      ];
      for (const [what, list] of items) for (const item of list ?? []) if (!item.description?.trim()) gaps.push(`<${d.tagName}> ${what} ${item.name || '(default)'}: no description`);
    }
    expect(gaps).toEqual([]);
  });

  it('names every event with its class, and every custom property with its default', () => {
    const gaps: string[] = [];
    for (const d of elements) {
      for (const e of d.events ?? []) if (!e.name || !e.type?.text) gaps.push(`<${d.tagName}> event ${e.name ?? '?'}: ${e.name ? 'no type' : 'no name'}`);
      for (const p of d.cssProperties ?? []) if (!p.default) gaps.push(`<${d.tagName}> ${p.name}: no default`);
    }
    expect(gaps).toEqual([]);
  });

  it('tells the detail of every event class the elements fire', () => {
    const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
    const types = new Set(elements.flatMap((d) => (d.events ?? []).map((e) => e.type?.text ?? '')).filter((t) => /^(Cert|Otp)\w*Event$/.test(t)));
    const withoutDetail = [...types].filter((t) => t !== 'CertLogoutEvent' && !declarations.find((d) => d.name === t)?.members?.some((m) => m.name === 'detail' && m.type?.text));
    expect(withoutDetail).toEqual([]);
  });
});

describe('README.md', () => {
  it("'the elements at a glance' is what npm run docs:elements makes from custom-elements.json", async () => {
    const failure = await run(process.execPath, ['scripts/docs-elements.mjs', '--check'], { cwd: root }).then(
      () => '',
      (error: { stderr?: string }) => error.stderr ?? 'failed',
    );
    expect(failure).toBe('');
  });
});
