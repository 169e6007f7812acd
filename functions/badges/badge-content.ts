import { bandTextColour } from '../../content/schemas/badge-colour.ts';
import type { LocalizedText } from '../../content/schemas/localized.ts';
import { formatCheckinCode } from '../domain/checkin-code.ts';
import { type CheckinSigningKey, signCheckinCode } from '../domain/checkin-signing-key.ts';
import { countryNamer } from '../domain/countries.ts';
import type { Registration } from '../domain/registration-model.ts';
import { namePinyin } from './name-pinyin.ts';

/** The band of a category whose content gives no badge colour: a grey that takes white text. */
export const defaultBandColour = '#4B5563';

/** What one badge shows, every text ready to set. */
export interface BadgeContent {
  registrationId: string;
  /** The edition's name, in both languages, at the top. */
  header: string;
  /** The name as the registrant wrote it. */
  name: string;
  /** For a name with Chinese characters, its pinyin. */
  pinyin?: string;
  organization?: string;
  /** The country or region in English and in Chinese. */
  country: string;
  /** The category's name in English and in Chinese, on its colour band. */
  category: string;
  bandColour: string;
  bandTextColour: string;
  /** The 9-symbol check-in code as people read it (ABCD-EFGH-J), for typing at a desk. */
  code: string;
  /** What the QR code carries: the ticket's signed code, as in its e-mail. */
  signedCode: string;
}

export interface BadgeCategory {
  name: LocalizedText;
  badgeColour?: string;
}

const englishCountry = countryNamer('en', 'en-GB');
const chineseCountry = countryNamer('zh', 'zh-CN');

/** Both languages, English first: an international conference's badge is read by everyone. */
const bilingual = (english: string, chinese: string) =>
  english === chinese ? english : `${english} · ${chinese}`;

export function badgeContent(
  registration: Registration,
  {
    editionName,
    category,
    signingKey,
  }: { editionName: LocalizedText; category: BadgeCategory; signingKey: CheckinSigningKey },
): BadgeContent {
  const bandColour = category.badgeColour ?? defaultBandColour;
  const pinyin = namePinyin(registration.name);
  return {
    registrationId: registration.id,
    header: bilingual(editionName.en, editionName.zh),
    name: registration.name,
    ...(pinyin ? { pinyin } : {}),
    ...(registration.organization ? { organization: registration.organization } : {}),
    country: bilingual(englishCountry(registration.country), chineseCountry(registration.country)),
    category: bilingual(category.name.en, category.name.zh),
    bandColour,
    bandTextColour: bandTextColour(bandColour),
    code: formatCheckinCode(registration.code),
    signedCode: signCheckinCode(signingKey, registration.code),
  };
}
