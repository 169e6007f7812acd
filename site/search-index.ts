import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

/**
 * Pagefind writes its ready-made interfaces beside the index; the search page has its own (it
 * loads only pagefind.js, which fetches the rest), so they would only be bytes in the bucket.
 */
async function removeUnusedUi(outputPath: string): Promise<void> {
  const unused = (await readdir(outputPath)).filter(
    (name) => /-ui\.(?:css|js)$/.test(name) || name === 'pagefind-highlight.js',
  );
  await Promise.all(unused.map((name) => rm(join(outputPath, name))));
}

/**
 * Indexes the built pages with Pagefind once `astro build` has written them, into `/pagefind/`
 * beside them, so the local server and the site bucket serve the index like any other file.
 * Pagefind splits the index by each page's `<html lang>`: one for English, one for Chinese.
 * Only the pages whose main content carries `data-pagefind-body` are indexed (BaseLayout's
 * `searchType`). It lives beside the site's config because it is part of the build, no page.
 */
export function searchIndex(): AstroIntegration {
  return {
    name: 'wuzhen-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const { index, errors } = await createIndex({});
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
          await removeUnusedUi(written.outputPath);
          logger.info(`indexed ${added.page_count} pages into ${written.outputPath}`);
        } finally {
          await close();
        }
      },
    },
  };
}
