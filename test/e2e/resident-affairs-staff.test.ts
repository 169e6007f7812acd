/**
 * The staff desk of resident affairs on the running portal: the queue longest-waiting first with
 * the first-response target, each change (acknowledge with a public note, internal note, assign,
 * state changes, merge, place confirmation), a stale view refused with nothing changed, an audit
 * entry for every read and change, the public note's e-mail in the request's language (none for an
 * internal note), and the role check both ways. Requests are written through the store, as the
 * POST route writes them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../functions/domain/audit.ts';
import type { ServiceRequest } from '../../functions/domain/resident-affairs/model.ts';
import { createDocumentClient } from '../../functions/store/dynamodb/client.ts';
import { DynamoDbResidentAffairsStore } from '../../functions/store/dynamodb/resident-affairs-store.ts';
import { tableNamesFrom } from '../../functions/store/tables.ts';
import { signOrganizerToken } from '../../local/organizer-tokens.ts';
import { waitForEml } from '../support/outbox-files.ts';
import { type RunningPortal, startPortal } from '../support/portal-process.ts';
import { storedRequest } from '../support/resident-requests.ts';

let dataDirectory: string;
let portal: RunningPortal;
let store: DynamoDbResidentAffairsStore;
const tokens: Record<'staff' | 'organizer' | 'checkin', string> = { staff: '', organizer: '', checkin: '' };
/** Three open requests: waiting an hour (English), 40 minutes (Chinese) and 10 minutes. */
let hourOld: ServiceRequest;
let fortyMinutes: ServiceRequest;
let tenMinutes: ServiceRequest;

const minutesAgo = (minutes: number) => new Date(portal.now().getTime() - minutes * 60_000).toISOString();

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), 'portal-affairs-staff-'));
  portal = await startPortal({ DATA_DIR: dataDirectory });
  tokens.staff = await signOrganizerToken(dataDirectory, 'resident-affairs', { subject: 'affairs-desk-1' });
  tokens.organizer = await signOrganizerToken(dataDirectory, 'organizer');
  tokens.checkin = await signOrganizerToken(dataDirectory, 'checkin');
  const tableNames = tableNamesFrom({});
  store = new DynamoDbResidentAffairsStore(
    createDocumentClient({ endpoint: portal.databaseEndpoint, region: 'us-east-1' }),
    tableNames.residentAffairs,
  );
  hourOld = await storedRequest(store, { submittedAt: minutesAgo(60) });
  fortyMinutes = await storedRequest(store, {
    submittedAt: minutesAgo(40),
    serviceCode: 'street-light-out',
    locale: 'zh',
    contact: { email: 'li.na@example.cn' },
    addressString: undefined,
    attributes: {},
  });
  tenMinutes = await storedRequest(store, { submittedAt: minutesAgo(10), contact: undefined });
});

afterAll(async () => {
  await portal?.stop();
  await rm(dataDirectory, { recursive: true, force: true });
});

async function call(path: string, token: string, body?: unknown) {
  const response = await fetch(new URL(path, portal.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const staffCall = (path: string, body?: unknown) => call(path, tokens.staff, body);
const request = (id: string) => `/api/admin/affairs/requests/${id}`;

/** The trail's entries of one action, newest first, as an organizer reads them. */
async function entriesOf(action: string): Promise<AuditEntry[]> {
  const { status, json } = await call(`/api/admin/audit?action=${action}&limit=100`, tokens.organizer);
  expect(status).toBe(200);
  return json.items;
}

describe('the resident-affairs queue', () => {
  it('lists open requests longest-waiting first, with the target and which are overdue, and records the ids shown', async () => {
    const { status, json } = await staffCall('/api/admin/affairs/queue');
    expect(status).toBe(200);
    expect(json.targetMinutes).toBe(30);
    expect(json.items.map(({ id }: { id: string }) => id)).toEqual([
      hourOld.id,
      fortyMinutes.id,
      tenMinutes.id,
    ]);
    expect(json.items.map(({ overdue }: { overdue: boolean }) => overdue)).toEqual([true, true, false]);
    const [first, second] = json.items;
    // Whole minutes on the portal's clock, which this process reckons within a moment.
    const waited = json.items.map(({ waitingMinutes }: { waitingMinutes: number }) => waitingMinutes);
    for (const [index, minutes] of [60, 40, 10].entries()) {
      expect(waited[index]).toBeGreaterThanOrEqual(minutes - 1);
      expect(waited[index]).toBeLessThanOrEqual(minutes + 1);
    }
    expect(first).toMatchObject({
      serviceCode: 'blocked-vehicle',
      serviceName: { en: 'Blocked in by a vehicle' },
      department: 'transport',
      placeLabel: 'Gate of No. 12, Xishi Street',
      photoCount: 0,
    });
    expect(second.placeLabel).toBe('30.74650, 120.48770');
    expect(json.nextCursor).toBeNull();

    const [entry] = await entriesOf('affairs.queue');
    expect(entry).toMatchObject({
      actor: 'affairs-desk-1',
      groups: ['resident-affairs'],
      outcome: 'succeeded',
      requestIds: [hourOld.id, fortyMinutes.id, tenMinutes.id],
    });
  });
});

describe('working a request', () => {
  it('shows the whole request, contact and place included, and records the read', async () => {
    const { status, json } = await staffCall(request(hourOld.id));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      id: hourOld.id,
      description: hourOld.description,
      contact: hourOld.contact,
      location: hourOld.location,
      attributes: hourOld.attributes,
      state: 'submitted',
      allowedStates: ['acknowledged', 'in-progress', 'resolved', 'closed'],
      overdue: true,
      photos: [],
    });
    expect((await entriesOf('affairs.read'))[0]).toMatchObject({ target: hourOld.id, outcome: 'succeeded' });
  });

  it('acknowledges with a public note, which is e-mailed in the request’s language', async () => {
    const note = 'We have called the traffic police; they are on their way.';
    const { status, json } = await staffCall(`${request(hourOld.id)}/state`, {
      state: 'acknowledged',
      expectedState: 'submitted',
      note,
    });
    expect(status).toBe(200);
    expect(json.state).toBe('acknowledged');
    expect(json.overdue).toBe(false);
    expect(json.firstResponseAt).toEqual(expect.any(String));
    expect(json.timeline.slice(1)).toMatchObject([
      { kind: 'state', state: 'acknowledged', staff: 'affairs-desk-1' },
      { kind: 'public-note', state: 'acknowledged', text: note, staff: 'affairs-desk-1' },
    ]);
    expect((await entriesOf('affairs.state'))[0]).toMatchObject({ target: hourOld.id, outcome: 'succeeded' });

    const message = await simpleParser(await waitForEml(dataDirectory, hourOld.id));
    expect(message.to).toMatchObject({ value: [{ address: 'wang.fang@example.cn', name: 'Wang Fang' }] });
    expect(message.subject).toContain(hourOld.id);
    expect(message.text).toContain(note);
    expect(message.text).toContain('Its status now: acknowledged.');
    expect(message.text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('e-mails a public note on a Chinese request in Chinese, and no e-mail for an internal note', async () => {
    const note = '路灯已报修，维修人员今晚到场。';
    const published = await staffCall(`${request(fortyMinutes.id)}/notes`, {
      visibility: 'public',
      text: note,
      expectedState: 'submitted',
    });
    expect(published.status).toBe(200);
    // A public note is the first response.
    expect(published.json.firstResponseAt).toEqual(expect.any(String));
    const message = await simpleParser(await waitForEml(dataDirectory, fortyMinutes.id));
    expect(message.subject).toContain('乌镇镇政府回复了您的诉求');
    expect(message.text).toContain(note);
    expect(message.text).toContain('当前状态：已提交。');

    const internal = await staffCall(`${request(hourOld.id)}/notes`, {
      visibility: 'internal',
      text: 'The owner of the car is a neighbour: call first.',
      expectedState: 'acknowledged',
    });
    expect(internal.status).toBe(200);
    expect(internal.json.timeline.at(-1)).toMatchObject({ kind: 'internal-note', staff: 'affairs-desk-1' });
    // The public note's e-mail only: the internal note queued nothing.
    expect((await store.get(hourOld.id))?.messageIds).toHaveLength(1);
    expect((await store.get(fortyMinutes.id))?.messageIds).toHaveLength(1);
    expect(await entriesOf('affairs.note')).toHaveLength(2);
  });

  it('assigns, moves the request on to resolved, and confirms a public street', async () => {
    const assigned = await staffCall(`${request(hourOld.id)}/assign`, {
      department: 'roads-bridges',
      expectedState: 'acknowledged',
    });
    expect(assigned.json.department).toEqual({ id: 'roads-bridges', name: expect.any(Object) });
    const working = await staffCall(`${request(hourOld.id)}/state`, {
      state: 'in-progress',
      expectedState: 'acknowledged',
    });
    expect(working.json.state).toBe('in-progress');
    const resolved = await staffCall(`${request(hourOld.id)}/state`, {
      state: 'resolved',
      expectedState: 'in-progress',
    });
    expect(resolved.json).toMatchObject({ state: 'resolved', allowedStates: ['in-progress', 'closed'] });
    expect(resolved.json.resolvedAt).toEqual(expect.any(String));
    const located = await staffCall(`${request(fortyMinutes.id)}/location`, {
      precision: 'street',
      expectedState: 'submitted',
    });
    expect(located.json.location).toEqual({ ...fortyMinutes.location, precision: 'street' });
    expect(located.json.timeline.at(-1)).toMatchObject({ kind: 'location', precision: 'street' });
    expect((await entriesOf('affairs.assign'))[0]).toMatchObject({ target: hourOld.id });
    expect((await entriesOf('affairs.location'))[0]).toMatchObject({ target: fortyMinutes.id });
    // Resolved requests leave the queue.
    const queue = await staffCall('/api/admin/affairs/queue');
    expect(queue.json.items.map(({ id }: { id: string }) => id)).toEqual([fortyMinutes.id, tenMinutes.id]);
  });

  it('merges a duplicate into the request that carries on', async () => {
    const { status, json } = await staffCall(`${request(tenMinutes.id)}/merge`, {
      into: fortyMinutes.id,
      expectedState: 'submitted',
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({ state: 'closed', mergedInto: fortyMinutes.id, allowedStates: [] });
    const kept = await staffCall(request(fortyMinutes.id));
    expect(kept.json.timeline.at(-1)).toMatchObject({ kind: 'merge' });
    expect((await entriesOf('affairs.merge'))[0]).toMatchObject({
      target: tenMinutes.id,
      outcome: 'succeeded',
    });
  });

  it('refuses a change from a stale view with 409 and changes nothing, and an unknown id with 404, recording both', async () => {
    const before = await store.get(hourOld.id);
    const stale = await staffCall(`${request(hourOld.id)}/notes`, {
      visibility: 'public',
      text: 'Seen on an old screen.',
      expectedState: 'acknowledged',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.type).toBe('tag:wuzhen-portal,2026:problems/conflict');
    expect(await store.get(hourOld.id)).toEqual(before);
    const notAllowed = await staffCall(`${request(tenMinutes.id)}/state`, {
      state: 'acknowledged',
      expectedState: 'closed',
    });
    expect(notAllowed.status).toBe(409);

    const unknown = '01JD3Z6Q8N4X2V7B5C9K1M0PRS';
    expect((await staffCall(request(unknown))).status).toBe(404);
    expect(
      (await staffCall(`${request(unknown)}/assign`, { department: 'wifi', expectedState: 'submitted' }))
        .status,
    ).toBe(404);

    const refused = [
      ...(await entriesOf('affairs.note')),
      ...(await entriesOf('affairs.state')),
      ...(await entriesOf('affairs.read')),
      ...(await entriesOf('affairs.assign')),
    ].filter(({ outcome }) => outcome === 'refused');
    expect(refused.map(({ target }) => target).sort()).toEqual(
      [hourOld.id, tenMinutes.id, unknown, unknown].sort(),
    );
  });
});

describe('roles', () => {
  it('opens the desk only to resident-affairs staff, and the organizer routes not to them', async () => {
    for (const token of [tokens.organizer, tokens.checkin]) {
      expect((await call('/api/admin/affairs/queue', token)).status).toBe(403);
      expect(
        (
          await call(`${request(hourOld.id)}/assign`, token, {
            department: 'wifi',
            expectedState: 'resolved',
          })
        ).status,
      ).toBe(403);
    }
    expect((await fetch(new URL('/api/admin/affairs/queue', portal.url))).status).toBe(401);
    expect((await staffCall('/api/admin/stats')).status).toBe(403);
    expect((await staffCall('/api/admin/registrations')).status).toBe(403);
    // Refused before any route ran: the department is as it was.
    expect((await store.get(hourOld.id))?.request.department).toBe('roads-bridges');
  });
});
