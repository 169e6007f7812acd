import { logger } from '../functions/telemetry/telemetry.ts';

const toPerson = process.stdout.isTTY === true;

/**
 * What the local server itself says: plain sentences to a person at a terminal, and otherwise JSON
 * lines through the functions' logger (the same guard, the same format), so every line a test
 * portal writes can be checked as the functions' lines are.
 */
export function say(level: 'info' | 'error', message: string, fields: Record<string, unknown> = {}) {
  if (toPerson) console[level](message);
  else logger[level](message, fields);
}
