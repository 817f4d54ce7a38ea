// What every element of the center shares: the `center` it works with (handed in, or built from
// `api-base` and `credentials`), its locale, its words, and how it reports errors.
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { CertCenterError, createCertCenter, isCertCenterError, type CertCenter } from '../../core';
import { CertErrorEvent } from './events';
import { LocalizeController, localeChanged } from './localize';
import type { Locale } from './translation';

/** The base class of the center's elements. Not registered itself. */
export class CertElement extends LitElement {
  /** The certificate center to work with. Without one the element builds its own from `api-base` and `credentials`. */
  @property({ attribute: false }) center?: CertCenter;

  /** The contract's base URL, for the center the element builds itself (default `/api/cert-center/v1`). */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** `include` sends the host's session cookie to another origin, for the center the element builds itself. */
  @property() credentials?: RequestCredentials;

  /** `zh-Hant` (the default) or `en`; without it, the nearest ancestor's `locale`. */
  @property({ reflect: true }) locale?: Locale;

  protected readonly localize = new LocalizeController(this);
  private ownCenter: CertCenter | undefined;

  /** The center in use: the one handed in, else one built from the attributes (once). */
  protected get certCenter(): CertCenter {
    if (this.center) return this.center;
    this.ownCenter ??= createCertCenter({
      ...(this.apiBase ? { baseUrl: this.apiBase } : {}),
      ...(this.credentials ? { credentials: this.credentials } : {}),
    });
    return this.ownCenter;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownCenter?.close();
    this.ownCenter = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('locale')) {
      this.localize.refresh();
      // Elements inside this one's shadow root take its locale: tell them too.
      if (changed.get('locale') !== undefined || this.locale !== undefined) queueMicrotask(localeChanged);
    }
    if ((changed.has('apiBase') || changed.has('credentials')) && this.ownCenter) {
      this.ownCenter.close();
      this.ownCenter = undefined;
    }
  }

  /** The error as a CertCenterError (the core throws nothing else; anything else is wrapped). */
  protected asCertCenterError(error: unknown): CertCenterError {
    if (isCertCenterError(error)) return error;
    return new CertCenterError('INVALID_ARGUMENT', 'An unexpected error reached the element', { cause: error });
  }

  /** Fires `cert-error` for an error the element shows, and returns the customer's message. */
  protected reportError(error: unknown): string {
    const certError = this.asCertCenterError(error);
    this.dispatchEvent(new CertErrorEvent({ error: certError }));
    return this.localize.error(certError);
  }
}
