/**
 * The demo city's gates at work when it is seeded: every staffed compound has its passes (one of
 * each kind, active at the seed's clock), and every duty user of the demo is on a shift then — at
 * any hour, including just after a shift changes, when one exit's rota is left without a clock-in.
 */
import { describe, expect, it } from 'vitest';
import { dutySeed } from '#infra/local/demo/duty.ts';
import { DEMO_PASS_KINDS, passSeed, staffedCompoundIds } from '#infra/local/demo/passes.ts';
import { demoCity, demoUsers } from '#infra/local/demo/users.ts';
import { passView, storedPassFromItem } from '#functions/stores/pass-store.ts';
import type { StoredShift } from '#functions/stores/duty-store.ts';
import { withoutKeys } from '#functions/platform/list-sources.ts';
import { Id } from '#shared/schemas/common.ts';

const city = demoCity();
const dutyUsers = demoUsers().filter((u) => u.role === 'duty');
const SHIFT_MS = 8 * 3_600_000;
const grid = Math.floor(Date.parse('2026-12-06T10:00:00.000Z') / SHIFT_MS) * SHIFT_MS;
/** Seeding clocks: mid-shift, a minute and 19 minutes after a change (the rota without a clock-in moves then), a second before one. */
const CLOCKS = [grid + 3 * 3_600_000, grid + 60_000, grid + 19 * 60_000, grid + SHIFT_MS - 1_000].map((t) => new Date(t).toISOString());

describe('the demo city at its gates', () => {
  it('has staffed compounds and duty users to speak of', () => {
    expect(dutyUsers.length).toBeGreaterThan(5);
    expect(staffedCompoundIds(city).length).toBeGreaterThan(5);
  });

  it('issues a resident\'s, a commuter\'s, a vehicle\'s and a service worker\'s pass at every staffed compound, each active when seeded', () => {
    const now = CLOCKS[0] as string;
    const passes = passSeed(city, now, 'system:seed').items.map(storedPassFromItem);
    const staffed = new Set(dutyUsers.flatMap((u) => u.jurisdiction.compoundIds ?? []));
    for (const compoundId of staffed) {
      const own = passes.filter((p) => p.compoundId === compoundId);
      expect(own.map((p) => p.category), compoundId).toEqual(DEMO_PASS_KINDS.map((k) => k.category));
      expect(own.find((p) => p.category === 'supply')?.plate).toMatch(/^鄂H\d{5}$/);
      expect(own.find((p) => p.category === 'resident')?.buildingId).toBeDefined();
      for (const pass of own) {
        expect(passView(pass, now).status).toBe('active');
        // Ids the API's routes take (revoke, print).
        expect(Id.safeParse(pass.passId).success, pass.passId).toBe(true);
      }
    }
    expect(new Set(passes.map((p) => p.compoundId))).toEqual(staffed);
    // One pass per id within a compound, and no ID number shared between holders.
    expect(new Set(passes.map((p) => `${p.compoundId}/${p.passId}`)).size).toBe(passes.length);
    expect(new Set(passes.map((p) => p.idHash)).size).toBe(passes.length);
  });

  it.each(CLOCKS)('puts every duty user on a shift at each exit they hold when seeded at %s', (now) => {
    const shifts = dutySeed(city, now, 'system:seed')
      .others.filter((item) => item.type === 'shift')
      .map((item) => withoutKeys<StoredShift>(item));
    const onNow = shifts.filter((s) => s.start <= now && now < s.end);
    for (const user of dutyUsers) {
      const held = new Set(onNow.filter((s) => s.person === user.username).map((s) => s.exitId));
      expect([...held].sort(), user.username).toEqual([...(user.jurisdiction.exitIds ?? [])].sort());
    }
  });
});
