/**
 * cdk-nag acknowledgements: every AwsSolutions finding that stays is acknowledged on the
 * construct it concerns, with the reason written beside it (never app-wide).
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** `rule` is `AwsSolutions-XX`, or `AwsSolutions-XX[finding]` for one finding of a rule. */
export function acknowledge(construct: IConstruct, rule: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: rule, reason });
}
