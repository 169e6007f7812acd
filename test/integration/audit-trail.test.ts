import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadVenues } from '../../content/load.ts';
import { badgeRoutes } from '../../functions/api/badges.ts';
import { checkinRosterRoutes } from '../../functions/api/checkin-roster.ts';
import { messagesRoutes } from '../../functions/api/messages.ts';
import { organizerRoutes } from '../../functions/api/organizer.ts';
import { registrationEditRoutes } from '../../functions/api/registration-edits.ts';
import { residentAffairsStaffRoutes } from '../../functions/api/resident-affairs-staff.ts';
import { venueRoutes } from '../../functions/api/venues.ts';
import { type AuditEntry, auditActions } from '../../functions/domain/audit.ts';
import { newId } from '../../functions/domain/ids.ts';
import type { Role } from '../../functions/domain/staff-roles.ts';
import { routeHandler } from '../../functions/http/route-handler.ts';
import { addressHash } from '../../functions/http/staff-audit.ts';
import { apiRoutes, contract, type RouteKey, routeKey } from '../../functions/routes.ts';
import { DynamoDbRateLimiter } from '../../functions/store/dynamodb/rate-limiter.ts';
import { DynamoDbResidentAffairsStore } from '../../functions/store/dynamodb/resident-affairs-store.ts';
import { DynamoDbVenueStore } from '../../functions/store/dynamodb/venue-store.ts';
import { withAuthorizerClaims } from '../../local/gateway-event.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import { apiEvent } from '../support/events.ts';
import { testProofOfWork } from '../support/proof-of-work.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
  testCheckinDeskRoutes,
} from '../support/registration-fixture.ts';
import { storedRequest } from '../support/resident-requests.ts';
import { testAddressKey, testStaffAudit } from '../support/staff-audit.ts';
import { scanTable } from '../support/table-scan.ts';
import { refusingDatabaseClient } from '../support/unreachable-database.ts';

type AdminRoute = Extract<RouteKey, `${string} /api/admin/${string}`>;

interface StaffRequest {
  url: string;
  body?: unknown;
  role?: Role;
  status: number;
  /** The registrations the entry must name; a target (category, review, resident request) where there is one. */
  registrationIds?: string[];
  target?: string;
  /** The resident requests a queue page showed. */
  requestIds?: string[];
}

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
let venueStore: DynamoDbVenueStore;
let affairs: DynamoDbResidentAffairsStore;
let staff: ReturnType<typeof routeHandler>;
const client = '198.51.100.23';

beforeAll(async () => {
  fixture = await registrationFixture([
    category('delegate', 100),
    category('media', 100, { needsApproval: true }),
  ]);
  const { documentClient, tableNames } = fixture.tables;
  venueStore = new DynamoDbVenueStore(documentClient, tableNames.venues, tableNames.audit);
  await venueStore.upsertVenues(await loadVenues());
  const audit = testStaffAudit(documentClient, tableNames);
  affairs = new DynamoDbResidentAffairsStore(
    documentClient,
    tableNames.residentAffairs,
    tableNames.audit,
    tableNames.registrations,
  );
  staff = routeHandler(
    contract,
    {
      ...organizerRoutes(async () => fixture.context, audit.store),
      ...testCheckinDeskRoutes(fixture.tables, fixture.context),
      ...checkinRosterRoutes(async () => fixture.context),
      ...messagesRoutes(async () => fixture.context),
      ...registrationEditRoutes(async () => fixture.context),
      ...badgeRoutes({ contextFor: async () => fixture.context, signingKey: testSigningKey }),
      ...venueRoutes({
        store: venueStore,
        rateLimiter: new DynamoDbRateLimiter(documentClient, tableNames.venues),
        proofOfWork: testProofOfWork(documentClient, tableNames.venues),
        now: () => new Date(),
      }),
      ...residentAffairsStaffRoutes({
        store: affairs,
        photoViewSecret: async () => 'test-photo-view-secret',
        now: () => new Date(),
        targetMinutes: 30,
      }),
    },
    audit,
  );
});
afterAll(() => fixture.dispose());

async function send(method: string, request: Omit<StaffRequest, 'status'>, subject: string) {
  const event: APIGatewayProxyEventV2 = apiEvent(method, request.url, {
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    client,
  });
  withAuthorizerClaims(event, { 'cognito:groups': [request.role ?? 'organizer'], sub: subject });
  const response = await staff(event);
  return { response, requestId: event.requestContext.requestId };
}

/** Every item of the audit table, read past the port: what is really stored. */
const storedEntries = () => scanTable(inject('dynamodbEndpoint'), fixture.tables.tableNames.audit);

const registered = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return response.json as { id: string; code: string; status: string };
};

async function visibleReview(): Promise<string> {
  const id = newId();
  await venueStore.addReview({
    id,
    venueId: 'tongan-inn',
    rating: 4,
    comment: 'Quiet.',
    author: 'Mei',
    createdAt: new Date().toISOString(),
  });
  return id;
}

/**
 * A valid request to every staff route, and what its entry must name. A new `/api/admin/*` route
 * does not compile until it has one here, and fails below until it writes exactly one entry.
 */
const validRequests: Record<AdminRoute, () => Promise<StaffRequest>> = {
  'GET /api/admin/registrations': async () => {
    const person = await registered({ name: 'Listed Person' });
    return { url: '/api/admin/registrations?q=listed&limit=1', status: 200, registrationIds: [person.id] };
  },
  'GET /api/admin/registrations.csv': async () => ({ url: '/api/admin/registrations.csv', status: 200 }),
  'GET /api/admin/badges.pdf': async () => {
    const { id } = await registered({ name: 'Badge Person' });
    return { url: `/api/admin/badges.pdf?layout=a6&ids=${id}`, status: 200, registrationIds: [id] };
  },
  'DELETE /api/admin/registrations/{id}': async () => {
    const { id } = await registered();
    return { url: `/api/admin/registrations/${id}`, status: 200, registrationIds: [id] };
  },
  'POST /api/admin/registrations/{id}/approve': async () => {
    const { id } = await registered({ category: 'media' });
    return { url: `/api/admin/registrations/${id}/approve`, status: 200, registrationIds: [id] };
  },
  'POST /api/admin/registrations/{id}/reject': async () => {
    const { id } = await registered({ category: 'media' });
    return { url: `/api/admin/registrations/${id}/reject`, status: 200, registrationIds: [id] };
  },
  'PATCH /api/admin/registrations/{id}': async () => {
    const { id } = await registered();
    const body = { name: 'Corrected Name', reason: 'Typo in the name' };
    return { url: `/api/admin/registrations/${id}`, body, status: 200, registrationIds: [id] };
  },
  'POST /api/admin/registrations/decisions': async () => {
    const { id } = await registered({ category: 'media' });
    const body = { decision: 'reject', ids: [id] };
    return { url: '/api/admin/registrations/decisions', body, status: 200, registrationIds: [id] };
  },
  'PUT /api/admin/categories/{id}': async () => ({
    url: '/api/admin/categories/delegate',
    body: { capacity: 120 },
    status: 200,
    target: 'delegate',
  }),
  'POST /api/admin/checkin/scans': async () => {
    const { id, code } = await registered();
    const scan = { nonce: `audit-${newId()}`, code, scannedAt: new Date().toISOString(), desk: 'hall-a-1' };
    return {
      url: '/api/admin/checkin/scans',
      body: { scans: [scan] },
      role: 'checkin',
      status: 200,
      target: '2027',
      registrationIds: [id],
    };
  },
  'GET /api/admin/checkin/figures': async () => ({ url: '/api/admin/checkin/figures', status: 200 }),
  'GET /api/admin/checkin/keys': async () => ({
    url: '/api/admin/checkin/keys',
    role: 'checkin',
    status: 200,
    target: '2027',
  }),
  'GET /api/admin/checkin/roster': async () => {
    // The newest confirmed registration heads the roster: a page of one shows it alone.
    const { id } = await registered();
    const url = '/api/admin/checkin/roster?limit=1';
    return { url, role: 'checkin', status: 200, target: '2027', registrationIds: [id] };
  },
  'GET /api/admin/checkin/revoked': async () => {
    const { id } = await registered();
    const [confirmation] = await fixture.outbox(id);
    const { authorization } = manageCredentials(confirmation?.manageUrl ?? '');
    expect(
      (await fixture.call('DELETE', `/api/registrations/${id}`, { headers: authorization })).status,
    ).toBe(200);
    const url = '/api/admin/checkin/revoked?limit=1';
    return { url, role: 'checkin', status: 200, target: '2027', registrationIds: [id] };
  },
  'POST /api/admin/checkins': async () => {
    const { id, code } = await registered();
    return {
      url: '/api/admin/checkins',
      body: { code },
      role: 'checkin',
      status: 200,
      registrationIds: [id],
    };
  },
  'GET /api/admin/stats': async () => ({ url: '/api/admin/stats', status: 200 }),
  'GET /api/admin/messages/{kind}/preview': async () => ({
    url: '/api/admin/messages/confirmed/preview?language=zh',
    status: 200,
  }),
  'POST /api/admin/registrations/{id}/resend': async () => {
    const { id } = await registered();
    return { url: `/api/admin/registrations/${id}/resend`, status: 200, registrationIds: [id] };
  },
  'GET /api/admin/audit': async () => ({
    url: '/api/admin/audit?action=registration.approve&limit=5',
    status: 200,
  }),
  'POST /api/admin/reviews/{id}/hide': async () => {
    const id = await visibleReview();
    return { url: `/api/admin/reviews/${id}/hide`, status: 200, target: id };
  },
  'GET /api/admin/affairs/queue': async () => {
    // Earlier than anything the other tests write: it is first in the queue.
    const { id } = await storedRequest(affairs, { submittedAt: '2001-01-01T00:00:00.000Z' });
    return {
      url: '/api/admin/affairs/queue?limit=1',
      role: 'resident-affairs',
      status: 200,
      requestIds: [id],
    };
  },
  'GET /api/admin/affairs/requests/{id}': async () => {
    const { id } = await storedRequest(affairs);
    return { url: `/api/admin/affairs/requests/${id}`, role: 'resident-affairs', status: 200, target: id };
  },
  'POST /api/admin/affairs/requests/{id}/state': async () => {
    const { id } = await storedRequest(affairs);
    return {
      url: `/api/admin/affairs/requests/${id}/state`,
      body: { state: 'acknowledged', expectedState: 'submitted' },
      role: 'resident-affairs',
      status: 200,
      target: id,
    };
  },
  'POST /api/admin/affairs/requests/{id}/notes': async () => {
    const { id } = await storedRequest(affairs);
    return {
      url: `/api/admin/affairs/requests/${id}/notes`,
      body: { visibility: 'internal', text: 'Called the traffic police.', expectedState: 'submitted' },
      role: 'resident-affairs',
      status: 200,
      target: id,
    };
  },
  'POST /api/admin/affairs/requests/{id}/assign': async () => {
    const { id } = await storedRequest(affairs);
    return {
      url: `/api/admin/affairs/requests/${id}/assign`,
      body: { department: 'roads-bridges', expectedState: 'submitted' },
      role: 'resident-affairs',
      status: 200,
      target: id,
    };
  },
  'POST /api/admin/affairs/requests/{id}/merge': async () => {
    const kept = await storedRequest(affairs);
    const { id } = await storedRequest(affairs);
    return {
      url: `/api/admin/affairs/requests/${id}/merge`,
      body: { into: kept.id, expectedState: 'submitted' },
      role: 'resident-affairs',
      status: 200,
      target: id,
    };
  },
  'POST /api/admin/affairs/requests/{id}/location': async () => {
    const { id } = await storedRequest(affairs);
    return {
      url: `/api/admin/affairs/requests/${id}/location`,
      body: { precision: 'street', expectedState: 'submitted' },
      role: 'resident-affairs',
      status: 200,
      target: id,
    };
  },
};

const adminRoutes = apiRoutes.filter((route) => route.path.startsWith('/api/admin/'));

describe('every staff route', () => {
  it('is declared with an audit action and has a valid request here', () => {
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const route of adminRoutes) {
      const key = routeKey(route) as AdminRoute;
      const actions = [contract[key].audit].flat();
      expect(actions.length, key).toBeGreaterThan(0);
      for (const action of actions) expect(auditActions, key).toContain(action);
      expect(validRequests[key], key).toBeDefined();
    }
  });

  it.each(adminRoutes.map((route) => [routeKey(route) as AdminRoute, route.method] as const))(
    '%s appends exactly one entry naming who, what, which, when and from where',
    async (key, method) => {
      const request = await validRequests[key]();
      const before = await storedEntries();
      const subject = `staff-${Math.random().toString(36).slice(2, 10)}`;
      const startedAt = new Date().toISOString();
      const { response, requestId } = await send(method, request, subject);
      expect(response.statusCode, `${key}: ${String(response.body).slice(0, 200)}`).toBe(request.status);
      const after = await storedEntries();
      const added = after.filter((item) => !before.some((old) => old.sk === item.sk));
      expect(added, key).toHaveLength(1);
      const entry = added[0] as unknown as AuditEntry;
      // A route declared with several actions (bulk decisions) names the one its request took.
      expect([contract[key].audit].flat()).toContain(entry.action);
      expect(entry).toMatchObject({
        actor: subject,
        groups: [request.role ?? 'organizer'],
        outcome: 'succeeded',
        requestId,
        clientHash: addressHash(testAddressKey, client),
      });
      expect(entry.at >= startedAt).toBe(true);
      expect(entry.registrationIds).toEqual(request.registrationIds ?? []);
      if (request.target) expect(entry.target).toBe(request.target);
      expect(entry.requestIds).toEqual(request.requestIds);
      // Kept for the retention period, then removed by the table's TTL.
      const years = (entry.expiresAt * 1000 - Date.parse(entry.at)) / (365 * 24 * 3600 * 1000);
      expect(Math.round(years)).toBe(2);
      expect(JSON.stringify(entry)).not.toContain(client);
    },
  );

  it('never changes or deletes an entry: after every route has run again, each earlier entry is as it was', async () => {
    const before = await storedEntries();
    expect(before.length).toBeGreaterThanOrEqual(adminRoutes.length);
    for (const route of adminRoutes) {
      const key = routeKey(route) as AdminRoute;
      await send(route.method, await validRequests[key](), 'staff-again');
    }
    const after = await storedEntries();
    for (const entry of before) expect(after).toContainEqual(entry);
  });
});

describe('changes and their entries', () => {
  it('records a refused change apart, with nothing changed: approving a registration that is not pending', async () => {
    const { id } = await registered({ category: 'media' });
    expect(
      (await send('POST', { url: `/api/admin/registrations/${id}/approve` }, 'first')).response.statusCode,
    ).toBe(200);
    const stored = (await fixture.inspect.get(id))?.registration;
    const { response } = await send('POST', { url: `/api/admin/registrations/${id}/approve` }, 'second');
    expect(response.statusCode).toBe(409);
    expect((await fixture.inspect.get(id))?.registration).toEqual(stored);
    const { items } = await fixture.auditTrail.list({ registration: id, limit: 10 });
    expect(items.map(({ actor, outcome }) => [actor, outcome])).toEqual([
      ['second', 'refused'],
      ['first', 'succeeded'],
    ]);
  });

  it('answers a read 503 and shows no one when its entry cannot be written', async () => {
    await registered({ name: 'Hidden Person' });
    const unreachable = testStaffAudit(await refusingDatabaseClient(), fixture.tables.tableNames);
    const blind = routeHandler(
      contract,
      organizerRoutes(async () => fixture.context, unreachable.store),
      unreachable,
    );
    for (const url of [
      '/api/admin/registrations?q=hidden',
      '/api/admin/registrations.csv',
      '/api/admin/stats',
    ]) {
      const event = apiEvent('GET', url);
      withAuthorizerClaims(event, { 'cognito:groups': ['organizer'], sub: 'blind' });
      const response = await blind(event);
      expect(response.statusCode, url).toBe(503);
      expect(String(response.body)).not.toContain('Hidden Person');
    }
  });
});

describe('reading the trail', () => {
  it('pages newest first and filters by actor, action, registration and time', async () => {
    const { id } = await registered({ category: 'media' });
    const from = new Date().toISOString();
    await send('POST', { url: `/api/admin/registrations/${id}/reject` }, 'reader-one');
    for (let index = 0; index < 3; index += 1) {
      await send('GET', { url: '/api/admin/stats' }, 'reader-one');
    }
    const read = async (query: string) => {
      const { response } = await send('GET', { url: `/api/admin/audit?${query}` }, 'auditor');
      expect(response.statusCode, query).toBe(200);
      return JSON.parse(String(response.body)) as { items: AuditEntry[]; nextCursor: string | null };
    };
    const mine = await read('actor=reader-one&limit=3');
    expect(mine.items.map(({ action }) => action)).toEqual([
      'statistics.read',
      'statistics.read',
      'statistics.read',
    ]);
    const rest = await read(`actor=reader-one&limit=3&cursor=${mine.nextCursor}`);
    expect(rest.items.map(({ action, registrationIds }) => [action, registrationIds])).toEqual([
      ['registration.reject', [id]],
    ]);
    expect((await read(`registration=${id}`)).items.map(({ action }) => action)).toEqual([
      'registration.reject',
    ]);
    const byAction = await read(`action=registration.reject&from=${encodeURIComponent(from)}`);
    expect(byAction.items.map(({ actor }) => actor)).toEqual(['reader-one']);
    const all = await read(`from=${encodeURIComponent(from)}&limit=100`);
    const times = all.items.map(({ at, id: entryId }) => `${at}#${entryId}`);
    expect(times).toEqual([...times].sort().reverse());
    expect(all.items.every(({ at }) => at >= from)).toBe(true);
    expect((await read('to=2000-01-01T00:00:00Z')).items).toEqual([]);
    // A range that ends before it starts holds nothing.
    expect((await read(`from=${encodeURIComponent(from)}&to=2000-01-01T00:00:00Z`)).items).toEqual([]);
  });

  it('records its own reads, and refuses a cursor of another filter with 400 naming it', async () => {
    const first = await send('GET', { url: '/api/admin/audit?actor=auditor&limit=1' }, 'auditor-two');
    const { nextCursor } = JSON.parse(String(first.response.body)) as { nextCursor: string };
    const { response } = await send(
      'GET',
      { url: `/api/admin/audit?action=audit.read&cursor=${nextCursor}` },
      'auditor-two',
    );
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body)).errors).toEqual([
      { path: 'cursor', message: expect.any(String) },
    ]);
    const { items } = await fixture.auditTrail.list({ actor: 'auditor-two', limit: 10 });
    expect(items.map(({ action, outcome }) => [action, outcome])).toEqual([
      ['audit.read', 'refused'],
      ['audit.read', 'succeeded'],
    ]);
  });
});
