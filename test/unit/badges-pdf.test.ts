import { beforeAll, describe, expect, it } from 'vitest';
import { type BadgeContent, badgeContent } from '../../functions/badges/badge-content.ts';
import { faceDesign, type LayoutId, layoutIds, layouts } from '../../functions/badges/badge-layouts.ts';
import { type BadgesPdf, badgesPdf } from '../../functions/badges/badges-pdf.ts';
import { formatCheckinCode } from '../../functions/domain/checkin-code.ts';
import { generateCheckinCode } from '../../functions/domain/checkin-code-generator.ts';
import { checkinSigningKey } from '../../functions/domain/checkin-signing-key.ts';
import type { Registration } from '../../functions/domain/registration-model.ts';
import { verifySignedCode } from '../../functions/domain/signed-checkin-code.ts';
import { decodePageQr, pdfFonts, pdfPageCount, pdfPageTexts, pdfWords } from '../support/pdf-reading.ts';

const signingKey = checkinSigningKey('badge-test-secret', '2027');
const longName = 'Maximiliane Alexandra von Hohenzollern-Sigmaringen Brandenbu';
const longOrganization =
  'International Telecommunication Union Development Sector, Regional Office for Asia and the Pacific, Bangkok';
const people: Array<Pick<Registration, 'name' | 'country'> & { organization?: string }> = [
  { name: longName, country: 'DE', organization: longOrganization },
  { name: '欧阳娜娜', country: 'CN', organization: '浙江大学计算机科学与技术学院' },
  { name: '王建国', country: 'CN' },
  { name: 'Li Wei', country: 'SG', organization: 'NUS' },
  { name: '阿沛·阿旺晋美', country: 'CN' },
  { name: 'Ana', country: 'BR' },
  // The longest name the form accepts (200 characters): smaller than the minimum, never cut.
  {
    name: Array.from({ length: 20 }, () => 'Wolfgangus')
      .join(' ')
      .slice(0, 200),
    country: 'AT',
  },
];

function registration(index: number): Registration {
  const person = people[index % people.length] ?? people[0];
  return {
    id: `01JD3Z6Q8N4X2V7B5C9K1M${String(index).padStart(4, '0')}`,
    edition: '2027',
    category: 'speaker',
    status: 'confirmed',
    email: `person${index}@example.org`,
    language: 'en',
    needsVisaLetter: false,
    code: generateCheckinCode(),
    createdAt: '2027-10-01T00:00:00.000Z',
    updatedAt: '2027-10-01T00:00:00.000Z',
    ...person,
  } as Registration;
}

const registrations = people.map((_, index) => registration(index));
const badges: BadgeContent[] = registrations.map((one) =>
  badgeContent(one, {
    editionName: { en: 'World Internet Conference Wuzhen Summit', zh: '世界互联网大会乌镇峰会' },
    category: { name: { en: 'Speaker', zh: '演讲嘉宾' }, badgeColour: '#B91C1C' },
    signingKey,
  }),
);
const squash = (text: string) => text.replace(/\s+/g, '');

const printed = new Map<LayoutId, BadgesPdf>();
beforeAll(async () => {
  for (const id of layoutIds) printed.set(id, await badgesPdf(layouts[id], badges));
});
const pdfOf = (id: LayoutId) => printed.get(id) ?? expect.unreachable(`no PDF for ${id}`);

describe.each(layoutIds)('badges in the %s layout', (id) => {
  it('has a page for every badge or sheet of badges', () => {
    expect(pdfPageCount(pdfOf(id).pdf)).toBe(Math.ceil(badges.length / layouts[id].slots.length));
  });

  it('shows every name as written, the pinyin of the Chinese ones, and each check-in code', () => {
    const text = squash(pdfPageTexts(pdfOf(id).pdf).join(''));
    for (const badge of badges) {
      expect(text).toContain(squash(badge.name));
      expect(text).toContain(badge.code);
    }
    expect(text).toContain('ŌuyángNànà');
    expect(text).toContain('WángJiànguó');
    expect(text).toContain('ĀpèiĀwàngjìnměi');
    expect(text).toContain('Germany·德国');
  });

  it('keeps every word inside the box of its text', () => {
    const { pdf, pages } = pdfOf(id);
    for (const [index, page] of pdfWords(pdf).entries()) {
      const boxes = pages[index] ?? [];
      for (const word of page.words) {
        const inside = boxes.some(
          ({ box }) =>
            word.xMin >= box.x - 0.5 &&
            word.xMax <= box.x + box.width + 0.5 &&
            word.yMin >= box.y - 0.5 &&
            word.yMax <= box.y + box.height + 0.5,
        );
        expect(inside, `"${word.text}" on page ${index + 1} (${JSON.stringify(word)})`).toBe(true);
      }
    }
  });

  it('sets a 60-character name, a four-character Chinese name and every shorter text no smaller than its minimum', () => {
    const { pages } = pdfOf(id);
    const [first] = layouts[id].slots;
    const face = first?.[0] ?? expect.unreachable('no face');
    const { nameMinSize } = faceDesign(face.width, face.height);
    const placed = pages.flat();
    for (const name of [longName, '欧阳娜娜']) {
      const set = placed.find(({ text }) => text === name) ?? expect.unreachable(`${name} not placed`);
      expect(set.size, name).toBeGreaterThanOrEqual(nameMinSize);
    }
    // Every other text too, but the 200-character name: it alone may go below, still whole.
    const { detailMinSize } = faceDesign(face.width, face.height);
    for (const { text, size } of placed.filter(({ text }) => text.length < 200)) {
      expect(size, text).toBeGreaterThanOrEqual(detailMinSize);
    }
    // The Chinese name on one line, at the largest size its box takes.
    expect(placed.find(({ text }) => text === '欧阳娜娜')?.lines).toEqual(['欧阳娜娜']);
  });
});

describe('the badges PDF', () => {
  it('carries the signed check-in code in a QR code that reads from the printed page', async () => {
    const [upsideDown, upright] = layouts.butterfly.slots[0] ?? [];
    const [firstCard] = layouts['a4-10-cards'].slots[0] ?? [];
    const reads = [
      decodePageQr(pdfOf('a6').pdf, 1, 150),
      decodePageQr(pdfOf('a4-10-cards').pdf, 1, 300, firstCard),
      // Both halves of a butterfly badge, the one upside down too.
      decodePageQr(pdfOf('butterfly').pdf, 1, 150, upright),
      decodePageQr(pdfOf('butterfly').pdf, 1, 150, upsideDown),
    ];
    const [first] = registrations;
    for (const scanned of reads) {
      expect(scanned).toBe(badges[0]?.signedCode);
      expect(await verifySignedCode(scanned ?? '', '2027', [signingKey.publicKey])).toEqual({
        valid: true,
        fields: { edition: '2027', keyId: signingKey.keyId, code: first?.code },
      });
    }
    expect(badges[0]?.code).toBe(formatCheckinCode(first?.code ?? ''));
  });

  it('embeds its fonts as subsets of the glyphs it uses', () => {
    const fonts = pdfFonts(pdfOf('a6').pdf);
    expect(fonts.map(({ name }) => name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSansSC-Regular',
    ]);
    for (const font of fonts) {
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
      expect(font).toMatchObject({ embedded: true, subset: true });
    }
    // Two fonts of 10 MB each: the subsets of a few hundred glyphs keep the whole file small.
    expect(pdfOf('a6').pdf.length).toBeLessThan(200_000);
  });
});
