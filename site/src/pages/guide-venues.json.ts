import { getCollection } from 'astro:content';
import type { APIRoute } from 'astro';
import { guideVenueData } from '../lib/guide-venues.ts';

// The guide's venues for offline use, one file for both languages (a venue has its names and address
// in each); its opening schedules start when the site is built, as the venue pages' do.
export const GET: APIRoute = async () => {
  const venues = (await getCollection('venues')).map(({ data }) => data);
  return Response.json(guideVenueData(venues, new Date()));
};
