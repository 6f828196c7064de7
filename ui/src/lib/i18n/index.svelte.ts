import { sv, type Strings } from './sv';
import { en } from './en';

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

export function toggleLang(): void {
  i18n.lang = i18n.lang === 'sv' ? 'en' : 'sv';
  try {
    localStorage.setItem('lang', i18n.lang);
  } catch {
    // Private mode or no storage: the choice lasts for this session only.
  }
  document.documentElement.lang = i18n.lang;
}
