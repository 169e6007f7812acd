import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableId } from '../../functions/store/tables.ts';
import { PortalFunction, tableActions } from './portal-function.ts';

export interface MailProps {
  tables: Record<TableId, TableV2>;
  /** The sender, "registration@example.org" or "WIC Wuzhen <registration@example.org>". */
  mailFrom: string;
  /** The site's origin, for the privacy notice's link in every message. */
  siteOrigin: string;
  /** The seed of the check-in signing keys: a ticket e-mail's QR code carries the signed code. */
  checkinSigningSecret: ISecret;
  retainLogs: boolean;
}

/** The bare address of a sender that may carry a display name. */
export function senderAddress(mailFrom: string): string {
  return (/<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim();
}

/**
 * Sends the outbox: the registrations table's stream triggers the mailer, which sends each new
 * message with SES. The mailer is the only principal of the portal that may send mail.
 */
export class Mail extends Construct {
  readonly mailer: NodejsFunction;
  /** Stream batches that failed every retry; each message waits here for a look and a redrive. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const mailer = new PortalFunction(this, 'Mailer', {
      entry: 'functions/handlers/stream/mailer.ts',
      description: 'Wuzhen portal: sends outbox messages with SES',
      serviceName: 'mailer',
      tables: props.tables,
      // GetItem: the current edition, for a ticket e-mail queued before messages named theirs.
      grants: { registrations: [...tableActions.markSent, ...tableActions.readOneItem] },
      environment: {
        MAIL_FROM: props.mailFrom,
        CHECKIN_SIGNING_SECRET_ARN: props.checkinSigningSecret.secretArn,
      },
      siteOrigin: props.siteOrigin,
      // A batch is at most ten SES calls, each well under a second.
      timeout: Duration.seconds(30),
      retainLogs: props.retainLogs,
    });
    this.mailer = mailer.function;
    props.checkinSigningSecret.grantRead(mailer.role);

    // SES authorizes a send against the sender's identity: the address itself or its domain,
    // whichever of the two is verified. Both are named; no other identity can be used.
    const address = senderAddress(props.mailFrom);
    const domain = address.slice(address.lastIndexOf('@') + 1);
    const { partition, region, account } = Stack.of(this);
    mailer.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [address, domain].map(
          (identity) => `arn:${partition}:ses:${region}:${account}:identity/${identity}`,
        ),
      }),
    );

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself a dead-letter queue: the on-failure destination of the mailer's stream event source, which cdk-nag does not recognise as one.",
    });
    this.mailer.addEventSource(
      new DynamoEventSource(props.tables.registrations, {
        // Only messages written from now on: a new stream must not replay a day of old items.
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        // A failing message is split off from the good ones, retried, then parked in the queue.
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        onFailure: new SqsDlq(this.deadLetterQueue),
      }),
    );
  }
}
