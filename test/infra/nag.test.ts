/**
 * cdk-nag's AwsSolutions checks: both stages synthesise with zero unacknowledged findings, a
 * new finding fails synth, and every acknowledgement carries a written reason.
 */
import { Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

function acknowledgements(root: IConstruct): { path: string; rule: string; reason: string }[] {
  return root.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({ path: c.node.path, rule, reason }))));
}

describe('cdk-nag AwsSolutions', () => {
  const cases = [['dev', {}], ['prod', {}], ['dev', { threatProtection: 'false' }]] as const;
  for (const [stage, context] of cases) {
    it(`finds nothing unacknowledged in ${stage} ${JSON.stringify(context)}`, () => {
      const { app, stack } = synth(stage, context, true);
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
      expect(report.success).toBe(true);
      expect(() => app.synth()).not.toThrow();
    });
  }

  it('fails synth on a new finding', () => {
    const { app, stack } = synth('dev', {}, true);
    // No DLQ, no TLS-only policy: AwsSolutions-SQS3 and SQS4.
    new Queue(stack, 'Careless');
    expect(() => app.synth()).toThrow(/AwsSolutions/);
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('gives every acknowledgement a written reason beside its resource, none on the stack or app', () => {
    const { app, stack } = synth('prod', {}, true);
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) {
      expect(a.reason.length, `${a.path} ${a.rule}`).toBeGreaterThan(30);
      expect([app.node.path, stack.node.path]).not.toContain(a.path);
    }
  });
});
