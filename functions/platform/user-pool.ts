/**
 * The user-pool port: how creating a staff member creates their sign-in. In the cloud that is a
 * Cognito user (AdminCreateUser with the name, phone and jurisdiction attributes and a temporary
 * password Cognito sends, then AdminAddUserToGroup with the role's group); the local runtime
 * installs its adapter, which lets the local sign-in issue tokens to the new user at once.
 *
 * The Cognito client (@aws-sdk/client-cognito-identity-provider) is not a dependency yet, so the
 * cloud adapter is not wired: without an installed port, creating a user fails loudly rather than
 * leaving a directory entry nobody can sign in as. `cognitoRequests` is the mapping that adapter
 * sends, kept here so it is written (and tested) once.
 */
import { CLAIMS } from '#shared/claims.ts';
import type { Role } from '#shared/roles.ts';
import type { StaffJurisdiction } from '#shared/schemas/staff.ts';

export interface PoolUser {
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly jurisdiction: StaffJurisdiction;
  readonly phone?: string;
}

export interface UserPoolPort {
  /** Creates the user's sign-in; a username already there is a ConflictError. */
  createUser(user: PoolUser): Promise<void>;
}

let port: UserPoolPort | undefined;

/** The local runtime and tests install their adapter here. */
export function setUserPoolPort(next: UserPoolPort | undefined): void {
  port = next;
}

/** Refuses before anything is written when no sign-in could be made for a new user. */
export function assertUserPool(): UserPoolPort {
  if (!port) throw new Error('no user-pool port installed: the Cognito adapter needs @aws-sdk/client-cognito-identity-provider');
  return port;
}

export function createPoolUser(user: PoolUser): Promise<void> {
  return assertUserPool().createUser(user);
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
      DesiredDeliveryMediums: ['SMS'] as ('SMS' | 'EMAIL')[],
    },
    addToGroup: { UserPoolId: userPoolId, Username: user.username, GroupName: user.role },
  };
}
