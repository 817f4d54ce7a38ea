// The status icons of the computer check: drawn as SVG (CSP-safe, no font glyphs that turn into
// emoji), always beside the status in words and hidden from screen readers.
import { svg, type SVGTemplateResult } from 'lit';
import type { CheckStatus } from '../../core';

const paths: Record<CheckStatus, SVGTemplateResult> = {
  pass: svg`<path d="M6.5 12.5l3.5 3.5 7.5-8" />`,
  warn: svg`<path d="M12 6.5v7" /><path d="M12 17.2v.3" />`,
  fail: svg`<path d="M8 8l8 8" /><path d="M16 8l-8 8" />`,
  skip: svg`<path d="M7.5 12h9" />`,
};

/** A round icon for a status: ✓ pass, ! warn, ✕ fail, – skip. */
export function statusIcon(status: CheckStatus): SVGTemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10.5" />${paths[status]}</svg>`;
}
