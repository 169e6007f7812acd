import { vi } from 'vitest';

/** One line of CloudWatch's embedded metric format, as the metrics buffer prints it. */
export interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: Array<{
      Namespace: string;
      Dimensions: string[][];
      Metrics: Array<{ Name: string; Unit: string }>;
    }>;
  };
  [property: string]: unknown;
}

const isEmf = (value: unknown): value is EmfLine =>
  typeof value === 'object' && value !== null && '_aws' in value;

/**
 * The EMF lines printed to standard output while `action` runs, read where Lambda reads them (the
 * output still reaches the terminal). Nothing else is replaced: the routes run over the database.
 */
export async function metricsEmittedBy(action: () => Promise<unknown>): Promise<EmfLine[]> {
  const write = vi.spyOn(process.stdout, 'write');
  try {
    await action();
    return write.mock.calls
      .flatMap(([chunk]) => String(chunk).split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as unknown)
      .filter(isEmf);
  } finally {
    write.mockRestore();
  }
}

/**
 * What the lines count, by metric and dimension values other than `service` (`Registrations
 * outcome=confirmed`): summed, as CloudWatch sums them.
 */
export function countsOf(lines: readonly EmfLine[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    for (const { Dimensions, Metrics } of line._aws.CloudWatchMetrics) {
      const dimensions = (Dimensions[0] ?? [])
        .filter((name) => name !== 'service')
        .map((name) => ` ${name}=${String(line[name])}`)
        .join('');
      for (const { Name } of Metrics) {
        counts[`${Name}${dimensions}`] = (counts[`${Name}${dimensions}`] ?? 0) + Number(line[Name]);
      }
    }
  }
  return counts;
}
