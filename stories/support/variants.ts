// Every state in zh-Hant (the default), in English and in the dark scheme: a story is written once
// and its two other variants are made from it, pinned by the story's globals (the toolbar's
// locale and scheme). Play functions read their words from the catalogue of the story's locale.
import type { StoryContext } from '@storybook/web-components-vite';
import { translation } from '../../src/components/shared/localize.ts';
import type { Locale, Translation } from '../../src/components/shared/translation.ts';

export type Scheme = 'light' | 'dark';

interface Variable {
  name?: string;
  globals?: Record<string, unknown>;
  tags?: string[];
}

function variant<S extends Variable>(story: S, label: string, globals: Record<string, unknown>): S {
  return {
    ...story,
    ...(story.name ? { name: `${story.name} · ${label}` } : {}),
    globals: { ...story.globals, ...globals },
    // The docs page shows each state once; its variants are in the sidebar.
    tags: [...(story.tags ?? []), '!autodocs'],
  };
}

/** The same story in English. */
export const inEnglish = <S extends Variable>(story: S): S => variant(story, 'English', { locale: 'en' });

/** The same story in the dark scheme (zh-Hant). */
export const inDark = <S extends Variable>(story: S): S => variant(story, 'dark', { scheme: 'dark' });

/** The locale the story is shown in. */
export const localeOf = (context: Pick<StoryContext, 'globals'>): Locale => (context.globals['locale'] === 'en' ? 'en' : 'zh-Hant');

/** The words the customer reads in this story (the catalogue of its locale). */
export const wordsOf = (context: Pick<StoryContext, 'globals'>): Translation => translation(localeOf(context));
