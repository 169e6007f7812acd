import type { PaymentMethod } from '../../schemas/venue.ts';
import { offersWlan } from './venue-category.ts';

/**
 * Phone, website, payment, Wi-Fi and wheelchair access from OSM tags, in the venue schema's terms.
 * What does not fit the schema is returned as a problem for the report, never written half-right.
 */

/** The first of several values (`phone=+86 573 1111 2222;+86 573 3333 4444`). */
const first = (value: string | undefined) => value?.split(';')[0]?.trim() || undefined;

const phonePattern = /^\+?[0-9 ()-]{5,20}$/;

export function phoneFrom(tags: Record<string, string>): { phone?: string; problem?: string } {
  const given = first(tags.phone) ?? first(tags['contact:phone']);
  if (!given) return {};
  const spaced = given.replace(/[./]/g, ' ').replace(/\s+/g, ' ').trim();
  const phone = [spaced, spaced.replace(/ /g, '')].find((candidate) => phonePattern.test(candidate));
  return phone ? { phone } : { problem: `phone "${given}" is not a number the portal can show (left out)` };
}

/** The schema links https only; an http site is reported, not upgraded (it may not serve https). */
export function websiteFrom(tags: Record<string, string>): { website?: string; problem?: string } {
  const given = first(tags.website) ?? first(tags['contact:website']);
  if (!given) return {};
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { problem: `website "${given}" is not a URL (left out)` };
  }
  if (url.protocol === 'https:') return { website: given };
  if (url.protocol === 'http:') {
    return {
      problem: `website "${given}" is http, and the portal links https only (left out; not upgraded, as the site may not serve https)`,
    };
  }
  return { problem: `website "${given}" is not a web address (left out)` };
}

const paymentKeys: Record<PaymentMethod, string[]> = {
  alipay: ['alipay'],
  wechat: ['wechat', 'wechat_pay', 'weixin'],
  card: [
    'cards',
    'credit_cards',
    'debit_cards',
    'visa',
    'visa_debit',
    'visa_electron',
    'mastercard',
    'maestro',
    'unionpay',
    'american_express',
    'jcb',
    'diners_club',
    'discover_card',
  ],
  cash: ['cash', 'coins', 'notes'],
};

/** `payment:<method>=yes` (or `only`), in the schema's order. */
export function paymentFrom(tags: Record<string, string>): PaymentMethod[] {
  const accepted = (key: string) => ['yes', 'only'].includes(tags[`payment:${key}`] ?? '');
  return (Object.entries(paymentKeys) as Array<[PaymentMethod, string[]]>)
    .filter(([, keys]) => keys.some(accepted))
    .map(([method]) => method);
}

/**
 * `internet_access=wlan`: free when `internet_access:fee=no` (or `customers`: free to whoever buys
 * something, which is how a guest meets it), paid when `yes`, unknown otherwise.
 */
export function wifiFrom(tags: Record<string, string>): { free?: boolean; network?: string } | undefined {
  if (!offersWlan(tags)) return undefined;
  const fee = tags['internet_access:fee'];
  const network = tags['internet_access:ssid']?.trim();
  return {
    ...(fee === 'no' || fee === 'customers' ? { free: true } : fee === 'yes' ? { free: false } : {}),
    ...(network ? { network } : {}),
  };
}

const wheelchairValues: Record<string, 'yes' | 'limited' | 'no'> = {
  yes: 'yes',
  designated: 'yes',
  limited: 'limited',
  no: 'no',
};

export function wheelchairFrom(tags: Record<string, string>): 'yes' | 'limited' | 'no' | undefined {
  return wheelchairValues[tags.wheelchair ?? ''];
}
