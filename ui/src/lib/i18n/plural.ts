// Counts with the word in the form the number takes: "1 anteckning", "2 anteckningar". Swedish
// and English both have one form for exactly one and another for every other number, zero too.
import { count } from '../format';

export type Plural = { one: string; other: string };

export function pluralize(n: number, forms: Plural, lang: 'sv' | 'en'): string {
  return `${count(n, lang)} ${n === 1 ? forms.one : forms.other}`;
}
