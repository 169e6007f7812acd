/**
 * The modules a built script names, read from Vite's minified output without running it: the
 * offline precache list (precache-list.ts) keeps what a page's scripts import statically, and the
 * page-weight bench (bench/page-weight.ts) weighs the same chunks, so both read imports one way.
 */

/** Static imports and re-exports: import{a as b}from"./x.js", import"./x.js", export*from"./x.js". */
const staticImport = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]+from\s*)?["']([^"']+\.js)["']/g;
/** Dynamic imports: import(`./x.js`), with any quote. */
const dynamicImport = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/** A specifier resolved against the URL path of the module or page that names it. */
export const resolveModule = (specifier: string, from: string) =>
  new URL(specifier, `http://site${from}`).pathname;

export interface ScriptImports {
  /** Modules the script cannot run without, as URL paths. */
  staticImports: string[];
  /** Modules it loads only when it asks for them (the guide's map library), as URL paths. */
  dynamicImports: string[];
}

/** The modules `code`, served at the URL path `from`, imports. */
export function scriptImports(code: string, from: string): ScriptImports {
  return {
    staticImports: [...code.matchAll(staticImport)].map(([, specifier = '']) =>
      resolveModule(specifier, from),
    ),
    dynamicImports: [...code.matchAll(dynamicImport)].map(([, specifier = '']) =>
      resolveModule(specifier, from),
    ),
  };
}
