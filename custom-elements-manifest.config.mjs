// `npm run manifest` (and `npm run build`): custom-elements.json, the elements' public face
// (attributes, properties, events with their detail, slots, parts, custom properties) read from
// their sources and JSDoc, and from it, as Web Awesome wires it, the typings and editor data:
// React 19 JSX (dist/react), Vue (dist/vue), Svelte (dist/svelte), VS Code custom data and
// JetBrains web-types (dist/). Module paths name the published files (dist/src/…/*.js).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { customElementSveltePlugin } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

const outdir = 'dist';
/** Where each integration writes, and the one declaration file every typing imports the classes from. */
const out = { react: `${outdir}/react`, vue: `${outdir}/vue`, svelte: `${outdir}/svelte` };
const classTypes = '../types/components.js';

/** The elements register through `define('tag', Class)` (src/components/shared/define.ts), not `customElements.define`. */
function defineCalls() {
  return {
    name: 'cert-center-define-calls',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteral(tag) || !ts.isIdentifier(ctor)) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === ctor.text);
      if (!declaration) return;
      declaration.tagName = tag.text;
      declaration.customElement = true;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []).filter((e) => !(e.kind === 'custom-element-definition' && e.name === tag.text)),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: ctor.text, module: moduleDoc.path } },
      ];
    },
    packageLinkPhase({ customElementsManifest }) {
      // `define()` itself calls `customElements.define(tag, ctor)`: no element of its own.
      const tags = new Set(elements(customElementsManifest).map((d) => `${d.tagName} ${d.name}`));
      for (const mod of customElementsManifest.modules) {
        mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || tags.has(`${e.name} ${e.declaration.name}`));
      }
    },
  };
}

/**
 * The event classes (src/components/shared/events.ts): `class X extends Event`, named in its
 * `super('cert-…')` call, its data in `readonly detail`. The class gets its `detail` member, and
 * every element's events are completed from them: a `this.dispatchEvent(new X(…))` the analyzer
 * found without a name gets the class's name, a JSDoc `@fires name` without a type gets the class.
 */
function eventClasses() {
  const byName = new Map();
  const byClass = new Map();
  return {
    name: 'cert-center-event-classes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsEvent = node.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText() === 'Event'));
      if (!extendsEvent) return;
      const ctor = node.members.find((m) => ts.isConstructorDeclaration(m));
      if (!ctor?.body) return;
      let eventName;
      let cancelable = false;
      ctor.body.forEachChild(function visit(child) {
        if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const [first, options] = child.arguments;
          if (first && ts.isStringLiteral(first)) eventName = first.text;
          if (options && /cancelable:\s*true/.test(options.getText())) cancelable = true;
        }
        child.forEachChild(visit);
      });
      const detailParam = ctor.parameters.find((p) => p.name.getText() === 'detail');
      const detail = detailParam?.type?.getText().replace(/\s+/g, ' ');
      const classDoc = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      if (!eventName || !classDoc) return;
      if (detail) {
        classDoc.members = [
          ...(classDoc.members ?? []).filter((m) => m.name !== 'detail'),
          { kind: 'field', name: 'detail', type: { text: detail }, readonly: true, description: `The data of \`${eventName}\`.` },
        ];
      }
      const info = { name: eventName, className: node.name.text, detail, cancelable, description: classDoc.description };
      byName.set(eventName, info);
      byClass.set(node.name.text, info);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elements(customElementsManifest)) {
        const merged = new Map();
        for (const event of declaration.events ?? []) {
          const info = (event.name && byName.get(event.name)) || (event.type?.text && byClass.get(event.type.text));
          // A base class's dispatch says only what the base can fire; each element names what it fires.
          if (!event.name && event.inheritedFrom) continue;
          const name = event.name || info?.name;
          if (!name) continue; // a dispatched event of a class this plugin does not know: nothing to name it by
          const known = merged.get(name) ?? {};
          merged.set(name, {
            ...known,
            ...event,
            name,
            type: event.type ?? known.type ?? (info ? { text: info.className } : undefined),
            description: event.description || known.description || info?.description,
          });
        }
        declaration.events = [...merged.values()].map(({ inheritedFrom, ...event }) => ({ ...event, ...(inheritedFrom ? { inheritedFrom } : {}) }));
      }
    },
  };
}

/**
 * The design tokens of src/components/shared/styles.ts: the `--cert-*` properties on `:host` of
 * `tokens`, their defaults from the CSS and their words from the `@cssproperty` lines of its JSDoc.
 * Every element whose `static styles` include `shared` (all of them) takes them; an element's own
 * `@cssproperty` line for a token keeps its words and gets the default.
 */
function themeTokens() {
  let tokens = [];
  const users = new Set();
  return {
    name: 'cert-center-theme-tokens',
    analyzePhase({ ts, node }) {
      if (ts.isVariableStatement(node)) {
        const declaration = node.declarationList.declarations.find((d) => d.name.getText() === 'tokens');
        if (!declaration?.initializer || !ts.isTaggedTemplateExpression(declaration.initializer)) return;
        const cssText = declaration.initializer.template.getText();
        const hostBlock = /:host\s*\{([^}]*)\}/.exec(cssText)?.[1] ?? '';
        const words = new Map();
        for (const doc of node.jsDoc ?? []) {
          for (const tag of doc.tags ?? []) {
            const text = `${tag.name?.getText?.() ?? ''} ${typeof tag.comment === 'string' ? tag.comment : ''}`;
            const m = /^\s*(--[\w-]+)\s*-?\s*([\s\S]*)$/.exec(text);
            if (tag.tagName.getText() === 'cssproperty' && m) words.set(m[1], m[2].replace(/\s+/g, ' ').trim());
          }
        }
        tokens = [...hostBlock.matchAll(/(--cert-[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => ({
          name,
          default: value.replace(/\s+/g, ' ').trim(),
          description: words.get(name) ?? '',
        }));
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const styles = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'styles');
        if (styles?.initializer && /\bshared\b/.test(styles.initializer.getText())) users.add(node.name.text);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of elements(customElementsManifest)) {
        if (!users.has(declaration.name)) continue;
        const own = declaration.cssProperties ?? [];
        const byName = new Map(own.map((p) => [p.name, p]));
        for (const token of tokens) {
          const mine = byName.get(token.name);
          if (mine) mine.default ??= token.default;
          else own.push({ ...token });
        }
        declaration.cssProperties = own;
      }
    },
  };
}

/** `src/components/x/x.ts` → `dist/src/components/x/x.js`: the files the package ships. */
function publishedPaths() {
  const published = (p) => (typeof p === 'string' && /^(src|mocks)\/.*\.ts$/.test(p) ? `${outdir}/${p.replace(/\.ts$/, '.js')}` : p);
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if ((key === 'path' || key === 'module') && typeof v === 'string') value[key] = published(v);
        else walk(v);
      }
    }
  };
  return { name: 'cert-center-published-paths', packageLinkPhase: ({ customElementsManifest }) => walk(customElementsManifest.modules) };
}

/** The registered elements (base classes such as CertElement have no tag). */
function elements(manifest) {
  return manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.kind === 'class' && d.tagName);
}

/**
 * The integrations read a copy of the manifest without what a framework must not set: read-only
 * members (`form`, `validity`, … are getters; React would assign them and throw), and a property
 * that an attribute of the same name already stands for.
 */
function forTypings(plugin) {
  const settable = (manifest) => {
    const copy = structuredClone(manifest);
    for (const declaration of elements(copy)) {
      // A property named as an attribute of another field (`value`, the attribute of `defaultValue`) is one prop.
      const attributes = new Set((declaration.attributes ?? []).map((a) => a.name));
      declaration.members = (declaration.members ?? []).filter((m) => !m.readonly && !(m.kind === 'field' && !m.attribute && attributes.has(m.name)));
    }
    return copy;
  };
  return { ...plugin, packageLinkPhase: ({ customElementsManifest, ...rest }) => plugin.packageLinkPhase({ customElementsManifest: settable(customElementsManifest), ...rest }) };
}

/**
 * What the integrations write, made true for our elements and for each framework (below). They
 * type a handler as `CustomEvent<T>` with T the event's type, but ours are classes of their own
 * (`CertAppliedEvent extends Event`, with `detail`): the handler takes the class. Their import
 * lists repeat names and name DOM globals (`Event`): each class is imported once, DOM types not.
 */
function finishTypings() {
  const edit = (file, change) => writeFileSync(file, change(readFileSync(file, 'utf8')));
  const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  return {
    name: 'cert-center-finish-typings',
    packageLinkPhase({ customElementsManifest }) {
      const declared = new Set(customElementsManifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.name)));
      const common = (text) =>
        text
          .replace(/import type \{([^}]*)\} from "([^"]+)";/g, (whole, names, from) => {
            if (from !== classTypes) return whole;
            const unique = [...new Set(names.split(',').map((n) => n.trim()).filter((n) => n && declared.has(n)))];
            return `import type { ${unique.join(', ')} } from "${from}";`;
          })
          .replace(/CustomEvent<(\w*Event)>/g, '$1')
          .replace(/children\?: any;/, 'children?: unknown;');
      const tags = elements(customElementsManifest).map((d) => [d.tagName, d.name]);

      // React 19 sets a custom element's known properties as properties and adds a listener for
      // every other `on…` prop under the name after `on`, case kept: `oncert-applied` hears
      // `cert-applied` (an `onCertApplied` prop would listen for `CertApplied`). Each element also
      // takes React's props of any HTML element (`onClick`, `className`, `style`, a typed `ref`),
      // and the types augment `react`'s JSX namespace, which `react/jsx-runtime` re-exports.
      edit(`${out.react}/index.d.ts`, (text) =>
        `import type * as React from "react";
${common(text)}
/** The elements as React 19 renders them: their attributes, properties and events, and React's props of any HTML element. */
export type ReactCustomElements = {
${tags.map(([tag, name]) => `  "${tag}": CustomElements["${tag}"] & React.HTMLAttributes<${name}> & React.RefAttributes<${name}>;`).join('\n')}
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends ReactCustomElements {}
  }
}
`,
      );
      // Vue compiles `@cert-applied` on an element to the prop `onCertApplied` and listens for
      // `cert-applied`: the handler props are camel-cased. Templates are checked against
      // `GlobalComponents`; the global JSX block the integration adds is left out (it would put
      // Vue's component types into every JSX namespace of the program, React's included).
      edit(`${out.vue}/index.d.ts`, (text) =>
        common(text)
          .replace(/"on([a-z][\w-]*)"\?:/g, (_, name) => `${camel(`on-${name}`)}?:`)
          .replace(/\n\s*declare global \{\s*namespace JSX \{[\s\S]*?\}\s*\}\s*$/, '\n'),
      );
      // A file with imports is a module: `svelteHTML` must be declared global to be seen, and
      // Svelte has no global JSX namespace to take `JSX.Element` or `JSX.CSSProperties` from.
      edit(`${out.svelte}/index.d.ts`, (text) =>
        common(text)
          .replace(/\n\s*declare namespace svelteHTML \{([\s\S]*)\}\s*$/, '\ndeclare global {\n  namespace svelteHTML {$1}\n}\n')
          .replace(/children\?: JSX\.Element;/, 'children?: unknown;')
          .replace(/style\?: JSX\.CSSProperties;/, 'style?: string;'),
      );
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/shared/locales/**'],
  outdir: '.',
  litelement: true,
  // package.json names custom-elements.json itself ("customElements").
  packagejson: false,
  plugins: [
    defineCalls(),
    eventClasses(),
    themeTokens(),
    publishedPaths(),
    forTypings(customElementJsxPlugin({ outdir: out.react, fileName: 'index.d.ts', globalTypePath: classTypes, hideLogs: true })),
    forTypings(customElementVuejsPlugin({ outdir: out.vue, fileName: 'index.d.ts', globalTypePath: classTypes, hideLogs: true })),
    forTypings(customElementSveltePlugin({ outdir: out.svelte, fileName: 'index.d.ts', globalTypePath: classTypes, hideLogs: true })),
    finishTypings(),
    customElementVsCodePlugin({
      outdir,
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({
      outdir,
      webTypesFileName: 'web-types.json',
      packageJson: false,
      modulePathTemplate: (_name, modulePath) => `./${path.posix.relative(outdir, modulePath)}`,
      hideLogs: true,
    }),
  ],
};
