import { resolve } from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** Stops an importer on a wrong command line: exit code 2, the reason and the usage on stderr. */
export function usageError(reason: string | undefined, usage: string): never {
  console.error(reason ? `${reason}\n${usage}` : usage);
  process.exit(2);
}

/**
 * An importer's command line: exactly one FILE and the given options. The file is resolved from
 * where the command was typed, since npm runs scripts from the project root.
 */
export function importCommandLine<T extends ParseArgsOptionsConfig>(options: T, usage: string) {
  try {
    const { values, positionals } = parseArgs({ options, allowPositionals: true });
    const [given, ...extra] = positionals;
    if (!given || extra.length > 0) usageError(undefined, usage);
    return { values, file: resolve(process.env.INIT_CWD ?? process.cwd(), given) };
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
}
