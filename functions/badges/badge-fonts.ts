import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Noto Sans SC (SIL Open Font License 1.1) from npm: Latin, Greek, Cyrillic and Chinese in one
 * TrueType font, so one font sets every name, and pdfkit's fontkit embeds only the glyphs a PDF uses.
 * The Lambda bundle carries both files beside its code (infra/function-bundling.ts: lazyImports);
 * nothing is downloaded at run time.
 */
export const badgeFontFiles = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type BadgeFontWeight = keyof typeof badgeFontFiles;

/** Beside the module in a bundle; from the npm package in the source tree. */
function fontPath(specifier: string): string {
  const besideModule = fileURLToPath(new URL(`./${basename(specifier)}`, import.meta.url));
  return existsSync(besideModule) ? besideModule : createRequire(import.meta.url).resolve(specifier);
}

let fonts: Record<BadgeFontWeight, Buffer> | undefined;

/** The font files' bytes, read once per container (about 10 MB each). */
export function badgeFonts(): Record<BadgeFontWeight, Buffer> {
  fonts ??= {
    regular: readFileSync(fontPath(badgeFontFiles.regular)),
    bold: readFileSync(fontPath(badgeFontFiles.bold)),
  };
  return fonts;
}
