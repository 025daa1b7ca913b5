/**
 * Least privilege, function by function, from shared/catalogue/functions.ts: exactly the
 * table actions of its access levels on the table (and, for reads, each named index), the key
 * uses DynamoDB needs for them, SendMessage on exactly the queues it sends to, receive rights
 * on the queue it consumes, the SNS actions of its notify access, the S3 actions of its files
 * access, and logging to its own group. Never `dynamodb:*`, never `*`.
 */
import { describe, expect, it } from 'vitest';
import { functionAccess, queues, type FunctionAccess, type FunctionKind } from '#shared/catalogue/index.ts';
import { TABLE } from '#shared/table.ts';
import { USER_POOL_ACTIONS } from '#infra/cloud/functions.ts';
import { NOTIFY_ACTIONS } from '#infra/cloud/notifications.ts';
import { FILES_ACTIONS } from '#infra/cloud/files.ts';
import { actionsOf, cordonFunctions, logGroupIdOf, onlyId, resourceList, resourcesOf, roleIdOf, statementsOf, template, type Statement } from './synth.ts';

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const CONSUME = ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

const t = template();
const fns = cordonFunctions(t);
const tableId = onlyId(t, 'AWS::DynamoDB::Table');
const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
const indexArns = Object.values(TABLE.indexes).map((i) => ({ 'Fn::Join': ['', [tableArn, `/index/${i.name}`]] }));
const dataKeyId = Object.entries(resourcesOf(t, 'AWS::DynamoDB::Table'))[0]?.[1].Properties?.SSESpecification as { KMSMasterKeyId: { 'Fn::GetAtt': [string, string] } };
const keyArn = { 'Fn::GetAtt': [dataKeyId.KMSMasterKeyId['Fn::GetAtt'][0], 'Arn'] };
const queueIds = new Map(Object.entries(resourcesOf(t, 'AWS::SQS::Queue')).map(([id, r]) => [r.Properties?.QueueName as string, id]));
const queueArn = (name: string) => ({ 'Fn::GetAtt': [queueIds.get(`cordon-dev-${name}`), 'Arn'] });

const modules = (Object.entries(functionAccess) as [FunctionKind, Record<string, FunctionAccess>][])
  .flatMap(([kind, entries]) => Object.entries(entries).map(([name, access]) => ({ kind, name, access, fn: `cordon-dev-${kind}-${name}` })))
  .filter((m) => fns.has(m.fn));

const withAction = (statements: Statement[], action: string) => statements.filter((s) => actionsOf(s).includes(action));

describe('IAM per function', () => {
  it('covers every deployed function', () => {
    expect(modules.map((m) => m.fn).sort()).toEqual([...fns.keys()].sort());
  });

  for (const { kind, name, access, fn } of modules) {
    describe(fn, () => {
      const statements = statementsOf(t, fn);
      const consumes = Object.entries(queues).filter(([, q]) => kind === 'workers' && q.consumer === name).map(([q]) => q);
      const sends = [...(access.sends ?? [])];

      it('has no wildcard action and no Resource "*"', () => {
        for (const s of statements) {
          expect(s.Effect).toBe('Allow');
          for (const a of actionsOf(s)) expect(a, JSON.stringify(s)).not.toMatch(/\*/);
          for (const r of resourceList(s)) expect(r, JSON.stringify(s)).not.toBe('*');
        }
      });

      it('holds exactly the actions its access declares', () => {
        const expected = [
          'logs:CreateLogStream', 'logs:PutLogEvents',
          ...(access.table.includes('read') ? [...READ, 'kms:Decrypt', 'kms:DescribeKey'] : []),
          ...(access.table.includes('write') ? [...WRITE, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : []),
          ...(sends.length > 0 ? ['sqs:SendMessage'] : []),
          ...(consumes.length > 0 ? CONSUME : []),
          ...(access.userPool ?? []).flatMap((a) => USER_POOL_ACTIONS[a]),
          ...(access.notify ?? []).flatMap((a) => NOTIFY_ACTIONS[a]),
          ...(access.files ?? []).flatMap((a) => FILES_ACTIONS[a]),
        ];
        expect([...new Set(statements.flatMap(actionsOf))].sort()).toEqual([...new Set(expected)].sort());
      });

      it('reads the table and its named indexes only if it reads', () => {
        const reads = withAction(statements, 'dynamodb:Query');
        if (!access.table.includes('read')) return expect(reads).toEqual([]);
        expect(reads).toHaveLength(1);
        expect(actionsOf(reads[0] as Statement).sort()).toEqual([...READ].sort());
        expect(resourceList(reads[0] as Statement)).toEqual([tableArn, ...indexArns]);
      });

      it('writes the table (not its indexes) only if it writes', () => {
        const writes = withAction(statements, 'dynamodb:PutItem');
        if (!access.table.includes('write')) return expect(writes).toEqual([]);
        expect(writes).toHaveLength(1);
        expect(actionsOf(writes[0] as Statement).sort()).toEqual([...WRITE].sort());
        expect(resourceList(writes[0] as Statement)).toEqual([tableArn]);
      });

      it('uses the data key only through DynamoDB', () => {
        for (const s of statements.filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')))) {
          expect(resourceList(s)).toEqual([keyArn]);
          expect(s.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': expect.anything() } });
        }
      });

      it('sends to exactly the queues it declares', () => {
        const sendStatements = withAction(statements, 'sqs:SendMessage');
        expect(sendStatements.flatMap(resourceList)).toEqual(sends.map(queueArn));
      });

      it('receives only from the queue it consumes', () => {
        expect(withAction(statements, 'sqs:ReceiveMessage').flatMap(resourceList)).toEqual(consumes.map(queueArn));
      });

      it('logs only to its own log group', () => {
        const logs = withAction(statements, 'logs:PutLogEvents');
        expect(logs.flatMap(resourceList)).toEqual([{ 'Fn::GetAtt': [logGroupIdOf(fns.get(fn)?.props ?? {}), 'Arn'] }]);
      });

      it('has no managed policies on its role', () => {
        expect(resourcesOf(t, 'AWS::IAM::Role')[roleIdOf(fns.get(fn)?.props ?? {})]?.Properties?.ManagedPolicyArns).toBeUndefined();
      });
    });
  }

  it('has a function without sends and one without table access, so the negative cases are exercised', () => {
    expect(modules.some((m) => !m.access.sends?.length)).toBe(true);
    expect(modules.some((m) => m.access.table.length === 0)).toBe(true);
  });
});
