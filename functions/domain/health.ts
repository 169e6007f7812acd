export type Probe = (signal: AbortSignal) => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'unavailable'>;
}

/** Runs every probe at once; one that fails or outlasts the deadline marks the service unavailable. */
export async function checkHealth(probes: Record<string, Probe>, deadlineMs: number): Promise<HealthReport> {
  const signal = AbortSignal.timeout(deadlineMs);
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const outcome = await Promise.race([
        probe(signal).then(() => 'ok' as const),
        new Promise<'unavailable'>((resolve) =>
          signal.addEventListener('abort', () => resolve('unavailable'), { once: true }),
        ),
      ]).catch(() => 'unavailable' as const);
      return [name, outcome] as const;
    }),
  );
  const checks = Object.fromEntries(entries);
  const status = entries.every(([, outcome]) => outcome === 'ok') ? 'ok' : 'unavailable';
  return { status, checks };
}
