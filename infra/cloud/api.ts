/**
 * The api concern: the HTTP API with one route per deployed catalogue route (auth `local` is
 * never deployed), each integrated with its resource's function; the Cognito JWT authorizer
 * on every `jwt` route and none on the public ones; stage throttling, JSON access logs, and
 * CORS for the web app's origin only. Roles and jurisdiction are checked in the handlers.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination, type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Auth } from './auth.ts';
import type { Functions } from './functions.ts';
import { CORS_EXPOSED_HEADERS, CORS_REQUEST_HEADERS } from '#shared/catalogue/headers.ts';
import { deployedRoutes, handlerId } from './handlers.ts';
import { acknowledge } from './nag.ts';
import type { Stage } from './stage.ts';

export interface ApiProps {
  readonly stage: Stage;
  readonly auth: Auth;
  readonly functions: Functions;
  /** `https://<distribution domain>`: the one origin CORS allows. */
  readonly webOrigin: string;
}

/** One line per request; ids and timings only, no bodies or claims. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const { stage, auth, functions, webOrigin } = props;
    const stack = Stack.of(this);
    const routes = deployedRoutes();

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: stage.named('api'),
      description: `Cordon ${stage.name} API`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [webOrigin],
        allowMethods: [...new Set(routes.map((r) => CorsHttpMethod[r.spec.method]))],
        allowHeaders: [...CORS_REQUEST_HEADERS],
        exposeHeaders: [...CORS_EXPOSED_HEADERS],
        maxAge: Duration.days(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/apigateway/${stage.named('api')}`,
      retention: stage.logRetention,
      removalPolicy: stage.transientRemovalPolicy,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: stage.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // The ID token's issuer is the user pool; its audience is the web app's client.
    const cognito = new HttpJwtAuthorizer('Cognito',
      `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${auth.userPool.userPoolId}`,
      { jwtAudience: [auth.webClient.userPoolClientId], identitySource: ['$request.header.Authorization'] });
    const open = new HttpNoneAuthorizer();

    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const { operationId, spec } of routes) {
      const fnId = handlerId('api', spec.resource);
      let integration = integrations.get(fnId);
      if (!integration) {
        // One invoke permission per function for this API (its routes all reach it), not one per
        // route: a permission per route put the stack past CloudFormation's 500 resources.
        integration = new HttpLambdaIntegration(fnId, functions.get(fnId), { scopePermissionToRoute: false });
        integrations.set(fnId, integration);
      }
      const authorizer: IHttpRouteAuthorizer = spec.auth === 'jwt' ? cognito : open;
      const [route] = this.httpApi.addRoutes({ path: spec.path, methods: [HttpMethod[spec.method]], integration, authorizer });
      if (route && spec.auth === 'public') {
        acknowledge(route, 'AwsSolutions-APIG4', `${operationId} is public in the catalogue (auth: public): ${spec.summary}.`);
      }
    }
  }

  /** The base URL the web app calls (the $default stage has no path). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
