import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxKinds } from '../../functions/domain/registration-model.ts';
import { resendIntervalSeconds } from '../../functions/domain/resend.ts';
import { sampleRegistrant } from '../../functions/domain/sample-message.ts';
import { deliverOutbox } from '../../functions/mail/deliver-outbox.ts';
import { createEmlDirectoryTransport } from '../../functions/mail/eml-directory-transport.ts';
import { messageTemplates } from '../../functions/mail/templates.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import {
  attendee,
  category,
  manageCredentials,
  registrationFixture,
  testEdition,
} from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
let mailDirectory: string;
/** The portal's clock: a test moves it on past the minute between two resends. */
let clock = Date.parse('2027-06-01T08:00:00.000Z');

beforeAll(async () => {
  fixture = await registrationFixture(
    [category('delegate', 100), category('media', 100, { needsApproval: true })],
    () => new Date(clock),
  );
  mailDirectory = await mkdtemp(join(tmpdir(), 'wuzhen-resend-mail-'));
});
afterAll(async () => {
  await fixture.dispose();
  await rm(mailDirectory, { recursive: true, force: true });
});

const asOrganizer = { role: 'organizer' as const };

const register = async (overrides: Record<string, unknown> = {}) => {
  const response = await fixture.call('POST', '/api/registrations', { body: attendee(overrides) });
  expect(response.status).toBe(201);
  return { ...response.json, ...manageCredentials(response.json.manageUrl) } as {
    id: string;
    code: string;
    token: string;
    authorization: { authorization: string };
  };
};

const resend = (id: string) => fixture.call('POST', `/api/admin/registrations/${id}/resend`, asOrganizer);

const outbox = () =>
  new DynamoDbOutboxStore(fixture.tables.inspectionClient, fixture.tables.tableNames.registrations);

/** Sends what the outbox holds for one registration, as the local mailer does, into `.eml` files. */
async function deliver(registrationId: string) {
  const pending = (await outbox().pending(100)).filter(
    (message) => 'registrationId' in message && message.registrationId === registrationId,
  );
  await deliverOutbox(pending, {
    transport: createEmlDirectoryTransport(mailDirectory),
    outbox: outbox(),
    from: 'WIC Wuzhen <registration@portal.test>',
    siteOrigin: 'https://portal.test',
    signingKey: testSigningKey,
    currentEdition: async () => testEdition.id,
    now: () => new Date(clock),
  });
  return pending.map(({ id }) => id);
}

const auditEntries = async (registration: string) =>
  (await fixture.auditTrail.list({ action: 'registration.resend', registration, limit: 10 })).items;

describe('GET /api/admin/messages/{kind}/preview', () => {
  it('shows every kind in both languages, for the sample registrant in the current edition, and records each preview', async () => {
    const real = await register({
      name: 'Real Person',
      email: 'real.person@example.org',
      organization: 'Acme',
    });
    for (const kind of outboxKinds) {
      for (const language of ['en', 'zh'] as const) {
        const before = await fixture.items();
        const answer = await fixture.call(
          'GET',
          `/api/admin/messages/${kind}/preview?language=${language}`,
          asOrganizer,
        );
        expect(answer.status, `${kind} ${language}`).toBe(200);
        expect(answer.headers['cache-control']).toBe('no-store');
        const { subject, text, html } = answer.json as { subject: string; text: string; html: string };
        expect(answer.json).toMatchObject({ kind, language });
        expect(subject).toContain(testEdition.name[language]);
        expect(text).toContain(sampleRegistrant.name[language]);
        expect(html).toContain(sampleRegistrant.name[language]);
        // Nobody's data: not the registrant the table holds, nor their code or token.
        for (const real_ of [
          'Real Person',
          'real.person@example.org',
          'Acme',
          real.code,
          real.token,
          real.id,
        ]) {
          expect(`${subject}${text}${html}`).not.toContain(real_);
        }
        // A ticket's QR code is inline, never a cid: a page cannot resolve.
        const ticket = ['confirmed', 'promoted', 'approved'].includes(kind);
        expect(html.includes('src="data:image/svg+xml;base64,'), kind).toBe(ticket);
        expect(html).not.toContain('cid:');
        // A preview changes nothing stored.
        expect(await fixture.items()).toEqual(before);
      }
    }
    const [latest] = (await fixture.auditTrail.list({ action: 'message.preview', limit: 1 })).items;
    expect(latest).toMatchObject({
      action: 'message.preview',
      outcome: 'succeeded',
      registrationIds: [],
      filter: { kind: 'already_registered', language: 'zh' },
    });
  });

  it('refuses an unknown kind or language with 400 naming it', async () => {
    for (const [url, path] of [
      ['/api/admin/messages/welcome/preview', 'kind'],
      ['/api/admin/messages/confirmed/preview?language=fr', 'language'],
      ['/api/admin/messages/confirmed/preview?lang=en', 'lang'],
    ] as const) {
      const answer = await fixture.call('GET', url, asOrganizer);
      expect(answer.status, url).toBe(400);
      expect(answer.json.errors).toEqual([expect.objectContaining({ path })]);
    }
    expect((await fixture.call('GET', '/api/admin/messages/confirmed/preview')).status).toBe(401);
    expect(
      (await fixture.call('GET', '/api/admin/messages/confirmed/preview', { role: 'checkin' })).status,
    ).toBe(403);
  });
});

describe('POST /api/admin/registrations/{id}/resend', () => {
  it('queues the confirmation again with a new manage link, which replaces the old, and the mailer sends it', async () => {
    const person = await register({ name: 'Lost Mail', email: 'lost.mail@example.org' });
    const [first] = await deliver(person.id);

    const answer = await resend(person.id);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ messageId: expect.any(String), kind: 'confirmed', newManageLink: true });
    const messages = await fixture.outbox(person.id);
    expect(messages.map(({ id }) => id)).toEqual([first, answer.json.messageId]);
    const resent = messages.at(-1) as { manageUrl: string; kind: string };
    expect(resent).toMatchObject({ kind: 'confirmed', resent: true });

    // The old link no longer opens the registration; the new one does.
    const renewed = manageCredentials(resent.manageUrl);
    expect(renewed.id).toBe(person.id);
    const read = (authorization: { authorization: string }) =>
      fixture.call('GET', `/api/registrations/${person.id}`, { headers: authorization });
    expect((await read(person.authorization)).status).toBe(404);
    expect((await read(renewed.authorization)).status).toBe(200);

    // The local mailer writes it as every other message: the ticket and the new link, said to be new.
    expect(await deliver(person.id)).toEqual([answer.json.messageId]);
    const mail = await simpleParser(await readFile(join(mailDirectory, `${answer.json.messageId}.eml`)));
    expect(mail.subject).toBe(`Registration confirmed: ${testEdition.name.en}`);
    expect(mail.text).toContain(resent.manageUrl);
    expect(mail.text).toContain(messageTemplates.en.common.manageLinkRenewed);
    expect(mail.attachments.map(({ filename }) => filename)).toEqual(['check-in-qr-code.png']);

    expect(await auditEntries(person.id)).toEqual([
      expect.objectContaining({
        outcome: 'succeeded',
        registrationIds: [person.id],
        actor: expect.any(String),
      }),
    ]);
  });

  it('answers 429 with retry-after to a second resend within the minute, queuing nothing, and takes one after it', async () => {
    const person = await register();
    expect((await resend(person.id)).status).toBe(200);
    const queued = await fixture.outbox(person.id);

    const again = await resend(person.id);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe(String(resendIntervalSeconds));
    expect(again.json.type).toBe('tag:wuzhen-portal,2026:problems/rate-limited');
    expect(await fixture.outbox(person.id)).toEqual(queued);
    expect((await auditEntries(person.id)).map(({ outcome }) => outcome)).toEqual(['refused', 'succeeded']);

    clock += (resendIntervalSeconds + 1) * 1000;
    expect((await resend(person.id)).status).toBe(200);
    expect(await fixture.outbox(person.id)).toHaveLength(queued.length + 1);
  });

  it('sends a rejected registrant the rejection again, with no link: there is nothing left to manage', async () => {
    const person = await register({ category: 'media' });
    expect(
      (await fixture.call('POST', `/api/admin/registrations/${person.id}/reject`, asOrganizer)).status,
    ).toBe(200);
    const answer = await resend(person.id);
    expect(answer.json).toMatchObject({ kind: 'rejected', newManageLink: false });
    const resent = (await fixture.outbox(person.id)).at(-1);
    expect(resent).toMatchObject({ kind: 'rejected' });
    expect(resent?.manageUrl).toBeUndefined();
  });

  it('answers 404 for an unknown registration and 410 for an erased one, changing nothing and recording the attempt', async () => {
    const unknown = '01J0000000000000000000000A';
    const before = await fixture.items();
    expect((await resend(unknown)).status).toBe(404);
    expect(await fixture.items()).toEqual(before);
    expect(await auditEntries(unknown)).toEqual([expect.objectContaining({ outcome: 'refused' })]);

    const person = await register();
    expect((await fixture.call('DELETE', `/api/admin/registrations/${person.id}`, asOrganizer)).status).toBe(
      200,
    );
    const erasedBefore = await fixture.items();
    const answer = await resend(person.id);
    expect(answer.status).toBe(410);
    expect(answer.json.type).toBe('tag:wuzhen-portal,2026:problems/erased');
    expect(await fixture.items()).toEqual(erasedBefore);
    expect(await auditEntries(person.id)).toEqual([expect.objectContaining({ outcome: 'refused' })]);
  });

  it('leaves the resent copy to the holder: in their download, and gone with their erasure', async () => {
    const person = await register({ name: 'Copy Keeper' });
    const answer = await resend(person.id);
    const renewed = manageCredentials(
      ((await fixture.outbox(person.id)).at(-1) as { manageUrl: string }).manageUrl,
    );

    const download = await fixture.call('GET', `/api/registrations/${person.id}/export`, {
      headers: renewed.authorization,
    });
    expect(download.status).toBe(200);
    expect(download.json.messages.map((message: { id: string }) => message.id)).toContain(
      answer.json.messageId,
    );

    const erased = await fixture.call('POST', `/api/registrations/${person.id}/erasure`, {
      headers: renewed.authorization,
      body: { confirm: true },
    });
    expect(erased.status).toBe(200);
    expect(await fixture.outbox(person.id)).toEqual([]);
    expect(JSON.stringify(await fixture.items())).not.toContain('Copy Keeper');
  });

  it('refuses an id that is not a ULID with 400 naming it, and other roles with 401/403', async () => {
    const answer = await resend('not-an-id');
    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([expect.objectContaining({ path: 'id' })]);
    const url = '/api/admin/registrations/01J0000000000000000000000A/resend';
    expect((await fixture.call('POST', url)).status).toBe(401);
    expect((await fixture.call('POST', url, { role: 'checkin' })).status).toBe(403);
  });
});
