// Controls and docs from custom-elements.json, as Spectrum 2 builds them: `getStorybookHelpers(tag)`
// gives the args, the argTypes (attributes, properties, events, slots, parts, custom properties)
// and a template that binds them and logs every event in the Actions panel. Here the objects a
// story hands in (the center, the countdown's timers) are not controls, and each event's row says
// its class and the type of its `detail`.
import { getStorybookHelpers } from '@wc-toolkit/storybook-helpers';

interface ManifestEvent {
  name?: string;
  type?: { text: string };
  detail?: { text: string };
}
interface Manifest {
  modules?: { declarations?: { tagName?: string; events?: ManifestEvent[] }[] }[];
}

/** What stories hand in themselves: never a control, never a default from the manifest. */
const handedIn = ['center', 'timers'];

function manifestEvents(tag: string): ManifestEvent[] {
  const manifest = (globalThis as { __STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__?: Manifest }).__STORYBOOK_CUSTOM_ELEMENTS_MANIFEST__;
  for (const mod of manifest?.modules ?? []) for (const d of mod.declarations ?? []) if (d.tagName === tag) return d.events ?? [];
  return [];
}

/** The helpers of one element of the manifest. */
export function elementHelpers<T>(tag: string) {
  const helpers = getStorybookHelpers<T>(tag);
  for (const key of handedIn) {
    delete helpers.args[key];
    const argType = helpers.argTypes[key];
    if (argType) helpers.argTypes[key] = { ...argType, control: false, description: `${argType.description ?? ''} (handed in by each story: its own mock backend)`.trim() };
  }
  // An attribute left empty would still be written (`locale=""`): only those set are.
  for (const [key, value] of Object.entries(helpers.args)) {
    if (value === '' && helpers.argTypes[key]?.table?.category === 'attributes') delete helpers.args[key];
  }
  for (const event of manifestEvents(tag)) {
    const argType = event.name ? helpers.argTypes[`${event.name}-event`] : undefined;
    if (!argType) continue;
    argType.table = {
      ...argType.table,
      type: { summary: event.type?.text ?? 'Event', ...(event.detail ? { detail: `detail: ${event.detail.text}` } : {}) },
    };
  }
  return helpers;
}
