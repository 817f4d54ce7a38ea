#!/usr/bin/env node
// Generates src/core/api/contract-types.ts from mocks/openapi.yaml: one exported type per
// schema of the contract, so client and mock cannot drift from the document.
//   npm run contract:types            writes the file
//   npm run contract:types -- --check exits 1 when the checked-in file differs
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const sourcePath = `${root}mocks/openapi.yaml`;
export const targetPath = `${root}src/core/api/contract-types.ts`;

const banner = `// Generated from mocks/openapi.yaml by scripts/contract-types.mjs — do not edit.
// Run \`npm run contract:types\` after changing the contract.
/* eslint-disable */`;

/** Drops what TypeScript cannot express (conditional requirements) and points refs at $defs. */
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string') {
      // A $ref with siblings (a description) would become a numbered copy of the type.
      return { $ref: value.replace('#/components/schemas/', '#/$defs/') };
    }
    if (key === 'allOf' && Array.isArray(value)) {
      const kept = value.filter((part) => !('if' in part));
      if (kept.length > 0) out.allOf = kept.map(toJsonSchema);
      continue;
    }
    out[key] = toJsonSchema(value);
  }
  return out;
}

/** The TypeScript source for the document's schemas. */
export async function generateContractTypes(yamlText) {
  const document = parse(yamlText);
  const schemas = document.components.schemas;
  const $defs = {};
  for (const [name, schema] of Object.entries(schemas)) $defs[name] = { ...toJsonSchema(schema), title: name };
  const rootSchema = {
    title: 'ContractSchemas',
    description: 'Every schema of the REST contract by name.',
    type: 'object',
    additionalProperties: false,
    required: Object.keys(schemas),
    properties: Object.fromEntries(Object.keys(schemas).map((name) => [name, { $ref: `#/$defs/${name}` }])),
    $defs,
  };
  const source = await compile(rootSchema, 'ContractSchemas', {
    bannerComment: banner,
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    format: true,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 100 },
  });
  const cleaned = source.replace(/\n \*\n \* This interface was referenced by `ContractSchemas`'s JSON-Schema\n \* via the `definition` "\w+"\./g, '')
    .replace(/\/\*\*\n \* This interface was referenced by `ContractSchemas`'s JSON-Schema\n \* via the `definition` "\w+"\.\n \*\/\n/g, '');
  return `${cleaned.trimEnd()}\n`;
}

async function main() {
  const generated = await generateContractTypes(await readFile(sourcePath, 'utf8'));
  if (process.argv.includes('--check')) {
    const current = await readFile(targetPath, 'utf8').catch(() => '');
    if (current !== generated) {
      process.stderr.write('src/core/api/contract-types.ts is out of date: run npm run contract:types\n');
      process.exit(1);
    }
    return;
  }
  await writeFile(targetPath, generated);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
