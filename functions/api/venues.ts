import { findVenue } from '../domain/venues.ts';
import { json, notFound } from '../http/response.ts';
import { type Route, routeHandler } from '../http/route-handler.ts';
import { documentClient, tableNames } from '../store/dynamodb/environment.ts';
import { DynamoDbVenueStore } from '../store/dynamodb/venue-store.ts';
import type { VenueStore } from '../store/venue-store.ts';

export function venueRoutes(store: VenueStore): Record<string, Route> {
  return {
    'GET /api/venues/{id}': async (event) => {
      const id = event.pathParameters?.id ?? '';
      const venue = await findVenue(store, id);
      if (!venue) return notFound(`There is no venue with the id "${id}".`);
      return json(200, venue, { 'cache-control': 'public, max-age=60' });
    },
  };
}

export const handler = routeHandler(venueRoutes(new DynamoDbVenueStore(documentClient, tableNames.venues)));
