/**
 * The Cordon stack: the concerns composed in dependency order, named by stage, with cdk-nag's
 * AwsSolutions checks on the app. app.ts synthesises it; the infra tests build it here.
 */
import { App, CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { Api } from './api.ts';
import { Auth } from './auth.ts';
import { Data } from './data.ts';
import { Files } from './files.ts';
import { Functions } from './functions.ts';
import { handlerId } from './handlers.ts';
import { Queues } from './queues.ts';
import { Schedules } from './schedules.ts';
import { Secrets } from './secrets.ts';
import { stageFrom, type Stage } from './stage.ts';
import { Web } from './web.ts';

export interface CordonStackProps extends StackProps {
  readonly stage: Stage;
}

export class CordonStack extends Stack {
  readonly data: Data;
  readonly auth: Auth;
  readonly queues: Queues;
  readonly secrets: Secrets;
  readonly functions: Functions;
  readonly web: Web;
  readonly api: Api;
  readonly schedules: Schedules;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: CordonStackProps) {
    super(scope, id, props);
    const { stage } = props;
    this.data = new Data(this, 'Data', stage);
    // The web app first: the user pool's client sends users back to its origin.
    this.web = new Web(this, 'Web', stage);
    this.auth = new Auth(this, 'Auth', { stage, webOrigin: this.web.origin });
    this.queues = new Queues(this, 'Queues', stage);
    this.secrets = new Secrets(this, 'Secrets', stage);
    this.functions = new Functions(this, 'Functions', {
      stage, data: this.data, queues: this.queues, secrets: this.secrets, userPool: this.auth.userPool,
      files: new Files(this, 'Files', { stage, webOrigin: this.web.origin }),
    });
    this.queues.connect((consumer) => this.functions.get(handlerId('workers', consumer)));
    this.schedules = new Schedules(this, 'Schedules', stage, (job) => this.functions.get(handlerId('jobs', job)));
    this.api = new Api(this, 'Api', { stage, auth: this.auth, functions: this.functions, webOrigin: this.web.origin });
    this.web.publish({
      apiUrl: this.api.url,
      // The gate QR codes print the site's own address.
      publicUrl: this.web.origin,
      region: this.region,
      userPoolId: this.auth.userPool.userPoolId,
      userPoolClientId: this.auth.webClient.userPoolClientId,
      authDomain: this.auth.domain.baseUrl(),
    });
    this.alarms = new Alarms(this, 'Alarms', {
      stage, queues: this.queues.all, functions: this.functions.all, api: this.api.httpApi,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.origin, description: 'The web app' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.webClient.userPoolClientId });
    new CfnOutput(this, 'AuthDomain', { value: this.auth.domain.baseUrl(), description: 'The hosted sign-in UI' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to receive alarms' });
  }
}

export interface CordonAppOptions {
  /** CDK context, as `--context` gives it (stage, threatProtection, aws:cdk:bundling-stacks…). */
  readonly context?: Record<string, unknown>;
  readonly outdir?: string;
  /** Run cdk-nag's AwsSolutions checks on synth (default true). */
  readonly nag?: boolean;
}

/**
 * The app with its one stack, `cordon-<stage>`. Region and account stay unresolved
 * (environment-agnostic), so synth needs no credentials and no lookups.
 */
export function cordonApp(options: CordonAppOptions = {}): { app: App; stack: CordonStack } {
  const app = new App({ context: options.context, ...(options.outdir ? { outdir: options.outdir } : {}) });
  const stage = stageFrom({ stage: app.node.tryGetContext('stage'), threatProtection: app.node.tryGetContext('threatProtection') });
  const stack = new CordonStack(app, stage.prefix, {
    stage,
    description: `Cordon ${stage.name}: API, workers, jobs, table, user pool and web app`,
    tags: { project: 'cordon', stage: stage.name },
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
