import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import jsQR from 'jsqr';
import { type AddressObject, simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signCheckinCode } from '../../functions/domain/checkin-signing-key.ts';
import {
  type OutboxKind,
  type OutboxMessage,
  outboxKinds,
} from '../../functions/domain/registration-model.ts';
import { verifySignedCode } from '../../functions/domain/signed-checkin-code.ts';
import { composeMessage } from '../../functions/mail/compose-message.ts';
import { createEmlDirectoryTransport } from '../../functions/mail/eml-directory-transport.ts';
import { createSesTransport } from '../../functions/mail/ses-transport.ts';
import { messageTemplates } from '../../functions/mail/templates.ts';
import { testSigningKey } from '../support/checkin-signing.ts';

// pngjs comes with qrcode and has no type declarations of its own.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};

const from = 'World Internet Conference <registration@wuzhen.example>';
const siteOrigin = 'https://portal.example.org';
/** The edition current when the mail goes: the one a message without its own edition is for. */
const currentEdition = async () => '2028';
// A real token is 43 characters of base64url; the whole link is longer than a quoted-printable line.
const manageUrl =
  'https://wuzhen.example/en/registration/manage/#token=q3Zk0_9vB-xY7TnPaL2mWcR8sFdH4uJe6KiGoN1bVtA';

const seatKinds: OutboxKind[] = ['confirmed', 'promoted', 'approved'];

function outboxMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: '01JC3Z5X6Y7W8V9T0S1R2Q3P4N',
    kind: 'confirmed',
    to: 'ada@example.org',
    name: 'Ada Lovelace',
    language: 'en',
    registrationId: '01JC3Z5X6Y7W8V9T0S1R2Q3P4M',
    edition: '2027',
    code: 'WUZHEN26P',
    categoryName: { en: 'Delegate', zh: '参会代表' },
    editionName: { en: 'World Internet Conference Wuzhen Summit', zh: '世界互联网大会乌镇峰会' },
    createdAt: '2027-06-02T08:30:00.000Z',
    ...overrides,
  };
}

// Left alone, the parser swaps cid: references for data: URLs, hiding how the HTML refers to the image.
const parseRaw = (raw: Buffer) => simpleParser(raw, { skipImageLinks: true });

async function parse(message: OutboxMessage) {
  return parseRaw(
    await composeMessage(message, { from, siteOrigin, signingKey: testSigningKey, currentEdition }),
  );
}

const onlyAddress = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : [field]).flatMap((object) => object?.value ?? []);

function decodeQrPng(png: Buffer): string | undefined {
  const { width, height, data } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data;
}

describe('composeMessage', () => {
  it('links the privacy notice in the registrant’s language from every kind of message, text and HTML', async () => {
    for (const kind of outboxKinds) {
      for (const [language, url] of [
        ['en', `${siteOrigin}/privacy/`],
        ['zh', `${siteOrigin}/zh/privacy/`],
      ] as const) {
        const mail = await parse(outboxMessage({ kind, language }));
        expect(mail.text, `${kind} ${language}`).toContain(`\n${url}\n`);
        expect(mail.html || '', `${kind} ${language}`).toContain(`<a href="${url}">${url}</a>`);
      }
    }
  });

  it('writes an English confirmation with the ticket, the code and the manage link', async () => {
    const message = outboxMessage({ manageUrl });
    const raw = await composeMessage(message, {
      from,
      siteOrigin,
      signingKey: testSigningKey,
      currentEdition,
    });
    const mail = await parseRaw(raw);

    expect(mail.subject).toBe('Registration confirmed: World Internet Conference Wuzhen Summit');
    expect(onlyAddress(mail.to)).toEqual([{ name: 'Ada Lovelace', address: 'ada@example.org' }]);
    expect(onlyAddress(mail.from)).toEqual([
      { name: 'World Internet Conference', address: 'registration@wuzhen.example' },
    ]);
    expect(mail.messageId).toBe('<01JC3Z5X6Y7W8V9T0S1R2Q3P4N@wuzhen.example>');
    expect(mail.date?.toISOString()).toBe('2027-06-02T08:30:00.000Z');

    expect(mail.text).toContain('Dear Ada Lovelace,');
    expect(mail.text).toContain('Delegate registration for World Internet Conference Wuzhen Summit');
    expect(mail.text).toContain('Your check-in code: WUZH-EN26-P');
    expect(mail.text).toContain(`\n${manageUrl}\n`);

    const html = mail.html || '';
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Your check-in code: WUZH-EN26-P');
    expect(html).toContain(`<a href="${manageUrl}">${manageUrl}</a>`);

    expect(mail.attachments).toHaveLength(1);
    const [qrCode] = mail.attachments;
    expect(qrCode?.contentType).toBe('image/png');
    expect(html).toContain(`src="cid:${qrCode?.cid}"`);
    // The QR code carries the signed code a desk verifies offline; the text, the 9 symbols to type.
    const signed = decodeQrPng(qrCode?.content ?? Buffer.alloc(0));
    expect(signed).toBe(signCheckinCode(await testSigningKey('2027'), 'WUZHEN26P'));
    expect(await verifySignedCode(signed ?? '', '2027', [(await testSigningKey('2027')).publicKey])).toEqual({
      valid: true,
      fields: { edition: '2027', keyId: (await testSigningKey('2027')).keyId, code: 'WUZHEN26P' },
    });
  });

  it('signs the ticket of a message queued before messages named their edition with the current edition', async () => {
    const { edition: _, ...queuedBefore } = outboxMessage();
    const mail = await parse(queuedBefore as OutboxMessage);
    const signed = decodeQrPng(mail.attachments[0]?.content ?? Buffer.alloc(0));
    expect(signed).toBe(signCheckinCode(await testSigningKey('2028'), 'WUZHEN26P'));
    // A message with its edition keeps it, whatever is current when it goes.
    const withEdition = await parse(outboxMessage());
    expect(decodeQrPng(withEdition.attachments[0]?.content ?? Buffer.alloc(0))).toBe(
      signCheckinCode(await testSigningKey('2027'), 'WUZHEN26P'),
    );
  });

  it('writes a Chinese message with a Chinese subject that survives header encoding', async () => {
    const message = outboxMessage({ language: 'zh', name: '张伟', to: 'zhangwei@example.cn', manageUrl });
    const raw = await composeMessage(message, {
      from,
      siteOrigin,
      signingKey: testSigningKey,
      currentEdition,
    });
    const headers = raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
    // Headers stay 7-bit: the Chinese travels as RFC 2047 encoded words.
    expect(headers).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headers).toMatch(/^Subject: =\?UTF-8\?/m);

    const mail = await parseRaw(raw);
    expect(mail.subject).toBe('报名成功：世界互联网大会乌镇峰会');
    expect(onlyAddress(mail.to)).toEqual([{ name: '张伟', address: 'zhangwei@example.cn' }]);
    expect(mail.text).toContain('尊敬的张伟：');
    expect(mail.text).toContain('您以参会代表身份报名参加世界互联网大会乌镇峰会已确认');
    expect(mail.text).toContain('您的签到码：WUZH-EN26-P');
    expect(mail.text).toContain(manageUrl);
    expect(mail.html).toContain('<html lang="zh-Hans">');
    expect(mail.html).toContain('您以参会代表身份报名参加世界互联网大会乌镇峰会已确认');
  });

  it('escapes HTML in what it inserts, but keeps the name as it is in the text and the header', async () => {
    const name = '<script>alert("x")</script> & Co';
    const mail = await parse(
      outboxMessage({
        name,
        categoryName: { en: '<b>Delegate</b>', zh: '参会代表' },
        editionName: { en: 'Summit <i>2027</i>', zh: '峰会' },
      }),
    );
    const html = mail.html || '';
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; Co');
    expect(mail.text).toContain(`Dear ${name},`);
    expect(onlyAddress(mail.to)).toEqual([{ name, address: 'ada@example.org' }]);
  });

  it.each(outboxKinds)('carries the ticket in a %s message only if it leaves a seat', async (kind) => {
    for (const language of ['en', 'zh'] as const) {
      const mail = await parse(outboxMessage({ kind, language }));
      const hasTicket = seatKinds.includes(kind);
      expect(mail.attachments.map(({ contentType }) => contentType)).toEqual(hasTicket ? ['image/png'] : []);
      expect(mail.text?.includes('WUZH-EN26-P')).toBe(hasTicket);
      expect((mail.html || '').includes('cid:')).toBe(hasTicket);
    }
  });

  it('gives every kind its own subject in each language', async () => {
    for (const language of ['en', 'zh'] as const) {
      const subjects = await Promise.all(
        outboxKinds.map(async (kind) => (await parse(outboxMessage({ kind, language }))).subject),
      );
      expect(new Set(subjects).size).toBe(outboxKinds.length);
      const edition = outboxMessage().editionName[language];
      for (const subject of subjects) expect(subject).toContain(edition);
    }
  });

  it('points to the first e-mail when it has no manage link, while there is a registration to manage', async () => {
    for (const kind of outboxKinds) {
      for (const language of ['en', 'zh'] as const) {
        const mail = await parse(outboxMessage({ kind, language }));
        const reminder = messageTemplates[language].common.manageLinkReminder;
        const open = !['rejected', 'cancelled'].includes(kind);
        expect(mail.text?.includes(reminder)).toBe(open);
        expect(mail.text).not.toContain('/registration/');
      }
    }
  });

  it('refuses a sender without a domain to put in the Message-ID', async () => {
    await expect(
      composeMessage(outboxMessage(), {
        from: 'registration',
        siteOrigin,
        signingKey: testSigningKey,
        currentEdition,
      }),
    ).rejects.toThrow(/domain/);
  });

  it('ends every line with CRLF', async () => {
    const raw = (
      await composeMessage(outboxMessage({ manageUrl }), {
        from,
        siteOrigin,
        signingKey: testSigningKey,
        currentEdition,
      })
    ).toString('latin1');
    expect(raw).not.toMatch(/[^\r]\n/);
  });
});

describe('createEmlDirectoryTransport', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'wuzhen-eml-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one file per message id, also when a message is sent twice', async () => {
    const outbox = join(directory, 'outbox');
    const transport = createEmlDirectoryTransport(outbox);
    const first = outboxMessage();
    const second = outboxMessage({ id: '01JC3Z5X6Y7W8V9T0S1R2Q3P4Q', kind: 'cancelled' });

    await transport.send(first, Buffer.from('first attempt'));
    await transport.send(
      first,
      await composeMessage(first, { from, siteOrigin, signingKey: testSigningKey, currentEdition }),
    );
    await transport.send(
      second,
      await composeMessage(second, { from, siteOrigin, signingKey: testSigningKey, currentEdition }),
    );

    expect((await readdir(outbox)).sort()).toEqual([`${first.id}.eml`, `${second.id}.eml`]);
    const written = await parseRaw(await readFile(join(outbox, `${first.id}.eml`)));
    expect(written.messageId).toBe(`<${first.id}@wuzhen.example>`);
  });

  it('refuses an id that would name a file outside the directory', async () => {
    const transport = createEmlDirectoryTransport(directory);
    await expect(transport.send(outboxMessage({ id: '../escape' }), Buffer.from('x'))).rejects.toThrow();
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('createSesTransport', () => {
  it('hands SES the raw message as it is', async () => {
    const commands: SendEmailCommand[] = [];
    const transport = createSesTransport({
      send: async (command) => {
        commands.push(command);
      },
    });
    const raw = await composeMessage(outboxMessage(), {
      from,
      siteOrigin,
      signingKey: testSigningKey,
      currentEdition,
    });
    await transport.send(outboxMessage(), raw);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(SendEmailCommand);
    expect(commands[0]?.input).toEqual({ Content: { Raw: { Data: raw } } });
  });
});
