import { type Delivery, deliverOutbox } from '../functions/mail/deliver-outbox.ts';
import { logger } from '../functions/telemetry/telemetry.ts';

/**
 * Locally there is no stream to trigger the mailer, so the outbox index is polled instead and the
 * same delivery code runs on what it finds.
 */
export function startOutboxPoller(delivery: Delivery, intervalMs = 500) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      const messages = await delivery.outbox.pending(25);
      if (messages.length) await deliverOutbox(messages, delivery);
    } catch (error) {
      logger.warn('outbox delivery failed, will retry', { error });
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
