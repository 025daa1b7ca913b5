/**
 * The alarms concern: an encrypted, TLS-only SNS topic, and alarms on what needs a person —
 * any message in a dead-letter queue, any function error or throttle, any API 5xx.
 * Subscribe to the topic (e-mail, chat webhook) after the first deploy; see README.
 *
 * A nested stack of its own: two alarms per function make it the concern that grows fastest, and
 * CloudFormation refuses a stack of more than 500 resources. Apart, the alarms (and their topic)
 * leave the main stack room for the functions and routes that come, and the nested stack holds
 * 500 of its own; the functions, queues and API reach it as parameters CDK wires in.
 */
import { Duration, NestedStack, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { DeployedFunction } from './functions.ts';
import type { CatalogueQueue } from './queues.ts';
import type { Stage } from './stage.ts';

const PERIOD = Duration.minutes(5);

export interface AlarmsProps {
  readonly stage: Stage;
  readonly queues: readonly CatalogueQueue[];
  readonly functions: readonly DeployedFunction[];
  readonly api: HttpApi;
}

export class Alarms extends NestedStack {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id, { description: `Cordon ${props.stage.name}: the alarm topic and the alarms on dead letters, function errors and throttles, API 5xx` });
    const { stage } = props;
    // CloudWatch cannot publish to a topic under the AWS-managed SNS key; it gets this one.
    const key = new Key(this, 'Key', {
      alias: `alias/${stage.named('alarms')}`,
      description: `Cordon ${stage.name}: encrypts the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new Topic(this, 'Topic', {
      topicName: stage.named('alarms'),
      displayName: `Cordon ${stage.name} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.topic.applyRemovalPolicy(stage.transientRemovalPolicy);
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, alarmId, {
        alarmName: stage.named(alarmId),
        alarmDescription: description,
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
    };

    for (const { name, deadLetters } of props.queues) {
      alarm(`${name}-dlq-depth`, deadLetters.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        `Messages of ${name} gave up after their retries and wait in its dead-letter queue.`);
    }
    for (const { module, fn } of props.functions) {
      alarm(`${module.id}-errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), `${module.file} threw or timed out.`);
      alarm(`${module.id}-throttles`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), `${module.file} was throttled.`);
    }
    alarm('api-5xx', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 'The HTTP API answered 5xx.');
  }
}
