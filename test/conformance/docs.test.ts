// The backend guide lists every rule the kit runs, so a backend team can read what each one checks.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceRules } from '../../src/conformance/index.ts';

const guide = readFileSync(new URL('../../docs/backend-guide.md', import.meta.url), 'utf8');

describe('docs/backend-guide.md', () => {
  it('has a row for every rule of the kit, in the order they run', () => {
    const table = guide.slice(guide.indexOf('### The rules'));
    const rows = [...table.matchAll(/^\| `([a-z0-9][a-z0-9-]*)` \|/gm)].map((m) => m[1]);
    expect(rows).toEqual(conformanceRules.map((r) => r.id));
  });
});
