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

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/shared/locales/**', 'src/components/**/*-help.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [defineCalls()],
};
