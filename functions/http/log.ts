/**
 * One JSON line per event, for CloudWatch Logs Insights. Callers pass identifiers and outcomes,
 * never names, emails or request bodies: personal data stays out of logs.
 */
export function logEvent(
  level: 'info' | 'warn' | 'error',
  message: string,
  fields: Record<string, unknown> = {},
) {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}
