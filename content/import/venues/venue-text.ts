import type { LocalizedText } from '../../schemas/localized.ts';
import type { CategoryMatch } from './venue-category.ts';

/**
 * The venue's name, intro and address in English and Chinese from what OSM has. Nothing is
 * translated: text found in one language only stands in for the other, as given.
 */

const han = /\p{Script=Han}/u;
export const hasHan = (text: string) => han.test(text);

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** `name:en`, else a `name` without Chinese characters; the ASCII one is what an id is made of. */
export function englishName(tags: Record<string, string>): string | undefined {
  const name = present(tags.name);
  return present(tags['name:en']) ?? (name && !hasHan(name) ? name : undefined);
}

export function venueName(tags: Record<string, string>): LocalizedText | undefined {
  const name = present(tags.name);
  const zh =
    present(tags['name:zh-Hans']) ?? present(tags['name:zh']) ?? (name && hasHan(name) ? name : undefined);
  const en = englishName(tags) ?? zh;
  if (!en) return undefined;
  return { en, zh: zh ?? en };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `description:en`/`:zh`, or `description` by its script; else what the category honestly says. */
export function venueIntro(tags: Record<string, string>, category: CategoryMatch): LocalizedText {
  const description = present(tags.description);
  return {
    en:
      present(tags['description:en']) ??
      (description && !hasHan(description) ? description : undefined) ??
      `${capitalised(category.label.en)}, as mapped in OpenStreetMap. No description yet.`,
    zh:
      present(tags['description:zh-Hans']) ??
      present(tags['description:zh']) ??
      (description && hasHan(description) ? description : undefined) ??
      `OpenStreetMap 上标注的${category.label.zh}，暂无介绍。`,
  };
}

/** An address part in one language: `addr:street:en` over `addr:street`. */
function part(tags: Record<string, string>, key: string, language: 'en' | 'zh'): string | undefined {
  return present(tags[`addr:${key}:${language}`]) ?? present(tags[`addr:${key}`]);
}

const firstOf = (tags: Record<string, string>, keys: string[], language: 'en' | 'zh') =>
  keys.map((key) => part(tags, key, language)).find(Boolean);

/**
 * `addr:*` composed in each language's order: "18 Shifo Road, Wuzhen, Tongxiang, Zhejiang 314501"
 * and "浙江省桐乡市乌镇石佛路18号". Without any, none: the page then shows the map alone, and the taxi
 * card the name, rather than a sentence no driver can use.
 */
export function venueAddress(tags: Record<string, string>): LocalizedText | undefined {
  const compose = (language: 'en' | 'zh') => {
    const house = part(tags, 'housenumber', language);
    const street = firstOf(tags, ['street', 'place'], language);
    const locality = firstOf(tags, ['suburb', 'district', 'village', 'town', 'hamlet'], language);
    const city = part(tags, 'city', language);
    const province = firstOf(tags, ['province', 'state'], language);
    const postcode = part(tags, 'postcode', language);
    if (language === 'en') {
      const provinceLine = [province, postcode].filter(Boolean).join(' ');
      const streetLine = [house, street].filter(Boolean).join(' ');
      return [streetLine, locality, city, provinceLine].filter(Boolean).join(', ');
    }
    const number = house && /^\d+$/.test(house) ? `${house}号` : house;
    const line = [province, city, locality, street, number].filter(Boolean).join('');
    return postcode ? `${line}（邮编 ${postcode}）` : line;
  };
  const full = present(tags['addr:full']);
  const en = compose('en') || full;
  const zh = compose('zh') || full;
  if (!en || !zh) return undefined;
  return { en, zh };
}
