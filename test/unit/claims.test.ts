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

  it('refuses without claims or identity', () => {
    expect(callerFromClaims(undefined)).toEqual({ ok: false, refusal: { code: 'no-claims', message: 'no verified token claims' } });
    expect(callerFromClaims({ 'cognito:groups': '[city]' })).toEqual({ ok: false, refusal: { code: 'no-identity', message: 'token lacks sub or username' } });
  });

  it('refuses no role or several roles', () => {
    const base = { sub: 'u', 'cognito:username': 'x' };
    expect(callerFromClaims({ ...base, 'cognito:groups': '[admins]' }))
      .toEqual({ ok: false, refusal: { code: 'no-role', message: 'the user belongs to no role group' } });
    expect(callerFromClaims({ ...base, 'cognito:groups': '[city grid]' }))
      .toEqual({ ok: false, refusal: { code: 'many-roles', message: 'the user belongs to more than one role group' } });
  });
});
