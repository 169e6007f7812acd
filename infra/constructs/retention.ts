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
  retainLogs: boolean;
}

/**
 * The retention rule in AWS: EventBridge Scheduler runs the shredder every night (03:30 in Wuzhen),
 * which anonymises the registrations of every edition whose retention period has passed, and old
 * reviews. The editions are copied next to the bundle, as the seed's content is.
 */
export class Retention extends Construct {
  readonly function: NodejsFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: RetentionProps) {
    super(scope, id);
    this.function = new PortalFunction(this, 'Shredder', {
      entry: 'functions/handlers/scheduled/retention.ts',
      description:
        'Wuzhen portal: anonymises registrations, reviews and resident requests past their retention period',
      serviceName: 'retention',
      tables: props.tables,
      // Resident-affairs requests too, and their e-mails in the registrations table's outbox; the
      // photo bucket's grants (requests/* delete, staged/* list and delete) come with the bucket.
      grants: {
        registrations: tableActions.anonymise,
        venues: tableActions.anonymiseReviews,
        residentAffairs: tableActions.anonymiseRequests,
      },
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
