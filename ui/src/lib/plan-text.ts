// Plan files are written in Swedish and may give English beside it, item by item. The window in
// English shows the English where the file has it and the Swedish where it does not: a half
// translated plan must still show every item.
import type { Lang } from './i18n/index.svelte';

/** The English text when the reader reads English and the plan gives one; else the Swedish. */
export function planText(sv: string, en: string | null | undefined, lang: Lang): string {
  return lang === 'en' && en && en.trim() ? en : sv;
}
