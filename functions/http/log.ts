import { logger } from '../telemetry/telemetry.ts';

/**
 * One JSON line per event, for CloudWatch Logs Insights. Callers pass identifiers and outcomes,
 * never names, emails or request bodies: personal data stays out of logs.
 */
export function logEvent(
  level: 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown> = {},
) {
  logger[level](message, fields);
}
