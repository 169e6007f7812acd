// The privacy page's frame; the notice's own text is versioned content (content/privacy/notice.yaml).
const en = {
  'privacy.title': 'Privacy notice',
  'privacy.description':
    'How the World Internet Conference portal handles registrants’ personal data: purposes, what is kept and for how long, where it is stored, and your rights under PIPL and GDPR.',
  'privacy.version': 'Version {version}, published {date}',
  'privacy.draft':
    'Draft: the marked parts are placeholders the organizer fills in before taking real registrations.',
  'privacy.fillIn': ' (to be filled in by the organizer)',
  'privacy.regionUnset': 'the region the portal is deployed in',
  'privacy.controller': 'Responsible',
  'privacy.contact': 'Contact',
  'privacy.manageLink': 'Your manage page',
  'privacy.manageText':
    ': open it with the link in your confirmation e-mail; without that link this page cannot show your registration.',
  'privacy.retentionEnds': 'For the {edition}, this is until {date}.',
  'privacy.footerLink': 'Privacy',
  'privacy.formLink': 'Read the privacy notice',
};

const zh: Record<keyof typeof en, string> = {
  'privacy.title': '隐私告知',
  'privacy.description':
    '世界互联网大会门户如何处理报名者的个人信息：处理目的、保存的信息及期限、存储地点，以及您依据《个人信息保护法》和 GDPR 享有的权利。',
  'privacy.version': '版本 {version}，发布于 {date}',
  'privacy.draft': '草稿：标出的部分为占位内容，主办方须在接受真实报名前填写。',
  'privacy.fillIn': '（待主办方填写）',
  'privacy.regionUnset': '本门户部署所在的区域',
  'privacy.controller': '处理者',
  'privacy.contact': '联系邮箱',
  'privacy.manageLink': '报名管理页面',
  'privacy.manageText': '：请通过确认邮件中的链接打开；没有该链接，此页面无法显示您的报名。',
  'privacy.retentionEnds': '对于{edition}，即保存至{date}。',
  'privacy.footerLink': '隐私',
  'privacy.formLink': '阅读隐私告知',
};

export const privacyStrings = { en, zh };
