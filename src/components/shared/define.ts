/**
 * Registers a custom element once. A page that loads two copies of the package, or registers
 * twice, gets a warning instead of the `NotSupportedError` that `customElements.define` throws.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, ctor);
  else if (existing !== ctor) console.warn(`[cert-center] <${tag}> is already defined by another copy of the package; keeping the first.`);
}
