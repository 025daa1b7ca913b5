/**
 * Uploaded files in the cloud (inspection photos, orders' delivery photos): one private bucket — all public access blocked,
 * TLS only, S3-managed encryption, versioned, access-logged to a bucket of its own — that browsers
 * PUT into directly with a presigned URL (functions/platform/files-s3.ts), so CORS allows PUT from
 * the web app's origin only. The functions that declare `files` access in the catalogue may put
 * objects under their access's prefix (`inspections/`, `orders/`) and nothing else, and are told the bucket's regional domain in FILES_BUCKET_DOMAIN.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { FilesAccess } from '#shared/catalogue/index.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

/** The key prefix each files access may write under. */
export const FILES_PREFIXES: Record<FilesAccess, string> = { presignPhotos: 'inspections/', presignDeliveryPhotos: 'orders/' };
/** The S3 actions each files access grants (a presigned PUT is signed with the function's own rights). */
export const FILES_ACTIONS: Record<FilesAccess, readonly string[]> = { presignPhotos: ['s3:PutObject'], presignDeliveryPhotos: ['s3:PutObject'] };

export interface FilesProps {
  readonly stage: Stage;
  /** The web app's origin: the only one whose PUTs CORS lets through. */
  readonly webOrigin: string;
}

export class Files extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: FilesProps) {
    super(scope, id);
    const { stage } = props;
    const logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: stage.accessLogExpiry }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logBucket, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging its own access would log every log delivery.');
    this.bucket = new Bucket(this, 'Uploads', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'uploads-bucket/',
      cors: [{ allowedMethods: [HttpMethods.PUT], allowedOrigins: [props.webOrigin], allowedHeaders: ['content-type'], maxAge: 600 }],
      // Inspection photos are evidence for accountability: kept with the stack's data.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Grants a function's files access on its role; answers the environment it needs (none without access). */
  grant(role: Role, access: readonly FilesAccess[]): Record<string, string> {
    if (access.length === 0) return {};
    const resources = access.map((a) => this.bucket.arnForObjects(`${FILES_PREFIXES[a]}*`));
    role.addToPolicy(new PolicyStatement({ sid: 'Files', actions: [...new Set(access.flatMap((a) => FILES_ACTIONS[a]))], resources }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    for (const a of access) {
      acknowledge(role, `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${FILES_PREFIXES[a]}*]`,
        'Each upload gets a new random key under this prefix: the wildcard is the prefix of the files the function signs PUTs for, nothing else.');
    }
    // The regional domain, not the name: the URL is signed for it, in whichever partition the stack is.
    return { FILES_BUCKET_DOMAIN: this.bucket.bucketRegionalDomainName };
  }
}
