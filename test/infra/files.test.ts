/**
 * The uploads bucket (infra/cloud/files.ts), built on its own stack: private, TLS only,
 * encrypted, versioned and access-logged, CORS letting the web origin PUT and nothing else; a
 * function granted `presignPhotos` may put objects under `inspections/` only and is told the
 * bucket's regional domain in FILES_BUCKET_DOMAIN; no cdk-nag finding is left. The catalogue gives that access to the
 * inspections function alone, and `presignDeliveryPhotos` (`orders/` only) to the orders function.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { Files, FILES_PREFIXES } from '#infra/cloud/files.ts';
import { stageFrom } from '#infra/cloud/stage.ts';
import { functionAccess } from '#shared/catalogue/index.ts';

function build() {
  const app = new App();
  const stack = new Stack(app, 'files-test', { env: { account: '123456789012', region: 'cn-north-1' } });
  const files = new Files(stack, 'Files', { stage: stageFrom({ stage: 'prod' }), webOrigin: 'https://cordon.example.cn' });
  const role = new Role(stack, 'Signer', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const environment = files.grant(role, ['presignPhotos']);
  const unrelated = new Role(stack, 'Other', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const none = files.grant(unrelated, []);
  return { stack, files, environment, none, template: Template.fromStack(stack) };
}

const { stack, files, environment, none, template } = build();
const uploadsId = stack.getLogicalId(files.bucket.node.defaultChild as never);

describe('the uploads bucket', () => {
  it('is private, TLS only, encrypted, versioned, access-logged, and lets the web origin PUT', () => {
    const props = template.toJSON().Resources[uploadsId].Properties as Record<string, unknown>;
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.BucketEncryption).toBeDefined();
    expect(props.LoggingConfiguration).toBeDefined();
    expect((props.CorsConfiguration as { CorsRules: unknown[] }).CorsRules).toEqual([
      { AllowedMethods: ['PUT'], AllowedHeaders: ['content-type'], AllowedOrigins: ['https://cordon.example.cn'], MaxAge: 600 },
    ]);
  });

  it('lets a function granted presignPhotos put objects under inspections/ only, and tells it the bucket', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] }; Roles: unknown[] } }[];
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([{
      Sid: 'Files', Effect: 'Allow', Action: 's3:PutObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploadsId, 'Arn'] }, '/inspections/*']] },
    }]);
    expect(stack.resolve(environment)).toEqual({ FILES_BUCKET_DOMAIN: { 'Fn::GetAtt': [uploadsId, 'RegionalDomainName'] } });
    expect(none).toEqual({});
  });

  it('is given by the catalogue to the inspections function (its photos) and the orders function (delivery photos) alone, each its own prefix', () => {
    const holders = Object.entries(functionAccess).flatMap(([kind, modules]) =>
      Object.entries(modules).filter(([, access]) => 'files' in access).map(([name, access]) => `${kind}/${name}:${String((access as { files: readonly string[] }).files)}`));
    expect(holders).toEqual(['api/inspections:presignPhotos', 'api/orders:presignDeliveryPhotos']);
    expect(FILES_PREFIXES).toEqual({ presignPhotos: 'inspections/', presignDeliveryPhotos: 'orders/' });
  });

  it('leaves no cdk-nag finding', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
