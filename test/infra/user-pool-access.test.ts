/**
 * Creating staff in the cloud: the functions that declare user-pool access in the catalogue
 * (POST /v1/staff and the staff import) are told the pool in USER_POOL_ID and may call exactly
 * AdminCreateUser and AdminAddUserToGroup on that pool's ARN; no other function holds any Cognito
 * action or knows the pool.
 */
import { describe, expect, it } from 'vitest';
import { functionAccess } from '#shared/catalogue/index.ts';
import { actionsOf, cordonFunctions, environmentOf, onlyId, resourceList, statementsOf, template } from './synth.ts';

const t = template();
const fns = cordonFunctions(t);
const poolId = onlyId(t, 'AWS::Cognito::UserPool');
const CREATORS = ['cordon-dev-api-imports', 'cordon-dev-api-staff'];

describe('user-pool access', () => {
  it('is declared in the catalogue for the staff and imports functions only', () => {
    const declared = Object.entries(functionAccess.api).filter(([, a]) => 'userPool' in a).map(([name]) => `cordon-dev-api-${name}`);
    expect(declared.sort()).toEqual(CREATORS);
    for (const kind of ['workers', 'jobs'] as const) {
      expect(Object.values(functionAccess[kind]).some((a) => 'userPool' in a)).toBe(false);
    }
  });

  for (const fn of CREATORS) {
    it(`${fn} may create users and add them to groups in this pool, and nothing else of Cognito`, () => {
      const cognito = statementsOf(t, fn).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
      expect(cognito).toEqual([{
        Sid: 'UserPool',
        Effect: 'Allow',
        Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
        Resource: { 'Fn::GetAtt': [poolId, 'Arn'] },
      }]);
      expect(environmentOf(fns.get(fn)?.props ?? {}).USER_POOL_ID).toEqual({ Ref: poolId });
    });
  }

  it('is held by no other function', () => {
    const others = [...fns.keys()].filter((name) => !CREATORS.includes(name));
    expect(others.length).toBeGreaterThan(10);
    for (const fn of others) {
      const statements = statementsOf(t, fn);
      expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('cognito-idp:')), fn).toEqual([]);
      expect(statements.flatMap(resourceList), fn).not.toContainEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
      expect(environmentOf(fns.get(fn)?.props ?? {}), fn).not.toHaveProperty('USER_POOL_ID');
    }
  });
});
