#!/usr/bin/env node
// Generates src/core/api/contract-types.ts from mocks/openapi.yaml (one exported type per
// schema, so client and mock cannot drift from the document) and mocks/openapi-document.ts
// (the document itself, which the mock serves).
//   npm run contract:types            writes the file
//   npm run contract:types -- --check exits 1 when the checked-in file differs
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const sourcePath = `${root}mocks/openapi.yaml`;
export const targetPath = `${root}src/core/api/contract-types.ts`;
export const documentPath = `${root}mocks/openapi-document.ts`;

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

/** The document as a module, so the mock can serve it without a YAML parser or a file read. */
export function generateOpenapiModule(yamlText) {
  const json = JSON.stringify(parse(yamlText), null, 2);
  return `// Generated from mocks/openapi.yaml by scripts/contract-types.mjs — do not edit.
/** The OpenAPI 3.1 document of the REST contract, served by the mock at \`GET {baseUrl}/openapi.json\`. */
export const openapiDocument: Record<string, unknown> = ${json};
`;
}

async function main() {
  const yamlText = await readFile(sourcePath, 'utf8');
  const outputs = [
    [targetPath, await generateContractTypes(yamlText)],
    [documentPath, generateOpenapiModule(yamlText)],
  ];
  if (process.argv.includes('--check')) {
    let stale = false;
    for (const [path, generated] of outputs) {
      const current = await readFile(path, 'utf8').catch(() => '');
      if (current !== generated) {
        process.stderr.write(`${path.slice(root.length)} is out of date: run npm run contract:types\n`);
        stale = true;
      }
    }
    if (stale) process.exit(1);
    return;
  }
  for (const [path, generated] of outputs) await writeFile(path, generated);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
