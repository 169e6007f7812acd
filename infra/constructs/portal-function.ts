import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type TableId, tables } from '../../functions/store/tables.ts';
import { metricNamespace } from '../../functions/telemetry/telemetry.ts';
import { bundledContentFolders, functionBundling } from '../function-bundling.ts';

/** The repository root: handlers live in functions/, and the lock file pins what esbuild bundles. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * DynamoDB actions by what a function does with a table. There is no Scan among them: no store
 * module scans, and TransactWriteItems is authorized item by item through these same actions.
 */
/** Reading and writing items one by one (in transactions too); no batch writes. */
const itemByItem = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export const tableActions = {
  /** The health probe only asks whether the table answers. */
  describe: ['dynamodb:DescribeTable'],
  readWrite: [...itemByItem, 'dynamodb:BatchWriteItem'],
  /**
   * The audit trail is append-only: the staff functions add entries (alone or in the transaction of
   * a change) and the organizer function reads them; nothing may update or delete one.
   */
  appendAudit: ['dynamodb:PutItem'],
  appendAndReadAudit: ['dynamodb:PutItem', 'dynamodb:Query'],
  /**
   * The retention rule reads an edition's registrations (the byEdition index, then each item) and
   * anonymises each in one transaction of puts and deletes; it changes no counter or status.
   */
  anonymise: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  /** ... and finds old reviews venue by venue, removing their author and comment. */
  anonymiseReviews: ['dynamodb:Query', 'dynamodb:UpdateItem'],
  /** Staff replies to residents queue their e-mail in the outbox (the registrations table) and nothing else. */
  queueMail: ['dynamodb:PutItem'],
  /** A requester's erasure deletes the e-mails still queued for them, and nothing else. */
  unqueueMail: ['dynamodb:DeleteItem'],
  /** One item by its key, as a landmark is looked up in the town guide. */
  readOneItem: ['dynamodb:GetItem'],
  /** The mailer marks an outbox item sent, and does nothing else with the table. */
  markSent: ['dynamodb:UpdateItem'],
  /**
   * The resident-affairs function creates a request with its first entry and its idempotency
   * completion in one transaction, reads requests and timelines, counts uploads per client (the
   * rate limiter) and claims proof-of-work solutions. DeleteItem only because an idempotency record
   * and a solution's claim are released when the request they guard fails; no batch writes.
   */
  serveResidentRequests: itemByItem,
  /**
   * The staff desk reads the queue and requests, and appends timeline entries and merges (puts and
   * conditional updates in transactions); it deletes nothing.
   */
  workResidentRequests: itemByItem.filter((action) => action !== 'dynamodb:DeleteItem'),
  /**
   * The retention rule finds closed requests (the byStage index), reads each timeline and
   * anonymises the request and its entries in one transaction of updates; it deletes no item.
   */
  anonymiseRequests: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
} as const satisfies Record<string, readonly string[]>;

/**
 * What a function may do with one table: its actions, and with Query the indexes it queries
 * (every index of the table when it names none).
 */
export type TableGrant = readonly string[] | { actions: readonly string[]; indexes: readonly string[] };
export type TableGrants = Partial<Record<TableId, TableGrant>>;

/** Copies the content folders a function reads next to its bundle (see bundledContentFolders). */
const bundledContent = (folders: readonly string[]): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) =>
    folders.map((folder) => `cp -R "${inputDir}/content/${folder}" "${outputDir}/${folder}"`),
});

/**
 * After esbuild, the lazy imports (function-bundling.ts) are bundled beside index.mjs, with the
 * package.json that names them, then whatever else the function asks for.
 */
const withLazyImports = (hooks: ICommandHooks | undefined): ICommandHooks => ({
  beforeBundling: (inputDir, outputDir) => hooks?.beforeBundling(inputDir, outputDir) ?? [],
  beforeInstall: (inputDir, outputDir) => hooks?.beforeInstall(inputDir, outputDir) ?? [],
  afterBundling: (inputDir, outputDir) => [
    `"${process.execPath}" "${inputDir}/infra/lazy-import-bundling.ts" "${outputDir}"`,
    ...(hooks?.afterBundling(inputDir, outputDir) ?? []),
  ],
});

export interface PortalFunctionProps {
  /** The handler module, relative to the repository root (e.g. "functions/handlers/http/venues.ts"). */
  entry: string;
  description: string;
  /** The `service` of its log lines, metrics and traces (POWERTOOLS_SERVICE_NAME), e.g. "venues". */
  serviceName: string;
  /** The portal's tables; the function sees and may touch only those named in `grants`. */
  tables: Record<TableId, TableV2>;
  grants: TableGrants;
  /** For functions that write links to the site (manage links of registrations). */
  siteOrigin?: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Keep the log group when the stack goes away (non-dev stages). */
  retainLogs: boolean;
}

/**
 * Every Lambda function of the portal, with the same runtime, bundling, logging and table wiring.
 * Its own role (no AWS managed policy) may write only its own log group, its traces and the tables
 * it names. Logs are Lambda's JSON format; every request is traced (X-Ray, active).
 */
export class PortalFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    const environment: Record<string, string> = {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: props.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: metricNamespace,
      ...(props.siteOrigin ? { SITE_ORIGIN: props.siteOrigin } : {}),
      ...props.environment,
    };
    for (const [tableId, grant] of Object.entries(props.grants) as Array<[TableId, TableGrant]>) {
      const table = props.tables[tableId];
      environment[tables[tableId].nameVariable] = table.tableName;
      const { actions, indexes: queried } =
        'actions' in grant
          ? grant
          : { actions: grant, indexes: tables[tableId].indexes.map(({ name }) => name) };
      const unknown = queried.filter((name) => !tables[tableId].indexes.some((index) => index.name === name));
      if (unknown.length > 0) throw new Error(`${id}: table ${tableId} has no index ${unknown.join(', ')}`);
      // Named indexes rather than "index/*": the grant lists exactly what the store modules query.
      const indexes = actions.includes('dynamodb:Query')
        ? queried.map((name) => `${table.tableArn}/index/${name}`)
        : [];
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: [...actions], resources: [table.tableArn, ...indexes] }),
      );
    }

    const contentFolders = bundledContentFolders[props.entry];
    this.function = new NodejsFunction(this, 'Function', {
      entry: `${repositoryRoot}${props.entry}`,
      handler: 'handler',
      description: props.description,
      projectRoot: repositoryRoot,
      depsLockFilePath: `${repositoryRoot}package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // The API answers within about a second (a DynamoDB fault becomes a 503); the margin is for cold starts.
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      // INFO, not WARN: the metric lines (EMF) carry no level, which Lambda reads as INFO.
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      // INFO keeps each invocation's REPORT line (duration, memory, init duration of a cold start).
      systemLogLevelV2: SystemLogLevel.INFO,
      environment,
      bundling: {
        format: OutputFormat.ESM,
        target: functionBundling.target,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourcemap,
        externalModules: [...functionBundling.external],
        banner: functionBundling.banner,
        esbuildArgs: Object.fromEntries(
          Object.entries(functionBundling.alias).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        commandHooks: withLazyImports(contentFolders ? bundledContent(contentFolders) : undefined),
      },
    });
    // Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords to the role.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray: PutTraceSegments and PutTelemetryRecords support no resource-level permissions, so AWS requires "*"; the role has no other wildcard (test/unit/infra-stack.test.ts).',
    });
  }
}
