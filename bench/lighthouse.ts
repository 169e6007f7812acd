/**
 * Lighthouse (mobile profile, its default: simulated slow 4G and a 4× slower CPU) on five pages of
 * the whole portal (`npm start`) on a fresh data folder, three runs each with Debian's Chromium:
 * the median score per category, the median of the key metrics, whether each page meets the goal
 * (performance ≥ 0.95, accessibility, best practices and SEO = 1) and, for a category below its
 * goal, the audits that keep it there.
 *
 * Offline: the map tiles of the guide (tile.openstreetmap.org) are blocked through Lighthouse (a
 * blocked request is no console error), and Chromium resolves no host but the loopback one, so
 * nothing leaves the machine even if a page asked for something else.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { type RunningPortal, startPortal } from '../test/support/portal-process.ts';

const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// LIGHTHOUSE_PAGES=/guide/,/register/ and LIGHTHOUSE_RUNS=1 narrow a run down while fixing a page;
// LIGHTHOUSE_JSON_DIR=dir keeps each run's full report (lhr JSON) there.
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const pages = process.env.LIGHTHOUSE_PAGES?.split(',') ?? [
  '/',
  '/program/',
  '/guide/',
  '/v/convention-center/',
  '/register/',
];
const jsonDirectory = process.env.LIGHTHOUSE_JSON_DIR;
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof categories)[number];
const goals: Record<Category, number> = {
  performance: 0.95,
  accessibility: 1,
  'best-practices': 1,
  seo: 1,
};
const metrics = [
  { id: 'first-contentful-paint', label: 'FCP', unit: 'ms' },
  { id: 'largest-contentful-paint', label: 'LCP', unit: 'ms' },
  { id: 'total-blocking-time', label: 'TBT', unit: 'ms' },
  { id: 'cumulative-layout-shift', label: 'CLS', unit: '' },
] as const;

const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  // Belt and braces for an offline machine: no name but the loopback ones resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];
const blockedUrlPatterns = ['*tile.openstreetmap.org*', '*.openstreetmap.org/*'];

interface AuditResult {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  displayValue?: string;
}

interface RunResult {
  scores: Record<Category, number>;
  metrics: Record<string, number>;
  /** For each category, the audits that are scored and not passed: "id — title". */
  failing: Record<Category, string[]>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function audit(url: string, port: number): Promise<RunResult> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
    blockedUrlPatterns,
  });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (jsonDirectory) {
    await mkdir(jsonDirectory, { recursive: true });
    const name = `${new URL(url).pathname.replaceAll('/', '_')}-${Date.now()}.json`;
    await writeFile(join(jsonDirectory, name), JSON.stringify(lhr, null, 1));
  }
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audits = lhr.audits as Record<string, AuditResult>;
  const scores = {} as Record<Category, number>;
  const failing = {} as Record<Category, string[]>;
  for (const category of categories) {
    const found = lhr.categories[category];
    scores[category] = found?.score ?? Number.NaN;
    failing[category] = (found?.auditRefs ?? [])
      .map((ref) => audits[ref.id])
      .filter(
        (each): each is AuditResult =>
          each !== undefined &&
          each.score !== null &&
          each.score < (category === 'performance' ? 0.9 : 1) &&
          !['informative', 'notApplicable', 'manual', 'error'].includes(each.scoreDisplayMode),
      )
      .map((each) => `${each.id} — ${each.title}${each.displayValue ? ` (${each.displayValue})` : ''}`);
  }
  const values: Record<string, number> = {};
  for (const metric of metrics) values[metric.id] = audits[metric.id]?.numericValue ?? Number.NaN;
  return { scores, metrics: values, failing };
}

const dataDirectory = await mkdtemp(join(tmpdir(), 'bench-lighthouse-'));
let portal: RunningPortal | undefined;
const chrome = await launch({ chromePath, chromeFlags, logLevel: 'error' });
try {
  portal = await startPortal({ DATA_DIR: dataDirectory });
  console.log(
    `lighthouse (mobile profile, ${chromePath}, median of ${runs}; load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log('offline: tile.openstreetmap.org blocked, no host but loopback resolves\n');
  // One visit first, so the server's first answers (handlers loaded, caches filled) are not measured.
  for (const path of pages) await (await fetch(new URL(path, portal.url))).arrayBuffer();

  const header = `${'page'.padEnd(22)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'b-p'.padStart(5)} ${'seo'.padStart(5)} ${'FCP ms'.padStart(7)} ${'LCP ms'.padStart(7)} ${'TBT ms'.padStart(7)} ${'CLS'.padStart(6)}  goal`;
  const lines: string[] = [];
  const details: string[] = [];
  for (const path of pages) {
    const results: RunResult[] = [];
    for (let run = 0; run < runs; run += 1)
      results.push(await audit(new URL(path, portal.url).href, chrome.port));
    const scores = Object.fromEntries(
      categories.map((category) => [category, median(results.map((each) => each.scores[category]))]),
    ) as Record<Category, number>;
    const metricValues = metrics.map((metric) =>
      median(results.map((each) => each.metrics[metric.id] ?? NaN)),
    );
    const below = categories.filter((category) => !(scores[category] >= goals[category]));
    lines.push(
      [
        path.padEnd(22),
        ...categories.map((category) => scores[category].toFixed(2).padStart(5)),
        ...metricValues.map((value, index) =>
          metrics[index]?.unit ? value.toFixed(0).padStart(7) : value.toFixed(3).padStart(6),
        ),
        ` ${below.length ? `no (${below.join(', ')})` : 'yes'}`,
      ].join(' '),
    );
    for (const category of below) {
      // Every audit that failed in at least one run, with how many runs it failed in.
      const counts = new Map<string, number>();
      for (const each of results)
        for (const failure of each.failing[category])
          counts.set(
            failure.replace(/ \([^)]*\)$/, ''),
            (counts.get(failure.replace(/ \([^)]*\)$/, '')) ?? 0) + 1,
          );
      details.push(`${path} ${category} ${scores[category].toFixed(2)} < ${goals[category]}:`);
      for (const [failure, count] of counts) details.push(`  ${failure} [${count}/${runs} runs]`);
    }
  }
  console.log(header);
  for (const line of lines) console.log(line);
  console.log(
    '\ngoal: performance ≥ 0.95, accessibility = best-practices = seo = 1.00 (medians; "yes" = every category met)',
  );
  if (details.length) {
    console.log('\naudits below goal (performance: score < 0.9; others: not passed):');
    for (const detail of details) console.log(detail);
  }
} finally {
  chrome.kill();
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
}
