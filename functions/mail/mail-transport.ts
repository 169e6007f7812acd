import type { OutboxMessage } from '../domain/registration-model.ts';

/** Hands a composed message to whatever delivers it: SES in AWS, a folder of .eml files locally. */
export interface MailTransport {
  send(message: OutboxMessage, raw: Buffer): Promise<void>;
}
