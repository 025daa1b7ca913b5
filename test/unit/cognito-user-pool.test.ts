/**
 * The user pool's cloud adapter against a mocked Cognito endpoint (aws-sdk-client-mock): the two
 * calls a new staff member takes, in order and with exactly the inputs cognitoRequests makes; a
 * username the pool already holds refused as a conflict (409); what the pool refuses of the
 * person a 400 naming the field; a retried creation completing a half-made user; and the adapter
 * installed from USER_POOL_ID.
 */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient, InvalidParameterException, UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConfig } from '#functions/platform/config.ts';
import { ConflictError, ValidationError } from '#functions/platform/errors.ts';
import { assertUserPool, CognitoUserPoolPort, setUserPoolPort, type PoolUser } from '#functions/platform/user-pool.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'cn-north-1_AbCdEf123';
const port = new CognitoUserPoolPort(POOL, new CognitoIdentityProviderClient({ region: 'cn-north-1' }));
const duty: PoolUser = {
  username: 'duty-d2', name: '值守丙', role: 'duty', phone: '138 1234 5678', email: 'duty-d2@example.cn',
  jurisdiction: { compoundIds: ['c_d'], exitIds: ['e_d1', 'e_d2'] },
};

/** Every call the adapter made, in order, as command name and input. */
const sent = () => cognito.calls().map((call) => {
  const command = call.args[0] as { constructor: { name: string }; input: unknown };
  return [command.constructor.name, command.input];
});

const CREATE = {
  UserPoolId: POOL,
  Username: 'duty-d2',
  UserAttributes: [
    { Name: 'name', Value: '值守丙' },
    { Name: 'email', Value: 'duty-d2@example.cn' },
    { Name: 'email_verified', Value: 'true' },
    { Name: 'phone_number', Value: '+8613812345678' },
    { Name: 'custom:compounds', Value: 'c_d' },
    { Name: 'custom:exits', Value: 'e_d1 e_d2' },
  ],
  DesiredDeliveryMediums: ['EMAIL'],
};
const GROUP = { UserPoolId: POOL, Username: 'duty-d2', GroupName: 'duty' };

const exists = () => new UsernameExistsException({ message: 'User account already exists', $metadata: {} });

beforeEach(() => {
  cognito.reset();
  cognito.on(AdminCreateUserCommand).resolves({ User: { Username: 'duty-d2' } });
  cognito.on(AdminAddUserToGroupCommand).resolves({});
});

describe('CognitoUserPoolPort', () => {
  it('creates the user with the jurisdiction attributes and an invitation, then puts them in the role\'s group', async () => {
    await port.createUser(duty);
    expect(sent()).toEqual([['AdminCreateUserCommand', CREATE], ['AdminAddUserToGroupCommand', GROUP]]);
  });

  it('invites by SMS when there is no e-mail', async () => {
    const { email: _, ...noEmail } = duty;
    await port.createUser(noEmail);
    const input = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    expect(input?.DesiredDeliveryMediums).toEqual(['SMS']);
    expect(input?.UserAttributes?.map((a) => a.Name)).not.toContain('email');
  });

  it('refuses a username the pool already holds as a conflict, adding no one to any group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(exists());
    const refusal = await port.createUser(duty).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).message).toBe('username duty-d2 is taken');
    expect((refusal as ConflictError).cause).toBeInstanceOf(UsernameExistsException);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('makes what the pool refuses of the person a 400 naming the field', async () => {
    cognito.on(AdminCreateUserCommand).rejects(new InvalidParameterException({ message: 'Attributes did not conform to the schema: email: The attribute is required', $metadata: {} }));
    const refusal = await port.createUser(duty).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).errors?.map((e) => e.field)).toEqual(['body.email']);
  });

  it('when the group add fails after the user was made, a resumed creation completes it', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' })).resolves({});
    await expect(port.createUser(duty)).rejects.toThrow('Rate exceeded');
    // The retry: the user is there now, which a resumed creation takes as its own, and the group add goes through.
    cognito.on(AdminCreateUserCommand).rejects(exists());
    await port.createUser(duty, { resume: true });
    expect(sent()).toEqual([
      ['AdminCreateUserCommand', CREATE], ['AdminAddUserToGroupCommand', GROUP],
      ['AdminCreateUserCommand', CREATE], ['AdminAddUserToGroupCommand', GROUP],
    ]);
  });

  it('passes any other failure on as it is (a server fault, for the retry)', async () => {
    cognito.on(AdminCreateUserCommand).rejects(Object.assign(new Error('Internal'), { name: 'InternalErrorException' }));
    const refusal = await port.createUser(duty, { resume: true }).catch((e: unknown) => e);
    expect(refusal).not.toBeInstanceOf(ConflictError);
    expect((refusal as Error).name).toBe('InternalErrorException');
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });
});

describe('installing the adapter', () => {
  afterEach(() => {
    delete process.env.USER_POOL_ID;
    resetConfig();
    setUserPoolPort(undefined);
  });

  it('makes the Cognito adapter for the pool USER_POOL_ID names when no port is installed', () => {
    setUserPoolPort(undefined);
    process.env.USER_POOL_ID = POOL;
    resetConfig();
    expect(assertUserPool()).toBeInstanceOf(CognitoUserPoolPort);
  });

  it('refuses without a pool or a port, and keeps an installed port (the local runtime\'s)', () => {
    setUserPoolPort(undefined);
    resetConfig();
    expect(() => assertUserPool()).toThrow(/no user-pool port/);
    const local = { createUser: async () => {} };
    setUserPoolPort(local);
    process.env.USER_POOL_ID = POOL;
    resetConfig();
    expect(assertUserPool()).toBe(local);
  });
});
