// The layer rules of ARCHITECTURE.md, checked on the source: the core stays framework-agnostic,
// only store/ and env/ touch browser APIs, elements reach the core through its public entry.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...files(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const source = (path: string) =>
  readFileSync(join(root, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const imports = (path: string) => [...source(path).matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);

describe('layers', () => {
  it('keeps src/core free of lit and of the elements', () => {
    const offenders = files('src/core').flatMap((f) =>
      imports(f).filter((i) => /^(lit|@lit\/)/.test(i) || i.includes('components/')).map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps src/core off pkijs and asn1js: X.509, PKCS#10 and CMS run on its own DER code', () => {
    const offenders = files('src/core').flatMap((f) =>
      imports(f).filter((i) => /^(pkijs|asn1js|@peculiar\/)/.test(i)).map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets only src/core/store and src/core/env touch browser APIs', () => {
    const browserApis = /\b(window|document|indexedDB|localStorage|sessionStorage|navigator|BroadcastChannel|Worker|IDB[A-Z]\w*)\b/;
    const offenders = files('src/core')
      .filter((f) => !/^src\/core\/(store|env)\//.test(relative('.', f)))
      .filter((f) => browserApis.test(source(f).replace(/'[^'\n]*'|`[^`]*`/g, "''")))
      .map((f) => `${f}: ${source(f).match(browserApis)?.[0]}`);
    expect(offenders).toEqual([]);
  });

  it('lets elements reach the core only through its public entry', () => {
    const offenders = files('src/components').flatMap((f) =>
      imports(f).filter((i) => /core\//.test(i) && !/core\/index(\.ts)?$/.test(i)).map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('leaves no console.log in library code', () => {
    const offenders = [...files('src'), ...files('mocks')].filter((f) => /console\.log\(/.test(source(f)));
    expect(offenders).toEqual([]);
  });
});
