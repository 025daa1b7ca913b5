/**
 * Alert notices in the cloud: the functions that declare `notify` access in the catalogue may
 * create, subscribe to, list and publish to the stage's community topics only
 * (`cordon-<stage>-community-*`, made at run time by functions/platform/notifications-sns.ts, one
 * per community), and are told the topics' prefix in NOTIFY_TOPIC_PREFIX. Nothing else holds an
 * SNS action or knows the prefix.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { NotifyAccess } from '#shared/catalogue/index.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

/** The SNS actions behind each notify access of the catalogue. */
export const NOTIFY_ACTIONS: Record<NotifyAccess, readonly string[]> = {
  publish: ['sns:CreateTopic', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
};

/** `cordon-<stage>-community-`: the name of a community's topic is this and its id. */
export const notifyTopicPrefix = (stage: Stage): string => `${stage.named('community')}-`;

/** Grants a function's notify access on its role; answers the environment it needs (none without access). */
export function grantNotify(role: Role, access: readonly NotifyAccess[], stage: Stage): Record<string, string> {
  if (access.length === 0) return {};
  const prefix = notifyTopicPrefix(stage);
  const topics = Stack.of(role).formatArn({ service: 'sns', resource: `${prefix}*`, arnFormat: ArnFormat.NO_RESOURCE_NAME });
  role.addToPolicy(new PolicyStatement({ sid: 'Notify', actions: access.flatMap((a) => NOTIFY_ACTIONS[a]), resources: [topics] }));
  acknowledge(role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${prefix}*]`,
    'One SNS topic per community, created at run time as communities are registered: the wildcard is the stage\'s community topics only.');
  return { NOTIFY_TOPIC_PREFIX: prefix };
}
