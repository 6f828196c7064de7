// Presentation only: how stored UTC times are shown and how a typed local time is sent.

const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');

/** `2026-11-25 02:40` in local time: staff read 24-hour ISO-like times whatever the system
 *  locale (en-GB would give 25/11/2026, en-US a 12-hour clock). Seconds only when asked for. */
export function formatLocal(d: Date, seconds = false): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** A stored UTC time as staff read it. Both languages show the same form, so `lang` is accepted
 *  for the callers that pass it and otherwise ignored. */
export function localTime(iso: string | null | undefined, lang?: 'sv' | 'en'): string;
export function localTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatLocal(d);
}

const FULL = /^(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Reads what staff type in a time field: `2026-11-25 02:40`, `2026-11-25T02:40`, or `02:40`
 *  meaning today; seconds optional. Null for anything else, including dates that do not exist
 *  (30 February, 25:00, the hour skipped when summer time begins). */
export function parseLocalTime(value: string, now: Date = new Date()): Date | null {
  const s = value.trim();
  const full = FULL.exec(s);
  const clock = full ? null : CLOCK.exec(s);
  if (!full && !clock) return null;
  const [y, mo, d] = full ? [+full[1], +full[2], +full[3]] : [now.getFullYear(), now.getMonth() + 1, now.getDate()];
  const [h, mi, sec] = (full ? full.slice(4) : clock!.slice(1)).map((x) => +(x ?? 0));
  const out = new Date(y, mo - 1, d, h, mi, sec);
  const same = out.getFullYear() === y && out.getMonth() === mo - 1 && out.getDate() === d
    && out.getHours() === h && out.getMinutes() === mi && out.getSeconds() === sec;
  return same ? out : null;
}

/** RFC 3339 with the offset in force at that local time (summer or winter). */
export function toRfc3339(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${formatLocal(d, true).replace(' ', 'T')}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** A time field's text for the core: empty is "not given"; what cannot be read goes unchanged,
 *  so the core answers with its own message (in Swedish, with params for English). */
export function localInputToRfc3339(value: string, now: Date = new Date()): string | undefined {
  const s = value.trim();
  if (!s) return undefined;
  const d = parseLocalTime(s, now);
  return d ? toRfc3339(d) : s;
}

/** What the field shows after the reader leaves it: `02:40` becomes today's full time, so what
 *  will be saved is what is seen. Text that cannot be read is left for the reader to fix. */
export function normaliseTimeInput(value: string, now: Date = new Date()): string {
  const d = parseLocalTime(value, now);
  return d ? formatLocal(d, d.getSeconds() !== 0) : value;
}

/** The "−10 min" button: ten minutes before the field's time, or before now if it has none. */
export function minusMinutes(value: string, minutes: number, now: Date = new Date()): string {
  const given = parseLocalTime(value, now);
  const d = new Date((given ?? now).getTime() - minutes * 60_000);
  return formatLocal(d, given !== null && d.getSeconds() !== 0);
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
