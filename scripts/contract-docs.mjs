#!/usr/bin/env node
// Renders mocks/openapi.yaml as docs/contract.md, the contract as a backend team reads it.
//   npm run contract:docs            writes the file
//   npm run contract:docs -- --check exits 1 when the checked-in file differs
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
export const sourcePath = `${root}mocks/openapi.yaml`;
export const targetPath = `${root}docs/contract.md`;

const methods = ['get', 'post', 'put', 'patch', 'delete'];

function refName(ref) {
  return ref.split('/').pop();
}

function resolve(document, node) {
  let current = node;
  while (current && current.$ref) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce((at, key) => at?.[key], document);
  }
  return current;
}

function cell(text) {
  return String(text ?? '').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A short type expression for a schema: `Name`, `string (date-time)`, `A[]`, `'a' \| 'b'`. */
function typeOf(schema) {
  if (!schema) return 'any';
  if (schema.$ref) return `[${refName(schema.$ref)}](#${refName(schema.$ref).toLowerCase()})`;
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (schema.anyOf || schema.oneOf) return (schema.anyOf ?? schema.oneOf).map(typeOf).join(' \\| ');
  if (schema.allOf) return schema.allOf.filter((s) => !('if' in s)).map(typeOf).join(' & ');
  if (schema.type === 'array') return `${typeOf(schema.items)}[]`;
  const extras = [];
  if (schema.format) extras.push(schema.format);
  if (schema.pattern) extras.push(`\`${schema.pattern}\``);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    extras.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? '∞'}`);
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    extras.push(`${schema.minimum ?? '−∞'}–${schema.maximum ?? '∞'}`);
  }
  return extras.length ? `${schema.type} (${extras.join(', ')})` : String(schema.type ?? 'object');
}

function fieldRows(schema) {
  const rows = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    rows.push(`| \`${name}\` | ${typeOf(property)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(property.description)} |`);
  }
  return rows;
}

function renderSchema(name, schema) {
  const lines = [`### ${name}`, ''];
  if (schema.description) lines.push(cell(schema.description), '');
  const parts = [...(schema.properties ? [schema] : []), ...(schema.allOf ?? []).filter((s) => !('if' in s))];
  if (parts.length === 0) parts.push(schema);
  const bases = parts.filter((p) => p.$ref).map((p) => typeOf(p));
  if (bases.length) lines.push(`All fields of ${bases.join(', ')}, and:`, '');
  const objects = parts.filter((p) => !p.$ref && (p.properties || p.type === 'object'));
  const rows = objects.flatMap(fieldRows);
  if (rows.length) {
    lines.push('| field | type | required | meaning |', '| --- | --- | --- | --- |', ...rows, '');
  } else if (!schema.allOf) {
    lines.push(`Type: ${typeOf(schema)}`, '');
  }
  if (schema.additionalProperties === false) lines.push('No other fields are accepted.', '');
  const conditions = (schema.allOf ?? []).filter((s) => 'if' in s);
  for (const condition of conditions) {
    const when = condition.if.properties.code;
    const codes = when.enum ?? [when.const];
    const then = condition.then.required
      ? `\`${condition.then.required.join('`, `')}\` is required`
      : Object.entries(condition.then.properties).map(([k, v]) => `\`${k}\` is ${JSON.stringify(v.const)}`).join(', ');
    lines.push(`- With \`code\` ${codes.map((c) => `\`${c}\``).join(' or ')}: ${then}.`);
  }
  if (conditions.length) lines.push('');
  const example = schema.examples?.[0];
  if (example !== undefined) lines.push('Example:', '', '```json', JSON.stringify(example, null, 2), '```', '');
  return lines;
}

function renderOperation(document, path, method, operation, pathParameters) {
  const lines = [`### \`${method.toUpperCase()} ${path}\``, ''];
  if (operation.summary) lines.push(operation.summary, '');
  if (operation.description) lines.push(operation.description.trim(), '');
  const parameters = [...pathParameters, ...(operation.parameters ?? [])].map((p) => resolve(document, p));
  if (parameters.length) {
    lines.push('| parameter | in | type | required | meaning |', '| --- | --- | --- | --- | --- |');
    for (const p of parameters) {
      lines.push(`| \`${p.name}\` | ${p.in} | ${typeOf(p.schema)} | ${p.required ? 'yes' : 'no'} | ${cell(p.description)} |`);
    }
    lines.push('');
  }
  const body = operation.requestBody?.content?.['application/json'];
  if (body) lines.push(`Request body (\`application/json\`): ${typeOf(body.schema)}`, '');
  lines.push('| status | body | meaning |', '| --- | --- | --- |');
  for (const [status, raw] of Object.entries(operation.responses)) {
    const response = resolve(document, raw);
    const [mediaType, media] = Object.entries(response.content ?? {})[0] ?? [];
    const bodyText = media ? `${typeOf(media.schema)} (\`${mediaType}\`)` : '—';
    const headers = Object.keys(response.headers ?? {});
    const meaning = cell(response.description) + (headers.length ? ` Headers: ${headers.map((h) => `\`${h}\``).join(', ')}.` : '');
    lines.push(`| ${status} | ${bodyText} | ${meaning} |`);
  }
  lines.push('');
  return lines;
}

/** The Markdown rendering of the document. */
export function generateContractDocs(yamlText) {
  const document = parse(yamlText);
  const lines = [
    '<!-- Generated from mocks/openapi.yaml by scripts/contract-docs.mjs — do not edit; run `npm run contract:docs`. -->',
    '',
    `# ${document.info.title} (version ${document.info.version})`,
    '',
    document.info.summary,
    '',
    `Base path: \`${document.servers[0].url}\`. Machine-readable: \`mocks/openapi.yaml\`, also served by the mock at \`GET ${document.servers[0].url}/openapi.json\`.`,
    '',
    document.info.description.trim().replace(/^## /gm, '### ').replace(/^/, ''),
    '',
    '## Calls',
    '',
    '| call | summary |',
    '| --- | --- |',
  ];
  const operations = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      if (!item[method]) continue;
      operations.push({ path, method, operation: item[method], pathParameters: item.parameters ?? [] });
      lines.push(`| \`${method.toUpperCase()} ${path}\` | ${cell(item[method].summary)} |`);
    }
  }
  lines.push('');
  for (const { path, method, operation, pathParameters } of operations) {
    lines.push(...renderOperation(document, path, method, operation, pathParameters));
  }
  lines.push('## Errors', '', 'Every error body is `application/problem+json`, a [ProblemDetails](#problemdetails).', '');
  lines.push('| response | meaning |', '| --- | --- |');
  for (const [name, response] of Object.entries(document.components.responses)) {
    const headers = Object.keys(response.headers ?? {});
    lines.push(`| ${name} | ${cell(response.description)}${headers.length ? ` Headers: ${headers.map((h) => `\`${h}\``).join(', ')}.` : ''} |`);
  }
  lines.push('', '## Schemas', '');
  for (const [name, schema] of Object.entries(document.components.schemas)) lines.push(...renderSchema(name, schema));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

async function main() {
  const generated = generateContractDocs(await readFile(sourcePath, 'utf8'));
  if (process.argv.includes('--check')) {
    const current = await readFile(targetPath, 'utf8').catch(() => '');
    if (current !== generated) {
      process.stderr.write('docs/contract.md is out of date: run npm run contract:docs\n');
      process.exit(1);
    }
    return;
  }
  await mkdir(new URL('../docs/', import.meta.url), { recursive: true });
  await writeFile(targetPath, generated);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
