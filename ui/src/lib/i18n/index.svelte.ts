import { sv, type Strings } from './sv';
import { en } from './en';
import { invoke } from '@tauri-apps/api/core';
import { pluralize, type Plural } from './plural';
import type { ModeId } from '../bindings/ModeId';

export type Lang = 'sv' | 'en';
const tables: Record<Lang, Strings> = { sv, en };

function initialLang(): Lang {
  try {
    return localStorage.getItem('lang') === 'en' ? 'en' : 'sv';
  } catch {
    return 'sv';
  }
}

export const i18n = $state({ lang: initialLang() as Lang });

export function t(): Strings {
  return tables[i18n.lang];
}

/** A count in the reader's language: `plural(n, t().nEntries)` gives "1 post" or "2 poster". */
export function plural(n: number, forms: Plural): string {
  return pluralize(n, forms, i18n.lang);
}

/** Mode names are the UI's, by the mode's key: the window must not show a name from a mode file
 *  in the other language, nor one spelled without å, ä and ö. */
export function modeName(id: ModeId, lang: Lang = i18n.lang): string {
  return tables[lang].modes[id] ?? id;
}

/** A mode file's classification marking in the reader's language; one the UI does not know is
 *  shown as written. */
export function classification(marking: string): string {
  return (tables[i18n.lang].classifications as Record<string, string>)[marking] ?? marking;
}

/** Tells the shell the window's language, so its desktop notifications use it. Outside the app
 *  (tests, a plain browser) there is no shell to tell. */
export function announceLang(): void {
  invoke('set_language', { lang: i18n.lang }).catch(() => {});
}

export function toggleLang(): void {
  i18n.lang = i18n.lang === 'sv' ? 'en' : 'sv';
  announceLang();
  try {
    localStorage.setItem('lang', i18n.lang);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
  document.documentElement.lang = i18n.lang;
}
