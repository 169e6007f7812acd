import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../functions/domain/geo.ts';
import { median, weeklyFigures, wuzhenWeek } from '../../functions/domain/resident-affairs/figures.ts';
import { followView } from '../../functions/domain/resident-affairs/follow-view.ts';
import {
  canMoveTo,
  changeState,
  firstResponseStanding,
  open311Status,
} from '../../functions/domain/resident-affairs/lifecycle.ts';
import { mergeDecision } from '../../functions/domain/resident-affairs/merge.ts';
import {
  departments,
  type RequestState,
  requestStates,
  type ServiceRequest,
  type TimelineEntry,
} from '../../functions/domain/resident-affairs/model.ts';
import { coarsen, publicPlace } from '../../functions/domain/resident-affairs/public-location.ts';
import { publicRequest } from '../../functions/domain/resident-affairs/public-view.ts';
import { serviceOf, services } from '../../functions/domain/resident-affairs/services.ts';

const submittedAt = '2027-03-01T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(submittedAt) + minutes * 60_000);

const request = (overrides: Partial<ServiceRequest> = {}): ServiceRequest => ({
  id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
  serviceCode: 'blocked-vehicle',
  description: 'Car 浙F·A1234 blocks my gate at No. 12 Xizha Lane; call me on 13812345678.',
  location: { lat: 30.75234, lon: 120.48761, precision: 'exact' },
  addressString: 'No. 12 Xizha Lane, my house',
  contact: { email: 'li.wei@example.org', phone: '+86 138 1234 5678', name: 'Li Wei' },
  attributes: { blocking: 'gate', plate: '浙F·A1234' },
  photoKeys: ['requests/01JD3Z6Q8N4X2V7B5C9K1M0PRS/1'],
  state: 'submitted',
  submittedAt,
  followTokenHash: 'a'.repeat(64),
  locale: 'zh',
  ...overrides,
});

const timeline: TimelineEntry[] = [
  { at: submittedAt, kind: 'state', state: 'submitted' },
  { at: at(5).toISOString(), kind: 'state', state: 'acknowledged', staff: 'staff-sub-1' },
  { at: at(6).toISOString(), kind: 'assignment', department: 'transport', staff: 'staff-sub-1' },
  {
    at: at(7).toISOString(),
    kind: 'internal-note',
    text: 'Owner is Zhang San, 139 0000 0000',
    staff: 'staff-sub-1',
  },
  {
    at: at(9).toISOString(),
    kind: 'public-note',
    text: 'The traffic police are on their way.',
    staff: 'staff-sub-1',
  },
  { at: at(40).toISOString(), kind: 'internal-note', text: 'Called the owner again.', staff: 'staff-sub-2' },
];

const noLandmarks = () => undefined;
const viewContext = { locale: 'en', findLandmark: noLandmarks, firstResponseTargetMinutes: 30 } as const;

describe('the service catalogue', () => {
  it('has unique codes, each mapped to a department, named and described in both languages', () => {
    expect(new Set(services.map((service) => service.code)).size).toBe(services.length);
    for (const service of services) {
      expect(departments).toContain(service.department);
      for (const text of [service.name, service.description]) {
        expect(text.en.trim()).not.toBe('');
        expect(text.zh).toMatch(/\p{Script=Han}/u);
      }
      expect(service.code).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    }
  });

  it('maps the services the town asked for to their departments', () => {
    const departmentOf = Object.fromEntries(services.map((service) => [service.code, service.department]));
    expect(departmentOf).toEqual({
      'blocked-vehicle': 'transport',
      'road-bridge-damage': 'roads-bridges',
      'street-light-out': 'lighting',
      rubbish: 'sanitation',
      'canal-water': 'water-canals',
      'wifi-down': 'wifi',
      'health-concern': 'health',
      other: 'other',
    });
  });

  it('gives list attributes unique keys and every attribute a unique code and bilingual wording', () => {
    for (const service of services) {
      expect(new Set(service.attributes.map((attribute) => attribute.code)).size).toBe(
        service.attributes.length,
      );
      for (const attribute of service.attributes) {
        expect(attribute.description.zh).toMatch(/\p{Script=Han}/u);
        const isList = attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist';
        expect(Boolean(attribute.values?.length), `${service.code}.${attribute.code}`).toBe(isList);
        const keys = attribute.values?.map((value) => value.key) ?? [];
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });

  it('reads a code no longer in the catalogue as "other"', () => {
    expect(serviceOf({ serviceCode: 'graffiti' }).code).toBe('other');
  });
});

describe('state transitions', () => {
  it('follows the allowed moves and nothing else', () => {
    const allowed = requestStates.flatMap((from) =>
      requestStates.filter((to) => canMoveTo(from, to)).map((to) => `${from}>${to}`),
    );
    expect(allowed).toEqual([
      'submitted>acknowledged',
      'submitted>in-progress',
      'submitted>resolved',
      'submitted>closed',
      'acknowledged>in-progress',
      'acknowledged>resolved',
      'acknowledged>closed',
      'in-progress>resolved',
      'in-progress>closed',
      'resolved>in-progress',
      'resolved>closed',
    ]);
  });

  it('maps resolved and closed to Open311 closed, the rest to open', () => {
    const statuses = Object.fromEntries(requestStates.map((state) => [state, open311Status(state)]));
    expect(statuses).toEqual({
      submitted: 'open',
      acknowledged: 'open',
      'in-progress': 'open',
      resolved: 'closed',
      closed: 'closed',
    });
  });

  it('records the first response once, the resolution when resolved, and clears it when reopened', () => {
    const acknowledged = changeState({ state: 'submitted' }, 'acknowledged', at(12));
    expect(acknowledged).toEqual({
      kind: 'changed',
      from: 'submitted',
      state: 'acknowledged',
      firstResponseAt: at(12).toISOString(),
    });
    const resolved = changeState(
      { state: 'in-progress', firstResponseAt: at(12).toISOString() },
      'resolved',
      at(50),
    );
    expect(resolved).toEqual({
      kind: 'changed',
      from: 'in-progress',
      state: 'resolved',
      resolvedAt: at(50).toISOString(),
    });
    const reopened = changeState(
      { state: 'resolved', firstResponseAt: at(12).toISOString() },
      'in-progress',
      at(90),
    );
    expect(reopened).toEqual({ kind: 'changed', from: 'resolved', state: 'in-progress', resolvedAt: null });
  });

  it('refuses a move the table does not allow, closed being final', () => {
    for (const [from, to] of [
      ['closed', 'in-progress'],
      ['acknowledged', 'submitted'],
      ['in-progress', 'acknowledged'],
      ['resolved', 'resolved'],
    ] as [RequestState, RequestState][]) {
      expect(changeState({ state: from }, to, at(1))).toEqual({ kind: 'not-allowed', from, to });
    }
  });
});

describe('the first-response target', () => {
  it('is 30 minutes by default: waiting, overdue, answered in time or late', () => {
    expect(firstResponseStanding({ submittedAt }, at(29))).toEqual({
      dueAt: at(30).toISOString(),
      waitedMinutes: 29,
      overdue: false,
    });
    expect(firstResponseStanding({ submittedAt }, at(31))).toMatchObject({
      overdue: true,
      waitedMinutes: 31,
    });
    expect(firstResponseStanding({ submittedAt, firstResponseAt: at(30).toISOString() }, at(500))).toEqual({
      dueAt: at(30).toISOString(),
      waitedMinutes: 30,
      overdue: false,
      metTarget: true,
    });
    expect(
      firstResponseStanding({ submittedAt, firstResponseAt: at(45).toISOString() }, at(500)),
    ).toMatchObject({
      metTarget: false,
      overdue: false,
    });
  });

  it('takes another target, and refuses one that is not a positive number of minutes', () => {
    expect(firstResponseStanding({ submittedAt }, at(20), 15)).toMatchObject({
      overdue: true,
      dueAt: at(15).toISOString(),
    });
    for (const target of [0, -5, Number.NaN]) {
      expect(() => firstResponseStanding({ submittedAt }, at(1), target)).toThrow(RangeError);
    }
  });
});

describe('the public view', () => {
  it('carries nothing the requester wrote or is, and no internal note', () => {
    const view = publicRequest(request({ state: 'acknowledged' }), timeline, viewContext);
    const text = JSON.stringify(view);
    for (const secret of [
      '浙F',
      'Xizha',
      '13812345678',
      'li.wei',
      '138 1234',
      'Li Wei',
      'Zhang San',
      'staff-sub',
      'requests/',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(view).toMatchObject({
      status: 'open',
      status_notes: 'The traffic police are on their way.',
      description: null,
      media_url: null,
      agency_responsible: 'Transport',
      service_name: 'Blocked in by a vehicle',
      // The last public step, not the later internal note.
      updated_datetime: at(9).toISOString(),
    });
  });

  it('snaps a point as given to the centre of its ~100 m cell, the same cell for every report from that door', () => {
    const point = { lat: 30.75234, lon: 120.48761 };
    expect(coarsen(point)).toEqual({ lat: 30.7525, lon: 120.4875 });
    const nearby = coarsen({ lat: 30.75201, lon: 120.48799 });
    expect(nearby).toEqual(coarsen(point));
    expect(distanceMeters(point, coarsen(point))).toBeLessThan(80);
    const view = publicRequest(request(), [], viewContext);
    expect([view.lat, view.long]).toEqual([30.7525, 120.4875]);
  });

  it('shows a point staff checked is on a public street as it is, and a landmark by its guide venue', () => {
    const street = publicRequest(
      request({ location: { lat: 30.75234, lon: 120.48761, precision: 'street' } }),
      [],
      viewContext,
    );
    expect([street.lat, street.long, street.address]).toEqual([30.75234, 120.48761, null]);
    const findLandmark = (id: string) =>
      id === 'convention-center'
        ? { location: { lat: 30.7461, lon: 120.4935 }, name: 'Convention Center' }
        : undefined;
    const landmark = publicRequest(request({ location: { landmarkVenueId: 'convention-center' } }), [], {
      ...viewContext,
      findLandmark,
    });
    expect(landmark).toMatchObject({
      lat: 30.7461,
      long: 120.4935,
      address: 'Convention Center',
      address_id: 'convention-center',
    });
    expect(publicPlace({ landmarkVenueId: 'gone' }, findLandmark)).toEqual({
      address_id: 'gone',
      coarsened: false,
    });
  });

  it('speaks the reader’s language and says a duplicate was merged', () => {
    const view = publicRequest(request({ state: 'closed', mergedInto: '01JD3Z6Q8N4X2V7B5C9K1M0PRT' }), [], {
      ...viewContext,
      locale: 'zh',
    });
    expect(view).toMatchObject({
      status: 'closed',
      service_name: '车辆堵门挡道',
      agency_responsible: '交通',
    });
    expect(view.status_notes).toContain('01JD3Z6Q8N4X2V7B5C9K1M0PRT');
    expect(view.service_notice).toContain('30');
  });
});

describe('the follow view', () => {
  it('gives the requester their words, photos and every public step, but no internal note, staff or contact', () => {
    const view = followView(
      request({ state: 'acknowledged', firstResponseAt: at(5).toISOString() }),
      timeline,
    );
    expect(view.description).toContain('浙F');
    expect(view.photoKeys).toEqual(['requests/01JD3Z6Q8N4X2V7B5C9K1M0PRS/1']);
    expect(view.attributes).toEqual({ blocking: 'gate', plate: '浙F·A1234' });
    expect(view.hasContact).toBe(true);
    expect(view.timeline.map((entry) => entry.kind)).toEqual(['state', 'state', 'assignment', 'public-note']);
    const text = JSON.stringify(view);
    for (const secret of [
      'Zhang San',
      'Called the owner',
      'staff-sub',
      'li.wei',
      '138 1234',
      'Li Wei',
      'a'.repeat(64),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('says when no reply will be sent', () => {
    expect(followView(request({ contact: undefined }), []).hasContact).toBe(false);
    expect(followView(request({ contact: { name: 'Li Wei' } }), []).hasContact).toBe(false);
  });
});

describe('the weekly figures', () => {
  it('finds the week from Monday 00:00 in Wuzhen', () => {
    // Sunday 2027-03-07 23:30 in Wuzhen is still the week of Monday 1 March.
    expect(wuzhenWeek(new Date('2027-03-07T15:30:00Z'))).toEqual({
      start: new Date('2027-02-28T16:00:00Z'),
      end: new Date('2027-03-07T16:00:00Z'),
    });
    // Monday 00:30 in Wuzhen starts the next one.
    expect(wuzhenWeek(new Date('2027-03-07T16:30:00Z')).start).toEqual(new Date('2027-03-07T16:00:00Z'));
  });

  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 10, 2])).toBe(3);
    expect(median([])).toBeNull();
  });

  it('counts this week’s requests by service and state, with the median first response and resolution', () => {
    const now = new Date('2027-03-03T04:00:00Z');
    const minutesAfter = (iso: string, minutes: number) =>
      new Date(Date.parse(iso) + minutes * 60_000).toISOString();
    const requests = [
      {
        serviceCode: 'blocked-vehicle',
        state: 'resolved',
        submittedAt,
        firstResponseAt: minutesAfter(submittedAt, 10),
        resolvedAt: minutesAfter(submittedAt, 25),
      },
      {
        serviceCode: 'blocked-vehicle',
        state: 'acknowledged',
        submittedAt,
        firstResponseAt: minutesAfter(submittedAt, 20),
      },
      { serviceCode: 'rubbish', state: 'submitted', submittedAt },
      {
        serviceCode: 'rubbish',
        state: 'closed',
        submittedAt,
        firstResponseAt: minutesAfter(submittedAt, 60),
        resolvedAt: minutesAfter(submittedAt, 120),
      },
      { serviceCode: 'graffiti', state: 'submitted', submittedAt },
      // Last week's: not counted.
      {
        serviceCode: 'rubbish',
        state: 'submitted',
        submittedAt: '2027-02-28T15:59:59.999Z',
        firstResponseAt: '2027-02-28T20:00:00Z',
      },
    ] satisfies Parameters<typeof weeklyFigures>[0];
    const figures = weeklyFigures(requests, now);
    expect(figures.total).toBe(5);
    expect(figures.byService.map((row) => row.serviceCode)).toEqual(services.map((service) => service.code));
    const row = (code: string) => figures.byService.find((entry) => entry.serviceCode === code);
    expect(row('blocked-vehicle')).toMatchObject({
      total: 2,
      byState: { resolved: 1, acknowledged: 1, submitted: 0 },
    });
    expect(row('rubbish')).toMatchObject({ total: 2, byState: { submitted: 1, closed: 1 } });
    expect(row('other')).toMatchObject({ total: 1, byState: { submitted: 1 } });
    expect(row('wifi-down')?.total).toBe(0);
    expect(figures).toMatchObject({
      medianFirstResponseMinutes: 20,
      firstResponses: 3,
      medianResolutionMinutes: 72.5,
      resolutions: 2,
    });
  });
});

describe('merging duplicates', () => {
  const kept = {
    id: '01JD3Z6Q8N4X2V7B5C9K1M0PRT',
    state: 'in-progress' as const,
    firstResponseAt: at(3).toISOString(),
  };
  const duplicate = { id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS', state: 'submitted' as const };

  it('closes the duplicate, pointing at the request kept, and counts it as answered', () => {
    expect(mergeDecision(duplicate, kept, at(10))).toEqual({
      kind: 'merge',
      duplicate: { state: 'closed', mergedInto: kept.id, firstResponseAt: at(10).toISOString() },
    });
    expect(
      mergeDecision(
        { ...duplicate, state: 'acknowledged', firstResponseAt: at(2).toISOString() },
        kept,
        at(10),
      ),
    ).toEqual({
      kind: 'merge',
      duplicate: { state: 'closed', mergedInto: kept.id },
    });
  });

  it('refuses a request into itself, a closed duplicate, and a chain through a merged request', () => {
    expect(mergeDecision(kept, kept, at(10))).toEqual({ kind: 'refused', reason: 'same-request' });
    expect(mergeDecision({ ...duplicate, state: 'closed' }, kept, at(10))).toEqual({
      kind: 'refused',
      reason: 'duplicate-closed',
    });
    expect(mergeDecision(duplicate, { ...kept, mergedInto: '01JD3Z6Q8N4X2V7B5C9K1M0PRV' }, at(10))).toEqual({
      kind: 'refused',
      reason: 'target-merged',
      mergedInto: '01JD3Z6Q8N4X2V7B5C9K1M0PRV',
    });
  });
});
