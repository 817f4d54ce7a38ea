import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { define } from '../shared/define';
import { CertDialogCloseEvent } from '../shared/events';
import { shared } from '../shared/styles';
import { styles } from './cert-dialog.styles';

/** The element that had focus, through shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * @summary The in-page modal that stands in for the manual's browser pop-ups (網頁訊息): a native
 * `<dialog>` opened with `showModal()`, focus moved in and back to where it was.
 *
 * @slot - The message.
 * @slot actions - The buttons (確定, 取消). The one with `autofocus` takes the focus, else the first.
 *
 * @event {CertDialogCloseEvent} cert-dialog-close - The dialog closed (a button, or Escape: `detail.reason` is `'cancel'`).
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart dialog-title - The title.
 * @csspart dialog-body - The message.
 * @csspart dialog-actions - The buttons' row.
 */
export class CertDialog extends LitElement {
  static override styles = [...shared, styles];

  /** Whether the dialog is shown. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The title (網頁訊息). */
  @property() label = '';

  /** `alertdialog` for confirmations and warnings, `dialog` otherwise. */
  @property({ attribute: 'dialog-role' }) dialogRole: 'dialog' | 'alertdialog' = 'alertdialog';

  @query('dialog') private dialog!: HTMLDialogElement;
  private returnFocus: HTMLElement | null = null;

  protected override render() {
    return html`<dialog
      part="dialog"
      role=${this.dialogRole}
      aria-labelledby="title"
      aria-describedby="body"
      @cancel=${this.onCancel}
      @close=${this.onClose}
    >
      ${this.label ? html`<h2 id="title" part="dialog-title" class="title">${this.label}</h2>` : nothing}
      <div id="body" part="dialog-body"><slot></slot></div>
      <div part="dialog-actions"><slot name="actions"></slot></div>
    </dialog>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.returnFocus = deepActiveElement();
      this.dialog.showModal();
      this.focusFirst();
    } else if (!this.open && this.dialog.open) {
      this.dialog.close();
    }
  }

  private focusFirst(): void {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="actions"]');
    const buttons = (slot?.assignedElements({ flatten: true }) ?? []).flatMap((el) =>
      el.matches('button, [autofocus]') ? [el] : [...el.querySelectorAll('button, [autofocus]')],
    ) as HTMLElement[];
    (buttons.find((b) => b.hasAttribute('autofocus')) ?? buttons[0])?.focus();
  }

  private closeReason: 'cancel' | 'close' = 'close';

  private onCancel(): void {
    this.closeReason = 'cancel';
  }

  private onClose(): void {
    const reason = this.closeReason;
    this.closeReason = 'close';
    this.open = false;
    const target = this.returnFocus;
    this.returnFocus = null;
    if (target?.isConnected) target.focus();
    this.dispatchEvent(new CertDialogCloseEvent({ reason }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.dialog?.open) this.dialog.close();
  }
}

define('cert-dialog', CertDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cert-dialog': CertDialog;
  }
}
