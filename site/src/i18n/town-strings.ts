const en = {
  'town.title': 'The Internet town',
};

const zh: Record<keyof typeof en, string> = {
  'town.title': '互联网小镇',
};

export const townStrings = { en, zh };
