const en = {
  'program.title': 'Program',
};

const zh: Record<keyof typeof en, string> = {
  'program.title': '议程',
};

export const programStrings = { en, zh };
