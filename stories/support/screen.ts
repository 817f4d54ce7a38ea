// What the customer sees, found as the customer finds it: by role and name, by text, by label —
// through the shadow roots of the elements (Testing Library's queries stop at a shadow root) and
// only where it is shown (a closed dialog's buttons are in the DOM but not on screen).
import { queryAllByLabelText, queryAllByRole, queryAllByText, waitFor } from 'storybook/test';

type ByRoleOptions = NonNullable<Parameters<typeof queryAllByRole>[2]>;
type Matcher = Parameters<typeof queryAllByText>[1];

/** As long as a story may wait for the mock's answer on a busy machine; never a measure of speed. */
export const patience = { timeout: 30_000 };

/** The node and every shadow root inside it, however deep. */
function roots(node: Element | ShadowRoot): (Element | ShadowRoot)[] {
  const found: (Element | ShadowRoot)[] = [node];
  const visit = (root: Element | ShadowRoot) => {
    if (root instanceof Element && root.shadowRoot) {
      found.push(root.shadowRoot);
      visit(root.shadowRoot);
    }
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        found.push(el.shadowRoot);
        visit(el.shadowRoot);
      }
    }
  };
  visit(node);
  return found;
}

/**
 * On screen: laid out and visible in the flat tree (so not inside a closed dialog), bigger than the
 * 1-pixel box of a text kept for screen readers only, not hidden from assistive technology.
 */
export function shown(el: Element): boolean {
  const box = el.getBoundingClientRect();
  return el.checkVisibility({ visibilityProperty: true }) && box.width > 1 && box.height > 1 && !el.closest('[aria-hidden="true"]');
}

type Query = (container: HTMLElement) => HTMLElement[];

function all(container: Element, query: Query): HTMLElement[] {
  return roots(container).flatMap((root) => query(root as unknown as HTMLElement)).filter(shown);
}

function one(found: HTMLElement[], what: string): HTMLElement {
  if (found.length === 1) return found[0]!;
  throw new Error(`expected one ${what} on screen, found ${found.length}`);
}

const describe = (role: string, options?: ByRoleOptions) => `${role}${options?.name ? ` named "${String(options.name)}"` : ''}`;

/** Queries over an element and everything in its shadow roots. */
export interface Screen {
  /** Waits for the one element of this role (and name) on screen. */
  findByRole(role: string, options?: ByRoleOptions): Promise<HTMLElement>;
  /** Every element of this role on screen, now. */
  allByRole(role: string, options?: ByRoleOptions): HTMLElement[];
  /** The element of this role on screen now, or null. */
  queryByRole(role: string, options?: ByRoleOptions): HTMLElement | null;
  /** Waits until no element of this role (and name) is on screen. */
  goneByRole(role: string, options?: ByRoleOptions): Promise<void>;
  /** Waits for the one element whose own text matches. */
  findByText(text: Matcher): Promise<HTMLElement>;
  queryByText(text: Matcher): HTMLElement | null;
  /** Waits for the one control labelled so. */
  findByLabelText(text: Matcher): Promise<HTMLElement>;
}

export function screenOf(container: Element): Screen {
  const byRole = (role: string, options?: ByRoleOptions) => all(container, (c) => queryAllByRole(c, role, { ...options, hidden: true }));
  const byText = (text: Matcher) => all(container, (c) => queryAllByText(c, text));
  return {
    findByRole: (role, options) => waitFor(() => one(byRole(role, options), describe(role, options)), patience),
    allByRole: byRole,
    queryByRole: (role, options) => byRole(role, options)[0] ?? null,
    goneByRole: (role, options) =>
      waitFor(() => {
        if (byRole(role, options).length > 0) throw new Error(`${describe(role, options)} is still on screen`);
      }, patience),
    findByText: (text) => waitFor(() => one(byText(text), `text "${String(text)}"`), patience),
    queryByText: (text) => byText(text)[0] ?? null,
    findByLabelText: (text) => waitFor(() => one(all(container, (c) => queryAllByLabelText(c, text)), `field labelled "${String(text)}"`), patience),
  };
}

/** Waits until `check` holds (it may throw meanwhile); the mock answers in its own time. */
export function until<T>(check: () => T | Promise<T>): Promise<T> {
  return waitFor(async () => {
    const value = await check();
    if (value === false || value === undefined || value === null) throw new Error('not yet');
    return value;
  }, patience);
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
