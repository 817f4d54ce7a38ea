// `npm run manifest`: custom-elements.json, the elements' public face (attributes, properties,
// events with their detail, slots, parts, custom properties) read from their sources and JSDoc.

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
  };
}

/**
 * Events with their class and `detail`: each `class XEvent extends Event` of the elements names its
 * event in `super('x', …)` and types `readonly detail`. An event the analyzer found only as
 * `dispatchEvent(new XEvent(…))` gets its name, every event its class (`type`) and the type of its
 * `detail`, and an event documented twice (JSDoc and a dispatch) is listed once.
 */
function eventDetails() {
  const classes = new Map();
  return {
    name: 'cert-center-event-details',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const extendsEvent = node.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText() === 'Event'));
      const constructor = node.members.find(ts.isConstructorDeclaration);
      if (!extendsEvent || !constructor?.body) return;
      const superCall = constructor.body.statements
        .map((s) => (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) ? s.expression : undefined))
        .find((call) => call?.expression.kind === ts.SyntaxKind.SuperKeyword);
      const [eventName] = superCall?.arguments ?? [];
      if (!eventName || !ts.isStringLiteral(eventName)) return;
      const detail = constructor.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'detail');
      classes.set(node.name.text, { name: eventName.text, ...(detail?.type ? { detail: detail.type.getText().replace(/\s+/g, ' ') } : {}) });
    },
    packageLinkPhase({ customElementsManifest }) {
      const byName = new Map([...classes].map(([className, info]) => [info.name, { className, ...info }]));
      for (const mod of customElementsManifest.modules ?? []) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.events) continue;
          const merged = new Map();
          for (const event of declaration.events) {
            const name = event.name ?? classes.get(event.type?.text)?.name;
            if (!name) continue;
            const before = merged.get(name);
            const info = byName.get(name);
            // Inherited only when every mention of it is.
            const inheritedFrom = before && !before.inheritedFrom ? undefined : event.inheritedFrom;
            merged.set(name, {
              ...before,
              ...event,
              name,
              description: event.description || before?.description,
              inheritedFrom,
              ...(info ? { type: { text: info.className } } : {}),
              ...(info?.detail ? { detail: { text: info.detail } } : {}),
            });
          }
          declaration.events = [...merged.values()].map((event) => Object.fromEntries(Object.entries(event).filter(([, v]) => v !== undefined && v !== '')));
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  // The help's sections (zh-hant-help.ts, en-help.ts) are in locales/ with the catalogues.
  exclude: ['src/components/**/*.styles.ts', 'src/components/shared/locales/**'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [defineCalls(), eventDetails()],
};
