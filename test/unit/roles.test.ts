import { describe, expect, it } from 'vitest';
import { canFilterByStreet, canPlaceInCommunity, canSeeCompound, listScope, type Caller, type Role } from '#shared/roles.ts';

const compound = { id: 'c1', streetId: 's1', communityId: 'cm1', gridIds: ['g1'] };
const caller = (role: Role, jurisdiction: Caller['jurisdiction'] = {}): Caller => ({ userId: 'u', username: 'u', role, jurisdiction });

describe('canSeeCompound', () => {
  it.each([
    ['city', {}, true],
    ['official', {}, true],
    ['official', { streetId: 's1' }, true],
    ['official', { streetId: 's2' }, false],
    ['community', { communityId: 'cm1' }, true],
    ['community', { communityId: 'cm2' }, false],
    ['community', {}, false],
    ['grid', { gridId: 'g1' }, true],
    ['grid', { gridId: 'g2' }, false],
    ['grid', {}, false],
    ['duty', { compoundIds: ['c1'] }, true],
    ['duty', { compoundIds: ['c9'] }, false],
    ['disinfection', {}, false],
    ['volunteer', { communityId: 'cm1' }, true],
    ['volunteer', { communityId: 'cm2' }, false],
    ['volunteer', {}, false],
  ] as const)('%s with %j sees it: %s', (role, jurisdiction, expected) => {
    expect(canSeeCompound(caller(role, jurisdiction), compound)).toBe(expected);
  });

  it('keeps unassigned compounds to city-wide roles', () => {
    const unassigned = { id: 'c2', streetId: null, communityId: null, gridIds: [] };
    expect(canSeeCompound(caller('city'), unassigned)).toBe(true);
    expect(canSeeCompound(caller('official', { streetId: 's1' }), unassigned)).toBe(false);
    expect(canSeeCompound(caller('community', { communityId: 'cm1' }), unassigned)).toBe(false);
  });
});

describe('listScope', () => {
  it('uses the narrowest binding an official has', () => {
    expect(listScope(caller('official', { streetId: 's1', communityId: 'cm1' }))).toEqual({ level: 'community', communityId: 'cm1' });
    expect(listScope(caller('official', { streetId: 's1' }))).toEqual({ level: 'street', streetId: 's1' });
  });
  it('bounds a volunteer to their community, as its queue is their work', () => {
    expect(listScope(caller('volunteer', { streetId: 's1', communityId: 'cm1' }))).toEqual({ level: 'community', communityId: 'cm1' });
  });
});

describe('canPlaceInCommunity', () => {
  it('lets a community admin place only in their own community', () => {
    const admin = caller('community', { communityId: 'cm1', streetId: 's1' });
    expect(canPlaceInCommunity(admin, { streetId: 's1', communityId: 'cm1' })).toBe(true);
    expect(canPlaceInCommunity(admin, { streetId: 's1', communityId: 'cm2' })).toBe(false);
  });
});

describe('canFilterByStreet', () => {
  it('lets city-wide callers pick any street and others only their own', () => {
    expect(canFilterByStreet(caller('city'), 's2')).toBe(true);
    expect(canFilterByStreet(caller('official'), 's2')).toBe(true);
    expect(canFilterByStreet(caller('official', { streetId: 's1' }), 's1')).toBe(true);
    expect(canFilterByStreet(caller('official', { streetId: 's1' }), 's2')).toBe(false);
    expect(canFilterByStreet(caller('community', { streetId: 's1', communityId: 'cm1' }), 's2')).toBe(false);
  });
});
