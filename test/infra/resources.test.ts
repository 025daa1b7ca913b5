/**
 * The concerns' resources as the issue asks for them: the table as shared/table.ts defines it,
 * the user pool that issues the claims shared/claims.ts reads, the HTTP API's stage and CORS,
 * the private web bucket behind CloudFront with its runtime config, and the alarms.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { queues } from '#shared/catalogue/index.ts';
import { CLAIMS, CUSTOM_ATTRIBUTES } from '#shared/claims.ts';
import { ROLES } from '#shared/roles.ts';
import { TABLE } from '#shared/table.ts';
import { PLACEHOLDER_HTML, webSource } from '#infra/cloud/web.ts';
import { alarmsTemplate, cordonFunctions, nestedParameters, onlyId, resourcesOf, template } from './synth.ts';

const t = template();
const only = (type: string) => resourcesOf(t, type)[onlyId(t, type)] as { Properties: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

describe('data', () => {
  const table = only('AWS::DynamoDB::Table');

  it('is the table of shared/table.ts: keys, every GSI, TTL', () => {
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' }, { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(Object.values(TABLE.indexes).map((i) => ({
      IndexName: i.name,
      KeySchema: [{ AttributeName: i.partitionKey, KeyType: 'HASH' }, { AttributeName: i.sortKey, KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'ALL' },
    })));
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.ttlAttribute, Enabled: true });
    expect(table.Properties.TableName).toBe(`${TABLE.name}-dev`);
  });

  it('is on demand, with point-in-time recovery, under a rotating customer-managed key, retained', () => {
    const keyId = (table.Properties.SSESpecification as { KMSMasterKeyId: { 'Fn::GetAtt': string[] } }).KMSMasterKeyId['Fn::GetAtt'][0];
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    expect(resourcesOf(t, 'AWS::KMS::Key')[keyId as string]?.Properties).toMatchObject({ EnableKeyRotation: true });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('auth', () => {
  const pool = only('AWS::Cognito::UserPool');
  const client = only('AWS::Cognito::UserPoolClient');

  it('has one group per role, so cognito:groups carries the role', () => {
    const groups = Object.values(resourcesOf(t, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has a custom attribute for every jurisdiction claim the handlers read', () => {
    const schema = pool.Properties.Schema as { Name: string; AttributeDataType?: string; Mutable?: boolean }[];
    const customClaims = Object.values(CLAIMS).filter((c) => c.startsWith('custom:')).map((c) => c.slice('custom:'.length));
    expect(customClaims.sort()).toEqual([...CUSTOM_ATTRIBUTES].sort());
    for (const name of CUSTOM_ATTRIBUTES) {
      expect(schema).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String', Mutable: true }));
    }
  });

  it('lets only admins create users, with a strong password policy, optional TOTP and threat protection', () => {
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('gives the web client no secret, no password sign-in, and no write access to jurisdiction', () => {
    expect(client.Properties).toMatchObject({ GenerateSecret: false, ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_SRP_AUTH']) });
    expect(client.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    const read = client.Properties.ReadAttributes as string[];
    const write = client.Properties.WriteAttributes as string[];
    for (const name of CUSTOM_ATTRIBUTES) {
      expect(read).toContain(`custom:${name}`);
      expect(write).not.toContain(`custom:${name}`);
    }
  });
});

describe('hosted sign-in', () => {
  const client = only('AWS::Cognito::UserPoolClient');
  const webOrigin = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [onlyId(t, 'AWS::CloudFront::Distribution'), 'DomainName'] }, '/']] };

  it('has a hosted-UI domain on the pool, its prefix the stage\'s name and the account', () => {
    expect(only('AWS::Cognito::UserPoolDomain').Properties).toEqual({
      UserPoolId: { Ref: onlyId(t, 'AWS::Cognito::UserPool') },
      Domain: { 'Fn::Join': ['', ['cordon-dev-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('lets the web client use only the code grant (PKCE, no implicit grant) with openid, email and profile, back to the CloudFront origin', () => {
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [webOrigin],
      LogoutURLs: [webOrigin],
    });
    expect([...(client.Properties.AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
  });

  it('lets the app reach the token endpoint on the pool\'s domain (CSP connect-src)', () => {
    const headers = (only('AWS::CloudFront::ResponseHeadersPolicy').Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
    }).SecurityHeadersConfig;
    expect(JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy)).toMatch(/connect-src[^;]*https:\/\/\*\.auth\.",\{"Ref":"AWS::Region"\},"\.amazoncognito\.com/);
  });
});

describe('api', () => {
  const api = only('AWS::ApiGatewayV2::Api');
  const stage = only('AWS::ApiGatewayV2::Stage');

  it('allows CORS from the CloudFront origin only', () => {
    const cors = api.Properties.CorsConfiguration as { AllowOrigins: unknown[] };
    expect(cors.AllowOrigins).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [onlyId(t, 'AWS::CloudFront::Distribution'), 'DomainName'] }]] }]);
  });

  it('lets the web app send If-Match and read ETag across origins (changes made from a stale screen answer 412)', () => {
    const cors = api.Properties.CorsConfiguration as { AllowHeaders: string[]; ExposeHeaders: string[] };
    expect(cors.AllowHeaders).toContain('if-match');
    expect(cors.ExposeHeaders).toContain('etag');
  });

  it('lets API Gateway invoke each API function through one permission scoped to this API, so the stack stays under 500 resources', () => {
    const apiId = onlyId(t, 'AWS::ApiGatewayV2::Api');
    const permissions = Object.values(resourcesOf(t, 'AWS::Lambda::Permission')).filter((p) => p.Properties?.Principal === 'apigateway.amazonaws.com');
    const targets = permissions.map((p) => JSON.stringify(p.Properties?.FunctionName));
    const apiFunctions = [...cordonFunctions(t).keys()].filter((name) => name.startsWith('cordon-dev-api-'));
    expect(new Set(targets).size).toBe(targets.length);
    expect(permissions).toHaveLength(apiFunctions.length);
    for (const p of permissions) expect(JSON.stringify(p.Properties?.SourceArn)).toContain(apiId);
    // CloudFormation refuses a stack of more than 500 resources.
    expect(Object.keys(t.toJSON().Resources as object).length).toBeLessThan(500);
  });

  it('throttles and writes JSON access logs to a log group with retention', () => {
    expect(stage.Properties).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 } });
    const logs = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': string[] }; Format: string };
    expect(JSON.parse(logs.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(resourcesOf(t, 'AWS::Logs::LogGroup')[logs.DestinationArn['Fn::GetAtt'][0] as string]?.Properties).toMatchObject({ RetentionInDays: 7 });
  });
});

describe('web', () => {
  const buckets = resourcesOf(t, 'AWS::S3::Bucket');
  const distribution = only('AWS::CloudFront::Distribution').Properties.DistributionConfig as Record<string, unknown>;
  const originBucketId = ((distribution.Origins as { DomainName: { 'Fn::GetAtt': string[] } }[])[0]?.DomainName['Fn::GetAtt'][0]) as string;

  it('keeps the app in a private, encrypted, versioned bucket reached only by origin access control', () => {
    expect(buckets[originBucketId]?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect((distribution.Origins as Record<string, unknown>[])[0]).toMatchObject({ OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] } });
  });

  it('refuses non-TLS requests on every bucket', () => {
    const policies = Object.values(resourcesOf(t, 'AWS::S3::BucketPolicy'));
    for (const id of Object.keys(buckets)) {
      const policy = policies.find((p) => (p.Properties?.Bucket as { Ref: string }).Ref === id);
      expect(policy?.Properties?.PolicyDocument, id).toMatchObject({
        Statement: expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      });
    }
  });

  it('answers unknown paths with the app shell and sends security headers, HTTPS only', () => {
    expect(distribution.CustomErrorResponses).toEqual([403, 404].map((code) => ({
      ErrorCode: code, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0,
    })));
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: { Ref: onlyId(t, 'AWS::CloudFront::ResponseHeadersPolicy') } });
    const headers = (only('AWS::CloudFront::ResponseHeadersPolicy').Properties.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, unknown> }).SecurityHeadersConfig;
    expect(headers).toMatchObject({
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true },
      ContentSecurityPolicy: { ContentSecurityPolicy: expect.anything() },
    });
  });

  it('answers every resident page\'s path with the page\'s own entry, keeping the URL, with the same headers', () => {
    const fn = only('AWS::CloudFront::Function').Properties;
    expect(fn.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    expect(fn.AutoPublish).toBe(true);
    expect(distribution.CacheBehaviors).toContainEqual(expect.objectContaining({
      PathPattern: '/c/*',
      ViewerProtocolPolicy: 'redirect-to-https',
      ResponseHeadersPolicyId: { Ref: onlyId(t, 'AWS::CloudFront::ResponseHeadersPolicy') },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [onlyId(t, 'AWS::CloudFront::Function'), 'FunctionARN'] } }],
    }));
    // The deployed code, run as CloudFront runs it on a phone's request (its querystring left alone).
    const handler = runInNewContext(`${fn.FunctionCode as string}; handler`) as (event: unknown) => unknown;
    const request = handler({ request: { method: 'GET', uri: '/c/c_%E8%8A%B1%E5%9B%AD', querystring: { utm: { value: 'qr' } }, headers: {} } });
    expect(request).toEqual({ method: 'GET', uri: '/resident.html', querystring: { utm: { value: 'qr' } }, headers: {} });
  });

  it('writes config.json at deploy time with the API URL, public URL, region, user pool ids and hosted-UI domain, and never caches it', () => {
    const deployment = only('Custom::CDKBucketDeployment');
    const markers = deployment.Properties.SourceMarkers as Record<string, unknown>[];
    const values = Object.values(markers[markers.length - 1] ?? {});
    expect(values).toEqual(expect.arrayContaining([
      { 'Fn::GetAtt': [onlyId(t, 'AWS::ApiGatewayV2::Api'), 'ApiEndpoint'] },
      { Ref: 'AWS::Region' },
      { Ref: onlyId(t, 'AWS::Cognito::UserPool') },
      { Ref: onlyId(t, 'AWS::Cognito::UserPoolClient') },
      // The hosted UI's domain (https://<prefix>.auth.<region>.amazoncognito.com, its prefix a token of its own).
      { Ref: onlyId(t, 'AWS::Cognito::UserPoolDomain') },
      // The site's own address, which the gate QR codes print (publicUrl).
      { 'Fn::GetAtt': [onlyId(t, 'AWS::CloudFront::Distribution'), 'DomainName'] },
    ]));
    expect(deployment.Properties).toMatchObject({ DestinationBucketName: { Ref: originBucketId }, Prune: true, DistributionPaths: ['/*'] });
    expect(distribution.CacheBehaviors).toContainEqual(expect.objectContaining({ PathPattern: '/config.json', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' }));
  });

  it('deploys a placeholder page when web/dist has no build, and the build when it has', () => {
    const staged = (dist: string) => {
      const outdir = mkdtempSync(path.join(tmpdir(), 'cordon-web-'));
      const stack = new Stack(new App({ outdir }), 'WebSource');
      webSource(dist).bind(stack, { handlerRole: new Role(stack, 'R', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }) });
      const assembly = (stack.node.root as App).synth();
      return readdirSync(assembly.directory).filter((f) => f.startsWith('asset.'))
        .map((f) => path.join(assembly.directory, f, 'index.html')).filter(existsSync).map((f) => readFileSync(f, 'utf8'));
    };
    const empty = mkdtempSync(path.join(tmpdir(), 'cordon-dist-'));
    expect(staged(empty)).toEqual([PLACEHOLDER_HTML]);
    const built = mkdtempSync(path.join(tmpdir(), 'cordon-dist-'));
    writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>built</title>');
    expect(staged(built)).toEqual(['<!doctype html><title>built</title>']);
  });
});

describe('alarms', () => {
  const nested = alarmsTemplate();
  const alarms = Object.values(resourcesOf(nested, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties ?? {});
  const topicId = onlyId(nested, 'AWS::SNS::Topic');
  const inAlarms = (type: string) => resourcesOf(nested, type)[onlyId(nested, type)] as { Properties: Record<string, unknown> };
  const fns = cordonFunctions(t);
  const passed = nestedParameters(t);
  /** A nested template's `{ Ref: parameter }` as the main stack's resource it stands for. */
  const resolved = (value: unknown): unknown => {
    const ref = (value as { Ref?: string } | undefined)?.Ref;
    return ref !== undefined && ref in passed ? passed[ref] : value;
  };

  it('live in a nested stack of their own, which leaves the main stack room (CloudFormation refuses more than 500 resources each)', () => {
    expect(Object.keys(resourcesOf(t, 'AWS::CloudWatch::Alarm'))).toEqual([]);
    expect(Object.keys(resourcesOf(t, 'AWS::CloudFormation::Stack'))).toHaveLength(1);
    expect(Object.keys(nested.toJSON().Resources as object).length).toBeLessThan(500);
    // What it watches comes in as parameters (one per function, dead-letter queue and the API): CloudFormation takes 200.
    expect(Object.keys(nested.toJSON().Parameters as object).length).toBeLessThan(200);
    // The main stack keeps headroom for the next functions and routes, not a resource or two.
    expect(Object.keys(t.toJSON().Resources as object).length).toBeLessThan(470);
  });

  it('publishes to an encrypted, TLS-only topic whose ARN the stack outputs', () => {
    expect(inAlarms('AWS::SNS::Topic').Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(JSON.stringify(t.findOutputs('AlarmTopicArn'))).toContain('Outputs.');
    expect(inAlarms('AWS::SNS::TopicPolicy').Properties.PolicyDocument).toMatchObject({
      Statement: expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    });
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('alarms on any dead letter, any function error or throttle, and any API 5xx', () => {
    const queueCount = Object.keys(queues).length;
    expect(alarms).toHaveLength(queueCount + 2 * fns.size + 1);
    const count = (metric: string) => alarms.filter((a) => a.MetricName === metric && a.Threshold === 0 && a.ComparisonOperator === 'GreaterThanThreshold').length;
    expect(count('ApproximateNumberOfMessagesVisible')).toBe(queueCount);
    expect(count('Errors')).toBe(fns.size);
    expect(count('Throttles')).toBe(fns.size);
    expect(count('5xx')).toBe(1);
    // Each function's two alarms watch that function of the main stack, passed in by reference.
    for (const [, { logicalId }] of fns) {
      const watching = alarms.filter((alarm) => {
        const [dimension, ...more] = alarm.Dimensions as { Name: string; Value: unknown }[];
        return more.length === 0 && dimension?.Name === 'FunctionName' && JSON.stringify(resolved(dimension.Value)) === JSON.stringify({ Ref: logicalId });
      });
      expect(watching, logicalId).toHaveLength(2);
    }
  });
});
