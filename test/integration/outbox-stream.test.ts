import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingMessages } from '../../functions/handlers/stream/mailer.ts';
import { createDynamoDbClient } from '../../functions/store/dynamodb/client.ts';
import { startOutboxStream } from '../../local/outbox-stream.ts';
import { attendee, category, registrationFixture } from '../support/registration-fixture.ts';

let fixture: Awaited<ReturnType<typeof registrationFixture>>;
beforeAll(async () => {
  fixture = await registrationFixture([
    category('delegate', 10),
    category('media', 5, { needsApproval: true }),
  ]);
});
afterAll(() => fixture.dispose());

/** The first batch the bundled portal's stream stand-in hands the mailer for the outbox as it stands. */
async function firstBatch(): Promise<DynamoDBStreamEvent> {
  const client = createDynamoDbClient({ ...fixture.tables.settings, requestTimeoutMs: 10_000 });
  try {
    return await new Promise<DynamoDBStreamEvent>((resolve) => {
      const stream = startOutboxStream({
        client,
        tableName: fixture.tables.tableNames.registrations,
        region: 'us-east-1',
        intervalMs: 50,
        deliver: async (event) => {
          stream.stop();
          resolve(event);
        },
      });
    });
  } finally {
    client.destroy();
  }
}

describe("the outbox as the registrations table's stream sends it to the mailer", () => {
  it("gives INSERT records with the items' new image, which Powertools' schema accepts and the mailer reads", async () => {
    const confirmed = await fixture.call('POST', '/api/registrations', {
      body: attendee({ category: 'delegate' }),
    });
    const pending = await fixture.call('POST', '/api/registrations', {
      body: attendee({ category: 'media' }),
    });
    expect([confirmed.status, pending.status]).toEqual([201, 201]);

    const event = await firstBatch();
    const parsed = DynamoDBStreamSchema.parse(event);
    expect(parsed.Records).toHaveLength(2);
    for (const record of parsed.Records) {
      expect(record).toMatchObject({
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: { StreamViewType: 'NEW_IMAGE', NewImage: { outboxKey: 'PENDING' } },
      });
      expect(record.eventSourceARN).toContain(`:table/${fixture.tables.tableNames.registrations}/stream/`);
      expect(Object.keys(record.dynamodb.Keys).sort()).toEqual(['pk', 'sk']);
    }
    const registrations = pendingMessages(event).flatMap((message) =>
      'registrationId' in message ? [message.registrationId] : [],
    );
    expect(registrations.sort()).toEqual([confirmed.json.id, pending.json.id].sort());
  });
});
