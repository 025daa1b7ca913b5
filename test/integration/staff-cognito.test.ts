/**
 * POST /v1/staff as it runs in the cloud, on DynamoDB Local with only Cognito's endpoint mocked
 * (aws-sdk-client-mock): the directory entry written and the exact AdminCreateUser and
 * AdminAddUserToGroup calls; a username the pool already holds refused with 409 and no entry
 * left behind; and a request retried after the group add failed completing the same person
 * (201 again, one entry, the group added).
 */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoUserPoolPort, setUserPoolPort } from '#functions/platform/user-pool.ts';
import { getStaff } from '#functions/stores/staff-store.ts';
import { expectStatus, startExitStack } from '../support/exit-fixture.ts';
import type { TestStack } from '../support/stack.ts';

const START = Date.parse('2026-11-22T08:00:00.000Z');
const POOL = 'cn-north-1_Cordon';
const cognito = mockClient(CognitoIdentityProviderClient);

let stack: TestStack;
beforeAll(async () => {
  stack = await startExitStack(() => START);
  // The cloud adapter in place of the local one: every call below reaches the mocked endpoint only.
  setUserPoolPort(new CognitoUserPoolPort(POOL, new CognitoIdentityProviderClient({ region: 'cn-north-1' })));
});
afterAll(() => stack.stop());
beforeEach(() => {
  cognito.reset();
  cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'x' } });
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

const sent = () => cognito.calls().map((call) => {
  const command = call.args[0] as { constructor: { name: string }; input: unknown };
  return [command.constructor.name, command.input];
});
const post = async (username: string, body: unknown) => (await stack.as(username)).post('/v1/staff', body);

describe('POST /v1/staff with the Cognito adapter', () => {
  it('writes the directory entry and creates the Cognito user in the role\'s group', async () => {
    const person = { username: 'duty-c1', name: '值守丁', role: 'duty', phone: '13812345678', email: 'duty-c1@example.cn', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d2'] } };
    const created = await expectStatus(await post('city', person), 201);
    const { email: _, ...listed } = person;
    expect(created).toEqual(listed);
    expect(await getStaff('duty-c1')).toMatchObject({ ...listed, createdBy: 'city' });
    expect(await getStaff('duty-c1')).not.toHaveProperty('email');
    expect(sent()).toEqual([
      ['AdminCreateUserCommand', {
        UserPoolId: POOL, Username: 'duty-c1',
        UserAttributes: [
          { Name: 'name', Value: '值守丁' }, { Name: 'email', Value: 'duty-c1@example.cn' }, { Name: 'email_verified', Value: 'true' },
          { Name: 'phone_number', Value: '+8613812345678' }, { Name: 'custom:compounds', Value: 'c_d' }, { Name: 'custom:exits', Value: 'e_d2' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }],
      ['AdminAddUserToGroupCommand', { UserPoolId: POOL, Username: 'duty-c1', GroupName: 'duty' }],
    ]);
  });

  it('puts a grid worker\'s completed jurisdiction into the attributes', async () => {
    await expectStatus(await post('community-cm1', { username: 'grid-c2', name: '网格员丙', role: 'grid', email: 'g@example.cn', jurisdiction: { gridId: 'g1' } }), 201);
    const attributes = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input.UserAttributes;
    expect(attributes).toEqual(expect.arrayContaining([
      { Name: 'custom:street', Value: 's1' }, { Name: 'custom:community', Value: 'cm1' }, { Name: 'custom:grid', Value: 'g1' },
    ]));
  });

  it('answers 409 for a username the pool already holds, leaving no directory entry', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    const problem = await expectStatus(await post('city', { username: 'taken-in-pool', name: '某人', role: 'city', email: 't@example.cn' }), 409);
    expect(problem.detail).toBe('username taken-in-pool is taken');
    expect(await getStaff('taken-in-pool')).toBeUndefined();
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    // And the username is free again for the directory once the pool lets it go.
    cognito.on(AdminCreateUserCommand).resolves({});
    await expectStatus(await post('city', { username: 'taken-in-pool', name: '某人', role: 'city', email: 't@example.cn' }), 201);
  });

  it('completes the same person when the request is retried after the group add failed', async () => {
    const person = { username: 'disinfection-c9', name: '消杀乙', role: 'disinfection', email: 'd@example.cn', jurisdiction: { compoundIds: ['c_c'] } };
    cognito.on(AdminAddUserToGroupCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })).resolves({});
    await expectStatus(await post('city', person), 500);
    // The entry stays, for the retry to find.
    expect(await getStaff('disinfection-c9')).toMatchObject({ name: '消杀乙' });
    // The retry: the pool already has the user (made by the first attempt); the group add goes through.
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException({ message: 'User account already exists', $metadata: {} }));
    const { email: _, ...listed } = person;
    expect(await expectStatus(await post('city', person), 201)).toEqual(listed);
    expect(sent().map(([name]) => name)).toEqual(['AdminCreateUserCommand', 'AdminAddUserToGroupCommand', 'AdminCreateUserCommand', 'AdminAddUserToGroupCommand']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).at(-1)?.args[0].input).toEqual({ UserPoolId: POOL, Username: 'disinfection-c9', GroupName: 'disinfection' });
    const listedNow = (await expectStatus(await (await stack.as('city')).get('/v1/staff?q=disinfection-c9'), 200)).items;
    expect(listedNow).toEqual([listed]);
  });

  it('still refuses someone else under a username the directory holds (409), calling no Cognito', async () => {
    const problem = await expectStatus(await post('city', { username: 'duty-c1', name: '另一个人', role: 'city', email: 'o@example.cn' }), 409);
    expect(problem.detail).toBe('username duty-c1 is taken');
    expect(sent()).toEqual([]);
  });

  it('refuses a community admin outside their community before any Cognito call (403)', async () => {
    await expectStatus(await post('community-cm1', { username: 'duty-x', name: '值守', role: 'duty', email: 'x@example.cn', jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d1'] } }), 403);
    expect(sent()).toEqual([]);
  });
});
