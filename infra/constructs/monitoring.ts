import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  metricNames,
  metricNamespace,
  registrationOutcomeDimension,
  registrationOutcomes,
} from '../../functions/telemetry/telemetry.ts';

export interface MonitoringProps {
  dashboardName: string;
  api: HttpApi;
  /** The functions that serve traffic, by name. */
  functions: Record<string, IFunction>;
  /** The `service` of each API function: a 500 of theirs counts in the UnhandledErrors metric. */
  apiServices: readonly string[];
  deadLetterQueue: IQueue;
  alarmEmail?: string;
}

const fiveMinutes = Duration.minutes(5);

/**
 * A business metric summed over every function that emits it (promotions come from the
 * registrations and the organizer functions alike), whatever its `service` dimension says.
 */
function businessTotal(label: string, metricName: string, dimensions: Record<string, string> = {}) {
  const schema = [metricNamespace, ...Object.keys(dimensions), 'service'].join(',');
  const terms = [
    `MetricName="${metricName}"`,
    ...Object.entries(dimensions).map(([name, value]) => `${name}="${value}"`),
  ].join(' ');
  return new MathExpression({
    label,
    period: fiveMinutes,
    expression: `SUM(SEARCH('{${schema}} ${terms}', 'Sum', ${fiveMinutes.toSeconds()}))`,
  });
}

/**
 * Alarms for what needs a person: server errors of the API, requests that ended in a bug of ours
 * (UnhandledErrors), failing or throttled functions, and mail that could not be sent. Each notifies
 * one topic; one dashboard shows the same metrics beside the business numbers (docs/operations.md).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Wuzhen portal alarms', enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const alarm = (id: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, id, {
        metric,
        alarmDescription: description,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        // No requests, no errors: silence is healthy.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    const serverErrors = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    alarm(
      'ApiServerErrors',
      serverErrors,
      'The API answered 5xx (503s included: the database may be failing).',
    );

    const functionErrors: IMetric[] = [];
    const functionThrottles: IMetric[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' });
      const throttles = fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' });
      alarm(`${name}Errors`, errors, `The ${name} function failed (an unhandled error or a timeout).`);
      alarm(`${name}Throttles`, throttles, `The ${name} function was throttled (concurrency exhausted).`);
      // Labelled on the dashboard only: a label would turn the alarm into a metric-math alarm.
      functionErrors.push(errors.with({ label: name }));
      functionThrottles.push(throttles.with({ label: name }));
    }

    const unhandledErrors: IMetric[] = [];
    for (const service of props.apiServices) {
      const metric = new Metric({
        namespace: metricNamespace,
        metricName: metricNames.unhandledErrors,
        dimensionsMap: { service },
        period: fiveMinutes,
        statistic: 'Sum',
      });
      alarm(
        `${service}UnhandledErrors`,
        metric,
        `The ${service} function answered 500: a bug of ours (its log has the ERROR line and stack).`,
      );
      unhandledErrors.push(metric.with({ label: service }));
    }

    const undeliveredMail = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: fiveMinutes,
      statistic: 'Maximum',
    });
    alarm(
      'UndeliveredMail',
      undeliveredMail,
      'Outbox messages failed every retry and wait in the dead-letter queue.',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              props.api.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
              props.api.metricClientError({ period: fiveMinutes, statistic: 'Sum' }),
              serverErrors,
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency',
            left: [props.api.metricLatency({ period: fiveMinutes, statistic: 'p99' })],
            width: 12,
          }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: functionErrors, width: 8 }),
          new GraphWidget({ title: 'Function throttles', left: functionThrottles, width: 8 }),
          new GraphWidget({
            title: 'Undelivered mail (dead-letter queue)',
            left: [undeliveredMail],
            width: 8,
          }),
        ],
        [
          new GraphWidget({ title: 'Unhandled errors (500 answers)', left: unhandledErrors, width: 8 }),
          new GraphWidget({
            title: 'Registrations by outcome',
            left: registrationOutcomes.map((outcome) =>
              businessTotal(outcome, metricNames.registrations, { [registrationOutcomeDimension]: outcome }),
            ),
            width: 8,
          }),
          new GraphWidget({
            title: 'Waitlist promotions and check-ins',
            left: [
              businessTotal('promotions', metricNames.waitlistPromotions),
              businessTotal('check-ins', metricNames.checkIns),
            ],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'Reviews posted and hidden',
            left: [
              businessTotal('posted', metricNames.reviewsPosted),
              businessTotal('hidden', metricNames.reviewsHidden),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Refused proof-of-work solutions',
            left: [businessTotal('refused', metricNames.refusedChallenges)],
            width: 12,
          }),
        ],
      ],
    });
  }
}
