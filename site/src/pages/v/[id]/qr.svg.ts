import { getCollection } from 'astro:content';
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Venue } from '../../../../../content/schemas/venue.ts';
import { venueQrSvg } from '../../../lib/venue-qr.ts';

export const getStaticPaths = (async () =>
  (await getCollection('venues')).map(({ data }) => ({
    params: { id: data.id },
    props: { venue: data },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ venue: Venue }> = async ({ props, site }) =>
  new Response(await venueQrSvg(props.venue, site ?? 'http://127.0.0.1:4321'), {
    headers: { 'content-type': 'image/svg+xml' },
  });
