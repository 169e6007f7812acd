const en = {
  'search.title': 'Search',
  'search.description':
    'Search the sessions, speakers, venues and town stories of the World Internet Conference in Wuzhen.',
  'search.label': 'Search the portal',
  'search.submit': 'Search',
  'search.placeholder': 'Sessions, speakers, places…',
  'search.menu': 'Menu',
  'search.browse': 'Browse instead',
  'search.noScript':
    'Search runs in your browser and needs JavaScript. Without it, browse the program, the speakers or the town guide below.',
  'search.result': '1 result for “{query}”',
  'search.results': '{count} results for “{query}”',
  'search.none': 'Nothing found for “{query}”.',
  'search.loading': 'Searching…',
  'search.failed':
    'Search is not available right now. Browse the program, the speakers or the town guide instead.',
  'search.type.session': 'Session',
  'search.type.speaker': 'Speaker',
  'search.type.venue': 'Venue',
  'search.type.story': 'Town story',
  'search.type.program': 'Program',
  'search.type.page': 'Page',
};

const zh: Record<keyof typeof en, string> = {
  'search.title': '搜索',
  'search.description': '搜索乌镇世界互联网大会的议程、嘉宾、场所和小镇故事。',
  'search.label': '搜索本门户',
  'search.submit': '搜索',
  'search.placeholder': '议程、嘉宾、场所……',
  'search.menu': '菜单',
  'search.browse': '直接浏览',
  'search.noScript': '搜索在浏览器中运行，需要启用 JavaScript。也可以直接浏览下方的议程、嘉宾或城镇指南。',
  'search.result': '“{query}”共有 1 条结果',
  'search.results': '“{query}”共有 {count} 条结果',
  'search.none': '没有找到与“{query}”相关的内容。',
  'search.loading': '正在搜索……',
  'search.failed': '搜索暂不可用。请直接浏览议程、嘉宾或城镇指南。',
  'search.type.session': '议程',
  'search.type.speaker': '嘉宾',
  'search.type.venue': '场所',
  'search.type.story': '小镇故事',
  'search.type.program': '日程',
  'search.type.page': '页面',
};

export const searchStrings = { en, zh };
