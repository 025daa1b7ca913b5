/**
 * The stack is the catalogue, deployed: one API route per non-local route with the JWT
 * authorizer exactly on the /v1 (`jwt`) ones, one function per resource, consumer and job,
 * one queue and DLQ per catalogue queue with its mapping, one rule per schedule. Expected
 * numbers come from shared/catalogue, never from infra/cloud.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionAccess, queues, routes, schedules, type FunctionAccess, type RouteSpec } from '#shared/catalogue/index.ts';
import { queueUrlVariable } from '#shared/queue-env.ts';
import { cordonFunctions, environmentOf, logGroupIdOf, onlyId, resourcesOf, template } from './synth.ts';

const allRoutes = Object.values(routes as Record<string, RouteSpec>);
const deployed = allRoutes.filter((r) => r.auth !== 'local');
const queueList = Object.entries(queues);
const scheduleList = Object.entries(schedules);
const expectedFunctions = [
  ...new Set(deployed.map((r) => `cordon-dev-api-${r.resource}`)),
  ...new Set(queueList.map(([, q]) => `cordon-dev-workers-${q.consumer}`)),
  ...new Set(scheduleList.map(([, s]) => `cordon-dev-jobs-${s.job}`)),
];

describe('API routes from the catalogue', () => {
  const t = template();
  const apiRoutes = Object.values(resourcesOf(t, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties as {
    RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown; Target: unknown;
  });
  const byKey = new Map(apiRoutes.map((r) => [r.RouteKey, r]));

  it('has exactly one route per non-local catalogue route', () => {
    expect(apiRoutes).toHaveLength(deployed.length);
    expect([...byKey.keys()].sort()).toEqual(deployed.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('never deploys a local route', () => {
    const local = allRoutes.filter((r) => r.auth === 'local');
    expect(local.length).toBeGreaterThan(0);
    for (const r of local) expect(byKey.has(`${r.method} ${r.path}`)).toBe(false);
  });

  it('puts the Cognito JWT authorizer on every jwt route and on no public one', () => {
    const authorizerId = onlyId(t, 'AWS::ApiGatewayV2::Authorizer');
    for (const r of deployed) {
      const route = byKey.get(`${r.method} ${r.path}`);
      if (r.auth === 'jwt') {
        expect(r.path.startsWith('/v1/')).toBe(true);
        expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route?.AuthorizationType).toBe('NONE');
        expect(route?.AuthorizerId).toBeUndefined();
      }
    }
  });

  it('integrates each route with its resource function', () => {
    const fns = cordonFunctions(t);
    const integrations = resourcesOf(t, 'AWS::ApiGatewayV2::Integration');
    for (const r of deployed) {
      const route = byKey.get(`${r.method} ${r.path}`) as { Target: { 'Fn::Join': [string, unknown[]] } };
      const integrationId = (route.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const uri = integrations[integrationId]?.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      expect(uri['Fn::GetAtt'][0]).toBe(fns.get(`cordon-dev-api-${r.resource}`)?.logicalId);
    }
  });

  it('has one JWT authorizer: the user pool as issuer, the web client as audience', () => {
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: onlyId(t, 'AWS::Cognito::UserPoolClient') }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('cognito-idp'), { Ref: onlyId(t, 'AWS::Cognito::UserPool') }])] },
      },
    });
  });
});

describe('functions from the catalogue', () => {
  const t = template();
  const fns = cordonFunctions(t);

  it('deploys one function per resource, consumer and job', () => {
    expect([...fns.keys()].sort()).toEqual(expectedFunctions.sort());
  });

  it('runs every function on Node.js 22, ARM64, as an ESM bundle with source maps', () => {
    for (const [name, { props }] of fns) {
      expect(props, name).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      const env = environmentOf(props);
      expect(env, name).toMatchObject({ STAGE: 'dev', NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'cordon' });
      expect(env.TABLE_NAME).toEqual({ Ref: onlyId(t, 'AWS::DynamoDB::Table') });
      expect(env).not.toHaveProperty('DYNAMODB_ENDPOINT');
      expect(env).not.toHaveProperty('VALIDATE_RESPONSES');
    }
  });

  it('keeps a worker within its queue\'s visibility timeout', () => {
    for (const [, q] of queueList) {
      expect(fns.get(`cordon-dev-workers-${q.consumer}`)?.props.Timeout).toBeLessThanOrEqual(q.visibilityTimeoutSeconds);
    }
  });

  it('gives each function its own log group with a retention', () => {
    const groups = resourcesOf(t, 'AWS::Logs::LogGroup');
    for (const [name, { props }] of fns) {
      expect(groups[logGroupIdOf(props)]?.Properties).toMatchObject({ LogGroupName: `/aws/lambda/${name}`, RetentionInDays: 7 });
    }
  });
});

describe('queues from the catalogue', () => {
  const t = template();
  const sqs = resourcesOf(t, 'AWS::SQS::Queue');
  const byName = new Map(Object.entries(sqs).map(([id, r]) => [r.Properties?.QueueName as string, { id, props: r.Properties ?? {} }]));
  const fns = cordonFunctions(t);

  it('has one queue and one dead-letter queue per catalogue queue', () => {
    expect(Object.keys(sqs)).toHaveLength(2 * queueList.length);
    for (const [name, spec] of queueList) {
      const queue = byName.get(`cordon-dev-${name}`);
      const dlq = byName.get(`cordon-dev-${name}-dlq`);
      expect(queue?.props).toMatchObject({
        VisibilityTimeout: spec.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { maxReceiveCount: spec.maxReceiveCount, deadLetterTargetArn: { 'Fn::GetAtt': [dlq?.id, 'Arn'] } },
      });
      expect(dlq?.props).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    }
  });

  it('refuses any request without TLS on every queue', () => {
    const policies = Object.values(resourcesOf(t, 'AWS::SQS::QueuePolicy'));
    for (const { id } of byName.values()) {
      const policy = policies.find((p) => (p.Properties?.Queues as { Ref: string }[]).some((q) => q.Ref === id));
      expect(policy?.Properties?.PolicyDocument).toMatchObject({
        Statement: expect.arrayContaining([expect.objectContaining({
          Effect: 'Deny', Action: 'sqs:*', Resource: { 'Fn::GetAtt': [id, 'Arn'] }, Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        })]),
      });
    }
  });

  it('maps each queue to its consumer with the catalogue\'s batching and partial failures', () => {
    const mappings = Object.values(resourcesOf(t, 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties ?? {});
    expect(mappings).toHaveLength(queueList.length);
    for (const [name, spec] of queueList) {
      const queueId = byName.get(`cordon-dev-${name}`)?.id;
      const mapping = mappings.find((m) => (m.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0] === queueId);
      expect(mapping).toMatchObject({
        FunctionName: { Ref: fns.get(`cordon-dev-workers-${spec.consumer}`)?.logicalId },
        BatchSize: spec.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const s = spec as { maxConcurrency?: number; maxBatchingWindowSeconds?: number };
      expect(mapping?.ScalingConfig).toEqual(s.maxConcurrency === undefined ? undefined : { MaximumConcurrency: s.maxConcurrency });
      expect(mapping?.MaximumBatchingWindowInSeconds).toBe(s.maxBatchingWindowSeconds);
    }
  });

  it('gives a queue URL only to the functions that send to it', () => {
    const variables = queueList.map(([name]) => queueUrlVariable(name));
    for (const [name, { props }] of fns) {
      const env = environmentOf(props);
      const set = variables.filter((v) => v in env);
      const [kind, module] = [name.split('-')[2], name.split('-').slice(3).join('-')];
      const sends = sendsOf(kind as string, module);
      expect(set.sort(), name).toEqual(sends.map(queueUrlVariable).sort());
      for (const q of sends) expect(env[queueUrlVariable(q)]).toEqual({ Ref: byName.get(`cordon-dev-${q}`)?.id });
    }
  });
});

describe('schedules from the catalogue', () => {
  const t = template();
  it('has one EventBridge rule per schedule, with its expression, invoking its job', () => {
    const rules = Object.values(resourcesOf(t, 'AWS::Events::Rule')).map((r) => r.Properties ?? {});
    expect(rules).toHaveLength(scheduleList.length);
    const fns = cordonFunctions(t);
    for (const [name, spec] of scheduleList) {
      expect(rules.find((r) => r.Name === `cordon-dev-${name}`)).toMatchObject({
        ScheduleExpression: spec.expression,
        State: 'ENABLED',
        Targets: [{ Arn: { 'Fn::GetAtt': [fns.get(`cordon-dev-jobs-${spec.job}`)?.logicalId, 'Arn'] } }],
      });
    }
  });
});

function sendsOf(kind: string, module: string): string[] {
  return [...((functionAccess as Record<string, Record<string, FunctionAccess>>)[kind]?.[module]?.sends ?? [])];
}
