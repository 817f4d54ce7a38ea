#!/usr/bin/env node
// Writes the README's "elements at a glance" from custom-elements.json (the manifest `npm run
// manifest` makes from the elements' sources and JSDoc), between its two markers.
//   npm run docs:elements                      regenerates the manifest, then the section
//   node scripts/docs-elements.mjs --check     exits 1 when the README's section is stale
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const readmePath = `${root}README.md`;
export const manifestPath = `${root}custom-elements.json`;
export const start = '<!-- elements:start (npm run docs:elements writes this section from custom-elements.json) -->';
export const end = '<!-- elements:end -->';

const code = (text) => `\`${String(text).replace(/\s+/g, ' ').trim()}\``;
const cell = (text) => String(text ?? '').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const codeCell = (text) => cell(code(text));

/** The Markdown section for a manifest. */
export function elementsSection(manifest) {
  const declarations = manifest.modules.flatMap((m) => m.declarations ?? []);
  const elements = declarations.filter((d) => d.kind === 'class' && d.tagName).sort((a, b) => order(a.tagName) - order(b.tagName) || a.tagName.localeCompare(b.tagName));
  const detailOf = (type) => declarations.find((d) => d.name === type)?.members?.find((m) => m.name === 'detail')?.type?.text;
  const cancelable = (type) => /cancelable/i.test(declarations.find((d) => d.name === type)?.description ?? '');
  // What every element shares: the attributes and properties of the base class, the theme tokens.
  const common = (d) => (m) => m.inheritedFrom?.name === 'CertElement';
  const tokens = tokenList(elements);
  const lines = [];

  const others = elements.filter((d) => !(d.members ?? []).some((m) => common(d)(m))).map((d) => code(`<${d.tagName}>`));
  lines.push(
    `${elements.length} elements. All but ${others.join(' and ')} take these, from their base class \`CertElement\`:`,
    '',
    '| attribute | property | type | |',
    '| --- | --- | --- | --- |',
  );
  const base = declarations.find((d) => d.name === 'CertElement');
  for (const field of (base?.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && m.description)) {
    lines.push(`| ${field.attribute ? code(field.attribute) : ''} | ${code(field.name)} | ${codeCell(field.type?.text ?? '')} | ${cell(field.description)} |`);
  }
  lines.push('');

  for (const d of elements) {
    const isCommon = common(d);
    const attributes = (d.attributes ?? []).filter((a) => !isCommon(a));
    const attributeFields = new Set(attributes.map((a) => a.fieldName));
    const properties = (d.members ?? []).filter((m) => m.kind === 'field' && !m.privacy && !m.static && !m.attribute && !m.readonly && !isCommon(m) && !attributeFields.has(m.name) && !attributes.some((a) => a.name === m.name));
    const methods = (d.members ?? []).filter((m) => m.kind === 'method' && !m.privacy && !m.static && m.description && !/Callback$/.test(m.name));
    const ownCss = (d.cssProperties ?? []).filter((p) => !tokens.names.has(p.name));
    lines.push(`### ${code(`<${d.tagName}>`)}`, '', cell(d.summary ?? d.description ?? ''), '');
    if (attributes.length || properties.length) {
      lines.push('| attribute | property | type | |', '| --- | --- | --- | --- |');
      for (const a of attributes) lines.push(`| ${code(a.name)} | ${a.fieldName ? code(a.fieldName) : ''} | ${codeCell(a.type?.text ?? 'string')} | ${cell(a.description)} |`);
      for (const p of properties) lines.push(`| | ${code(p.name)} | ${codeCell(p.type?.text ?? '')} | ${cell(p.description)} |`);
      lines.push('');
    }
    if (d.events?.length) {
      lines.push('| event | `detail` | |', '| --- | --- | --- |');
      for (const e of d.events) {
        const detail = detailOf(e.type?.text);
        const note = cancelable(e.type?.text) && !/cancel/i.test(e.description ?? '') ? ' Cancelable.' : '';
        lines.push(`| ${code(e.name)} | ${detail ? codeCell(detail) : '—'} | ${cell(e.description)}${note} |`);
      }
      lines.push('');
    }
    const facts = [];
    if (methods.length) facts.push(`**methods** ${methods.map((m) => code(`${m.name}()`)).join(', ')}`);
    if (d.slots?.length) facts.push(`**slots** ${d.slots.map((s) => (s.name ? code(s.name) : 'default')).join(', ')}`);
    if (d.cssParts?.length) facts.push(`**parts** ${d.cssParts.map((p) => code(p.name)).join(', ')}`);
    if (ownCss.length) facts.push(`**custom properties** ${ownCss.map((p) => `${code(p.name)}${p.default ? ` (${code(p.default)})` : ''}`).join(', ')}`);
    if (tokens.names.size && d.cssProperties?.some((p) => tokens.names.has(p.name))) facts.push('and the theme tokens');
    if (facts.length) lines.push(`${facts.join(' · ')}.`, '');
  }

  lines.push('### Theme tokens', '', 'Every element takes these `--cert-*` custom properties (defaults of the light scheme):', '', '| custom property | default | |', '| --- | --- | --- |');
  for (const t of tokens.list) lines.push(`| ${code(t.name)} | ${codeCell(t.default ?? '')} | ${cell(t.description)} |`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The theme tokens: the custom properties every element has, with the words of their definition. */
function tokenList(elements) {
  const [first, ...rest] = elements;
  const list = (first?.cssProperties ?? []).filter((p) => rest.every((d) => d.cssProperties?.some((q) => q.name === p.name)));
  // An element's own words for a token are about that element; the most common words are the token's.
  const tokens = list.map((t) => ({ ...t, description: leastSpecific(elements, t.name) ?? t.description }));
  return { list: tokens, names: new Set(tokens.map((t) => t.name)) };
}

/** The description most elements give a token (the shared one from src/components/shared/styles.ts). */
function leastSpecific(elements, name) {
  const counts = new Map();
  for (const d of elements) {
    const text = d.cssProperties?.find((p) => p.name === name)?.description;
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The shell first, then the menu's order, then the parts they are built of. */
function order(tag) {
  const menu = ['cert-center', 'cert-overview', 'cert-apply', 'cert-renew', 'cert-import', 'cert-export', 'cert-check', 'cert-revoke', 'env-check', 'cert-help', 'cert-announcements', 'cert-otp-step', 'otp-input', 'cert-dialog'];
  const i = menu.indexOf(tag);
  return i === -1 ? menu.length : i;
}

/** The README with its section replaced. */
export function withSection(readme, section) {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`README.md has no "${start}" … "${end}" section`);
  return `${readme.slice(0, from + start.length)}\n\n${section}\n${readme.slice(to)}`;
}

async function main() {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8').catch(() => {
    process.stderr.write('custom-elements.json is missing: run npm run manifest\n');
    process.exit(1);
  }));
  const readme = await readFile(readmePath, 'utf8');
  const next = withSection(readme, elementsSection(manifest));
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      process.stderr.write("README.md's elements section is out of date: run npm run docs:elements\n");
      process.exit(1);
    }
    return;
  }
  if (next !== readme) await writeFile(readmePath, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
