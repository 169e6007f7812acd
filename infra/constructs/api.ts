import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ProofOfWorkSettings } from '../../functions/domain/proof-of-work.ts';
import { originVerifyVariable } from '../../functions/http/viewer-address.ts';
import { type ApiFunction, apiFunctions, apiRoutes, routeKey } from '../../functions/routes.ts';
import type { TableId } from '../../functions/store/tables.ts';
import { generatedKey } from './generated-key.ts';
import { PortalFunction, type TableGrants, tableActions } from './portal-function.ts';

/** Each function reaches only the table its handler's store modules use. */
const grantsByFunction: Record<ApiFunction, TableGrants> = {
  // The health probe describes the venues table; the API description (same function) reads none.
  health: { venues: tableActions.describe },
  // Venues, reviews (hiding one included) and the review rate limiter: all in the venues table;
  // hiding a review is a staff action, so its audit entry too.
  venues: { venues: tableActions.readWrite, audit: tableActions.appendAudit },
  registrations: { registrations: tableActions.readWrite },
  // The organizers' routes, each recorded in the audit trail, which the organizers also read.
  organizer: { registrations: tableActions.readWrite, audit: tableActions.appendAndReadAudit },
  // Residents' requests, their idempotency records, upload rate limiter and proof-of-work claims;
  // the public listing's window (byDate) and the follow link (byFollowToken), never the staff queue.
  residentAffairs: {
    residentAffairs: { actions: tableActions.serveResidentRequests, indexes: ['byDate', 'byFollowToken'] },
    // A landmark's place and name, read from the town guide.
    venues: tableActions.readOneItem,
    // The requester's erasure removes the e-mails still queued for them from the outbox.
    registrations: tableActions.unqueueMail,
  },
  // The staff desk of resident affairs: its requests, the audit of each route (appended only: the
  // trail is read through the organizer function), and the e-mail a public note queues in the
  // outbox, which lives in the registrations table. The photo bucket (requests/* read) and the
  // photo-view secret are granted beside the bucket (infra/constructs/photos).
  residentAffairsStaff: {
    residentAffairs: { actions: tableActions.workResidentRequests, indexes: ['byStage'] },
    audit: tableActions.appendAudit,
    registrations: tableActions.queueMail,
  },
};

/** The functions that serve a staff route: they write the audit trail and hash client addresses. */
const auditedFunctions = new Set(
  apiRoutes.flatMap((route) => (route.declaration.audit ? [route.function] : [])),
);

/** Why a route without the authorizer is right, by function: the route table (docs/api.md) makes these public. */
const publicBecause: Record<ApiFunction, string> = {
  health:
    'The health check and the API description (/api/openapi.json) are public by the route table (functions/routes.ts, docs/api.md): load balancers and monitors call the one, client developers read the other, without a token.',
  venues:
    'The town guide (venues, reviews, posting a review) is public by the route table (functions/routes.ts, docs/api.md); posting is rate-limited per client in the handler.',
  registrations:
    'Attendees have no accounts: registering is public by the route table (functions/routes.ts, docs/api.md), and a registration is read or cancelled only with its manage token, which the handler checks against the stored hash.',
  organizer: 'Organizer routes are never public.',
  residentAffairsStaff: 'Resident-affairs staff routes are never public.',
  residentAffairs:
    "Open311 GeoReport v2 is a public standard API (functions/routes.ts, docs/api.md): residents and Open311 clients report and read requests without an account (a new request carries a proof of work, uploads are rate-limited per client), and a request's own data is read or erased only with its follow token, which the handler checks against the stored hash.",
};

/**
 * Steady and burst requests per second for the whole stage: far above a conference's real load
 * (registration opening included), low enough to cap the bill and the tables under a flood.
 */
const throttle = { rateLimit: 200, burstLimit: 400 };

/**
 * One line per request without the caller's address or the path: the route key names the route,
 * and no personal data (an IP, a registration id with its token) lands in the logs.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export interface ApiProps {
  tables: Record<TableId, TableV2>;
  siteOrigin: string;
  /** Tokens of this pool (with this audience) pass the authorizer of the `authorized` routes. */
  jwtIssuer: string;
  jwtAudience: string;
  /** The value CloudFront's origin header carries (OriginSecret): requests with it came through CloudFront. */
  originSecret: string;
  retainLogs: boolean;
  /** Difficulty steps of the proof of work, given to the functions that issue or accept solutions. */
  proofOfWork: ProofOfWorkSettings;
  /** How soon staff aim to answer a resident's request, for the functions that say it or track it. */
  firstResponseTargetMinutes: number;
}

/** The functions of resident affairs: the public one states the first-response target, the staff one tracks it. */
const firstResponseFunctions: readonly ApiFunction[] = ['residentAffairs', 'residentAffairsStaff'];

/** The functions that issue proof-of-work challenges (registrations) or accept solutions (the others). */
const proofOfWorkFunctions: readonly ApiFunction[] = ['registrations', 'venues', 'residentAffairs'];

/** The functions that sign tickets' check-in codes (registrations) or publish the public keys (organizer). */
const checkinSigningFunctions: readonly ApiFunction[] = ['registrations', 'organizer'];

/**
 * Functions that need more than the defaults (512 MB, 10 s). The organizer's prints name badges: a
 * part of 500 badges is a PDF of about 1 MB made in a few seconds on one vCPU (1,769 MB gives a whole
 * one; bench/badges.ts), and 29 s stays inside API Gateway's 30 s.
 */
const functionSizes: Partial<Record<ApiFunction, { memorySize: number; timeout: Duration }>> = {
  organizer: { memorySize: 1769, timeout: Duration.seconds(29) },
};

/** The HTTP API of functions/routes.ts: one Lambda function per handler module, one route per entry. */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: Record<ApiFunction, NodejsFunction>;
  /** The API's host name, the origin CloudFront forwards /api/* to. */
  readonly domainName: string;
  /** The seed of the editions' check-in signing keys, for the mailer too (the ticket e-mail's QR code). */
  readonly checkinSigningSecret: ISecret;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Wuzhen portal API (/api/*)',
      // The stage below carries throttling and access logs, which the implicit one cannot.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));

    // The key of the audit trail's address hashes, readable only by the staff functions (docs/audit.md).
    const auditAddressKey = generatedKey(this, 'AuditAddressKey', {
      description: 'Wuzhen portal: HMAC key of client addresses in the staff audit trail',
      whyNotRotated:
        'The key only makes client addresses in the audit trail unreadable while letting equal addresses match; rotating it would break that matching across the trail, and it guards no access.',
      retain: props.retainLogs,
    });
    // The key challenges are signed with, readable only by the functions that issue or accept them.
    const proofOfWorkSecret = generatedKey(this, 'ProofOfWorkSecret', {
      description: 'Wuzhen portal: HMAC key of the proof-of-work challenges',
      whyNotRotated:
        'A challenge lives ten minutes and the key signs nothing else: rotating it would only refuse the solutions in flight. Replace the secret value to rotate by hand.',
      retain: props.retainLogs,
    });

    // The secret the editions' Ed25519 check-in keys derive from, readable only by the functions that
    // sign tickets (registrations; the mailer, given it in portal-stack.ts) or publish the keys (organizer).
    const checkinSigningSecret = generatedKey(this, 'CheckinSigningSecret', {
      description: "Wuzhen portal: seed of the editions' Ed25519 check-in signing keys",
      whyNotRotated:
        "Rotating it changes every edition's key: tickets already sent would no longer verify offline (they still check in online). Replace the secret value by hand between editions.",
      retain: props.retainLogs,
    });
    this.checkinSigningSecret = checkinSigningSecret;
    const entries = (Object.keys(apiFunctions) as ApiFunction[]).map((name) => {
      const audited = auditedFunctions.has(name);
      const provesWork = proofOfWorkFunctions.includes(name);
      const signsTickets = checkinSigningFunctions.includes(name);
      const portalFunction = new PortalFunction(this, `${capitalized(name)}Function`, {
        entry: apiFunctions[name],
        description: `Wuzhen portal API: ${name}`,
        serviceName: name,
        tables: props.tables,
        grants: grantsByFunction[name],
        siteOrigin: props.siteOrigin,
        environment: {
          [originVerifyVariable]: props.originSecret,
          ...(audited ? { AUDIT_ADDRESS_KEY_SECRET_ARN: auditAddressKey.secretArn } : {}),
          ...(signsTickets ? { CHECKIN_SIGNING_SECRET_ARN: checkinSigningSecret.secretArn } : {}),
          ...(firstResponseFunctions.includes(name)
            ? { FIRST_RESPONSE_TARGET_MINUTES: String(props.firstResponseTargetMinutes) }
            : {}),
          ...(provesWork
            ? {
                PROOF_OF_WORK_SECRET_ARN: proofOfWorkSecret.secretArn,
                PROOF_OF_WORK: JSON.stringify(props.proofOfWork),
              }
            : {}),
        },
        retainLogs: props.retainLogs,
        ...functionSizes[name],
      });
      if (audited) auditAddressKey.grantRead(portalFunction.role);
      if (provesWork) proofOfWorkSecret.grantRead(portalFunction.role);
      if (signsTickets) checkinSigningSecret.grantRead(portalFunction.role);
      return [name, portalFunction.function] as const;
    });
    this.functions = Object.fromEntries(entries) as Record<ApiFunction, NodejsFunction>;

    const authorizer = new HttpJwtAuthorizer('OrganizerToken', props.jwtIssuer, {
      jwtAudience: [props.jwtAudience],
    });
    const integrations = Object.fromEntries(
      entries.map(([name, fn]) => [name, new HttpLambdaIntegration(`${capitalized(name)}Integration`, fn)]),
    ) as Record<ApiFunction, HttpLambdaIntegration>;
    for (const route of apiRoutes) {
      // Construct ids cannot hold "/": "GET /api/venues/{id}" becomes "Route GET api venues id".
      const httpRoute = new HttpRoute(
        this,
        `Route ${routeKey(route)
          .replace(/[^A-Za-z0-9]+/g, ' ')
          .trim()}`,
        {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration: integrations[route.function],
          ...(route.authorized ? { authorizer } : {}),
        },
      );
      if (!route.authorized) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: publicBecause[route.function],
        });
      }
    }
  }
}

const capitalized = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
