import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { RedactingLogFormatter } from './redacting-formatter.ts';

/** Every function's own name, which the stack sets per function; one name for the local server. */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'wuzhen-portal';

/** The CloudWatch namespace of the portal's own metrics (alarms and the dashboard read it). */
export const metricNamespace = 'WuzhenPortal';

/** Metric names shared by the functions that emit them and the stack that alarms on them. */
export const metricNames = {
  /** A request that ended in a 500 problem: a bug of ours, not a database fault. */
  unhandledErrors: 'UnhandledErrors',
  /** A registration decided, by its `outcome` (see registrationOutcomes). */
  registrations: 'Registrations',
  /** Waiting registrations given a seat. */
  waitlistPromotions: 'WaitlistPromotions',
  /** People checked in at the door (a retried request with the same nonce counts once). */
  checkIns: 'CheckIns',
  reviewsPosted: 'ReviewsPosted',
  /** Reviews an organizer hid. */
  reviewsHidden: 'ReviewsHidden',
  /** Proof-of-work solutions refused (their reason is in the line's `reason` property). */
  refusedChallenges: 'RefusedChallenges',
} as const;

/** The one dimension besides `service`: the `outcome` of Registrations, five values at most. */
export const registrationOutcomeDimension = 'outcome';
export const registrationOutcomes = ['confirmed', 'waitlisted', 'pending', 'rejected', 'duplicate'] as const;
export type RegistrationOutcome = (typeof registrationOutcomes)[number];

/**
 * The one logger, metrics buffer and tracer of a function (Powertools for AWS Lambda). Outside
 * Lambda the tracer is off and captures nothing. Every line goes through the redaction guard; the
 * metrics buffer's own warnings go through the logger, so they are JSON lines as well.
 */
export const logger = new Logger({ serviceName, logFormatter: new RedactingLogFormatter() });
export const metrics = new Metrics({ namespace: metricNamespace, serviceName, logger });
export const tracer = new Tracer({ serviceName });
