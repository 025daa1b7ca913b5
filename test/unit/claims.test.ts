import { describe, expect, it } from 'vitest';
import { callerFromClaims, claimsFor, listClaim, stringifyClaims } from '#shared/claims.ts';

describe('claims', () => {
  const subject = {
    userId: 'u1', username: 'duty-1', role: 'duty' as const,
    jurisdiction: { compoundIds: ['c_1', 'c_2'], exitIds: ['e_1'] },
  };

  it('round-trips a subject through API Gateway stringified claims', () => {
    const claims = stringifyClaims(claimsFor(subject));
    expect(claims['cognito:groups']).toBe('[duty]');
    const result = callerFromClaims(claims);
    expect(result).toEqual({ ok: true, caller: subject });
  });

  it('accepts groups as a real array, as a direct invocation passes them', () => {
    const result = callerFromClaims({ sub: 'u', 'cognito:username': 'c', 'cognito:groups': ['city'] });
    expect(result.ok && result.caller.role).toBe('city');
  });

  it('reads list claims in every shape', () => {
    expect(listClaim('[a b]')).toEqual(['a', 'b']);
    expect(listClaim('a,b')).toEqual(['a', 'b']);
    expect(listClaim(['a'])).toEqual(['a']);
    expect(listClaim(undefined)).toEqual([]);
  });

  it('answers 401 without claims or identity', () => {
    expect(callerFromClaims(undefined)).toMatchObject({ ok: false, status: 401 });
    expect(callerFromClaims({ 'cognito:groups': '[city]' })).toMatchObject({ ok: false, status: 401 });
  });

  it('answers 403 for no role or several roles', () => {
    const base = { sub: 'u', 'cognito:username': 'x' };
    expect(callerFromClaims({ ...base, 'cognito:groups': '[admins]' })).toMatchObject({ ok: false, status: 403 });
    expect(callerFromClaims({ ...base, 'cognito:groups': '[city grid]' })).toMatchObject({ ok: false, status: 403 });
  });
});
