import type { Locale } from './locales.ts';

const en = {
  'site.name': 'World Internet Conference · Wuzhen',
  'site.shortName': 'WIC Wuzhen',
  'nav.skip': 'Skip to main content',
  'nav.main': 'Main',
  'nav.home': 'Home',
  'nav.language': 'Language',
  'home.title': 'World Internet Conference, Wuzhen',
  'home.description':
    'The World Internet Conference in Wuzhen, Zhejiang: dates, venue and essentials for attendees, organizers and visitors.',
  'home.lead':
    'Wuzhen, a canal town in Zhejiang, has been the permanent home of the World Internet Conference since its first edition in 2014.',
  'home.current': 'Next conference',
  'home.sampleNotice':
    'Sample edition: the dates, program and speakers shown on this portal are illustrative.',
  'home.when': 'When',
  'home.where': 'Where',
  'home.timezone': 'All times are China Standard Time (Asia/Shanghai, UTC+8).',
  'home.audience': 'Who comes',
  'home.audienceText':
    'About 2,000 participants from about 120 countries and regions took part in 2015, half of them from overseas.',
  'home.town': 'The Internet town',
  'home.townText':
    'Wuzhen has more than 2,600 Wi-Fi spots, everyday mobile payment and QR codes that serve as business cards for its inns and restaurants.',
  'home.history': 'Past editions',
  'home.participants': 'participants',
  'home.countries': 'countries and regions',
  'footer.note': 'An open-source portal for the World Internet Conference in Wuzhen.',
  'footer.sample': 'Program content on this site is sample content.',
};

const zh: Record<keyof typeof en, string> = {
  'site.name': '世界互联网大会 · 乌镇',
  'site.shortName': '乌镇峰会',
  'nav.skip': '跳到主要内容',
  'nav.main': '主导航',
  'nav.home': '首页',
  'nav.language': '语言',
  'home.title': '世界互联网大会 · 乌镇',
  'home.description': '世界互联网大会在浙江乌镇：为参会者、组织者和游客提供日期、会场等参会要点。',
  'home.lead': '浙江水乡乌镇自2014年首届大会起，便是世界互联网大会的永久会址。',
  'home.current': '下一届大会',
  'home.sampleNotice': '示例届次：本门户显示的日期、议程与嘉宾均为示例。',
  'home.when': '时间',
  'home.where': '地点',
  'home.timezone': '所有时间均为北京时间（Asia/Shanghai，UTC+8）。',
  'home.audience': '参会者',
  'home.audienceText': '2015年约有2000名嘉宾来自约120个国家和地区，其中约一半来自海外。',
  'home.town': '互联网小镇',
  'home.townText': '乌镇拥有2600多个Wi-Fi热点，移动支付已成日常，客栈和餐馆以二维码作为名片。',
  'home.history': '历届大会',
  'home.participants': '名嘉宾',
  'home.countries': '个国家和地区',
  'footer.note': '世界互联网大会（乌镇）开源门户。',
  'footer.sample': '本站议程内容为示例内容。',
};

export type UiKey = keyof typeof en;
const strings: Record<Locale, Record<UiKey, string>> = { en, zh };

export function translator(locale: Locale) {
  return (key: UiKey) => strings[locale][key];
}
