import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/** One labelled text or password field of a form, in the markup every element's fields share. */
export interface TextField {
  id: string;
  label: string;
  type: 'text' | 'password';
  autocomplete: string;
  value: string;
  /** Ids of hints elsewhere in the same shadow root that describe the field always. */
  describedBy: string;
  /** A hint shown under the field (its id is `${id}-hint`, added to `aria-describedby`). */
  hint?: string;
  /** The field's error, when it has one (id `${id}-error`). */
  error?: string;
  spellcheck?: boolean;
  onInput(value: string): void;
  onBlur?(): void;
  /** What follows the error inside the field (a hint that describes several fields). */
  trailing?: TemplateResult;
}

export function textField(f: TextField): TemplateResult {
  const hintId = f.hint === undefined ? '' : `${f.id}-hint`;
  const describedBy = [f.describedBy, hintId, f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${f.id}>${f.label}</label>
    <input
      id=${f.id}
      part="input"
      type=${f.type}
      autocomplete=${f.autocomplete}
      spellcheck=${f.spellcheck === false ? 'false' : nothing}
      .value=${live(f.value)}
      aria-invalid=${f.error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${(e: Event) => f.onInput((e.target as HTMLInputElement).value)}
      @blur=${() => f.onBlur?.()}
    />
    ${f.hint === undefined ? nothing : html`<span class="hint" id=${hintId}>${f.hint}</span>`}
    ${f.error ? html`<span class="field-error" id="${f.id}-error">${f.error}</span>` : nothing}
    ${f.trailing ?? nothing}
  </div>`;
}
