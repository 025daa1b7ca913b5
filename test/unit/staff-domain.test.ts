/**
 * The staff directory's pure rules: each role's jurisdiction fields, where staff work, who sees
 * and who may create whom, phones masked for those who need not call, who may stand a shift; and
 * the Cognito requests that create a staff member's sign-in.
 */
import { describe, expect, it } from 'vitest';
import { canSeeStaff, isDutyStaffOf, jurisdictionProblems, mayCreateStaff, staffFor, staffMatches, staffPlaces } from '#shared/domain/staff.ts';
import type { Caller } from '#shared/roles.ts';
import { cognitoRequests, e164 } from '#functions/platform/user-pool.ts';

const caller = (role: Caller['role'], jurisdiction: Caller['jurisdiction'] = {}): Caller => ({ userId: 'u', username: 'u', role, jurisdiction });
const c1 = { id: 'c1', streetId: 's1', communityId: 'cm1', gridIds: ['g1'] };
const c2 = { id: 'c2', streetId: 's2', communityId: 'cm2', gridIds: ['g2'] };

describe('jurisdictionProblems', () => {
  it('names each field a role needs and lacks, or has and may not', () => {
    expect(jurisdictionProblems('duty', { compoundIds: ['c1'], exitIds: ['e1'] })).toEqual([]);
    expect(jurisdictionProblems('duty', { compoundIds: ['c1'], exitIds: [] }).map((p) => p.field)).toEqual(['body.jurisdiction.exitIds']);
    expect(jurisdictionProblems('grid', { communityId: 'cm1' }).map((p) => p.field)).toEqual(['body.jurisdiction.gridId']);
    expect(jurisdictionProblems('city', { streetId: 's1', exitIds: ['e1'] }).map((p) => p.field)).toEqual(['body.jurisdiction.streetId', 'body.jurisdiction.exitIds']);
    expect(jurisdictionProblems('official', {})).toEqual([]);
    expect(jurisdictionProblems('disinfection', { compoundIds: ['c1'], gridId: 'g1' })[0]?.said.key).toBe('staff.field-not-for-role');
    expect(jurisdictionProblems('volunteer', { streetId: 's1', communityId: 'cm1' })).toEqual([]);
    expect(jurisdictionProblems('volunteer', { gridId: 'g1' }).map((p) => p.field)).toEqual(['body.jurisdiction.communityId', 'body.jurisdiction.gridId']);
  });
});

describe('where staff work and who sees them', () => {
  const duty = staffPlaces({ compoundIds: ['c1'], exitIds: ['e1'] }, [c1]);
  it('takes the places of the compounds', () => {
    expect(duty).toEqual({ streetIds: ['s1'], communityIds: ['cm1'], gridIds: ['g1'], compoundIds: ['c1'] });
    // A compound not read (yet) still counts by its id.
    expect(staffPlaces({ compoundIds: ['c9'] }, []).compoundIds).toEqual(['c9']);
  });
  it('shows them within each kind of jurisdiction only', () => {
    expect(canSeeStaff(caller('city'), duty)).toBe(true);
    expect(canSeeStaff(caller('official'), duty)).toBe(true);
    expect(canSeeStaff(caller('official', { streetId: 's1' }), duty)).toBe(true);
    expect(canSeeStaff(caller('official', { streetId: 's2' }), duty)).toBe(false);
    expect(canSeeStaff(caller('community', { communityId: 'cm1' }), duty)).toBe(true);
    expect(canSeeStaff(caller('community', { communityId: 'cm2' }), duty)).toBe(false);
    expect(canSeeStaff(caller('community', {}), duty)).toBe(false);
    expect(canSeeStaff(caller('grid', { gridId: 'g1' }), duty)).toBe(true);
    expect(canSeeStaff(caller('duty', { compoundIds: ['c2'] }), duty)).toBe(false);
    expect(canSeeStaff(caller('community', { communityId: 'cm1' }), staffPlaces({}, []))).toBe(false);
  });
});

describe('mayCreateStaff', () => {
  const admin = caller('community', { streetId: 's1', communityId: 'cm1' });
  it('lets city staff create anyone, community admins their own community\'s staff only', () => {
    expect(mayCreateStaff(caller('city'), 'city', staffPlaces({}, []))).toBe(true);
    expect(mayCreateStaff(admin, 'duty', staffPlaces({ compoundIds: ['c1'] }, [c1]))).toBe(true);
    expect(mayCreateStaff(admin, 'duty', staffPlaces({ compoundIds: ['c1', 'c2'] }, [c1, c2]))).toBe(false);
    expect(mayCreateStaff(admin, 'official', staffPlaces({ communityId: 'cm1' }, []))).toBe(false);
    expect(mayCreateStaff(admin, 'disinfection', staffPlaces({ compoundIds: ['c9'] }, []))).toBe(false);
    expect(mayCreateStaff(caller('official'), 'grid', staffPlaces({ communityId: 'cm1' }, []))).toBe(false);
  });
  it('lets city staff and a community admin (for their own community only) create volunteers', () => {
    expect(mayCreateStaff(caller('city'), 'volunteer', staffPlaces({ communityId: 'cm2' }, []))).toBe(true);
    expect(mayCreateStaff(admin, 'volunteer', staffPlaces({ streetId: 's1', communityId: 'cm1' }, []))).toBe(true);
    expect(mayCreateStaff(admin, 'volunteer', staffPlaces({ communityId: 'cm2' }, []))).toBe(false);
    expect(mayCreateStaff(caller('grid', { gridId: 'g1', communityId: 'cm1' }), 'volunteer', staffPlaces({ communityId: 'cm1' }, []))).toBe(false);
  });
});

describe('reading and searching entries', () => {
  const entry = { username: 'duty-a', name: '王小明', role: 'duty' as const, jurisdiction: { compoundIds: ['c1'] }, phone: '13812345678' };
  it('masks the phone for those who need not call', () => {
    expect(staffFor(caller('community', { communityId: 'cm1' }), entry).phone).toBe('13812345678');
    expect(staffFor(caller('duty', { compoundIds: ['c1'] }), entry).phone).toBe('138****5678');
    expect(staffFor(caller('grid'), { ...entry, phone: undefined })).not.toHaveProperty('phone', expect.anything());
  });
  it('finds by part of a name or username', () => {
    expect(staffMatches(entry, '小明')).toBe(true);
    expect(staffMatches(entry, 'DUTY')).toBe(true);
    expect(staffMatches(entry, '李')).toBe(false);
  });
  it('puts only the compound\'s duty staff on its shifts', () => {
    expect(isDutyStaffOf(entry, 'c1')).toBe(true);
    expect(isDutyStaffOf(entry, 'c2')).toBe(false);
    expect(isDutyStaffOf({ ...entry, role: 'disinfection' }, 'c1')).toBe(false);
    expect(isDutyStaffOf(undefined, 'c1')).toBe(false);
  });
});

describe('the Cognito requests', () => {
  it('put the role in its group and the jurisdiction in the custom attributes the claims are read from', () => {
    const requests = cognitoRequests({ username: 'duty-a', name: '王小明', role: 'duty', jurisdiction: { compoundIds: ['c1', 'c2'], exitIds: ['e1'] }, phone: '138 1234 5678' }, 'pool');
    expect(requests.createUser.UserAttributes).toEqual([
      { Name: 'name', Value: '王小明' },
      { Name: 'phone_number', Value: '+8613812345678' },
      { Name: 'custom:compounds', Value: 'c1 c2' },
      { Name: 'custom:exits', Value: 'e1' },
    ]);
    expect(requests.addToGroup).toEqual({ UserPoolId: 'pool', Username: 'duty-a', GroupName: 'duty' });
    expect(e164('0724-1234567')).toBeUndefined();
  });
});
