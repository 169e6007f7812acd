import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverOutbox } from '../../functions/mail/deliver-outbox.ts';
import { createEmlDirectoryTransport } from '../../functions/mail/eml-directory-transport.ts';
import { DynamoDbOutboxStore } from '../../functions/store/dynamodb/outbox-store.ts';
import { logger } from '../../functions/telemetry/telemetry.ts';
import { testSigningKey } from '../support/checkin-signing.ts';
import { attendee, category, registrationFixture } from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
let mailDirectory: string;

beforeAll(async () => {
  fixture = await registrationFixture([category('delegate', 100)]);
  mailDirectory = await mkdtemp(join(tmpdir(), 'wuzhen-correlation-mail-'));
  // The project logs warnings only; this file reads the mailer's INFO lines.
  logger.setLogLevel('INFO');
});
afterAll(async () => {
  await fixture.dispose();
  await rm(mailDirectory, { recursive: true, force: true });
});

describe('correlation from the API request to the mailer', () => {
  it('queues the message with the request id, and the mailer’s line for it carries that id and nothing personal', async () => {
    const person = attendee({ name: 'Corra Lation', email: 'corra.lation@example.org' });
    const created = await fixture.call('POST', '/api/registrations', { body: person });
    expect(created.status).toBe(201);
    const requestId = created.headers['x-request-id'];
    expect(requestId).toEqual(expect.any(String));

    const outbox = new DynamoDbOutboxStore(
      fixture.tables.inspectionClient,
      fixture.tables.tableNames.registrations,
    );
    const pending = (await outbox.pending(100)).filter(
      (message) => 'registrationId' in message && message.registrationId === created.json.id,
    );
    expect(pending.map((message) => message.requestId)).toEqual([requestId]);

    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await deliverOutbox(pending, {
        transport: createEmlDirectoryTransport(mailDirectory),
        outbox,
        from: 'test@portal.test',
        siteOrigin: 'https://portal.test',
        signingKey: testSigningKey,
        currentEdition: async () => '2027',
        now: () => new Date(),
      });
    } finally {
      vi.restoreAllMocks();
    }
    const lines = written.join('').trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'message sent',
        requestId,
        messageId: pending[0]?.id,
        kind: 'confirmed',
      }),
    ]);
    for (const value of [person.name, person.email, created.json.manageToken])
      expect(lines.join('\n')).not.toContain(value);
  });
});
