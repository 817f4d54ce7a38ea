// The kit's small JSON Schema judge agrees with Ajv (the tests' judge) on the contract: every
// example of the document passes both, and every example broken in one place fails both.
import { describe, expect, it } from 'vitest';
import { schemaErrors, type SchemaName } from '../../src/conformance/schema.ts';
import { documentExamples, schemaErrors as ajvErrors } from '../mocks/contract.ts';

/** The examples of named schemas (the kit judges named schemas only). */
const examples = documentExamples().filter((e) => /^#\/components\/schemas\/[A-Za-z]+$/.test(e.pointer) && e.value !== null && typeof e.value === 'object');

/** One change at a time: each required field dropped, each field given the wrong type, a field too many. */
function broken(value: Record<string, unknown>): Array<{ how: string; value: unknown }> {
  const out: Array<{ how: string; value: unknown }> = [];
  for (const key of Object.keys(value)) {
    const { [key]: _, ...rest } = value;
    out.push({ how: `without ${key}`, value: rest });
    const wrong = typeof value[key] === 'string' ? 12345 : typeof value[key] === 'number' ? 'twelve' : 'not an object';
    out.push({ how: `${key} of the wrong type`, value: { ...value, [key]: wrong } });
  }
  out.push({ how: 'with an unknown field', value: { ...value, conformanceExtra: true } });
  return out;
}

describe('the kit’s schema judge', () => {
  it('passes every example of the document’s schemas, as Ajv does', () => {
    expect(examples.length).toBeGreaterThan(10);
    for (const { where, pointer, value } of examples) {
      const name = pointer.split('/').at(-1) as SchemaName;
      expect({ where, ajv: ajvErrors(pointer, value) }).toEqual({ where, ajv: null });
      expect({ where, kit: schemaErrors(name, value) }).toEqual({ where, kit: [] });
    }
  });

  it('agrees with Ajv on every example broken in one place', () => {
    let refused = 0;
    for (const { where, pointer, value } of examples) {
      const name = pointer.split('/').at(-1) as SchemaName;
      for (const change of broken(value as Record<string, unknown>)) {
        const ajv = ajvErrors(pointer, change.value) === null;
        const kit = schemaErrors(name, change.value).length === 0;
        expect({ where, how: change.how, valid: kit }).toEqual({ where, how: change.how, valid: ajv });
        if (!ajv) refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
  });
});
