import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { TableId } from '../../functions/store/tables.ts';
import { PortalFunction, tableActions } from './portal-function.ts';

export interface RetentionProps {
  tables: Record<TableId, TableV2>;
  /** Days after closing when a resident's request is anonymised and its photos deleted. */
  residentAffairsRetentionDays: number;
  retainLogs: boolean;
}

/**
 * The retention rule in AWS: EventBridge Scheduler runs the shredder every night (03:30 in Wuzhen),
 * which anonymises the registrations of every edition whose retention period has passed, old
 * reviews, and residents' requests closed longer than their retention period, deleting their
 * photos and the uploads never attached (the photo bucket's grant: infra/constructs/photos.ts).
 * The editions are copied next to the bundle, as the seed's content is.
 */
export class Retention extends Construct {
  readonly function: NodejsFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    this.function = new PortalFunction(this, 'Shredder', {
      entry: 'functions/handlers/scheduled/retention.ts',
      description:
        "Wuzhen portal: anonymises registrations, reviews and residents' requests past their retention period",
      serviceName: 'retention',
      tables: props.tables,
      grants: {
        registrations: tableActions.anonymise,
        venues: tableActions.anonymiseReviews,
        residentAffairs: { actions: tableActions.anonymiseRequests, indexes: ['byStage'] },
      },
      environment: { RESIDENT_AFFAIRS_RETENTION_DAYS: String(props.residentAffairsRetentionDays) },
      // At most 40 batches of 25 per run, one transaction each; the rest waits for the next night.
      timeout: Duration.minutes(5),
      retainLogs: props.retainLogs,
    }).function;
    // The schedule's own role may invoke this one function and nothing else. (The LambdaInvoke
    // target of aws-scheduler-targets grants `<function>:*`, every version too: a wildcard not needed.)
    const invoker = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler run the retention rule',
    });
    invoker.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.function.functionArn] }),
    );
    const shredder = this.function;
    this.schedule = new Schedule(this, 'Nightly', {
      description: 'Applies the personal-data retention rule of each edition',
      schedule: ScheduleExpression.cron({ hour: '3', minute: '30', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: {
        bind: () => ({ arn: shredder.functionArn, role: invoker, retryPolicy: { maximumRetryAttempts: 2 } }),
      },
    });
  }
}
