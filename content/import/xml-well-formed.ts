import { SyntaxValidator } from 'fast-xml-validator';

const rootPattern = /^(?:<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|\s)*<([A-Za-z_][\w.:-]*)/;

/** The name of an XML document's root element, read before parsing it: "schedule", "osm". */
export function xmlRootName(text: string): string | undefined {
  return rootPattern.exec(text)?.[1];
}

/**
 * What makes a text not well-formed XML, with its line, or undefined when it is well-formed. The
 * parsers forgive a missing end and mismatched tags, which would import part of a file cut short,
 * so both importers check first. A text that stops before its root element closes is called
 * truncated, the usual way a download goes wrong.
 */
export function xmlProblem(text: string): { line: number; problem: string } | undefined {
  try {
    SyntaxValidator.validate(text);
    return undefined;
  } catch (error) {
    const { message, line } = error as Error & { line?: number };
    const root = xmlRootName(text);
    const closed = root !== undefined && new RegExp(`</${root}\\s*>\\s*$`).test(text);
    return {
      // A validator names the first unclosed tag's line, or none; a cut file is cut at its end.
      line: closed ? (line ?? 1) : text.split('\n').length,
      problem: closed
        ? `not well-formed XML: ${message}`
        : `the XML ends before the document does: a truncated file? (${message})`,
    };
  }
}
