// A localisation controller of our own, scoped to this package (Web Awesome's LocalizeController
// is the model). Not @lit/localize's runtime mode: it installs one global `msg` per page and
// throws when the host page has set it up already (lit/lit#1661).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isCertCenterError, type CertCenterError } from '../../core';
import { en } from './locales/en';
import { zhHant } from './locales/zh-hant';
import type { ErrorDetails, Locale, Translation } from './translation';

export const defaultLocale: Locale = 'zh-Hant';
const catalogues: Record<Locale, Translation> = { 'zh-Hant': zhHant, en };

/** `zh-Hant`, `zh-TW`, `zh-hant-tw` → zh-Hant; `en`, `en-US` → en; anything else → undefined. */
export function toLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const tag = value.trim().toLowerCase();
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-Hant';
  return undefined;
}

/** The catalogue of a locale. */
export function translation(locale: Locale): Translation {
  return catalogues[locale];
}

/** The parent across shadow roots: an element's parent, or its shadow root's host. */
function composedParent(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The element's own `locale` attribute, else the nearest ancestor's (through shadow roots). */
export function resolveLocale(element: Element): Locale {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    // An element of ours has the property before it reflects it to the attribute.
    const own = (node as Element & { locale?: unknown }).locale;
    const locale = toLocale(typeof own === 'string' ? own : node.getAttribute('locale'));
    if (locale) return locale;
  }
  return defaultLocale;
}

type LocalizedHost = ReactiveControllerHost & HTMLElement;

const connected = new Set<LocalizeController>();
let observer: MutationObserver | undefined;

/** Tells every connected element that a `locale` somewhere may have changed. */
export function localeChanged(): void {
  for (const controller of connected) controller.refresh();
}

function observeDocument(): void {
  if (observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  // Light-DOM ancestors (a host's <div locale="en">, <cert-center locale="en">); changes inside our
  // shadow roots reach localeChanged() from the elements themselves.
  observer = new MutationObserver(localeChanged);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['locale'], subtree: true });
}

/**
 * Gives an element the words of its locale, and re-renders it when its locale, or an
 * ancestor's, changes.
 */
export class LocalizeController implements ReactiveController {
  private current: Locale = defaultLocale;

  constructor(private readonly host: LocalizedHost) {
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    observeDocument();
    this.current = resolveLocale(this.host);
  }

  hostDisconnected(): void {
    connected.delete(this);
    if (connected.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  }

  /** Re-reads the locale; re-renders the host when it changed. */
  refresh(): void {
    const next = resolveLocale(this.host);
    if (next !== this.current) {
      this.current = next;
      this.host.requestUpdate();
    }
  }

  /** The locale in force. */
  get locale(): Locale {
    return this.current;
  }

  /** The words of the locale in force. */
  get t(): Translation {
    return catalogues[this.current];
  }

  /** `2021-10-15 13:53:31`, in the customer's time zone (the browser's, unless given). */
  dateTime(value: Date | string, timeZone?: string): string {
    return formatDateTime(value, timeZone);
  }

  /** 「2021-10-15 13:53:31 ~ 2021-10-29 23:59:59」 */
  range(from: Date | string, to: Date | string, timeZone?: string): string {
    return this.t.common.range(formatDateTime(from, timeZone), formatDateTime(to, timeZone));
  }

  /** The customer's message for an error: its code's text, with the wait or the tries left. */
  error(error: unknown): string {
    return errorMessage(error, this.t);
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as the manual writes it (`2021-10-15 13:53:31`), in the given or the browser's time zone. */
export function formatDateTime(value: Date | string, timeZone?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return `${part('year')}-${pad(part('month'))}-${pad(part('day'))} ${pad(part('hour'))}:${pad(part('minute'))}:${pad(part('second'))}`;
}

/** What a message may say of an error beyond its code, from the server's problem details. */
export function errorDetails(error: CertCenterError): ErrorDetails {
  const details: ErrorDetails = {};
  const attemptsLeft = error.problem?.attemptsLeft;
  if (typeof attemptsLeft === 'number' && Number.isInteger(attemptsLeft) && attemptsLeft >= 0) details.attemptsLeft = attemptsLeft;
  const retryAfter = error.problem?.retryAfterSeconds;
  if (typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0) details.retryAfterSeconds = Math.ceil(retryAfter);
  return details;
}

/** The customer's message for any thrown value (a CertCenterError's code, else a general one). */
export function errorMessage(error: unknown, t: Translation): string {
  if (!isCertCenterError(error)) return t.errors.unknown;
  const text = (t.errors as Record<string, Translation['errors'][keyof Translation['errors']] | undefined>)[error.code];
  if (text === undefined) return t.errors.unknown;
  return typeof text === 'function' ? text(errorDetails(error)) : text;
}
