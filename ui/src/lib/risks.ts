// What the window does with the risk register and the continuity register. The core computes
// every level, score, overdue review and affected service; this lays the heat map out, narrows
// the list to a clicked square and turns the forms into requests.
import { blankToUndefined, localInputToRfc3339 } from './format';
import type { Dependency } from './bindings/Dependency';
import type { HeatCell } from './bindings/HeatCell';
import type { NewAssessment } from './bindings/NewAssessment';
import type { NewHit } from './bindings/NewHit';
import type { NewRisk } from './bindings/NewRisk';
import type { NewService } from './bindings/NewService';
import type { PlanLibraryEntry } from './bindings/PlanLibraryEntry';
import type { PlanLink } from './bindings/PlanLink';
import type { Risk } from './bindings/Risk';
import type { RiskArea } from './bindings/RiskArea';
import type { RiskDetail } from './bindings/RiskDetail';
import type { RiskLevel } from './bindings/RiskLevel';
import type { RiskRegister } from './bindings/RiskRegister';
import type { Service } from './bindings/Service';

export type { RiskAssessment } from './bindings/RiskAssessment';
export type RiskRow = Risk;
export type RiskView = RiskDetail;
export type RegisterView = RiskRegister;

/** The areas in the order the security policy lists them. */
export const RISK_AREAS: RiskArea[] = [
  'brandsakerhet', 'skalskydd', 'tilltradesskydd', 'hot_och_vald', 'informationssakerhet', 'it_sakerhet', 'driftsakerhet',
  'ekonomisk_sakerhet', 'transportsakerhet', 'yttre_miljosakerhet', 'personsakerhet', 'krisberedskap', 'civilt_forsvar', 'sakerhetsskydd',
];

export const RISK_LEVELS: RiskLevel[] = ['lag', 'mattlig', 'hog', 'mycket_hog'];

/** What a critical service can depend on, in the continuity work's order. */
export const DEPENDENCIES: Dependency[] = ['el', 'vatten', 'it', 'personal', 'leveranser', 'transporter'];

export const GRADES = [1, 2, 3, 4, 5] as const;

/** The matrix as it is drawn: likelihood 5 in the top row down to 1, consequence 1 to 5 from
 *  left to right, whatever order the cells came in. A square the core did not send is left out. */
export function heatRows(cells: HeatCell[]): HeatCell[][] {
  return [5, 4, 3, 2, 1].map((l) =>
    cells.filter((c) => c.likelihood === l).sort((a, b) => a.consequence - b.consequence),
  );
}

export const cellKey = (c: Pick<HeatCell, 'likelihood' | 'consequence'>): string => `${c.likelihood}x${c.consequence}`;

/** The risks in a clicked square, in the list's order; every risk when no square is chosen. */
export function inCell<R extends { id: string }>(risks: R[], cell: Pick<HeatCell, 'risk_ids'> | null): R[] {
  if (!cell) return risks;
  const ids = new Set(cell.risk_ids);
  return risks.filter((r) => ids.has(r.id));
}

/** The square with the same place in a new heat map (the register was read again). */
export function sameCell(cells: HeatCell[], key: string | null): HeatCell | null {
  return key ? (cells.find((c) => cellKey(c) === key) ?? null) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar date, ÅÅÅÅ-MM-DD. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A suggestion for the review date: the same day a year on (28 February for 29 February). */
export function inOneYear(now: Date = new Date()): string {
  const d = new Date(now.getFullYear() + 1, now.getMonth(), now.getDate());
  if (d.getMonth() !== now.getMonth()) d.setDate(0);
  return isoDate(d);
}

export type RiskForm = {
  title: string;
  area: RiskArea | '';
  description: string;
  owner: string;
  likelihood: string;
  consequence: string;
  controls: string;
  review: string;
  plans: string[];
};

export const emptyRisk = (now: Date = new Date()): RiskForm => ({
  title: '', area: '', description: '', owner: '', likelihood: '', consequence: '', controls: '', review: inOneYear(now), plans: [],
});

/** A grade not chosen goes as 0, which the core refuses with its own message. */
const grade = (s: string): number => {
  const n = Number(s);
  return Number.isInteger(n) ? n : 0;
};

export function riskInput(f: RiskForm): NewRisk {
  return {
    title: f.title,
    area: f.area || null,
    description: f.description,
    owner: f.owner,
    likelihood: grade(f.likelihood),
    consequence: grade(f.consequence),
    controls: f.controls,
    review_due: f.review.trim(),
    plans: f.plans,
  };
}

export type AssessForm = { likelihood: string; consequence: string; controls: string; review: string; note: string; owner: string; plans: string[] };

/** A reassessment starts from the risk as it stands: its grades, controls and plans. */
export function assessFrom(r: RiskRow, now: Date = new Date()): AssessForm {
  return {
    likelihood: String(r.current.likelihood),
    consequence: String(r.current.consequence),
    controls: r.current.controls,
    review: inOneYear(now),
    note: '',
    owner: r.owner,
    plans: r.plans.map((p) => p.plan_id),
  };
}

const samePlans = (a: string[], b: string[]) => a.length === b.length && a.every((p) => b.includes(p));

/** The owner and the plans go only when they changed, so the record says what moved. */
export function assessInput(r: RiskRow, f: AssessForm): NewAssessment {
  const owner = blankToUndefined(f.owner);
  const current = r.plans.map((p) => p.plan_id);
  return {
    risk_id: r.id,
    likelihood: grade(f.likelihood),
    consequence: grade(f.consequence),
    controls: f.controls,
    review_due: f.review.trim(),
    note: f.note,
    owner: owner && owner !== r.owner ? owner : undefined,
    plans: samePlans(f.plans, current) ? undefined : f.plans,
  };
}

export type ServiceForm = { name: string; owner: string; mto: string; dependencies: Dependency[]; reserve: string; plans: string[] };

export const emptyService = (): ServiceForm => ({ name: '', owner: '', mto: '', dependencies: [], reserve: '', plans: [] });

export function serviceFrom(s: Service): ServiceForm {
  return {
    name: s.name,
    owner: s.owner,
    mto: String(s.mto_hours),
    dependencies: [...s.dependencies],
    reserve: s.reserve,
    plans: s.plans.map((p) => p.plan_id),
  };
}

/** The whole record again; `serviceId` makes it a revision. Hours not a whole number go as 0,
 *  which the core refuses naming the range. */
export function serviceInput(f: ServiceForm, serviceId?: string): NewService {
  const hours = String(f.mto).trim();
  const mto = Number(hours);
  return {
    service_id: serviceId,
    name: f.name,
    owner: f.owner,
    mto_hours: hours !== '' && Number.isInteger(mto) && mto > 0 ? mto : 0,
    dependencies: DEPENDENCIES.filter((d) => f.dependencies.includes(d)),
    reserve: f.reserve,
    plans: f.plans,
  };
}

export type HitForm = { dependency: Dependency | ''; note: string; since: string };

export const emptyHit = (): HitForm => ({ dependency: '', note: '', since: '' });

/** A blank "since" is now, as the core takes it. */
export function hitInput(eventId: string, f: HitForm, now: Date = new Date()): NewHit {
  return { event_id: eventId, dependency: f.dependency || null, note: f.note, since: localInputToRfc3339(f.since, now) };
}

/** Toggles `item` in a chosen list, keeping the rest in order. */
export function toggled<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** The plans a risk or service links to, named in the reader's language where the library has
 *  the plan (the link stores the Swedish title it had when linked). */
export function planTitles(links: readonly PlanLink[], library: readonly PlanLibraryEntry[], lang: 'sv' | 'en'): string {
  return links
    .map((l) => {
      const title = library.find((e) => e.plan.id === l.plan_id)?.plan.title;
      return (title && (title[lang] || title.sv)) || l.title;
    })
    .join(', ');
}

/** The note the core writes on a risk's first assessment. */
export const FIRST_NOTE = 'Registrerad';
