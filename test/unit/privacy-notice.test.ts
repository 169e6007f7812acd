import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { currentEdition, loadEditions, loadPrivacyNotice } from '../../content/load.ts';
import { noticeSectionIds, unknownTokens } from '../../content/schemas/privacy-notice.ts';
import { registrationsContract } from '../../functions/contract/registrations.ts';
import { consentReceipt, noticeVersionProblem } from '../../functions/domain/consent-receipt.ts';
import { registrationInput } from '../../functions/domain/registration-input.ts';

const notice = await loadPrivacyNotice();

/** The shipped notice with some fields changed, loaded through the loader from a file of its own. */
async function loadChanged(change: (document: Record<string, unknown>) => void) {
  const folder = await mkdtemp(join(tmpdir(), 'notice-'));
  try {
    const document = structuredClone(notice) as unknown as Record<string, unknown>;
    change(document);
    const file = join(folder, 'notice.yaml');
    await writeFile(file, stringify(document));
    return await loadPrivacyNotice(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

describe('the shipped privacy notice', () => {
  it('has a version, a date and every section in order, in English and Chinese', () => {
    expect(notice.version).toMatch(/\S/);
    expect(notice.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(notice.sections.map(({ id }) => id)).toEqual([...noticeSectionIds]);
    for (const section of notice.sections) {
      expect(section.paragraphs.length + section.items.length, section.id).toBeGreaterThan(0);
    }
  });

  it('says the data is held outside mainland China, and marks the placeholders the organizer fills in', () => {
    expect(notice.storage.inMainlandChina).toBe(false);
    expect(notice.draft).toBe(true);
    expect(notice.contact).toEqual({ email: 'privacy@wic.example.org', fillIn: true });
    expect(notice.controller.fillIn).toBe(true);
  });

  it('states the retention of the current edition (90 days) and a longer one for audit entries', async () => {
    const edition = currentEdition(await loadEditions());
    expect(edition.personalDataRetentionDays).toBe(90);
    expect(notice.auditRetentionDays).toBeGreaterThan(edition.personalDataRetentionDays);
    const retention = notice.sections.find(({ id }) => id === 'retention');
    const text = JSON.stringify(retention);
    expect(text).toContain('{personalDataRetentionDays}');
    expect(text).toContain('{auditRetentionDays}');
  });

  it('is the version the API document shows in its example', () => {
    const example = registrationsContract['POST /api/registrations'].body?.example as {
      noticeVersion: string;
    };
    expect(example.noticeVersion).toBe(notice.version);
  });
});

describe('notice content the loader refuses', () => {
  it('a token the page cannot fill', async () => {
    expect(unknownTokens('kept {personalDataRetentionDays} days in {awsRegion}')).toEqual([]);
    expect(unknownTokens('kept {days} days')).toEqual(['days']);
    await expect(
      loadChanged((document) => {
        const [first] = document.sections as Array<{ paragraphs: Array<{ en: string; zh: string }> }>;
        first?.paragraphs.push({ en: 'For {days} days.', zh: '保存 {days} 天。' });
      }),
    ).rejects.toThrow(/sections\.0\.paragraphs\.1\.en: \{days\} is not a notice token/);
  });

  it('a missing or reordered section', async () => {
    const changes = [(sections: unknown[]) => sections.reverse(), (sections: unknown[]) => sections.pop()];
    for (const change of changes) {
      await expect(
        loadChanged((document) => {
          change(document.sections as unknown[]);
        }),
      ).rejects.toThrow(/sections: the sections, each once and in this order/);
    }
  });

  it('an AWS China region while the notice says the data is held outside mainland China', async () => {
    await expect(
      loadChanged((document) => {
        document.storage = { awsRegion: 'cn-north-1', inMainlandChina: false };
      }),
    ).rejects.toThrow(/storage\.awsRegion/);
    const deployed = await loadChanged((document) => {
      document.storage = { awsRegion: 'eu-central-1', inMainlandChina: false };
    });
    expect(deployed.storage.awsRegion).toBe('eu-central-1');
  });
});

describe('the consent receipt', () => {
  const body = {
    category: 'delegate',
    name: 'Lin Test',
    email: 'lin@example.org',
    country: 'DE',
    language: 'zh',
    consent: true,
    crossBorderConsent: true,
    noticeVersion: '2026-12-01',
  };
  const edition = { id: '2027', name: { en: 'Edition', zh: '届次' }, noticeVersion: '2026-12-01' };

  it('records the notice version, time, language and each consent; partner sharing is off unless ticked', () => {
    const input = registrationInput.parse(body);
    expect(noticeVersionProblem(input, edition)).toBeUndefined();
    expect(consentReceipt(input, '2027-06-01T08:00:00.000Z')).toEqual({
      noticeVersion: '2026-12-01',
      language: 'zh',
      givenAt: '2027-06-01T08:00:00.000Z',
      registration: true,
      crossBorderTransfer: true,
      partnerSharing: false,
    });
    const ticked = registrationInput.parse({ ...body, partnerSharingConsent: true, noticeLanguage: 'en' });
    expect(consentReceipt(ticked, '2027-06-01T08:00:00.000Z')).toMatchObject({
      language: 'en',
      partnerSharing: true,
    });
  });

  it('refuses a body without the separate cross-border consent, naming the field', () => {
    for (const crossBorderConsent of [false, undefined, 'true']) {
      const result = registrationInput.safeParse({ ...body, crossBorderConsent });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map(({ path }) => path.join('.'))).toEqual(['crossBorderConsent']);
    }
  });

  it('refuses a notice version other than the one in force', () => {
    const stale = registrationInput.parse({ ...body, noticeVersion: '2025-01-01' });
    expect(noticeVersionProblem(stale, edition)).toMatch(/not the current privacy notice \(2026-12-01\)/);
    expect(registrationInput.safeParse({ ...body, noticeVersion: undefined }).success).toBe(false);
  });
});
