import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Refusal } from '../domain/challenges.ts';
import type { RegistrationCreated } from '../domain/registrations.ts';
import { metricNames, metrics, type RegistrationOutcome, registrationOutcomeDimension } from './telemetry.ts';

/**
 * Every business event is published at once as its own EMF line (a single metric of the one
 * metrics buffer, with its `service` dimension): it then does not depend on the buffer being
 * flushed, and its metadata (a refusal's reason) cannot leak onto other metrics. An invocation has
 * one or two such events at most.
 */
function count(
  name: string,
  value = 1,
  extra?: { dimension?: [string, string]; metadata?: [string, string] },
) {
  // Nothing happened (a cancellation that promoted nobody): no line, and no zero to pay for.
  if (value <= 0) return;
  const single = metrics.singleMetric();
  if (extra?.dimension) single.addDimension(...extra.dimension);
  if (extra?.metadata) single.addMetadata(...extra.metadata);
  single.addMetric(name, MetricUnit.Count, value);
}

export const countRegistration = (outcome: RegistrationOutcome) =>
  count(metricNames.registrations, 1, { dimension: [registrationOutcomeDimension, outcome] });

const outcomeOfCreated: Record<RegistrationCreated['status'], RegistrationOutcome> = {
  confirmed: 'confirmed',
  waitlisted: 'waitlisted',
  pending_approval: 'pending',
};

/** A new registration, by the status it was created in (a replayed answer is not counted again). */
export const countRegistrationCreated = ({ status }: RegistrationCreated) =>
  countRegistration(outcomeOfCreated[status]);

export const countPromotions = (promoted: number) => count(metricNames.waitlistPromotions, promoted);

export const countCheckIn = () => count(metricNames.checkIns);

export const countReviewPosted = () => count(metricNames.reviewsPosted);

export const countReviewHidden = () => count(metricNames.reviewsHidden);

/** The reason is metadata, not a dimension: six reasons would be six more billed metrics per function. */
export const countRefusedChallenge = (reason: Refusal) =>
  count(metricNames.refusedChallenges, 1, { metadata: ['reason', reason] });
