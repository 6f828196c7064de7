// Presentation only: how stored UTC times are shown and how a local form value is sent.

export function localTime(iso: string | null | undefined, lang: 'sv' | 'en' = 'sv'): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

/** `<input type="datetime-local">` gives local wall time without offset; the core wants RFC 3339. */
export function localInputToRfc3339(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value; // let the core explain what is wrong with it
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const secs = value.length === 16 ? ':00' : '';
  return `${value}${secs}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash;
}

/** Empty form fields are absent, not empty strings, so the core sees "not given". */
export function blankToUndefined(v: string): string | undefined {
  const s = v.trim();
  return s === '' ? undefined : s;
}

/** A count as people read it: 40 000 in Swedish, 40,000 in English. */
export function count(n: number, lang: 'sv' | 'en' = 'sv'): string {
  return n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
}
