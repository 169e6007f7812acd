import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { defaultProofOfWorkSettings } from '../../functions/domain/proof-of-work.ts';
import { defaultResidentAffairsRetentionDays } from '../../functions/domain/resident-affairs/anonymise.ts';
import { originVerifyHeader, originVerifyVariable } from '../../functions/http/viewer-address.ts';
import { type ApiFunction, apiFunctions, apiRoutes, routeKey } from '../../functions/routes.ts';
import { type TableId, tables } from '../../functions/store/tables.ts';
import { metricNames, metricNamespace, registrationOutcomes } from '../../functions/telemetry/telemetry.ts';
import { longestOpenRequestDays } from '../../infra/constructs/photos.ts';
import { PortalStack, type PortalStackProps } from '../../infra/portal-stack.ts';

interface Options {
  stage?: string;
  /** CloudFormation's own template validation: seconds per synth, so on in one test only. */
  validate?: boolean;
  extend?: (stack: PortalStack) => void;
  props?: Partial<PortalStackProps>;
}

const webAclArn =
  'arn:aws:wafv2:us-east-1:123456789012:global/webacl/wuzhen-portal/00000000-0000-0000-0000-000000000000';

// A stand-in for site/dist/client, built for portal.example.org.
const fixtureSite = join(import.meta.dirname, '../fixtures/site');

/** The stack as `cdk synth` checks it (cdk-nag included), without bundling the functions. */
function synthesize({ stage = 'prod', validate = false, extend, props }: Options = {}) {
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: validate,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new PortalStack(app, `Test-${stage}`, {
    stage,
    mailFrom: 'WIC Wuzhen <registration@wuzhen.example.org>',
    authDomainPrefix: `wuzhen-test-${stage}`,
    domainName: 'portal.example.org',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    webAclArn,
    siteAssetPath: fixtureSite,
    ...props,
  });
  extend?.(stack);
  return Template.fromStack(stack);
}

type Resource = { Properties: Record<string, unknown>; DependsOn?: string[] };

const template = synthesize();
const resources = (type: string, props?: object) =>
  Object.entries(
    template.findResources(type, props ? { Properties: Match.objectLike(props) } : undefined),
  ) as Array<[string, Resource]>;

/** The logical id of the only resource of `type` matching `props`. */
function logicalId(type: string, props: object): string {
  const found = resources(type, props);
  expect(found, `${type} ${JSON.stringify(props)}`).toHaveLength(1);
  return (found[0] as [string, Resource])[0];
}

const tableIds = Object.fromEntries(
  resources('AWS::DynamoDB::GlobalTable').map(([id, table]) => {
    const key = (table.Properties.GlobalSecondaryIndexes as Array<{ IndexName: string }>)[0]?.IndexName;
    const tableId = (Object.keys(tables) as TableId[]).find((t) => tables[t].indexes[0]?.name === key);
    return [tableId, id];
  }),
) as Record<TableId, string>;

const functionId = (name: ApiFunction) =>
  logicalId('AWS::Lambda::Function', { Description: `Wuzhen portal API: ${name}` });
const mailerId = logicalId('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('sends outbox') });
const seederId = logicalId('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('seeds venues') });
const shredderId = logicalId('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('anonymises') });

/** Every statement of the policies attached to a function's role. */
function statementsOf(
  functionLogicalId: string,
): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const fn = template.toJSON().Resources[functionLogicalId] as Resource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy', { Roles: [{ Ref: roleId }] }).flatMap(
    ([, policy]) => (policy.Properties.PolicyDocument as { Statement: [] }).Statement,
  );
}
const actionsOf = (id: string) => statementsOf(id).flatMap(({ Action }) => [Action].flat());
const mentions = (value: unknown, logicalIdOfResource: string) =>
  JSON.stringify(value).includes(`"${logicalIdOfResource}"`);

describe('the HTTP API', () => {
  it('has exactly the routes of functions/routes.ts, the organizer ones behind the JWT authorizer', () => {
    const authorizerId = logicalId('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    for (const route of apiRoutes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        AuthorizationType: route.authorized ? 'JWT' : 'NONE',
        AuthorizerId: route.authorized ? { Ref: authorizerId } : Match.absent(),
      });
    }
    expect(resources('AWS::ApiGatewayV2::Route')).toHaveLength(apiRoutes.length);
  });

  it('sends each route to the function of its handler module', () => {
    const integrationOf = (name: ApiFunction) =>
      logicalId('AWS::ApiGatewayV2::Integration', {
        IntegrationUri: { 'Fn::GetAtt': [functionId(name), 'Arn'] },
      });
    for (const route of apiRoutes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey(route),
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationOf(route.function) }]] },
      });
    }
  });

  it('trusts tokens of the organizer pool issued to the organizer pages', () => {
    const poolId = logicalId('AWS::Cognito::UserPool', {});
    const clientId = logicalId('AWS::Cognito::UserPoolClient', {});
    const [, authorizer] = resources('AWS::ApiGatewayV2::Authorizer')[0] as [string, Resource];
    const jwt = authorizer.Properties.JwtConfiguration as { Audience: unknown; Issuer: unknown };
    expect(jwt.Audience).toEqual([{ Ref: clientId }]);
    expect(mentions(jwt.Issuer, poolId)).toBe(true);
    expect(JSON.stringify(jwt.Issuer)).toContain('https://cognito-idp.');
  });

  it('throttles the stage and writes access logs without client addresses', () => {
    const [, stage] = resources('AWS::ApiGatewayV2::Stage')[0] as [string, Resource];
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      },
      AccessLogSettings: {
        DestinationArn: expect.anything(),
        Format: expect.stringContaining('$context.requestId'),
      },
    });
    expect((stage.Properties.AccessLogSettings as { Format: string }).Format).not.toContain('sourceIp');
  });
});

describe('the functions', () => {
  it('run Node 24 on arm64 with source maps, each with its own log group kept a month', () => {
    const functions = resources('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Wuzhen portal'),
    });
    expect(functions).toHaveLength(Object.keys(apiFunctions).length + 3);
    const logGroups = new Set<string>();
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
      });
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.toJSON().Resources[logGroup].Properties.RetentionInDays).toBe(30);
      logGroups.add(logGroup);
    }
    expect(logGroups.size).toBe(functions.length);
  });

  it('trace every request, log in Lambda’s JSON format, and name their service and metric namespace', () => {
    const services = {
      ...Object.fromEntries(Object.keys(apiFunctions).map((name) => [functionId(name as ApiFunction), name])),
      [mailerId]: 'mailer',
      [seederId]: 'seed',
      [shredderId]: 'retention',
    };
    expect(new Set(Object.values(services)).size).toBe(Object.keys(apiFunctions).length + 3);
    for (const [id, service] of Object.entries(services)) {
      expect((template.toJSON().Resources[id] as Resource).Properties, service).toMatchObject({
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO' },
        Environment: {
          Variables: { POWERTOOLS_SERVICE_NAME: service, POWERTOOLS_METRICS_NAMESPACE: metricNamespace },
        },
      });
      // Tracing may send segments and nothing else; X-Ray takes no resource narrower than "*".
      const xray = statementsOf(id).filter(({ Action }) => JSON.stringify(Action).includes('xray:'));
      expect(xray).toEqual([
        expect.objectContaining({
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        }),
      ]);
    }
  });

  it('gives the organizer function, which prints name badges, a whole vCPU and 29 s; the others the defaults', () => {
    const sizing = (name: ApiFunction) => {
      const { MemorySize, Timeout } = (template.toJSON().Resources[functionId(name)] as Resource).Properties;
      return { MemorySize, Timeout };
    };
    expect(sizing('organizer')).toEqual({ MemorySize: 1769, Timeout: 29 });
    expect(sizing('registrations')).toEqual({ MemorySize: 512, Timeout: 10 });
  });

  it('tells each function the names of exactly the tables it may use', () => {
    const tableVariables = (id: string) =>
      Object.keys(
        ((template.toJSON().Resources[id] as Resource).Properties.Environment as { Variables: object })
          .Variables,
      ).filter((name) => name.endsWith('_TABLE'));
    expect(tableVariables(functionId('health'))).toEqual([tables.venues.nameVariable]);
    expect(tableVariables(functionId('venues'))).toEqual([
      tables.venues.nameVariable,
      tables.audit.nameVariable,
    ]);
    expect(tableVariables(functionId('registrations'))).toEqual([tables.registrations.nameVariable]);
    expect(tableVariables(functionId('organizer'))).toEqual([
      tables.registrations.nameVariable,
      tables.audit.nameVariable,
    ]);
    expect(tableVariables(functionId('residentAffairs'))).toEqual([
      tables.residentAffairs.nameVariable,
      tables.venues.nameVariable,
      tables.registrations.nameVariable,
    ]);
    expect(tableVariables(functionId('residentAffairsStaff'))).toEqual([
      tables.residentAffairs.nameVariable,
      tables.audit.nameVariable,
      tables.registrations.nameVariable,
    ]);
    expect(tableVariables(mailerId)).toEqual([tables.registrations.nameVariable]);
  });

  it('grants each function only its own tables, and only what it does with them', () => {
    const ownTables: Record<ApiFunction, TableId[]> = {
      health: ['venues'],
      venues: ['venues', 'audit'],
      registrations: ['registrations'],
      organizer: ['registrations', 'audit'],
      residentAffairs: ['residentAffairs', 'venues', 'registrations'],
      residentAffairsStaff: ['residentAffairs', 'audit', 'registrations'],
    };
    for (const [name, own] of Object.entries(ownTables) as Array<[ApiFunction, TableId[]]>) {
      const statements = statementsOf(functionId(name));
      for (const tableId of Object.keys(tables) as TableId[]) {
        expect(mentions(statements, tableIds[tableId]), `${name} → ${tableId}`).toBe(own.includes(tableId));
      }
      expect(
        actionsOf(functionId(name)).every((action) =>
          /^(dynamodb|logs):|^secretsmanager:(GetSecretValue|DescribeSecret)$|^xray:Put(TraceSegments|TelemetryRecords)$|^s3:(PutObject|GetObject|DeleteObject|ListBucket)$/.test(
            action,
          ),
        ),
      ).toBe(true);
      expect(actionsOf(functionId(name))).not.toContain('dynamodb:Scan');
    }
    expect(actionsOf(functionId('health')).filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:DescribeTable',
    ]);
    expect(mentions(statementsOf(mailerId), tableIds.venues)).toBe(false);
    // It marks messages sent, and reads the current edition for a message queued without its own.
    expect(
      actionsOf(mailerId)
        .filter((a) => a.startsWith('dynamodb:') && !/Stream|GetRecords|GetShard/.test(a))
        .sort(),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
  });

  it('lets no function change or delete an audit entry, and only the staff functions read the address key', () => {
    const auditActions = (id: string) =>
      statementsOf(id)
        .filter((statement) => mentions(statement.Resource, tableIds.audit))
        .flatMap(({ Action }) => [Action].flat());
    expect(auditActions(functionId('organizer'))).toEqual(['dynamodb:PutItem', 'dynamodb:Query']);
    expect(auditActions(functionId('venues'))).toEqual(['dynamodb:PutItem']);
    expect(auditActions(functionId('residentAffairsStaff'))).toEqual(['dynamodb:PutItem']);
    const secretId = logicalId('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('audit trail'),
    });
    for (const id of [
      functionId('health'),
      functionId('registrations'),
      functionId('residentAffairs'),
      mailerId,
      seederId,
    ]) {
      expect(auditActions(id)).toEqual([]);
      expect(mentions(statementsOf(id), secretId)).toBe(false);
    }
    for (const name of ['organizer', 'venues', 'residentAffairsStaff'] as const) {
      const secretStatements = statementsOf(functionId(name)).filter(({ Resource }) =>
        mentions(Resource, secretId),
      );
      expect(secretStatements.flatMap(({ Action }) => [Action].flat()).sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
    const table = resources('AWS::DynamoDB::GlobalTable').find(([id]) => id === tableIds.audit)?.[1];
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('lets only the functions that issue or accept proof-of-work solutions read its key, and tells them the settings', () => {
    const secretId = logicalId('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('proof-of-work'),
    });
    const readers = (Object.keys(apiFunctions) as ApiFunction[]).filter((name) =>
      mentions(statementsOf(functionId(name)), secretId),
    );
    expect(readers.sort()).toEqual(['registrations', 'residentAffairs', 'venues']);
    for (const name of readers) {
      const variables = (
        (template.toJSON().Resources[functionId(name)] as Resource).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(JSON.stringify(variables.PROOF_OF_WORK_SECRET_ARN)).toContain(secretId);
      expect(JSON.parse(String(variables.PROOF_OF_WORK))).toEqual(defaultProofOfWorkSettings);
      const secretActions = statementsOf(functionId(name))
        .filter(({ Resource }) => mentions(Resource, secretId))
        .flatMap(({ Action }) => [Action].flat());
      expect(secretActions.sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
  });

  it('lets only the functions that sign tickets or publish the keys read the check-in signing secret', () => {
    const secretId = logicalId('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('check-in signing keys'),
    });
    const readers = (Object.keys(apiFunctions) as ApiFunction[]).filter((name) =>
      mentions(statementsOf(functionId(name)), secretId),
    );
    expect(readers.sort()).toEqual(['organizer', 'registrations']);
    expect(mentions(statementsOf(seederId), secretId)).toBe(false);
    expect(mentions(statementsOf(shredderId), secretId)).toBe(false);
    for (const id of [...readers.map(functionId), mailerId]) {
      const variables = (
        (template.toJSON().Resources[id] as Resource).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(JSON.stringify(variables.CHECKIN_SIGNING_SECRET_ARN)).toContain(secretId);
      const secretActions = statementsOf(id)
        .filter(({ Resource }) => mentions(Resource, secretId))
        .flatMap(({ Action }) => [Action].flat());
      expect(secretActions.sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
    }
  });

  it('grants no wildcard resource to any function, X-Ray’s segments and the photo prefixes apart', () => {
    // "<photo bucket>/staged/*" and "<photo bucket>/requests/*": the objects under one prefix.
    const photoPrefix = (resource: unknown) =>
      /^\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["PhotosBucket[0-9A-F]+","Arn"\]\},"\/(staged|requests)\/\*"\]\]\}$/.test(
        JSON.stringify(resource),
      );
    for (const id of [
      ...Object.keys(apiFunctions).map((n) => functionId(n as ApiFunction)),
      mailerId,
      seederId,
      shredderId,
    ]) {
      for (const { Action, Resource } of statementsOf(id)) {
        if (JSON.stringify(Action) === '["xray:PutTraceSegments","xray:PutTelemetryRecords"]') continue;
        const resources = [Resource].flat().filter((resource) => !photoPrefix(resource));
        expect(JSON.stringify(resources)).not.toMatch(/"\*"|\/\*"/);
      }
    }
  });

  it('lets only the mailer send mail, and only as the configured sender', () => {
    const senders = resources('AWS::IAM::Policy').filter(([, policy]) =>
      JSON.stringify(policy.Properties.PolicyDocument).includes('"ses:'),
    );
    expect(senders).toHaveLength(1);
    const ses = statementsOf(mailerId).filter(({ Action }) =>
      [Action].flat().some((a) => a.startsWith('ses:')),
    );
    expect(ses.flatMap(({ Action }) => [Action].flat()).sort()).toEqual([
      'ses:SendEmail',
      'ses:SendRawEmail',
    ]);
    const identities = JSON.stringify(ses.map(({ Resource }) => Resource));
    expect(identities).toContain(':identity/registration@wuzhen.example.org"');
    expect(identities).toContain(':identity/wuzhen.example.org"');
  });
});

describe('mail', () => {
  it('reads new items of the registrations stream, bisects failures and parks them in an encrypted queue', () => {
    const queueId = logicalId('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: mailerId },
      EventSourceArn: { 'Fn::GetAtt': [tableIds.registrations, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });
});

describe('sign-in', () => {
  it('lets only invited organizers in, with MFA, in the organizer and checkin groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'ON',
    });
    const groups = resources('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['checkin', 'organizer', 'resident-affairs']);
  });

  it('gives the organizer pages a public code-flow client that returns to the site', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email', 'profile']),
      CallbackURLs: [
        'https://portal.example.org/organizer/',
        'https://portal.example.org/organizer/checkin/',
      ],
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'wuzhen-test-prod' });
  });
});

describe('resident affairs', () => {
  const residentAffairsId = functionId('residentAffairs');
  const staffId = functionId('residentAffairsStaff');
  const bucketId = logicalId('AWS::S3::Bucket', {
    LifecycleConfiguration: Match.objectLike({
      Rules: Match.arrayWith([Match.objectLike({ Prefix: 'staged/' })]),
    }),
  });
  const viewKeyId = logicalId('AWS::SecretsManager::Secret', {
    Description: Match.stringLikeRegexp('photo view'),
  });
  const objects = (prefix: string) => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${prefix}/*`]],
  });
  const bucketArn = { 'Fn::GetAtt': [bucketId, 'Arn'] };
  /** The statements of a function's role that name the photo bucket, as [actions, resources, condition]. */
  const photoGrants = (id: string) =>
    statementsOf(id)
      .filter(({ Resource }) => mentions(Resource, bucketId))
      .map(({ Action, Resource, Condition }) => [[Action].flat().sort(), [Resource].flat(), Condition]);
  const variablesOf = (id: string) =>
    (
      (template.toJSON().Resources[id] as Resource).Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;

  it('keeps requests in a table of their own with its three indexes and TTL', () => {
    const table = resources('AWS::DynamoDB::GlobalTable').find(
      ([id]) => id === tableIds.residentAffairs,
    )?.[1];
    expect(
      ((table?.Properties.GlobalSecondaryIndexes ?? []) as Array<{ IndexName: string }>).map(
        ({ IndexName }) => IndexName,
      ),
    ).toEqual(['byStage', 'byDate', 'byFollowToken']);
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('lets the resident-affairs function and the shredder use the table item by item, each on its own indexes', () => {
    const tableArn = { 'Fn::GetAtt': [tableIds.residentAffairs, 'Arn'] };
    const index = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
    const grantsOn = (id: string) =>
      statementsOf(id)
        .filter(({ Resource }) => mentions(Resource, tableIds.residentAffairs))
        .map(({ Action, Resource }) => ({ Action, Resource }));
    expect(grantsOn(residentAffairsId)).toEqual([
      {
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
        ],
        Resource: [tableArn, index('byDate'), index('byFollowToken')],
      },
    ]);
    expect(grantsOn(staffId)).toEqual([
      {
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:ConditionCheckItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        Resource: [tableArn, index('byStage')],
      },
    ]);
    expect(grantsOn(shredderId)).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        Resource: [tableArn, index('byStage')],
      },
    ]);
    const others = resources('AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => id !== residentAffairsId && id !== staffId && id !== shredderId);
    for (const id of others) expect(mentions(statementsOf(id), tableIds.residentAffairs), id).toBe(false);
    // Nothing in the stack may scan any table.
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('dynamodb:Scan');
  });

  it('keeps photos in a private, encrypted bucket reachable over TLS only, never by a presigned URL, with no website and no CORS', () => {
    const bucket = (template.toJSON().Resources[bucketId] as Resource).Properties;
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    expect(bucket.CorsConfiguration).toBeUndefined();
    // Not versioned: an erased photo must not live on as an old version.
    expect(bucket.VersioningConfiguration).toBeUndefined();
    const logsId = (bucket.LoggingConfiguration as { DestinationBucketName: { Ref: string } })
      .DestinationBucketName.Ref;
    expect(logsId).not.toBe(bucketId);
    const [[, policy] = ['', { Properties: {} }]] = resources('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
    });
    expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Not even a presigned URL: photos leave only through the API's view route.
    expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } },
      Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/*']] }],
    });
    // A personal-data store, kept with the tables outside dev.
    expect(template.toJSON().Resources[bucketId].DeletionPolicy).toBe('Retain');
  });

  it('expires unattached uploads after a day and attached photos after the retention period and a year', () => {
    const bucket = (template.toJSON().Resources[bucketId] as Resource).Properties;
    const rules = (bucket.LifecycleConfiguration as { Rules: Array<Record<string, unknown>> }).Rules;
    expect(rules).toEqual([
      { Id: 'unattached-uploads', Prefix: 'staged/', ExpirationInDays: 1, Status: 'Enabled' },
      {
        Id: 'request-photos',
        Prefix: 'requests/',
        ExpirationInDays: defaultResidentAffairsRetentionDays + longestOpenRequestDays,
        Status: 'Enabled',
      },
      {
        Id: 'incomplete-uploads',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      },
    ]);
  });

  it('lets the resident-affairs function put, get and delete only under staged/ and requests/', () => {
    expect(photoGrants(residentAffairsId)).toEqual([
      [
        ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        [objects('staged'), objects('requests')],
        undefined,
      ],
      // Only so that a missing photo reads as 404 NoSuchKey, not 403 (infra/constructs/photos.ts).
      [['s3:ListBucket'], [bucketArn], undefined],
    ]);
    expect(variablesOf(residentAffairsId)).toMatchObject({
      PHOTO_BUCKET: { Ref: bucketId },
      PHOTO_VIEW_SECRET_ARN: { Ref: viewKeyId },
    });
  });

  it('lets the shredder delete photos and list staged/ only, and tells it the retention period', () => {
    expect(photoGrants(shredderId)).toEqual([
      [['s3:DeleteObject'], [objects('staged'), objects('requests')], undefined],
      [['s3:ListBucket'], [bucketArn], { StringLike: { 's3:prefix': 'staged/*' } }],
    ]);
    expect(variablesOf(shredderId)).toMatchObject({
      PHOTO_BUCKET: { Ref: bucketId },
      RESIDENT_AFFAIRS_RETENTION_DAYS: String(defaultResidentAffairsRetentionDays),
    });
    expect(variablesOf(shredderId).PHOTO_VIEW_SECRET_ARN).toBeUndefined();
  });

  it('grants the photo bucket and its view key to no other function, and no s3 wildcard action to any', () => {
    const policies = resources('AWS::IAM::Policy').filter(([, policy]) => mentions(policy, bucketId));
    const roles = policies.flatMap(([, policy]) => policy.Properties.Roles as Array<{ Ref: string }>);
    const roleOf = (id: string) =>
      ((template.toJSON().Resources[id] as Resource).Properties.Role as { 'Fn::GetAtt': [string] })[
        'Fn::GetAtt'
      ][0];
    expect(roles.map(({ Ref }) => Ref).sort()).toEqual(
      [roleOf(residentAffairsId), roleOf(staffId), roleOf(shredderId)].sort(),
    );
    for (const [, policy] of policies) {
      const actions = (
        policy.Properties.PolicyDocument as { Statement: Array<{ Action: string | string[] }> }
      ).Statement.flatMap(({ Action }) => [Action].flat());
      expect(actions.filter((action) => action.startsWith('s3:') && action.includes('*'))).toEqual([]);
    }
    const keyReaders = resources('AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => mentions(statementsOf(id), viewKeyId));
    expect(keyReaders.sort()).toEqual([residentAffairsId, staffId].sort());
  });

  it('gives the staff function read of requests/ photos only, and takes the retention period from the stack', () => {
    expect(photoGrants(staffId)).toEqual([
      [['s3:GetObject'], [objects('requests')], undefined],
      // Only so that a missing photo reads as 404 NoSuchKey, not 403 (infra/constructs/photos.ts).
      [['s3:ListBucket'], [bucketArn], undefined],
    ]);
    expect(variablesOf(staffId)).toMatchObject({
      PHOTO_BUCKET: { Ref: bucketId },
      PHOTO_VIEW_SECRET_ARN: { Ref: viewKeyId },
    });
    const configured = synthesize({ props: { residentAffairsRetentionDays: 30 } }).toJSON()
      .Resources as Record<string, Resource>;
    const bucket = configured[bucketId] as Resource;
    expect(JSON.stringify(bucket.Properties.LifecycleConfiguration)).toContain(
      `"ExpirationInDays":${30 + longestOpenRequestDays}`,
    );
    expect(JSON.stringify(configured[shredderId]?.Properties.Environment)).toContain(
      '"RESIDENT_AFFAIRS_RETENTION_DAYS":"30"',
    );
  });

  it('tells both resident-affairs functions the first-response target, and no other function', () => {
    for (const name of Object.keys(apiFunctions) as ApiFunction[]) {
      const variables = (
        (template.toJSON().Resources[functionId(name)] as Resource).Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(variables.FIRST_RESPONSE_TARGET_MINUTES, name).toBe(
        name.startsWith('residentAffairs') ? '30' : undefined,
      );
    }
  });

  it('lets the staff function only queue e-mails in the registrations table', () => {
    const registrationActions = statementsOf(functionId('residentAffairsStaff'))
      .filter((statement) => mentions(statement.Resource, tableIds.registrations))
      .flatMap(({ Action }) => [Action].flat());
    expect(registrationActions).toEqual(['dynamodb:PutItem']);
  });

  it('lets the public function only read guide venues one by one and remove queued e-mails', () => {
    const actionsOn = (tableId: string) =>
      statementsOf(residentAffairsId)
        .filter((statement) => mentions(statement.Resource, tableId))
        .flatMap(({ Action }) => [Action].flat());
    expect(actionsOn(tableIds.venues)).toEqual(['dynamodb:GetItem']);
    expect(actionsOn(tableIds.registrations)).toEqual(['dynamodb:DeleteItem']);
  });
});

describe('seeding', () => {
  it('runs a trigger after the tables exist', () => {
    const [[, trigger]] = resources('Custom::Trigger') as [[string, Resource]];
    expect(JSON.stringify(trigger.Properties.HandlerArn)).toContain(seederId.slice(0, 12));
    expect(trigger.DependsOn).toEqual(expect.arrayContaining(Object.values(tableIds)));
    expect(mentions(statementsOf(seederId), tableIds.venues)).toBe(true);
    expect(mentions(statementsOf(seederId), tableIds.registrations)).toBe(true);
  });
});

describe('retention', () => {
  it('runs the shredder nightly in Wuzhen time, through a role that may invoke only it', () => {
    const [[, schedule]] = resources('AWS::Scheduler::Schedule') as [[string, Resource]];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: { Arn: { 'Fn::GetAtt': [shredderId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    const roleId = (schedule.Properties.Target as { RoleArn: { 'Fn::GetAtt': [string] } }).RoleArn[
      'Fn::GetAtt'
    ][0];
    const statements = resources('AWS::IAM::Policy', { Roles: [{ Ref: roleId }] }).flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: [] }).Statement,
    );
    expect(statements).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::GetAtt': [shredderId, 'Arn'] } },
    ]);
  });

  it('lets the shredder read and anonymise registrations, reviews and residents’ requests, and nothing else', () => {
    const statements = statementsOf(shredderId).filter(({ Action }) =>
      [Action].flat().some((action) => action.startsWith('dynamodb:')),
    );
    const forTable = (id: string) => statements.filter((statement) => mentions(statement, id));
    expect(forTable(tableIds.registrations).flatMap(({ Action }) => [Action].flat())).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    ]);
    expect(forTable(tableIds.venues).flatMap(({ Action }) => [Action].flat())).toEqual([
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(forTable(tableIds.residentAffairs).flatMap(({ Action }) => [Action].flat())).toEqual([
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(forTable(tableIds.audit)).toEqual([]);
  });
});

describe('monitoring', () => {
  it('alarms on API 5xx, on errors and throttles of every serving function, and on undelivered mail', () => {
    const alarms = resources('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const topicId = logicalId('AWS::SNS::Topic', {});
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    const metrics = alarms.map(({ Namespace, MetricName }) => `${Namespace} ${MetricName}`);
    expect(metrics).toContain('AWS/ApiGateway 5xx');
    expect(metrics).toContain('AWS/SQS ApproximateNumberOfMessagesVisible');
    const servingFunctions = Object.keys(apiFunctions).length + 2;
    expect(metrics.filter((m) => m === 'AWS/Lambda Errors')).toHaveLength(servingFunctions);
    expect(metrics.filter((m) => m === 'AWS/Lambda Throttles')).toHaveLength(servingFunctions);
    expect(resources('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });

  it('alarms on the unhandled errors of every API function, by its service', () => {
    const unhandled = resources('AWS::CloudWatch::Alarm', {
      Namespace: metricNamespace,
      MetricName: metricNames.unhandledErrors,
    }).map(([, alarm]) => alarm.Properties);
    const services = unhandled.map(({ Dimensions }) => {
      const [dimension, ...others] = Dimensions as Array<{ Name: string; Value: string }>;
      expect(others).toEqual([]);
      expect(dimension?.Name).toBe('service');
      return dimension?.Value;
    });
    expect(services.sort()).toEqual(Object.keys(apiFunctions).sort());
    for (const alarm of unhandled) {
      expect(alarm).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
    }
  });

  it('shows the business numbers beside the technical ones on the dashboard', () => {
    const dashboard = template.toJSON().Resources[logicalId('AWS::CloudWatch::Dashboard', {})] as Resource;
    // The body is a CloudFormation join of JSON text and references (a reference stands for a string).
    const parts = (dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const body = JSON.parse(
      parts.map((part) => (typeof part === 'string' ? part : 'reference')).join(''),
    ) as {
      widgets: Array<{ properties: { title: string; metrics?: unknown[][] } }>;
    };
    const graphs = Object.fromEntries(
      body.widgets.map(({ properties }) => [
        properties.title,
        (properties.metrics ?? []).map((line) => line.at(-1) as { label?: string; expression?: string }),
      ]),
    );
    const total = (label: string, terms: string, schema = 'service') => ({
      label,
      expression: `SUM(SEARCH('{${metricNamespace},${schema}} ${terms}', 'Sum', 300))`,
    });
    expect(graphs['Unhandled errors (500 answers)']?.map(({ label }) => label)).toEqual(
      Object.keys(apiFunctions),
    );
    expect(graphs['Function errors']).toBeDefined();
    expect(graphs['Registrations by outcome']).toEqual(
      registrationOutcomes.map((outcome) =>
        total(outcome, `MetricName="Registrations" outcome="${outcome}"`, 'outcome,service'),
      ),
    );
    expect(graphs['Waitlist promotions and check-ins']).toEqual([
      total('promotions', 'MetricName="WaitlistPromotions"'),
      total('check-ins', 'MetricName="CheckIns"'),
    ]);
    expect(graphs['Reviews posted and hidden']).toEqual([
      total('posted', 'MetricName="ReviewsPosted"'),
      total('hidden', 'MetricName="ReviewsHidden"'),
    ]);
    expect(graphs['Refused proof-of-work solutions']).toEqual([
      total('refused', 'MetricName="RefusedChallenges"'),
    ]);
  });
});

describe('the site', () => {
  const logicalId = (type: string) => {
    const [entry] = resources(type);
    if (!entry) throw new Error(`no ${type}`);
    return entry[0];
  };

  it('serves the site at the configured domain, with /api/* sent to the HTTP API', () => {
    const [[, distribution] = ['', { Properties: {} }]] = resources('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as {
      Aliases: string[];
      CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string }>;
      Origins: Array<{ Id: string; DomainName: unknown }>;
    };
    expect(config.Aliases).toEqual(['portal.example.org']);
    const api = config.CacheBehaviors.find(({ PathPattern }) => PathPattern === '/api/*');
    const origin = config.Origins.find(({ Id }) => Id === api?.TargetOriginId);
    expect(JSON.stringify(origin?.DomainName)).toContain(logicalId('AWS::ApiGatewayV2::Api'));
  });

  it('gives CloudFront and every API function the same origin secret, by reference, never in the template', () => {
    const secrets = resources('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
    });
    expect(secrets).toHaveLength(1);
    const [[secretId] = ['']] = secrets;
    const reference = (value: unknown) => JSON.stringify(value);
    const [[, distribution] = ['', { Properties: {} }]] = resources('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig as {
      CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string }>;
      Origins: Array<{
        Id: string;
        OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }>;
      }>;
    };
    const api = config.CacheBehaviors.find(({ PathPattern }) => PathPattern === '/api/*');
    const headers = config.Origins.find(({ Id }) => Id === api?.TargetOriginId)?.OriginCustomHeaders ?? [];
    expect(headers.map(({ HeaderName }) => HeaderName)).toEqual([originVerifyHeader]);
    const sent = reference(headers[0]?.HeaderValue);
    expect(sent).toContain('{{resolve:secretsmanager:');
    expect(sent).toContain(secretId);

    const apiFunctionSecrets = resources('AWS::Lambda::Function')
      .map(
        ([, { Properties }]) =>
          (Properties.Environment as { Variables?: Record<string, unknown> })?.Variables,
      )
      .filter((variables) => variables?.[originVerifyVariable] !== undefined)
      .map((variables) => reference(variables?.[originVerifyVariable]));
    expect(apiFunctionSecrets).toHaveLength(Object.keys(apiFunctions).length);
    expect(new Set(apiFunctionSecrets)).toEqual(new Set([sent]));
  });

  it("puts the firewall stack's web ACL in front of the distribution", () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: webAclArn }),
    });
  });

  it('gives every function the site origin for links in mail and answers', () => {
    const origins = resources('AWS::Lambda::Function')
      .map(
        ([, { Properties }]) =>
          (Properties.Environment as { Variables?: Record<string, unknown> })?.Variables,
      )
      .filter((variables) => variables?.SITE_ORIGIN !== undefined)
      .map((variables) => variables?.SITE_ORIGIN);
    expect(origins.length).toBeGreaterThanOrEqual(4);
    expect(new Set(origins)).toEqual(new Set(['https://portal.example.org']));
  });

  it('points links at the CloudFront domain when no domain is configured', () => {
    const app = new App({
      context: { 'aws:cdk:bundling-stacks': [] },
      builtinCloudFormationValidation: false,
    });
    const stack = new PortalStack(app, 'Test-no-domain', {
      stage: 'dev',
      mailFrom: 'registration@wuzhen.example.org',
      authDomainPrefix: 'wuzhen-test-no-domain',
      siteAssetPath: fixtureSite,
    });
    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function', {
      Properties: { Handler: 'index.handler' },
    });
    const origin = Object.values(functions)
      .map(({ Properties }) => Properties.Environment?.Variables?.SITE_ORIGIN)
      .find(Boolean);
    expect(JSON.stringify(origin)).toMatch(/https:\/\/.*Distribution.*DomainName/);
  });

  it('publishes the sign-in client to the organizer pages with the site', () => {
    const [[, deployment] = ['', { Properties: {} }]] = resources('Custom::CDKBucketDeployment');
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(
      logicalId('AWS::Cognito::UserPoolClient'),
    );
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  // The validation engine takes tens of seconds to load on a busy two-core machine.
  it('passes a dev stack with CloudFormation validation on', { timeout: 120_000 }, () => {
    expect(() => synthesize({ stage: 'dev', validate: true })).not.toThrow();
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    expect(() =>
      synthesize({ extend: (stack) => new Queue(stack, 'UnencryptedQueue', { enforceSSL: false }) }),
    ).toThrow(/AwsSolutions-SQS/);
  });
});
