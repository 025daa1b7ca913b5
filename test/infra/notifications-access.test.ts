/**
 * Alert notices in the cloud: the functions that declare `notify` access in the catalogue (the
 * alert job) may CreateTopic, Subscribe, ListSubscriptionsByTopic and Publish on the stage's
 * community topics only (arn:…:sns:<region>:<account>:cordon-<stage>-community-*), and are told
 * the prefix in NOTIFY_TOPIC_PREFIX; no other function holds an SNS action or knows the prefix.
 */
import { describe, expect, it } from 'vitest';
import { functionAccess, type FunctionAccess, type FunctionKind } from '#shared/catalogue/index.ts';
import { actionsOf, cordonFunctions, environmentOf, statementsOf, template } from './synth.ts';

const t = template();
const fns = cordonFunctions(t);
const NOTIFIERS = ['cordon-dev-jobs-escalate-alerts'];
const TOPICS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':cordon-dev-community-*']] };

describe('notify access', () => {
  it('is declared in the catalogue for the alert job only', () => {
    const declared = (Object.entries(functionAccess) as [FunctionKind, Record<string, FunctionAccess>][])
      .flatMap(([kind, entries]) => Object.entries(entries).filter(([, a]) => a.notify?.length).map(([name]) => `cordon-dev-${kind}-${name}`));
    expect(declared).toEqual(NOTIFIERS);
  });

  for (const fn of NOTIFIERS) {
    it(`${fn} may create, subscribe to, list and publish to the community topics of its stage, and nothing else of SNS`, () => {
      const sns = statementsOf(t, fn).filter((s) => actionsOf(s).some((a) => a.startsWith('sns:')));
      expect(sns).toEqual([{
        Sid: 'Notify',
        Effect: 'Allow',
        Action: ['sns:CreateTopic', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
        Resource: TOPICS,
      }]);
      expect(environmentOf(fns.get(fn)?.props ?? {}).NOTIFY_TOPIC_PREFIX).toBe('cordon-dev-community-');
    });
  }

  it('is held by no other function', () => {
    const others = [...fns.keys()].filter((name) => !NOTIFIERS.includes(name));
    expect(others.length).toBeGreaterThan(10);
    for (const fn of others) {
      expect(statementsOf(t, fn).flatMap(actionsOf).filter((a) => a.startsWith('sns:')), fn).toEqual([]);
      expect(environmentOf(fns.get(fn)?.props ?? {}), fn).not.toHaveProperty('NOTIFY_TOPIC_PREFIX');
    }
  });
});
