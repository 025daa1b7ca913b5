/**
 * The web concern: the built web app (web/dist) in a private, encrypted, TLS-only, versioned
 * bucket, served by CloudFront through origin access control with an SPA fallback and
 * security headers. The resident page's paths (/c/{compoundId}) get its own HTML entry
 * (resident.html, no React: issue 19) from a CloudFront Function on their own behavior. Its
 * runtime config (API URL, user pool ids, hosted-UI domain) is written at deploy time as
 * /config.json, so one build serves every stage. Access logs of both go to a log bucket.
 *
 * Without a build (`npm run build:web` not run, as in tests and offline synth) a placeholder
 * page is deployed instead, saying how to build; the config file is written either way.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods, CachePolicy, Distribution, Function as CloudFrontFunction, FunctionCode, FunctionEventType, FunctionRuntime,
  HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { RuntimeConfig } from '#shared/runtime-config.ts';
import { RESIDENT_HTML, RESIDENT_PREFIX } from '#web/src/public/resident-path.ts';
import { ROOT } from './handlers.ts';
import { lambdaRole } from './lambda-role.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

const WEB_DIST = path.join(ROOT, 'web', 'dist');

export const PLACEHOLDER_HTML =
  '<!doctype html><meta charset="utf-8"><title>Cordon</title>' +
  '<p>The web app was not built when this stage was deployed. Run <code>npm run build:web</code>, then <code>npm run deploy</code>.</p>';

/**
 * The viewer-request code that answers every resident page's path with the page's own entry: the
 * URL the phone opened stays (the page reads its compound from it), the cache holds one copy.
 */
export const RESIDENT_REWRITE = `function handler(event) {
  var request = event.request;
  request.uri = '/${RESIDENT_HTML}';
  return request;
}`;

/** The app's files, or the placeholder page when web/dist has no build. */
export function webSource(dist = WEB_DIST): ISource {
  return existsSync(path.join(dist, 'index.html')) ? Source.asset(dist) : Source.data('index.html', PLACEHOLDER_HTML);
}

export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  private readonly stageConfig: Stage;

  constructor(scope: Construct, id: string, stage: Stage) {
    super(scope, id);
    this.stageConfig = stage;
    const stack = Stack.of(this);

    const logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: stage.accessLogExpiry }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logBucket, 'AwsSolutions-S1', 'This is the access-log bucket itself; logging its own access would log every log delivery.');

    this.bucket = new Bucket(this, 'App', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'app-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: stage.named('security-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          // The API and Cognito are other origins; map tiles come from whatever tileUrl names.
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https:",
            // The hosted UI's token endpoint (the code exchange) is on the user pool's own domain.
            `connect-src 'self' https://*.execute-api.${stack.region}.${stack.urlSuffix} https://cognito-idp.${stack.region}.${stack.urlSuffix} https://*.auth.${stack.region}.amazoncognito.com`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
            "form-action 'self'",
          ].join('; '),
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
      },
    });

    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const residentPage = new CloudFrontFunction(this, 'ResidentPage', {
      functionName: stage.named('resident-page'),
      comment: 'Answers /c/{compoundId} with the resident page\'s own entry',
      code: FunctionCode.fromInline(RESIDENT_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Cordon ${stage.name} web app`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: {
        // The resident page: its own entry, cached as the app's files are (a deploy invalidates both).
        [`${RESIDENT_PREFIX}*`]: {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
          functionAssociations: [{ function: residentPage, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
        // Read on every start, so a deploy's new config is seen at once.
        '/config.json': {
          origin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: headers,
        },
      },
      // Client-side routes: paths S3 does not have answer with the app's shell (also /c/… while no
      // build has a resident.html: the placeholder page).
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0),
      })),
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(this.distribution, 'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes; a custom domain with its own certificate would set TLSv1.2_2021.');
    acknowledge(this.distribution, 'AwsSolutions-CFR1',
      'No geo restriction: the app serves its city\'s staff wherever they roam; every API call needs a Cognito token anyway.');
    acknowledge(this.distribution, 'AwsSolutions-CFR2',
      'No WAF on the static app: it holds no data, and WAF\'s monthly web ACL charge would dominate an idle stage; the API is throttled and token-guarded.');
  }

  /** `https://<distribution domain>`, the origin the API's CORS allows. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Deploys the app and its /config.json (written last, over the build's local one). */
  publish(config: RuntimeConfig & { region: string; userPoolId: string; userPoolClientId: string; authDomain: string }): BucketDeployment {
    const stage = this.stageConfig;
    const stack = Stack.of(this);
    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: stage.logRetention,
      removalPolicy: stage.transientRemovalPolicy,
    });
    // Its own role, so the deployment function has no managed policy and logs only to its group.
    const role = lambdaRole(this, 'DeployRole', `Cordon ${stage.name}: copies the web app into its bucket`, logGroup);
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [webSource(), Source.jsonData('config.json', config)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      role,
      logGroup,
    });
    // BucketDeployment's own grants on this role, finding by finding.
    const deployGrants: Record<string, string> = {
      'Action::s3:GetObject*': 'reads the uploaded CDK asset zips',
      'Action::s3:GetBucket*': 'reads the CDK asset bucket\'s location',
      'Action::s3:List*': 'lists the CDK asset bucket and the app bucket to prune old files',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*': 'the asset objects are named by hash at synth time',
      'Action::s3:DeleteObject*': 'prune: files of an older build are removed',
      'Action::s3:Abort*': 'aborts its own failed multipart uploads',
      [`Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`]: 'every object of the app bucket is the app\'s',
      'Resource::*': 'cloudfront:CreateInvalidation/GetInvalidation, which BucketDeployment grants unscoped',
    };
    for (const [finding, reason] of Object.entries(deployGrants)) {
      acknowledge(role, `AwsSolutions-IAM5[${finding}]`, `BucketDeployment ${reason}.`);
    }
    // The copying function is a stack-level singleton that CDK provides; its runtime is CDK's choice.
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(child, 'AwsSolutions-L1', 'BucketDeployment\'s own function; aws-cdk-lib picks and updates its Python runtime.');
      }
    }
    return deployment;
  }
}
