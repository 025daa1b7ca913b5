/**
 * The user-pool port: how creating a staff member creates their sign-in. In the cloud that is a
 * Cognito user (AdminCreateUser with the name, phone and jurisdiction attributes and a temporary
 * password Cognito sends, then AdminAddUserToGroup with the role's group); the local runtime
 * installs its adapter, which lets the local sign-in issue tokens to the new user at once.
 *
 * The cloud adapter (CognitoUserPoolPort) is installed on first use when the environment names a
 * user pool (USER_POOL_ID, set by the CDK app on the functions that create staff); without any
 * port, creating a user fails loudly rather than leaving a directory entry nobody can sign in as.
 * `cognitoRequests` is the mapping the adapter sends, kept apart so it is written (and tested) once.
 */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLAIMS } from '#shared/claims.ts';
import { message } from '#shared/messages/message.ts';
import type { Role } from '#shared/roles.ts';
import type { StaffJurisdiction } from '#shared/schemas/staff.ts';
import { config } from './config.ts';
import { ConflictError, ValidationError } from './errors.ts';

export interface PoolUser {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly jurisdiction: StaffJurisdiction;
  readonly phone?: string;
  /** Where Cognito sends the invitation (the pool requires an e-mail); never stored in the directory. */
  readonly email?: string;
}

export interface CreateUserOptions {
  /**
   * The directory already holds this very person from an earlier attempt (a retried request or
   * re-imported roster): a sign-in already there is theirs, half made, and is completed instead
   * of refused.
   */
  readonly resume?: boolean;
}

export interface UserPoolPort {
  /** Creates the user's sign-in; a username already there is a ConflictError (unless resuming). */
  createUser(user: PoolUser, options?: CreateUserOptions): Promise<void>;
}

let port: UserPoolPort | undefined;

/** The local runtime and tests install their adapter here. */
export function setUserPoolPort(next: UserPoolPort | undefined): void {
  port = next;
}

/**
 * The installed port; in the cloud the Cognito adapter, made once per container (at its first
 * staff creation) when USER_POOL_ID names the pool. Refuses before anything is written when no
 * sign-in could be made for a new user.
 */
export function assertUserPool(): UserPoolPort {
  const poolId = config().userPoolId;
  if (!port && poolId) port = new CognitoUserPoolPort(poolId);
  if (!port) throw new Error('no user-pool port installed: set USER_POOL_ID (the cloud) or install the local adapter');
  return port;
}

export function createPoolUser(user: PoolUser, options: CreateUserOptions = {}): Promise<void> {
  return assertUserPool().createUser(user, options);
}

/**
 * The cloud adapter: AdminCreateUser (Cognito makes and sends the temporary password), then
 * AdminAddUserToGroup with the role's group. The two calls are not atomic: when the group add
 * fails (throttled past the SDK's own retries, say), the user exists without a role and cannot
 * use the API. The caller keeps the directory entry in that case, so the same request sent again
 * resumes: its AdminCreateUser meets UsernameExistsException, which a resumed creation takes as
 * the earlier attempt's user, and the group add (idempotent in Cognito) is made. Only the two
 * actions the functions' IAM policy grants are used (no AdminGetUser).
 */
export class CognitoUserPoolPort implements UserPoolPort {
  private readonly client: CognitoIdentityProviderClient;
  private readonly userPoolId: string;

  constructor(userPoolId: string, client?: CognitoIdentityProviderClient) {
    this.userPoolId = userPoolId;
    this.client = client ?? new CognitoIdentityProviderClient({ region: config().region });
  }

  async createUser(user: PoolUser, options: CreateUserOptions = {}): Promise<void> {
    const requests = cognitoRequests(user, this.userPoolId);
    try {
      await this.client.send(new AdminCreateUserCommand(requests.createUser));
    } catch (error) {
      // By name, as the SDK's own retry and mocks may hand over a plain error of that name.
      const { name, message: said } = error as Error;
      if (name === 'UsernameExistsException') {
        if (!options.resume) throw new ConflictError(message('staff.taken', { username: user.username }), { cause: error });
      } else if (name === 'InvalidParameterException') {
        // What the pool refuses of the person (a missing e-mail it requires, a phone it cannot
        // take) is the caller's to mend: a 400, not a server fault.
        const field = /email/i.test(said) ? 'body.email' : /phone/i.test(said) ? 'body.phone' : 'body';
        throw new ValidationError([{ field, message: said }], undefined, { cause: error });
      } else {
        throw error;
      }
    }
    await this.client.send(new AdminAddUserToGroupCommand(requests.addToGroup));
  }
}

/** A mainland mobile as Cognito's phone_number wants it (E.164), or nothing for any other number. */
export function e164(phone: string): string | undefined {
  const digits = phone.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return `+86${digits}`;
  if (/^\+861[3-9]\d{9}$/.test(digits)) return digits;
  return undefined;
}

/**
 * The two Cognito calls that create a staff member (inputs of AdminCreateUser and
 * AdminAddUserToGroup): the group is the role, the jurisdiction goes into the custom attributes
 * the JWT claims are read from (ids space-separated), and Cognito sends the temporary password.
 */
export function cognitoRequests(user: PoolUser, userPoolId: string) {
  const j = user.jurisdiction;
  const attributes: [string, string | undefined][] = [
    [CLAIMS.name, user.name],
    ['email', user.email],
    // Set by an admin who knows the address, so Cognito mails the invitation and recovery there.
    ['email_verified', user.email === undefined ? undefined : 'true'],
    ['phone_number', user.phone === undefined ? undefined : e164(user.phone)],
    [CLAIMS.street, j.streetId],
    [CLAIMS.community, j.communityId],
    [CLAIMS.grid, j.gridId],
    [CLAIMS.compounds, j.compoundIds?.length ? j.compoundIds.join(' ') : undefined],
    [CLAIMS.exits, j.exitIds?.length ? j.exitIds.join(' ') : undefined],
  ];
  return {
    createUser: {
      UserPoolId: userPoolId,
      Username: user.username,
      UserAttributes: attributes.filter((a): a is [string, string] => a[1] !== undefined).map(([Name, Value]) => ({ Name, Value })),
      // The invitation by e-mail when there is one (the pool recovers accounts by e-mail), else by SMS.
      DesiredDeliveryMediums: [user.email === undefined ? 'SMS' : 'EMAIL'] as ('SMS' | 'EMAIL')[],
    },
    addToGroup: { UserPoolId: userPoolId, Username: user.username, GroupName: user.role },
  };
}
