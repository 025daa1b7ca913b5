/**
 * The auth concern: the Cognito user pool whose ID tokens carry exactly the claims
 * shared/claims.ts reads — one group per role (`cognito:groups`) and one custom attribute per
 * jurisdiction field (`custom:street`, …) — and the web app's client, the JWT audience.
 * Users cannot sign themselves up or change their own jurisdiction; admins create them.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery, CfnUserPoolGroup, ClientAttributes, FeaturePlan, Mfa, OAuthScope, StandardThreatProtectionMode, StringAttribute,
  UserPool, UserPoolClientIdentityProvider, type UserPoolClient, type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CUSTOM_ATTRIBUTES } from '#shared/claims.ts';
import { ROLES } from '#shared/roles.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

/** Compound and exit lists are space-separated ids; 2048 is Cognito's longest string attribute. */
const ATTRIBUTE_MAX_LENGTH = 2048;

export interface AuthProps {
  readonly stage: Stage;
  /** `https://<distribution domain>`: where the hosted UI sends users back after sign-in and sign-out. */
  readonly webOrigin: string;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly webClient: UserPoolClient;

  constructor(scope: Construct, id: string, { stage, webOrigin }: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: stage.named('users'),
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: Object.fromEntries(
        CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true, maxLen: ATTRIBUTE_MAX_LENGTH })]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      ...(stage.threatProtection
        ? { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : { featurePlan: FeaturePlan.ESSENTIALS }),
      deletionProtection: stage.deletionProtection,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.userPool, 'AwsSolutions-COG2',
      'MFA is optional by decision (issue 3): every user may add a TOTP second factor; requiring it would lock out field staff without an authenticator app.');
    if (!stage.threatProtection) {
      const reason = 'Deployed with threatProtection=false because this region does not offer Cognito threat protection (the Plus feature plan).';
      acknowledge(this.userPool, 'AwsSolutions-COG3', reason);
      acknowledge(this.userPool, 'AwsSolutions-COG8', reason);
    }

    // Role groups: a user belongs to exactly one; callerFromClaims refuses none or several.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Cordon role ${role}`,
      });
    }

    // The hosted UI's domain. Prefixes are unique per region across every AWS account, so the
    // account id makes the stage's own (`cordon-dev-123456789012`).
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: stage.named(Aws.ACCOUNT_ID) } });

    // The client reads the jurisdiction attributes but may not write them: a user could
    // otherwise widen their own jurisdiction with UpdateUserAttributes.
    const appUrl = `${webOrigin}/`;
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: stage.named('web'),
      // A public client (a browser app keeps no secret): the code grant with PKCE, never the implicit grant.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [appUrl],
        logoutUrls: [appUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      // SRP stays for scripts and admin tools that sign in without the hosted UI.
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes(...CUSTOM_ATTRIBUTES),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });
  }
}
