/**
 * What `--context stage=dev|prod` changes: names, log retention, deletion protection, what is
 * kept when the stack goes; and what it never changes: data is retained in every stage.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stageFrom } from '#infra/cloud/stage.ts';
import { alarmsTemplate, cordonFunctions, environmentOf, onlyId, resourcesOf, synth, template } from './synth.ts';

const dev = template('dev');
const prod = template('prod');

describe('stages', () => {
  it('names the stack and every named resource by stage', () => {
    expect(synth('prod').stack.stackName).toBe('cordon-prod');
    for (const [t, stage] of [[dev, 'dev'], [prod, 'prod']] as const) {
      expect(cordonFunctions(t, stage).size).toBeGreaterThan(0);
      expect(cordonFunctions(t, stage).size).toBe(Object.keys(resourcesOf(t, 'AWS::Lambda::Function')).length - 1);
      expect(resourcesOf(t, 'AWS::DynamoDB::Table')[onlyId(t, 'AWS::DynamoDB::Table')]?.Properties?.TableName).toBe(`cordon-${stage}`);
      for (const q of Object.values(resourcesOf(t, 'AWS::SQS::Queue'))) expect(q.Properties?.QueueName).toMatch(new RegExp(`^cordon-${stage}-`));
      expect(resourcesOf(t, 'AWS::Cognito::UserPool')[onlyId(t, 'AWS::Cognito::UserPool')]?.Properties?.UserPoolName).toBe(`cordon-${stage}-users`);
    }
  });

  it('protects the table and the user pool from deletion in prod only', () => {
    const table = (t: typeof dev) => resourcesOf(t, 'AWS::DynamoDB::Table')[onlyId(t, 'AWS::DynamoDB::Table')]?.Properties;
    const pool = (t: typeof dev) => resourcesOf(t, 'AWS::Cognito::UserPool')[onlyId(t, 'AWS::Cognito::UserPool')]?.Properties;
    expect(table(prod)?.DeletionProtectionEnabled).toBe(true);
    expect(table(dev)?.DeletionProtectionEnabled).toBe(false);
    expect(pool(prod)?.DeletionProtection).toBe('ACTIVE');
    expect(pool(dev)?.DeletionProtection).toBe('INACTIVE');
  });

  it('retains data in every stage: table, keys, user pool, buckets', () => {
    for (const t of [dev, prod]) {
      for (const type of ['AWS::DynamoDB::Table', 'AWS::KMS::Key', 'AWS::Cognito::UserPool', 'AWS::S3::Bucket']) {
        for (const [id, r] of Object.entries(t.findResources(type))) expect(r.DeletionPolicy, `${type} ${id}`).toBe('Retain');
      }
    }
  });

  it('keeps logs a year in prod and a week in dev, and keeps prod\'s log groups when the stack goes', () => {
    for (const g of Object.values(prod.findResources('AWS::Logs::LogGroup'))) {
      expect(g.Properties.RetentionInDays).toBe(365);
      expect(g.DeletionPolicy).toBe('Retain');
    }
    for (const g of Object.values(dev.findResources('AWS::Logs::LogGroup'))) {
      expect(g.Properties.RetentionInDays).toBe(7);
      expect(g.DeletionPolicy).toBe('Delete');
    }
  });

  it('keeps queues and the alarm topic in prod and deletes them with a dev stack', () => {
    // The topic lives in the alarms' nested stack; each list must hold something, or the loop proves nothing.
    for (const [t, type, policy] of [
      [prod, 'AWS::SQS::Queue', 'Retain'], [dev, 'AWS::SQS::Queue', 'Delete'],
      [alarmsTemplate('prod'), 'AWS::SNS::Topic', 'Retain'], [alarmsTemplate('dev'), 'AWS::SNS::Topic', 'Delete'],
    ] as const) {
      const found = Object.entries(t.findResources(type));
      expect(found.length, type).toBeGreaterThan(0);
      for (const [id, r] of found) expect(r.DeletionPolicy, id).toBe(policy);
    }
  });

  it('logs at INFO in prod and DEBUG in dev', () => {
    for (const [, { props }] of cordonFunctions(prod, 'prod')) expect(environmentOf(props).LOG_LEVEL).toBe('INFO');
    for (const [, { props }] of cordonFunctions(dev, 'dev')) expect(environmentOf(props).LOG_LEVEL).toBe('DEBUG');
  });

  it('turns Cognito threat protection off only when told the region lacks it', () => {
    const pool = resourcesOf(template('dev'), 'AWS::Cognito::UserPool');
    expect(Object.values(pool)[0]?.Properties?.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const without = Template.fromStack(synth('dev', { threatProtection: 'false' }).stack);
    const props = Object.values(resourcesOf(without, 'AWS::Cognito::UserPool'))[0]?.Properties;
    expect(props?.UserPoolAddOns).toBeUndefined();
    expect(props?.UserPoolTier).toBe('ESSENTIALS');
  });

  it('refuses an unknown stage and defaults to dev', () => {
    expect(() => stageFrom({ stage: 'staging' })).toThrow(/stage must be one of dev, prod/);
    expect(stageFrom({}).name).toBe('dev');
  });
});
