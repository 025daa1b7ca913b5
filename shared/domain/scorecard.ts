/**
 * Six in place (六个到位, seed 000 rule 3): the scorecard of one compound on one China day, judged
 * from the evidence its data holds — checkpoint set up, duty staffed, registration and checks,
 * notices posted, screening, disinfection — each in place or not with the evidence said in the
 * caller's language; and the shares in place by community, street and city from one function.
 *
 * Pure: functions/stores/scorecard-store.ts gathers the evidence (the day's figures from
 * shared/domain/daily-figures.ts where they exist), this judges it.
 */
import type { Language } from '../messages/language.ts';
import type { CompoundStatus } from '../schemas/compound.ts';
import { SCORECARD_KEYS, type ScorecardGroup, type ScorecardItem, type ScorecardKey } from '../schemas/inspection.ts';
import type { RoundFigures, SweepFigures } from './daily-figures.ts';
import { isSealed } from './exits.ts';

/** What the compound's data shows for the day (counts only, no person). */
export interface ScorecardEvidence {
  readonly status: CompoundStatus;
  /** The compound's exits now, judged by the exit rules that concern the checkpoint itself. */
  readonly checkpoint: {
    readonly open: number;
    readonly allowed: number;
    /** Open exits beyond the allowed number (surplus_open_exit). */
    readonly surplus: number;
    /** Exits ordered sealed without a confirmed sealing (seal_unconfirmed). */
    readonly unconfirmedSeals: number;
    /** Exits open to ordinary traffic under lockdown (open_in_lockdown). */
    readonly openInLockdown: number;
  };
  /** The open exits' shifts over the day, judged as of the day's end or now, whichever is first. */
  readonly duty: {
    readonly openExits: number;
    readonly shifts: number;
    /** Open exits with a minute of the day nobody's shift covers. */
    readonly uncoveredExits: number;
    /** Shifts that had started by then. */
    readonly started: number;
    /** Started shifts whose person never clocked in within the grace (missed). */
    readonly missed: number;
  };
  /** The day's registrations at the gates and how many recorded all four musts (四必). */
  readonly registration: { readonly entries: number; readonly withFourChecks: number };
  /** The gate notice posted (printed or confirmed) and the responsibility list complete. */
  readonly notices: { readonly posted: boolean; readonly responsibilityComplete: boolean };
  /** The day's sweeps over the compound (daily figures), null when none reached it. */
  readonly screening: SweepFigures | null;
  /** The day's public-area rounds (daily figures). */
  readonly disinfection: RoundFigures;
}

type Facts = ScorecardItem['facts'];
type Texts = Readonly<Record<Language, string>>;
const verdict = (key: ScorecardKey, inPlace: boolean, said: Texts, facts: Facts, language: Language): ScorecardItem =>
  ({ key, inPlace, evidence: said[language], facts });

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

/** The item names as the gate notice and inspectors say them. */
export const SCORECARD_NAMES: Readonly<Record<ScorecardKey, Texts>> = {
  checkpoint: { 'zh-CN': '卡口设置到位', en: 'Checkpoint set up' },
  duty: { 'zh-CN': '值守人员到位', en: 'Duty staffed' },
  registration: { 'zh-CN': '登记检查到位', en: 'Registration and checks' },
  notices: { 'zh-CN': '信息公示到位', en: 'Notices posted' },
  screening: { 'zh-CN': '排查摸底到位', en: 'Screening' },
  disinfection: { 'zh-CN': '环境消杀到位', en: 'Disinfection' },
};

function checkpointItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const c = e.checkpoint;
  const facts = { open: c.open, allowed: c.allowed, surplus: c.surplus, unconfirmedSeals: c.unconfirmedSeals, openInLockdown: c.openInLockdown };
  // Under lockdown an exit may stay open only to the traffic lockdown lets through; under closed management one must be open (and staffed).
  const needsOpen = e.status === 'closed';
  const inPlace = (!needsOpen || c.open >= 1) && c.surplus === 0 && c.unconfirmedSeals === 0 && c.openInLockdown === 0;
  const problems: { zh: string; en: string }[] = [];
  if (needsOpen && c.open === 0) problems.push({ zh: '没有开放的出入口', en: 'no open exit' });
  if (c.surplus > 0) problems.push({ zh: `多开放${c.surplus}个出入口（最多${c.allowed}个）`, en: `${c.surplus} open beyond the ${c.allowed} allowed` });
  if (c.unconfirmedSeals > 0) problems.push({ zh: `${c.unconfirmedSeals}个出入口未确认封闭`, en: `${c.unconfirmedSeals} sealing(s) unconfirmed` });
  if (c.openInLockdown > 0) problems.push({ zh: `封控期间${c.openInLockdown}个出入口对一般人员开放`, en: `${c.openInLockdown} open to ordinary traffic in lockdown` });
  const said = inPlace
    ? { 'zh-CN': `开放出入口${c.open}个（允许${c.allowed}个），其余均已确认封闭`, en: `${c.open} open exit(s) of ${c.allowed} allowed; the others confirmed sealed` }
    : { 'zh-CN': problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') };
  return verdict('checkpoint', inPlace, said, facts, l);
}

function dutyItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const d = e.duty;
  const facts = { openExits: d.openExits, shifts: d.shifts, uncoveredExits: d.uncoveredExits, started: d.started, missed: d.missed };
  const inPlace = d.openExits === 0 ? e.status === 'lockdown' : d.uncoveredExits === 0 && d.missed === 0;
  if (inPlace) {
    return verdict('duty', true, {
      'zh-CN': d.openExits === 0 ? '封控期间无开放出入口' : `${d.openExits}个开放出入口全天排班${d.shifts}班，已开始的${d.started}班均已打卡`,
      en: d.openExits === 0 ? 'No open exit under lockdown' : `${d.shifts} shift(s) cover the day at ${d.openExits} open exit(s); all ${d.started} started clocked in`,
    }, facts, l);
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (d.openExits === 0) {
    zh.push('没有开放的出入口可值守');
    en.push('no open exit to staff');
  }
  if (d.uncoveredExits > 0) {
    zh.push(`${d.uncoveredExits}个出入口全天排班有空档`);
    en.push(`${d.uncoveredExits} exit(s) with gaps in the day's shifts`);
  }
  if (d.missed > 0) {
    zh.push(`${d.missed}个班次未按时打卡`);
    en.push(`${d.missed} shift(s) without a clock-in`);
  }
  return verdict('duty', false, { 'zh-CN': zh.join('；'), en: en.join('; ') }, facts, l);
}

function registrationItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const r = e.registration;
  const facts = { entries: r.entries, withFourChecks: r.withFourChecks };
  if (r.entries === 0) return verdict('registration', false, { 'zh-CN': '当日无出入登记', en: 'No registration at the gates that day' }, facts, l);
  const inPlace = r.withFourChecks === r.entries;
  return verdict('registration', inPlace, inPlace
    ? { 'zh-CN': `出入登记${r.entries}人次，均做到“四必”`, en: `${r.entries} registration(s), all with the four musts` }
    : { 'zh-CN': `出入登记${r.entries}人次，其中${r.entries - r.withFourChecks}人次未做到“四必”`, en: `${r.entries - r.withFourChecks} of ${r.entries} registration(s) without the four musts` }, facts, l);
}

function noticesItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const n = e.notices;
  const facts = { posted: n.posted, responsibilityComplete: n.responsibilityComplete };
  const inPlace = n.posted && n.responsibilityComplete;
  return verdict('notices', inPlace, {
    'zh-CN': `${n.posted ? '门口公示已张贴' : '门口公示未张贴或未确认'}；${n.responsibilityComplete ? '责任体系已公示完整' : '责任体系不完整'}`,
    en: `${n.posted ? 'Gate notice posted' : 'Gate notice not posted or confirmed'}; ${n.responsibilityComplete ? 'responsibility list complete' : 'responsibility list incomplete'}`,
  }, facts, l);
}

function screeningItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const s = e.screening;
  if (!s) return verdict('screening', false, { 'zh-CN': '当日无排查覆盖本小区', en: 'No sweep reached the compound that day' }, { households: null, householdsVisited: null, coverage: null }, l);
  const facts = { households: s.households, householdsVisited: s.householdsVisited, coverage: percent(s.householdsVisited, s.households) };
  const inPlace = s.households > 0 && s.householdsVisited >= s.households;
  return verdict('screening', inPlace, {
    'zh-CN': `排查住户${s.householdsVisited}/${s.households}户（${facts.coverage}%）${inPlace ? '，无遗漏' : '，仍有遗漏'}`,
    en: `${s.householdsVisited} of ${s.households} households visited (${facts.coverage}%)${inPlace ? ', none missed' : ', some missed'}`,
  }, facts, l);
}

function disinfectionItem(e: ScorecardEvidence, l: Language): ScorecardItem {
  const r = e.disinfection;
  const facts = { required: r.required, done: r.done };
  const inPlace = r.done >= r.required;
  return verdict('disinfection', inPlace, {
    'zh-CN': `公共区域消杀完成${r.done}/${r.required}轮`,
    en: `${r.done} of ${r.required} public-area disinfection round(s) done`,
  }, facts, l);
}

const NOT_SEALED: Texts = {
  'zh-CN': '小区未实行封闭管理，“六个到位”不适用',
  en: 'The compound is not under closed management: the six in place do not apply',
};

/** The six items in order; a compound not under closure has none in place (and is left out of shares). */
export function scorecardItems(evidence: ScorecardEvidence, language: Language): ScorecardItem[] {
  if (!isSealed(evidence.status)) return SCORECARD_KEYS.map((key) => verdict(key, false, NOT_SEALED, { applies: false }, language));
  return [
    checkpointItem(evidence, language),
    dutyItem(evidence, language),
    registrationItem(evidence, language),
    noticesItem(evidence, language),
    screeningItem(evidence, language),
    disinfectionItem(evidence, language),
  ];
}

/** A judged compound, placed for the roll-ups. */
export interface JudgedCompound {
  readonly compoundId: string;
  readonly communityId: string | null;
  readonly streetId: string | null;
  readonly sealed: boolean;
  readonly items: readonly Pick<ScorecardItem, 'key' | 'inPlace'>[];
}

/**
 * The shares in place of a group of compounds: per item and over all items. Only compounds under
 * closure count (the six in place are theirs).
 */
export function scorecardShares(
  compounds: readonly JudgedCompound[],
  group: Pick<ScorecardGroup, 'id' | 'name' | 'level'>,
): ScorecardGroup {
  const counted = compounds.filter((c) => c.sealed);
  const items = SCORECARD_KEYS.map((key) => {
    const inPlace = counted.filter((c) => c.items.some((i) => i.key === key && i.inPlace)).length;
    return { key, inPlace, of: counted.length, percent: percent(inPlace, counted.length) };
  });
  const all = items.reduce((n, i) => n + i.inPlace, 0);
  return { ...group, compounds: counted.length, percent: percent(all, counted.length * SCORECARD_KEYS.length), items };
}

/**
 * The roll-up one level down: the compounds grouped by community (within a street) or by street
 * (within the city), each group's shares. `nameOf` names a group by its id (null: unassigned).
 */
export function scorecardGroups(
  compounds: readonly JudgedCompound[],
  by: 'community' | 'street',
  nameOf: (id: string | null) => string,
): ScorecardGroup[] {
  const groups = Map.groupBy(compounds, (c) => (by === 'community' ? c.communityId : c.streetId));
  return [...groups].map(([id, members]) => scorecardShares(members, { id, name: nameOf(id), level: by }))
    .sort((a, b) => a.percent - b.percent || a.name.localeCompare(b.name));
}
