// The foundation every element stands on.
export { define } from './define';
export { CertElement } from './cert-element';
export { LocalizeController, formatDateTime, errorMessage, errorDetails, resolveLocale, toLocale, translation, localeChanged, defaultLocale } from './localize';
export { shared, tokens, base, progressLine } from './styles';
export * from './events';
export type { Locale, Translation, ErrorText, ErrorDetails } from './translation';
