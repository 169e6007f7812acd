import type { APIRoute } from 'astro';
import { loadSiteProgram } from '../lib/program.ts';

// Track colours come from the content; a stylesheet rather than style attributes keeps the
// Content-Security-Policy free of 'unsafe-inline' (site/security-headers.ts).
export const GET: APIRoute = async () => {
  const { tracks } = await loadSiteProgram();
  const rules = tracks.map(({ id, color }) => `[data-track="${id}"] { --track-color: ${color}; }`);
  return new Response(`${rules.join('\n')}\n`, { headers: { 'content-type': 'text/css; charset=utf-8' } });
};
