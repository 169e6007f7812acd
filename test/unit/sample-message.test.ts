import { describe, expect, it } from 'vitest';
import { normalizeCheckinCode } from '../../functions/domain/checkin-code.ts';
import { outboxKinds } from '../../functions/domain/registration-model.ts';
import { sampleMessage, sampleRegistrant, sampleSigningKey } from '../../functions/domain/sample-message.ts';
import { verifySignedCode } from '../../functions/domain/signed-checkin-code.ts';
import { renderMessage } from '../../functions/mail/render-message.ts';
import { testSigningKey } from '../support/checkin-signing.ts';

const facts = {
  editionName: { en: 'Wuzhen Summit 2027', zh: '2027 乌镇峰会' },
  categoryName: { en: 'Delegate', zh: '参会代表' },
  siteOrigin: 'https://portal.example.org',
  at: '2027-06-01T08:00:00.000Z',
};

describe('the sample registrant of a message preview', () => {
  it('holds a check-in code no registration can have: it fails the check symbol', () => {
    expect(normalizeCheckinCode(sampleRegistrant.code)).toBeUndefined();
  });

  it('gives a ticket a QR code that no desk of a real edition admits', async () => {
    const message = sampleMessage('confirmed', 'en', facts);
    const rendered = await renderMessage(message, {
      from: 'Sample <sample@example.invalid>',
      siteOrigin: facts.siteOrigin,
      signingKey: sampleSigningKey,
      currentEdition: async () => '2027',
    });
    const scanned = rendered.ticket?.signedCode ?? '';
    expect(scanned).toMatch(/^WZ1\./);
    expect(scanned).toContain(sampleRegistrant.code);
    const edition = await testSigningKey('2027');
    expect(await verifySignedCode(scanned, '2027', [edition.publicKey])).toMatchObject({ valid: false });
  });

  it('carries a manage link that names no registration, only where a first message would', () => {
    for (const kind of outboxKinds) {
      const { manageUrl } = sampleMessage(kind, 'zh', facts);
      const first = ['confirmed', 'waitlisted', 'pending_approval'].includes(kind);
      expect(manageUrl, kind).toBe(first ? 'https://portal.example.org/zh/registration/#sample' : undefined);
    }
  });
});
