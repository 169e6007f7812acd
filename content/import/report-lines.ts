import type { ContentChanges } from './staged-content.ts';

/** A titled, counted, indented list in an importer's report; nothing at all when it is empty. */
export function reportSection(title: string, lines: string[]): string[] {
  return lines.length > 0 ? [`${title} (${lines.length}):`, ...lines.map((line) => `  ${line}`)] : [];
}

/** The files an import changed, "+ added", "~ changed", "- removed", as both reports list them. */
export function changedFileLines({ added, changed, removed }: ContentChanges): string[] {
  return [
    ...added.map((file) => `+ ${file}`),
    ...changed.map((file) => `~ ${file}`),
    ...removed.map((file) => `- ${file}`),
  ];
}
