/**
 * The demo city's passes (出入证): a few at every staffed compound (the compounds duty staff hold),
 * so a duty user finds their own compound's passes to scan and an admin a list to search and
 * print — a resident of the compound's first building, a commuter pre-registered for the peaks
 * (seed 003: medical staff going to work; a pass has one validity window, not hours of the day),
 * a supply vehicle with its plate and a sanitation worker. Ids, holders and ID numbers are fixed
 * by the compound and the city's seed, so a re-seed rewrites the same items.
 */
import { DAY_MS, isoAfter } from '#shared/domain/time.ts';
import type { PersonCategory } from '#shared/domain/entries.ts';
import { passItem, type StoredPass } from '#functions/stores/pass-store.ts';
import { hashIdNumber } from '#functions/platform/id-hash.ts';
import type { Item } from '#functions/platform/table.ts';
import type { GeneratedCity } from './city.ts';
import { personNamer } from './names.ts';
import { createRandom } from './random.ts';

interface PassKind {
  /** Suffix of the pass id, and what a demo calls the pass. */
  readonly kind: 'resident' | 'commuter' | 'vehicle' | 'service';
  readonly category: PersonCategory;
  readonly days: number;
}

/** Per staffed compound, in this order. */
export const DEMO_PASS_KINDS: readonly PassKind[] = [
  { kind: 'resident', category: 'resident', days: 30 },
  { kind: 'commuter', category: 'medical', days: 14 },
  { kind: 'vehicle', category: 'supply', days: 14 },
  { kind: 'service', category: 'sanitation', days: 14 },
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An 18-character ID number (Zhongxiang, 420881), distinct per compound and kind. */
const idNumberOf = (i: number, k: number) =>
  `420881${1960 + (i % 45)}${pad(1 + (i % 12))}${pad(1 + ((i * 7 + k) % 28))}${pad((i * DEMO_PASS_KINDS.length + k) % 1000, 3)}${(i + k) % 10}`;

/** The compounds duty staff hold, in the order of the city's compounds. */
export function staffedCompoundIds(city: GeneratedCity): string[] {
  const staffed = new Set(city.users.filter((u) => u.role === 'duty').flatMap((u) => u.jurisdiction.compoundIds ?? []));
  return city.compounds.filter((c) => staffed.has(c.id)).map((c) => c.id);
}

export function passSeed(city: GeneratedCity, now: string, actor: string): { items: Item[]; counts: { passes: number } } {
  const names = personNamer(createRandom(city.seed + 6));
  const firstBuilding = new Map<string, GeneratedCity['buildings'][number]>();
  for (const b of city.buildings) if (!firstBuilding.has(b.compoundId)) firstBuilding.set(b.compoundId, b);
  const passes: StoredPass[] = staffedCompoundIds(city).flatMap((compoundId, i) =>
    DEMO_PASS_KINDS.map(({ kind, category, days }, k): StoredPass => {
      const building = kind === 'resident' ? firstBuilding.get(compoundId) : undefined;
      return {
        passId: `p-${compoundId.replace(/^c_/, '')}-${kind}`, compoundId, name: names(), ...hashIdNumber(idNumberOf(i, k)), category,
        ...(kind === 'vehicle' ? { plate: `鄂H${pad((i * 37) % 100_000, 5)}` } : {}),
        ...(building ? { buildingId: building.id, buildingName: building.name } : {}),
        validUntil: isoAfter(now, days * DAY_MS), createdAt: now, createdBy: actor,
      };
    }),
  );
  return { items: passes.map(passItem), counts: { passes: passes.length } };
}
