import { webAppManifestRoute } from '../../lib/web-app-manifest.ts';

export const GET = webAppManifestRoute('zh');
