/**
 * Amazon SES v2 for the bundled mailer (`npm start -- --bundled`): the mailer bundle sends with its
 * own SESv2Client, pointed here by AWS_ENDPOINT_URL_SESV2, and each raw message is written to the
 * outbox folder as the source-mode portal writes it (`<outbox id>.eml`, the id read back from the
 * Message-ID the composer builds from it). Only SendEmail with raw content is served, which is all
 * functions/mail/ses-transport.ts sends.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmlDirectoryTransport } from '../functions/mail/eml-directory-transport.ts';
import type { QueuedMessage } from '../functions/store/outbox-store.ts';

export async function startSesStandIn(outboxDirectory: string): Promise<{ endpoint: string; stop(): void }> {
  const transport = createEmlDirectoryTransport(outboxDirectory);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v2/email/outbound-emails') {
        return answer(404, { message: `${req.method} ${req.url} is not served here` });
      }
      const data = (JSON.parse(Buffer.concat(chunks).toString()) as { Content?: { Raw?: { Data?: string } } })
        .Content?.Raw?.Data;
      const raw = data === undefined ? undefined : Buffer.from(data, 'base64');
      const id = raw && /^Message-ID: <([^@>]+)@/im.exec(raw.toString())?.[1];
      if (!raw || !id) return answer(400, { message: 'a raw message with a Message-ID is required' });
      // The folder transport reads only the message's id, which is all a raw SES message carries.
      transport.send({ id } as QueuedMessage, raw).then(
        () => answer(200, { MessageId: id }),
        (error: unknown) => answer(500, { message: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
