// The war organisation and readiness checklists as the window shows them. The core computes every
// state (bemannad, sårbar, vakant), every gap and every count; this only shapes a form into a
// request, orders what the core gave and looks names up in the mode definitions.
import { formatLocal } from './format';
import type { ReplacementGap } from './bindings/ReplacementGap';
import type { Checklist } from './bindings/Checklist';
import type { ModeDef } from './bindings/ModeDef';
import type { ModeId } from './bindings/ModeId';
import type { NewPlacement } from './bindings/NewPlacement';
import type { StaffMember } from './bindings/StaffMember';
import type { StaffingState } from './bindings/StaffingState';

export type PlacementForm = {
  staffId: string;
  /** `here`: a function in the region's war organisation; `elsewhere`: another authority. */
  where: 'here' | 'elsewhere';
  fn: string;
  place: string;
  shift: string;
  replacementId: string;
  elsewhere: string;
};

export function emptyPlacement(): PlacementForm {
  return { staffId: '', where: 'here', fn: '', place: '', shift: '', replacementId: '', elsewhere: '' };
}

const filled = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

/** The request for a krigsplacering: a function here (with place, shift and replacement) or the
 *  other authority, never both. Blank fields are left out so the core's message names them. */
export function placementInput(f: PlacementForm): NewPlacement {
  if (f.where === 'elsewhere') return { staff_id: f.staffId, elsewhere: f.elsewhere.trim() };
  const out: NewPlacement = { staff_id: f.staffId, function: f.fn.trim(), place: f.place.trim() };
  const shift = filled(f.shift);
  const replacement = filled(f.replacementId);
  if (shift) out.shift = shift;
  if (replacement) out.replacement_id = replacement;
  return out;
}

/** Who may stand in for a person: anyone in the staff list but the person. */
export function replacementChoices(staff: readonly StaffMember[], staffId: string): StaffMember[] {
  return staff.filter((s) => s.id !== staffId);
}

/** The checklists with the current mode's first, the rest in the core's order (lowest first). */
export function currentFirst(lists: readonly Checklist[], current: ModeId | null | undefined): Checklist[] {
  const first = lists.filter((l) => l.mode === current);
  return [...first, ...lists.filter((l) => l.mode !== current)];
}

/** The body that leads in a mode, as its mode file names it, in the reader's language. */
export function leadingBody(modes: readonly ModeDef[] | undefined, id: ModeId | null | undefined, lang: 'sv' | 'en'): string | null {
  if (!modes || !id) return null;
  const m = modes.find((d) => d.id === id);
  return m ? m.leading_body[lang] : null;
}

/** The modes a beredskapslarm may bring: those whose file puts the war organisation in force. */
export function alarmModes(modes: readonly ModeDef[] | undefined): ModeDef[] {
  return (modes ?? []).filter((m) => m.war_organisation);
}

/** The badge class of a function's staffing state. */
export const STATE_CLASS: Record<StaffingState, string> = { bemannad: 'manned', sarbar: 'vulnerable', vakant: 'vacant' };


/** Why a replacement cannot take over, in the reader's language and short enough for the cell
 *  under the replacement's name. */
export function replacementGap(gap: ReplacementGap, s: { gapElsewhere: string; gapOwn: string; gapShared: string }): string {
  switch (gap.kind) {
    case 'elsewhere':
      return s.gapElsewhere.replace('{org}', gap.organisation);
    case 'own_function':
      return s.gapOwn.replace('{function}', gap.function);
    case 'shared':
      return s.gapShared.replace('{functions}', gap.functions.join(', '));
  }
}

/** When a person reported for duty, short: the time alone today, the date too before. */
export function reportedTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const full = formatLocal(d);
  return full.slice(0, 10) === formatLocal(now).slice(0, 10) ? full.slice(11) : full;
}
