import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { keptAfterAnonymisation } from '../../functions/domain/resident-affairs/anonymise.ts';
import type { ServiceRequest } from '../../functions/domain/resident-affairs/model.ts';
import { coarsen } from '../../functions/domain/resident-affairs/public-location.ts';
import { replyMessage } from '../../functions/domain/resident-affairs/reply-message.ts';
import { placeLabel, queueItem } from '../../functions/domain/resident-affairs/staff-view.ts';
import { composeAffairsReply } from '../../functions/mail/compose-affairs-reply.ts';

const request: ServiceRequest = {
  id: '01JD3Z6Q8N4X2V7B5C9K1M0PRS',
  serviceCode: 'blocked-vehicle',
  description: 'A van blocks my gate.',
  location: { lat: 30.74651, lon: 120.48772, precision: 'exact' },
  addressString: 'No. 12, Xishi Street',
  contact: { email: 'wang.fang@example.cn', phone: '+86 138 0000 0000', name: 'Wang Fang' },
  attributes: { plate: '浙F·12345' },
  photoKeys: ['requests/01JD3Z6Q8N4X2V7B5C9K1M0PRS/1'],
  state: 'resolved',
  department: 'transport',
  submittedAt: '2026-12-01T08:00:00.000Z',
  firstResponseAt: '2026-12-01T08:10:00.000Z',
  resolvedAt: '2026-12-01T09:00:00.000Z',
  followTokenHash: 'hash',
  locale: 'zh',
};

describe('what an anonymised request keeps', () => {
  it('drops the personal data and snaps an exact point to its public cell, keeping what the figures count', () => {
    const kept = keptAfterAnonymisation(request);
    expect(kept).toEqual({
      id: request.id,
      serviceCode: request.serviceCode,
      description: '',
      location: { ...coarsen({ lat: 30.74651, lon: 120.48772 }), precision: 'exact' },
      photoKeys: [],
      state: 'resolved',
      department: 'transport',
      submittedAt: request.submittedAt,
      firstResponseAt: request.firstResponseAt,
      resolvedAt: request.resolvedAt,
      followTokenHash: 'hash',
      locale: 'zh',
    });
  });

  it('keeps a point staff confirmed as a public street, and a landmark, as they were public already', () => {
    const street = { lat: 30.74651, lon: 120.48772, precision: 'street' as const };
    expect(keptAfterAnonymisation({ ...request, location: street }).location).toEqual(street);
    const landmark = { landmarkVenueId: 'tongan-inn' };
    expect(keptAfterAnonymisation({ ...request, location: landmark }).location).toEqual(landmark);
  });
});

describe('the staff queue line', () => {
  it('counts whole minutes waited and flags an unanswered request past the target', () => {
    const open = { ...request, state: 'submitted' as const, firstResponseAt: undefined };
    const at = new Date('2026-12-01T08:31:30.000Z');
    expect(queueItem(open, at, 30)).toMatchObject({ waitingMinutes: 31, overdue: true, photoCount: 1 });
    expect(queueItem(open, at, 45).overdue).toBe(false);
    expect(queueItem(request, at, 30).overdue).toBe(false);
  });

  it("names the place by the requester's words, else the landmark, else the point", () => {
    expect(placeLabel(request)).toBe('No. 12, Xishi Street');
    expect(placeLabel({ location: { landmarkVenueId: 'tongan-inn' } })).toBe('tongan-inn');
    expect(placeLabel({ location: request.location })).toBe('30.74651, 120.48772');
  });
});

describe('the e-mail of a public note', () => {
  it('is none without an e-mail address', () => {
    const note = { id: 'mail-1', note: 'Done.', state: 'resolved' as const, at: '2026-12-01T09:00:00.000Z' };
    expect(replyMessage({ ...request, contact: { phone: '+86 138 0000 0000' } }, note)).toBeUndefined();
    expect(replyMessage({ ...request, contact: undefined }, note)).toBeUndefined();
  });

  it("is written in the request's language, the note's text escaped in the HTML part", async () => {
    const message = replyMessage(request, {
      id: 'mail-2',
      note: '车已挪走 <b>谢谢</b>',
      state: 'resolved',
      at: '2026-12-01T09:00:00.000Z',
    });
    if (!message) throw new Error('a request with an e-mail address gets the note');
    const parsed = await simpleParser(
      await composeAffairsReply(message, { from: 'Wuzhen <affairs@wuzhen.example>' }),
    );
    expect(parsed.subject).toBe(`乌镇镇政府回复了您的诉求（${request.id}）`);
    expect(parsed.to).toMatchObject({ value: [{ address: 'wang.fang@example.cn', name: 'Wang Fang' }] });
    expect(parsed.text).toContain('车已挪走 <b>谢谢</b>');
    expect(parsed.text).toContain('当前状态：已解决。');
    expect(parsed.html).toContain('车已挪走 &#60;b&#62;谢谢&#60;/b&#62;');
    expect(parsed.messageId).toBe('<mail-2@wuzhen.example>');
  });
});
