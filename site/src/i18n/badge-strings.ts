/** The name badges' strings: the organizer page's section, the desk's print button, the audit trail. */
const en = {
  'organizer.badges.title': 'Name badges',
  'organizer.badges.hint':
    'A PDF of the badges of the registrations you choose; every filter is optional. Over 500 badges come as several PDF files, one after the other.',
  'organizer.badges.layout': 'Layout',
  'organizer.badges.layout.a6': 'A6, one badge a page',
  'organizer.badges.layout.a7': 'A7 landscape, one badge a page',
  'organizer.badges.layout.a4-4xa6': 'Four A6 badges on A4, with cut marks',
  'organizer.badges.layout.a4-8xa7': 'Eight A7 badges on A4, with cut marks',
  'organizer.badges.layout.a4-10-cards': 'Ten 54 × 90 mm cards on A4 card sheets',
  'organizer.badges.layout.butterfly': 'Butterfly, 82 × 203 mm, folded: the name on both sides',
  'organizer.badges.checkedIn': 'Check-in',
  'organizer.badges.checkedInYes': 'Checked in',
  'organizer.badges.checkedInNo': 'Not yet checked in',
  'organizer.badges.since': 'Registered on or after',
  'organizer.badges.print': 'Print badges (PDF)',
  'organizer.badges.preparing': 'Preparing the badges…',
  'organizer.badges.part': 'Downloaded part {part}; preparing the next…',
  'organizer.badges.done': 'Badges ready: {files} PDF file(s) downloaded.',
  'organizer.badges.none': 'No registration matches these filters.',
  'checkin.printBadge': 'Print badge',
  'checkin.badgeFailed': 'The badge could not be prepared. Try again.',
  'audit.action.badges.print': 'Printed name badges',
};

const zh: Record<keyof typeof en, string> = {
  'organizer.badges.title': '胸卡',
  'organizer.badges.hint':
    '按所选条件生成报名者胸卡的 PDF 文件，各筛选条件均可不填。超过 500 张时分为多个 PDF 文件依次下载。',
  'organizer.badges.layout': '版式',
  'organizer.badges.layout.a6': 'A6，每页一张',
  'organizer.badges.layout.a7': 'A7 横版，每页一张',
  'organizer.badges.layout.a4-4xa6': 'A4 纸四张 A6，带裁切标记',
  'organizer.badges.layout.a4-8xa7': 'A4 纸八张 A7，带裁切标记',
  'organizer.badges.layout.a4-10-cards': 'A4 卡纸十张 54 × 90 毫米卡片',
  'organizer.badges.layout.butterfly': '蝴蝶式，82 × 203 毫米，对折后两面均显示姓名',
  'organizer.badges.checkedIn': '签到情况',
  'organizer.badges.checkedInYes': '已签到',
  'organizer.badges.checkedInNo': '尚未签到',
  'organizer.badges.since': '报名时间不早于',
  'organizer.badges.print': '生成胸卡（PDF）',
  'organizer.badges.preparing': '正在生成胸卡……',
  'organizer.badges.part': '已下载第 {part} 部分，正在生成下一部分……',
  'organizer.badges.done': '胸卡已生成：共下载 {files} 个 PDF 文件。',
  'organizer.badges.none': '没有符合筛选条件的报名。',
  'checkin.printBadge': '打印胸卡',
  'checkin.badgeFailed': '胸卡生成失败，请重试。',
  'audit.action.badges.print': '打印胸卡',
};

export const badgeStrings = { en, zh };
