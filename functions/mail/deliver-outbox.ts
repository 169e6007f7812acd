import type { OutboxStore, QueuedMessage } from '../store/outbox-store.ts';
import { inRequest } from '../telemetry/correlation.ts';
import { logger } from '../telemetry/telemetry.ts';
import { composeAffairsReply } from './compose-affairs-reply.ts';
import { composeMessage } from './compose-message.ts';
import type { MailTransport } from './mail-transport.ts';
import type { MessageSettings } from './render-message.ts';

export interface Delivery extends MessageSettings {
  transport: MailTransport;
  outbox: OutboxStore;
  /** The sender address, e.g. "WIC Wuzhen <registration@example.org>". */
  from: string;
  /** The site's origin, "https://portal.example.org": every message links the privacy notice there. */
  siteOrigin: string;
  now: () => Date;
}

/**
 * Sends each message, then marks it sent. A crash in between sends it again on the next run:
 * at least once, never lost; each carries a stable Message-ID, so mail clients fold repeats. Each
 * delivery logs a line with the id of the request that queued the message.
 */
export async function deliverOutbox(messages: readonly QueuedMessage[], delivery: Delivery): Promise<number> {
  for (const message of messages) {
    await inRequest(message.requestId, async () => {
      const raw =
        message.kind === 'affairs-reply'
          ? await composeAffairsReply(message, delivery)
          : await composeMessage(message, delivery);
      await delivery.transport.send(message, raw);
      const stillStored = await delivery.outbox.markSent(message.id, delivery.now());
      // Erased while it was being sent: the copy just delivered must go the way of the others.
      if (!stillStored) await delivery.transport.forget?.([message.id]);
      logger.info(stillStored ? 'message sent' : 'message sent, then forgotten: erased meanwhile', {
        messageId: message.id,
        kind: message.kind,
      });
    });
  }
  return messages.length;
}
