import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import * as open311 from '../../functions/contract/open311.ts';
import type { ServiceRequest, TimelineEntry } from '../../functions/domain/resident-affairs/model.ts';
import {
  type Open311Service,
  type Open311ServiceDefinition,
  open311Service,
  open311ServiceDefinition,
} from '../../functions/domain/resident-affairs/open311-services.ts';
import { type PublicRequest, publicRequest } from '../../functions/domain/resident-affairs/public-view.ts';
import { requestsWindow, statesOfStatus } from '../../functions/domain/resident-affairs/request-filters.ts';
import { serviceOf, services } from '../../functions/domain/resident-affairs/services.ts';
import { specSchema } from '../support/georeport-schema.ts';

const locales = ['en', 'zh'] as const;

const stored = (overrides: Partial<ServiceRequest>): ServiceRequest => ({
  id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
  serviceCode: 'street-light-out',
  description: 'The lamp by my door at No. 3 is dark.',
  location: { lat: 30.74412, lon: 120.49018, precision: 'exact' },
  addressString: 'No. 3, my door',
  contact: { email: 'li.wei@example.org' },
  photoKeys: ['requests/01JD3Z6Q8N4X2V7B5C9K1M0PRS/1'],
  state: 'submitted',
  submittedAt: '2027-03-01T02:00:00.000Z',
  followTokenHash: 'b'.repeat(64),
  locale: 'en',
  ...overrides,
});

const timeline: TimelineEntry[] = [
  { at: '2027-03-01T02:00:00.000Z', kind: 'state', state: 'submitted' },
  { at: '2027-03-01T02:10:00.000Z', kind: 'public-note', text: 'An electrician is on the way.', staff: 's1' },
  { at: '2027-03-01T02:20:00.000Z', kind: 'internal-note', text: 'Ask Wang.', staff: 's1' },
];

const findLandmark = (id: string) =>
  id === 'convention-center'
    ? { location: { lat: 30.7461, lon: 120.4935 }, name: 'Convention Center' }
    : undefined;

/** Every kind of request the public view handles, in both languages. */
const publicSamples = locales.flatMap((locale) =>
  [
    stored({}),
    stored({ state: 'resolved', resolvedAt: '2027-03-01T03:00:00.000Z', department: 'other' }),
    stored({ location: { lat: 30.74412, lon: 120.49018, precision: 'street' } }),
    stored({ location: { landmarkVenueId: 'convention-center' }, serviceCode: 'wifi-down' }),
    stored({ location: { landmarkVenueId: 'removed-venue' } }),
    stored({ state: 'closed', mergedInto: '01JD3Z6Q8N4X2V7B5C9K1M0PRT', serviceCode: 'retired-code' }),
  ].map((request) =>
    publicRequest(request, timeline, { locale, findLandmark, firstResponseTargetMinutes: 30 }),
  ),
);

describe('GeoReport v2 conformance: the answers’ field names and types, against a schema written from the spec', () => {
  it('services.json lists every service, in both languages', () => {
    for (const locale of locales) {
      const list = services.map((service) => open311Service(service, locale));
      expect(specSchema('serviceList')(list)).toEqual([]);
      expect(open311.open311ServiceList.safeParse(list).success).toBe(true);
      expect(list.map((service) => service.service_code)).toContain('blocked-vehicle');
    }
  });

  it('services/{service_code}.json defines each service’s attributes, orders unique', () => {
    for (const locale of locales) {
      for (const service of services) {
        const definition = open311ServiceDefinition(service, locale);
        expect(specSchema('serviceDefinition')(definition), service.code).toEqual([]);
        expect(open311.open311ServiceDefinition.safeParse(definition).success).toBe(true);
        const orders = definition.attributes.map((attribute) => attribute.order);
        expect(new Set(orders).size).toBe(orders.length);
        expect(open311Service(service, locale).metadata).toBe(definition.attributes.length > 0);
      }
    }
  });

  it('declares the same shapes the domain builds, so a change to one fails the type check until the other follows', () => {
    expectTypeOf<PublicRequest>().toExtend<z.output<typeof open311.open311Request>>();
    expectTypeOf<Open311Service>().toExtend<z.output<typeof open311.open311Service>>();
    expectTypeOf<Open311ServiceDefinition>().toExtend<z.output<typeof open311.open311ServiceDefinition>>();
  });

  it('requests.json and requests/{id}.json give requests as the spec writes them', () => {
    expect(specSchema('serviceRequests')(publicSamples)).toEqual([]);
    for (const sample of publicSamples) expect(open311.open311Request.safeParse(sample).success).toBe(true);
  });

  it('POST requests.json answers a service_request_id, and tokens/{token}.json the spec’s pair', () => {
    const created = [
      {
        service_request_id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
        service_notice: 'Staff first answer within 30 minutes, day and night.',
        account_id: null,
        follow_token: 'kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
        follow_url:
          'https://portal.example.org/help/request/#token=kq3Vx2YtG8hJ0mN5pR7sT9uW1yZ4aB6cD8eF0gH2iJ4',
      },
    ];
    expect(specSchema('created')(created)).toEqual([]);
    expect(open311.open311Created.safeParse(created).success).toBe(true);
    const token = [{ service_request_id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS', token: 'abc' }];
    expect(specSchema('tokenAnswer')(token)).toEqual([]);
    expect(open311.open311TokenAnswer.safeParse(token).success).toBe(true);
  });

  it('the schema refuses what the spec does not allow: so the checks above can fail', () => {
    const [sample] = publicSamples;
    expect(specSchema('serviceRequest')({ ...sample, email: 'li.wei@example.org' })).not.toEqual([]);
    expect(specSchema('serviceRequest')({ ...sample, lat: '30.74' })).not.toEqual([]);
    expect(specSchema('serviceRequest')({ ...sample, status: 'in-progress' })).not.toEqual([]);
    expect(
      specSchema('serviceRequest')({ ...sample, requested_datetime: '2027-03-01T02:00:00' }),
    ).not.toEqual([]);
    expect(
      specSchema('service')({
        ...open311Service(serviceOf({ serviceCode: 'blocked-vehicle' }), 'en'),
        metadata: 'true',
      }),
    ).not.toEqual([]);
    expect(specSchema('created')([{ service_request_id: 1, token: 2 }])).not.toEqual([]);
  });
});

describe('the GeoReport requests', () => {
  it('takes `<value>.json` path segments and hands on the value', () => {
    expect(open311.serviceDefinitionPath.parse({ service_code: 'blocked-vehicle.json' })).toEqual({
      service_code: 'blocked-vehicle',
    });
    expect(
      open311.serviceRequestPath.parse({ service_request_id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS.json' }),
    ).toEqual({
      service_request_id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
    });
    for (const bad of ['blocked-vehicle', 'blocked-vehicle.xml', `${'a'.repeat(80)}.json`, '../x.json']) {
      expect(open311.serviceDefinitionPath.safeParse({ service_code: bad }).success, bad).toBe(false);
    }
    expect(open311.tokenPath.safeParse({ token: 'a b.json' }).success).toBe(false);
  });

  it('reads requests.json’s comma delimited filters and w3 dates, refusing anything else', () => {
    expect(
      open311.requestsQuery.parse({
        service_request_id:
          '01JD3Z6Q8N4X2V7B5C9K1M0PRS,01JD3Z6Q8N4X2V7B5C9K1M0PRT,01JD3Z6Q8N4X2V7B5C9K1M0PRS',
        service_code: 'rubbish,canal-water',
        status: 'open,closed',
        start_date: '2027-01-01T00:00:00+08:00',
        jurisdiction_id: 'wuzhen',
        locale: 'zh',
      }),
    ).toEqual({
      service_request_id: ['01JD3Z6Q8N4X2V7B5C9K1M0PRS', '01JD3Z6Q8N4X2V7B5C9K1M0PRT'],
      service_code: ['rubbish', 'canal-water'],
      status: ['open', 'closed'],
      start_date: '2027-01-01T00:00:00+08:00',
      jurisdiction_id: 'wuzhen',
      locale: 'zh',
    });
    for (const bad of [
      { status: 'pending' },
      { status: 'open,' },
      { service_code: 'Rubbish' },
      { start_date: '2027-01-01' },
      { start_date: '2027-01-01T00:00:00' },
      { service_request_id: Array(101).fill('01JD3Z6Q8N4X2V7B5C9K1M0PRS').join(',') },
      { page: '2' },
    ]) {
      expect(open311.requestsQuery.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(false);
    }
  });

  it('lists the last 90 days by default, and no more than 90 days whatever is asked', () => {
    const now = new Date('2027-06-01T00:00:00Z');
    expect(requestsWindow({}, now)).toEqual({ from: new Date('2027-03-03T00:00:00Z'), to: now });
    expect(requestsWindow({ start_date: '2027-05-01T00:00:00Z' }, now)).toEqual({
      from: new Date('2027-05-01T00:00:00Z'),
      to: now,
    });
    expect(requestsWindow({ end_date: '2027-02-01T00:00:00+08:00' }, now)).toEqual({
      from: new Date('2026-11-02T16:00:00Z'),
      to: new Date('2027-01-31T16:00:00Z'),
    });
    // Wider than 90 days: its newest 90.
    expect(
      requestsWindow({ start_date: '2027-01-01T00:00:00Z', end_date: '2027-05-01T00:00:00Z' }, now),
    ).toEqual({ from: new Date('2027-01-31T00:00:00Z'), to: new Date('2027-05-01T00:00:00Z') });
    // Reversed, or starting in the future: a window that holds nothing.
    for (const dates of [
      { start_date: '2027-05-01T00:00:00Z', end_date: '2027-04-01T00:00:00Z' },
      { start_date: '2027-07-01T00:00:00Z' },
    ]) {
      const window = requestsWindow(dates, now);
      expect(window.from.getTime(), JSON.stringify(dates)).toBeGreaterThan(window.to.getTime());
    }
  });

  it('filters Open311 statuses as our states', () => {
    expect(statesOfStatus('open')).toEqual(['submitted', 'acknowledged', 'in-progress']);
    expect(statesOfStatus('closed')).toEqual(['resolved', 'closed']);
  });

  it('converts every schema to JSON Schema as the OpenAPI document will, requests as sent and answers as given', () => {
    const requests = [
      open311.open311Query,
      open311.requestsQuery,
      open311.newRequestBody,
      open311.serviceDefinitionPath,
      open311.serviceRequestPath,
      open311.tokenPath,
    ];
    const answers = [
      open311.open311ServiceList,
      open311.open311ServiceDefinition,
      open311.open311Created,
      open311.open311TokenAnswer,
      open311.open311Requests,
    ];
    for (const schema of requests)
      expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' })).not.toThrow();
    for (const schema of answers)
      expect(() => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' })).not.toThrow();
  });
});
