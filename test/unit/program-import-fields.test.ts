import { describe, expect, it } from 'vitest';
import { contrastWithWhite } from '../../content/colour-contrast.ts';
import { languageTag } from '../../content/import/program/language-tag.ts';
import { portalSessionType } from '../../content/import/program/session-type.ts';
import { trackPalette } from '../../content/import/program/track-palette.ts';
import { wallClock } from '../../content/import/program/wall-clock.ts';
import { newId, slugOf } from '../../content/import/slug.ts';

describe('slugs for new ids', () => {
  it('drop accents and spell out letters NFKD leaves alone', () => {
    expect(slugOf('Café Ökonomie: Straße & Æsir')).toBe('cafe-okonomie-strasse-aesir');
  });

  it('give nothing for a title without Latin letters, so the caller falls back', () => {
    expect(slugOf('数字经济论坛')).toBe('');
    expect(slugOf('2027')).toBe('');
    expect(newId(slugOf('数字经济论坛'), 's-g9jgwy', () => true, 4)).toBe('s-g9jgwy');
  });

  it('cut long titles between words and stay within the id length', () => {
    const slug = slugOf(
      'A very long title about the governance of artificial intelligence across many borders',
    );
    expect(slug.length).toBeLessThanOrEqual(56);
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(slug.endsWith('acros')).toBe(false);
  });

  it('are at least four characters and unique', () => {
    expect(newId(slugOf('AI'), 's-g9jgwy', () => true, 4)).toBe('ai-s-g9jgwy');
    const taken = new Set(['opening', 'opening-2']);
    expect(newId('opening', 's-x', (id) => !taken.has(id), 4)).toBe('opening-3');
  });
});

describe('field mappings', () => {
  it('writes an instant as the wall clock of the edition zone', () => {
    expect(wallClock('2020-12-14T09:00:00+01:00', 'UTC')).toBe('2020-12-14 08:00');
    expect(wallClock('2027-11-17T01:30:00Z', 'Asia/Shanghai')).toBe('2027-11-17 09:30');
    expect(wallClock('2020-03-29T01:30:00Z', 'Europe/Berlin')).toBe('2020-03-29 03:30');
  });

  it("maps type names to the portal's types and keeps the name when it says more", () => {
    expect(portalSessionType('Talk')).toEqual({ type: 'talk' });
    expect(portalSessionType('Workshops')).toEqual({ type: 'workshop' });
    expect(portalSessionType('Lightning talk')).toEqual({ type: 'talk', typeName: 'Lightning talk' });
    expect(portalSessionType('Panel discussion')).toEqual({ type: 'panel', typeName: 'Panel discussion' });
    expect(portalSessionType('Meetup')).toEqual({ type: 'talk', typeName: 'Meetup' });
    expect(portalSessionType(undefined)).toEqual({ type: 'talk' });
  });

  it('keeps languages as canonical BCP 47 tags and refuses what is not one', () => {
    expect(['en', 'pt_br', 'ZH-hans', 'de-DE'].map(languageTag)).toEqual(['en', 'pt-BR', 'zh-Hans', 'de-DE']);
    expect(['english', '', 'x-private'].map(languageTag)).toEqual([undefined, undefined, undefined]);
  });

  it('picks track colours white text reads on (4.5:1 or more)', () => {
    for (const color of trackPalette) expect(contrastWithWhite(color), color).toBeGreaterThanOrEqual(4.5);
    expect(contrastWithWhite('#777777')).toBeLessThan(4.5);
  });
});
