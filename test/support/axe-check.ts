import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.0/2.1 A and AA, and axe's best practices. */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One line per element that fails a rule: what to fix, where, and on which page. */
function describeViolations(where: string, violations: Result[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${where}: ${violation.id} (${node.impact ?? violation.impact}) at ${JSON.stringify(node.target)} — ` +
        `${violation.help} (${violation.helpUrl})\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
    ),
  );
}

/** Runs axe on the page as it is now; fails with every violation described. */
export async function expectNoViolations(page: Page, state = '') {
  // Legacy mode runs axe in the page alone instead of finishing in a second, blank page: 40 % faster,
  // and it only misses cross-origin frames, which no page of the portal has.
  const { violations } = await new AxeBuilder({ page }).withTags(tags).setLegacyMode(true).analyze();
  const where = `${new URL(page.url()).pathname}${new URL(page.url()).search}${state ? ` (${state})` : ''}`;
  expect(describeViolations(where, violations)).toEqual([]);
}
