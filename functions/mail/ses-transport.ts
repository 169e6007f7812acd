import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { MailTransport } from './mail-transport.ts';

/** The one method of `SESv2Client` the transport uses; a test can hand in a recorder instead. */
export interface SesSender {
  send(command: SendEmailCommand): Promise<unknown>;
}

/** Sends through Amazon SES as a raw message, so SES delivers exactly the MIME the composer built. */
export function createSesTransport(client: SesSender): MailTransport {
  return {
    async send(_message, raw) {
      await client.send(new SendEmailCommand({ Content: { Raw: { Data: raw } } }));
    },
  };
}
