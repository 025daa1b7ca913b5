/**
 * Builds the Cordon stack for the infra tests: asset bundling skipped (the functions' code is
 * not built, only referenced), cdk-nag off unless asked, one synth per stage per test file.
 * Also small readers over the template: a function's IAM statements, resources by type, and the
 * alarms' nested stack with the values its parent passes in.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { cordonApp } from '#infra/cloud/cordon.ts';
import type { StageName } from '#infra/cloud/stage.ts';

export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Context that makes synth skip bundling: no stack needs its assets built. */
const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

export function synth(stage: StageName, context: Record<string, unknown> = {}, nag = false) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cordon-cdk-'));
  return cordonApp({ context: { stage, ...SKIP_BUNDLING, ...context }, outdir, nag });
}

const synthesised = new Map<StageName, { main: Template; alarms: Template }>();

function synthesisedOnce(stage: StageName): { main: Template; alarms: Template } {
  let found = synthesised.get(stage);
  if (!found) {
    const { stack } = synth(stage);
    found = { main: Template.fromStack(stack), alarms: Template.fromStack(stack.alarms) };
    synthesised.set(stage, found);
  }
  return found;
}

/** The stage's template, synthesised once per test file. */
export const template = (stage: StageName = 'dev'): Template => synthesisedOnce(stage).main;

/** The alarms' nested stack's template (infra/cloud/alarms.ts), from the same synth as {@link template}. */
export const alarmsTemplate = (stage: StageName = 'dev'): Template => synthesisedOnce(stage).alarms;

/**
 * What a parent passes into its nested stack, parameter by parameter: a nested template refers to
 * the parent's resources as `{ Ref: <parameter> }`, and this says which resource each one is.
 */
export function nestedParameters(parent: Template): Record<string, unknown> {
  return Object.assign({}, ...Object.values(resourcesOf(parent, 'AWS::CloudFormation::Stack')).map((s) => s.Properties?.Parameters ?? {})) as Record<string, unknown>;
}

export function resourcesOf(t: Template, type: string): Resources {
  return t.findResources(type) as Resources;
}

/** The Lambda functions named `cordon-<stage>-…` (Cordon's own, not CDK's helpers), by name. */
export function cordonFunctions(t: Template, stage: StageName = 'dev'): Map<string, { logicalId: string; props: Record<string, unknown> }> {
  const out = new Map<string, { logicalId: string; props: Record<string, unknown> }>();
  for (const [logicalId, r] of Object.entries(resourcesOf(t, 'AWS::Lambda::Function'))) {
    const name = r.Properties?.FunctionName;
    if (typeof name === 'string' && name.startsWith(`cordon-${stage}-`)) out.set(name, { logicalId, props: r.Properties ?? {} });
  }
  return out;
}

/** A function's environment variables, as the template holds them. */
export const environmentOf = (props: Record<string, unknown>): Record<string, unknown> =>
  (props.Environment as { Variables: Record<string, unknown> }).Variables;

/** The logical ids of a function's role and log group. */
export const roleIdOf = (props: Record<string, unknown>): string => (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
export const logGroupIdOf = (props: Record<string, unknown>): string => (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;

/** Every statement of every policy attached to the function's role. */
export function statementsOf(t: Template, functionName: string): Statement[] {
  const fn = cordonFunctions(t, functionName.split('-')[1] as StageName).get(functionName);
  if (!fn) throw new Error(`no function ${functionName}`);
  const roleId = roleIdOf(fn.props);
  return Object.values(resourcesOf(t, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties?.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourceList = (s: Statement): unknown[] => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** The logical id of the only resource of a type (table, user pool, HTTP API…). */
export function onlyId(t: Template, type: string): string {
  const ids = Object.keys(resourcesOf(t, type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0] as string;
}
