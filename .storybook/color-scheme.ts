// The colour scheme of the stories. The elements' dark scheme is the `prefers-color-scheme: dark`
// block of their tokens (src/components/shared/styles.ts), which a page cannot switch: here the
// media rules of the elements' own style sheets are turned on (dark) or off (light), which is what
// the operating system's setting does, so a designer sees either scheme whatever theirs is.

type StyledClass = CustomElementConstructor & { elementStyles?: ({ styleSheet?: CSSStyleSheet } | CSSStyleSheet)[] };

export type Scheme = 'light' | 'dark';

const originals = new WeakMap<CSSMediaRule, string>();
const colourScheme = /^\(\s*prefers-color-scheme:\s*(light|dark)\s*\)$/i;

function apply(rules: CSSRuleList, scheme: Scheme): void {
  for (const rule of rules) {
    if (rule instanceof CSSMediaRule) {
      const original = originals.get(rule) ?? rule.media.mediaText;
      originals.set(rule, original);
      const match = colourScheme.exec(original.trim());
      if (match) rule.media.mediaText = match[1]!.toLowerCase() === scheme ? 'all' : 'not all';
    }
    if ('cssRules' in rule) apply((rule as CSSGroupingRule).cssRules, scheme);
  }
}

/** Shows every element of these tags in the scheme, and the page around them with it. */
export function applyScheme(scheme: Scheme, tags: readonly string[]): void {
  for (const tag of tags) {
    const styles = (customElements.get(tag) as StyledClass | undefined)?.elementStyles ?? [];
    for (const style of styles) {
      // A CSSResult's sheet is made once and adopted by every shadow root of its class.
      const sheet = style instanceof CSSStyleSheet ? style : style.styleSheet;
      if (sheet) apply(sheet.cssRules, scheme);
    }
  }
  document.documentElement.dataset['certScheme'] = scheme;
}
