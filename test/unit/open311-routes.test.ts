import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { services } from '../../functions/domain/resident-affairs/services.ts';
import { answerSchemas, type RouteKey } from '../../functions/routes.ts';
import { matchRoute } from '../../local/api-gateway.ts';
import { apiEvent } from '../support/events.ts';
import { specSchema } from '../support/georeport-schema.ts';

// The entry point builds its photo store when loaded; these routes never touch it.
process.env.PHOTO_DIRECTORY ??= join(tmpdir(), 'wuzhen-open311-routes-photos');
const { handler } = await import('../../functions/handlers/http/resident-affairs.ts');

/** The resident-affairs entry point, called with the events API Gateway would send. */
async function get(url: string) {
  const event = apiEvent('GET', url);
  const answer = await handler(event);
  const body = JSON.parse(answer.body ?? 'null') as unknown;
  // Every answer is one the route declares, in its declared shape.
  const schemas = answerSchemas(event.routeKey as RouteKey, answer.statusCode);
  expect(schemas, `${url} → ${answer.statusCode}`).toBeDefined();
  const schema = answer.statusCode < 300 ? schemas?.json : schemas?.problem;
  expect(schema?.safeParse(body).success, `${url} → ${answer.body}`).toBe(true);
  return { status: answer.statusCode, headers: answer.headers ?? {}, body };
}

const listKey = 'GET /api/open311/v2/services.json';
const definitionKey = 'GET /api/open311/v2/services/{service_code}';

describe('GET /api/open311/v2/services.json', () => {
  it('is routed to the resident-affairs function, apart from the service definitions', () => {
    expect(matchRoute('GET', '/api/open311/v2/services.json')).toMatchObject({
      route: { routeKey: listKey },
      function: 'residentAffairs',
    });
    expect(matchRoute('GET', '/api/open311/v2/services/rubbish.json')).toMatchObject({
      route: { routeKey: definitionKey, pathParameters: { service_code: 'rubbish.json' } },
      function: 'residentAffairs',
    });
  });

  it('lists every service as GeoReport v2 writes a service list, in English by default and in Chinese', async () => {
    const english = await get('/api/open311/v2/services.json');
    const chinese = await get('/api/open311/v2/services.json?jurisdiction_id=wuzhen&locale=zh');
    for (const answer of [english, chinese]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=300');
      expect(specSchema('serviceList')(answer.body)).toEqual([]);
    }
    const names = (answer: { body: unknown }) =>
      (answer.body as { service_code: string; service_name: string }[]).map((s) => [
        s.service_code,
        s.service_name,
      ]);
    expect(names(english).map(([code]) => code)).toEqual(services.map((service) => service.code));
    expect(names(english)).toContainEqual(['blocked-vehicle', 'Blocked in by a vehicle']);
    expect(names(chinese)).toContainEqual(['blocked-vehicle', '车辆堵门挡道']);
    expect((await get('/api/open311/v2/services.json?locale=en')).body).toEqual(english.body);
  });

  it('answers 404 for any jurisdiction but wuzhen, and 400 naming a parameter it does not take', async () => {
    for (const jurisdiction of ['hangzhou', 'Wuzhen', '']) {
      const answer = await get(`/api/open311/v2/services.json?jurisdiction_id=${jurisdiction}`);
      expect(answer, jurisdiction).toMatchObject({
        status: 404,
        body: { type: 'tag:wuzhen-portal,2026:problems/not-found' },
      });
    }
    for (const query of ['locale=fr', 'format=xml', `jurisdiction_id=${'w'.repeat(65)}`]) {
      const answer = await get(`/api/open311/v2/services.json?${query}`);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body), query).toContain(`"path":"${query.split('=')[0]}"`);
    }
  });
});

describe('GET /api/open311/v2/services/{service_code}.json', () => {
  it('gives each service’s attributes as a GeoReport v2 service definition, in both languages', async () => {
    for (const service of services) {
      for (const locale of ['en', 'zh']) {
        const answer = await get(`/api/open311/v2/services/${service.code}.json?locale=${locale}`);
        expect(answer.status).toBe(200);
        expect(answer.headers['cache-control']).toBe('public, max-age=300');
        expect(specSchema('serviceDefinition')(answer.body), service.code).toEqual([]);
        expect(answer.body).toMatchObject({ service_code: service.code });
        expect((answer.body as { attributes: unknown[] }).attributes).toHaveLength(service.attributes.length);
      }
    }
    const plate = async (locale: string) =>
      (
        (await get(`/api/open311/v2/services/blocked-vehicle.json?jurisdiction_id=wuzhen&locale=${locale}`))
          .body as { attributes: { code: string; description: string }[] }
      ).attributes.find(({ code }) => code === 'blocking')?.description;
    expect(await plate('en')).toBe('What does it block?');
    expect(await plate('zh')).not.toBe(await plate('en'));
  });

  it('answers 404 for an unknown service or jurisdiction, and 400 for a path without .json', async () => {
    for (const url of [
      '/api/open311/v2/services/no-such-service.json',
      '/api/open311/v2/services/rubbish.json?jurisdiction_id=hangzhou',
    ]) {
      expect(await get(url), url).toMatchObject({
        status: 404,
        body: { type: 'tag:wuzhen-portal,2026:problems/not-found' },
      });
    }
    for (const code of ['rubbish', 'rubbish.xml', 'Rubbish.json', '.json']) {
      const answer = await get(`/api/open311/v2/services/${code}`);
      expect(answer.status, code).toBe(400);
      expect(JSON.stringify(answer.body), code).toContain('"path":"service_code"');
    }
  });
});
