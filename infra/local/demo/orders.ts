/**
 * The demo city's proxy purchases (代购配送, issue 18): six households of the first staffed compound
 * of the first community get their links (/h/{token}), and orders stand in every state — two
 * waiting for a volunteer (one of them urgent medicine), one overdue (the job raises its alert on
 * first start), one accepted, one purchased, two at the drop-off point (one for over a day), one
 * collected, one cancelled — taken by the community's volunteers through the store's own steps,
 * so the counters, audit records and indexes are the API's.
 *
 * The links' nonces come from the household, so a link is the same token on every start (the
 * local signing key is fixed) and `npm start` can write it to its file (household-links.ts); a link
 * a staff member made again later is not written (its token is not known here).
 */
import { createHash } from 'node:crypto';
import { householdLinkUntil, householdIdOf } from '#shared/domain/households.ts';
import { householdLinkPath, LINK_NONCE_LENGTH } from '#shared/domain/links.ts';
import { newOrder } from '#shared/domain/orders.ts';
import { householdsOf } from '#shared/domain/tasks.ts';
import type { Caller } from '#shared/roles.ts';
import type { OrderAction, OrderActionBody, OrderCreate } from '#shared/schemas/order.ts';
import type { LocalUser } from '#shared/schemas/local.ts';
import { issueLink } from '#functions/platform/link-signing.ts';
import { ensureHousehold } from '#functions/stores/household-store.ts';
import { dropOffPointsOf } from '#functions/stores/drop-off-store.ts';
import { currentLink, issueSubjectLink } from '#functions/stores/link-store.ts';
import { getOrder, HOUSEHOLD_ACTOR, placeOrder, stepOrder } from '#functions/stores/order-store.ts';
import type { GeneratedCity } from './city.ts';
import { staffedCompoundIds } from './passes.ts';

const MINUTE = 60_000;
const HOUSEHOLDS = 6;

/** The demo households: the first rooms of the first building of the first community's first staffed compound with a drop-off point. */
export function demoHouseholds(city: GeneratedCity): { compoundId: string; buildingId: string; room: string }[] {
  const community = city.communities[0];
  const staffed = new Set(staffedCompoundIds(city));
  const compound = city.compounds.find((c) => c.communityId === community?.id && staffed.has(c.id));
  const building = compound && city.buildings.find((b) => b.compoundId === compound.id);
  if (!compound || !building) return [];
  return householdsOf(building).slice(0, HOUSEHOLDS).map((h) => ({ compoundId: compound.id, buildingId: building.id, room: h.id }));
}

const demoNonce = (householdId: string): string =>
  createHash('sha256').update(`cordon-demo-household-link:${householdId}`).digest('base64url').slice(0, LINK_NONCE_LENGTH);

const callerOf = (user: LocalUser): Caller => ({ userId: `local-${user.username}`, username: user.username, name: user.name, role: user.role, jurisdiction: user.jurisdiction });

interface DemoOrder {
  readonly id: string;
  readonly household: number;
  readonly ask: Pick<OrderCreate, 'kind' | 'items'> & Partial<Pick<OrderCreate, 'urgent' | 'note' | 'prescription'>>;
  /** Minutes before the seed it was placed. */
  readonly placed: number;
  /** Its steps: what, by whom ('v1', 'v2' the volunteers, 'admin', 'self' the household), minutes before the seed, the body. */
  readonly steps: readonly { action: OrderAction; by: 'v1' | 'v2' | 'admin' | 'self'; ago: number; body?: OrderActionBody }[];
}

const RICE = { name: '大米', qty: 1, unit: '袋' };
export const DEMO_ORDERS: readonly DemoOrder[] = [
  { id: 'od_demo_requested', household: 0, placed: 20, ask: { kind: 'groceries', items: [RICE, { name: '鸡蛋', qty: 2, unit: '盒' }, { name: '青菜', qty: 2, unit: '斤' }], note: '要东北大米' }, steps: [] },
  {
    id: 'od_demo_medicine', household: 1, placed: 15, ask: { kind: 'medicine', urgent: true, items: [{ name: '硝苯地平控释片 30mg', qty: 1, unit: '盒' }], prescription: '硝苯地平控释片 30mg，每日一次，每次一片（市人民医院心内科）' }, steps: [],
  },
  { id: 'od_demo_overdue', household: 2, placed: 180, ask: { kind: 'medicine', items: [{ name: '布洛芬缓释胶囊 0.3g', qty: 1, unit: '盒' }], prescription: '布洛芬缓释胶囊 0.3g，发热时服用' }, steps: [] },
  { id: 'od_demo_accepted', household: 3, placed: 90, ask: { kind: 'groceries', items: [RICE, { name: '食用油', qty: 1, unit: '桶' }] }, steps: [{ action: 'accept', by: 'v1', ago: 60 }] },
  {
    id: 'od_demo_purchased', household: 4, placed: 240, ask: { kind: 'other', items: [{ name: '婴儿纸尿裤 L 码', qty: 2, unit: '包' }] },
    steps: [{ action: 'accept', by: 'v2', ago: 200 }, { action: 'purchase', by: 'v2', ago: 120, body: { amountPaid: 138.5, receiptNo: 'NO.20261207-0415' } }],
  },
  {
    id: 'od_demo_delivered', household: 5, placed: 300, ask: { kind: 'groceries', items: [{ name: '牛奶', qty: 2, unit: '箱' }] },
    steps: [{ action: 'accept', by: 'v1', ago: 280 }, { action: 'purchase', by: 'v1', ago: 200, body: { amountPaid: 96 } }, { action: 'deliver', by: 'v1', ago: 150 }],
  },
  {
    id: 'od_demo_waiting_long', household: 0, placed: 32 * 60, ask: { kind: 'groceries', items: [{ name: '挂面', qty: 3, unit: '把' }] },
    steps: [{ action: 'accept', by: 'v2', ago: 31 * 60 }, { action: 'purchase', by: 'v2', ago: 30 * 60, body: { amountPaid: 18 } }, { action: 'deliver', by: 'v2', ago: 29 * 60 }],
  },
  {
    id: 'od_demo_collected', household: 1, placed: 26 * 60, ask: { kind: 'medicine', items: [{ name: '二甲双胍片 0.5g', qty: 2, unit: '盒' }], prescription: '二甲双胍片 0.5g，每日两次' },
    steps: [
      { action: 'accept', by: 'v1', ago: 25 * 60 + 40 }, { action: 'purchase', by: 'v1', ago: 25 * 60, body: { amountPaid: 42.8, receiptNo: 'NO.20261206-0981' } },
      { action: 'deliver', by: 'v1', ago: 24 * 60 + 30 }, { action: 'collect', by: 'self', ago: 24 * 60 },
    ],
  },
  { id: 'od_demo_cancelled', household: 3, placed: 8 * 60, ask: { kind: 'other', items: [{ name: '充电宝', qty: 1 }] }, steps: [{ action: 'cancel', by: 'admin', ago: 7 * 60, body: { reason: '住户已自行解决' } }] },
];

/**
 * Writes the demo households, their links and orders through the stores (after the city's batch:
 * the compound, building and drop-off point must be there). An order already stored is left as it
 * is, so a forced re-seed changes nothing of what staff did since.
 */
export async function seedOrders(city: GeneratedCity, now: string): Promise<{ householdLinks: number; orders: number }> {
  const addresses = demoHouseholds(city);
  const community = city.communities[0];
  const volunteers = city.users.filter((u) => u.role === 'volunteer' && u.jurisdiction.communityId === community?.id);
  const admin = city.users.find((u) => u.role === 'community' && u.jurisdiction.communityId === community?.id);
  if (addresses.length < HOUSEHOLDS || volunteers.length < 2 || !admin) return { householdLinks: 0, orders: 0 };
  const actors = { v1: callerOf(volunteers[0]!), v2: callerOf(volunteers[1]!), admin: callerOf(admin), self: 'self' as const };
  const households = [];
  for (const address of addresses) {
    const household = await ensureHousehold(address);
    households.push(household);
    if (!(await currentLink(household.id, 'order'))) {
      await issueSubjectLink({ subjectId: household.id, purpose: 'order', validUntil: householdLinkUntil(now), at: now, nonce: demoNonce(household.id) });
    }
  }
  // The compound's point (drop-off.ts puts one beside its first open exit).
  const point = (await dropOffPointsOf(addresses[0]!.compoundId))[0];
  const at = (minutesAgo: number) => new Date(Date.parse(now) - minutesAgo * MINUTE).toISOString();
  for (const demo of DEMO_ORDERS) {
    if (await getOrder(demo.id, { consistent: true })) continue;
    const order = newOrder({
      ...demo.ask, id: demo.id, household: households[demo.household]!, source: 'household_link', by: 'self', at: at(demo.placed),
      ...(point ? { dropOffPoint: { id: point.id, name: point.name } } : {}),
    });
    await placeOrder(order, HOUSEHOLD_ACTOR);
    for (const step of demo.steps) await stepOrder(demo.id, step.action, { body: step.body ?? {}, by: actors[step.by], at: at(step.ago) });
  }
  // What stands, written now or before: a forced re-seed counts the same.
  return { householdLinks: households.length, orders: DEMO_ORDERS.length };
}

/**
 * The demo households' links as `npm start` writes them to its file: recomputed from the link records (the
 * nonce is the household's), each only while it is the household's current, unrevoked link.
 */
export async function demoHouseholdLinks(city: GeneratedCity, at: string): Promise<{ room: string; path: string }[]> {
  const links: { room: string; path: string }[] = [];
  for (const address of demoHouseholds(city)) {
    const id = householdIdOf(address);
    const record = await currentLink(id, 'order');
    if (!record || record.revokedAt !== undefined || record.validUntil <= at) continue;
    const { token, hash } = issueLink({ subjectId: id, purpose: 'order', expiresAt: record.validUntil, nonce: demoNonce(id) });
    if (hash === record.hash) links.push({ room: address.room, path: householdLinkPath(token) });
  }
  return links;
}
