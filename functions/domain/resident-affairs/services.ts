import type { LocalizedText } from '../../../content/schemas/localized.ts';
import type { Department, ServiceRequest } from './model.ts';

/** GeoReport v2's attribute datatypes (wiki.open311.org/GeoReport_v2#GET_Service_Definition). */
export const attributeDatatypes = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type AttributeDatatype = (typeof attributeDatatypes)[number];

/** One more question a service asks, in both languages. */
export interface ServiceAttribute {
  code: string;
  datatype: AttributeDatatype;
  required: boolean;
  description: LocalizedText;
  /** The options of a single- or multi-value list, by key. */
  values?: readonly { key: string; name: LocalizedText }[];
}

/** A kind of problem residents can report, and who deals with it unless staff decide otherwise. */
export interface Service {
  code: string;
  department: Department;
  name: LocalizedText;
  description: LocalizedText;
  /** Other words people use for it, so a search finds it. */
  keywords: { en: readonly string[]; zh: readonly string[] };
  attributes: readonly ServiceAttribute[];
}

/** The departments' names, as requesters and Open311 clients (`agency_responsible`, `group`) read them. */
export const departmentNames: Record<Department, LocalizedText> = {
  transport: { en: 'Transport', zh: '交通' },
  'roads-bridges': { en: 'Roads and bridges', zh: '道路桥梁' },
  lighting: { en: 'Lighting', zh: '路灯照明' },
  sanitation: { en: 'Sanitation', zh: '环境卫生' },
  'water-canals': { en: 'Water and canals', zh: '水务河道' },
  wifi: { en: 'Wi-Fi', zh: '无线网络' },
  health: { en: 'Health', zh: '卫生健康' },
  other: { en: 'Other', zh: '其他' },
};

/**
 * What the town's resident-affairs office answers, in the order the report page lists them. Codes
 * are stable: stored requests and Open311 clients keep them.
 */
export const services: readonly Service[] = [
  {
    code: 'blocked-vehicle',
    department: 'transport',
    name: { en: 'Blocked in by a vehicle', zh: '车辆堵门挡道' },
    description: {
      en: 'A car, van or boat trailer blocks your gate, a lane or a fire passage.',
      zh: '汽车、货车或船拖车堵住了家门、巷子或消防通道。',
    },
    keywords: { en: ['parking', 'car', 'blocked', 'gate'], zh: ['停车', '挡路', '堵车', '乱停'] },
    attributes: [
      {
        code: 'blocking',
        datatype: 'singlevaluelist',
        required: true,
        description: { en: 'What does it block?', zh: '堵住了什么？' },
        values: [
          { key: 'gate', name: { en: 'A gate or doorway', zh: '家门或门口' } },
          { key: 'lane', name: { en: 'A lane or road', zh: '巷子或道路' } },
          { key: 'fire-passage', name: { en: 'A fire passage', zh: '消防通道' } },
        ],
      },
      {
        code: 'plate',
        datatype: 'string',
        required: false,
        description: {
          en: 'The number plate, if you can read it (staff only see it).',
          zh: '车牌号（如能看清；仅工作人员可见）。',
        },
      },
    ],
  },
  {
    code: 'road-bridge-damage',
    department: 'roads-bridges',
    name: { en: 'Road or bridge damage', zh: '道路或桥梁损坏' },
    description: {
      en: 'A pothole, loose paving stones, a broken railing or a damaged bridge step.',
      zh: '路面坑洞、石板松动、栏杆断裂或桥阶损坏。',
    },
    keywords: { en: ['pothole', 'paving', 'railing', 'bridge'], zh: ['坑洞', '石板', '栏杆', '桥'] },
    attributes: [
      {
        code: 'hazard',
        datatype: 'singlevaluelist',
        required: true,
        description: { en: 'Can someone get hurt?', zh: '是否可能伤人？' },
        values: [
          { key: 'yes', name: { en: 'Yes, it is dangerous now', zh: '是，现在就有危险' } },
          { key: 'no', name: { en: 'No, but it needs repair', zh: '否，但需要修理' } },
        ],
      },
    ],
  },
  {
    code: 'street-light-out',
    department: 'lighting',
    name: { en: 'Street light out', zh: '路灯不亮' },
    description: {
      en: 'A street lamp or a bridge light is dark, flickers or stays on by day.',
      zh: '路灯或桥灯不亮、闪烁或白天常亮。',
    },
    keywords: { en: ['lamp', 'light', 'dark'], zh: ['路灯', '灯', '黑'] },
    attributes: [
      {
        code: 'pole',
        datatype: 'string',
        required: false,
        description: { en: 'The number on the pole, if there is one.', zh: '灯杆上的编号（如有）。' },
      },
    ],
  },
  {
    code: 'rubbish',
    department: 'sanitation',
    name: { en: 'Rubbish', zh: '垃圾问题' },
    description: {
      en: 'An overflowing bin, dumped rubbish or a missed collection.',
      zh: '垃圾桶满溢、乱倒垃圾或漏收。',
    },
    keywords: { en: ['litter', 'bin', 'garbage', 'waste'], zh: ['垃圾', '垃圾桶', '清运'] },
    attributes: [
      {
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        description: { en: 'What kind of problem?', zh: '什么情况？' },
        values: [
          { key: 'overflowing', name: { en: 'Overflowing bin', zh: '垃圾桶满溢' } },
          { key: 'dumped', name: { en: 'Dumped rubbish', zh: '乱倒垃圾' } },
          { key: 'missed', name: { en: 'Missed collection', zh: '漏收' } },
        ],
      },
    ],
  },
  {
    code: 'canal-water',
    department: 'water-canals',
    name: { en: 'Canal or water problem', zh: '河道或供水问题' },
    description: {
      en: 'Floating rubbish, a bad smell or colour in a canal, a blocked drain, a leak or flooding.',
      zh: '河面漂浮物、河水异味或变色、下水道堵塞、漏水或积水。',
    },
    keywords: {
      en: ['canal', 'river', 'drain', 'flood', 'leak'],
      zh: ['河道', '河水', '下水道', '积水', '漏水'],
    },
    attributes: [
      {
        code: 'kind',
        datatype: 'multivaluelist',
        required: false,
        description: { en: 'What do you see?', zh: '看到了什么？' },
        values: [
          { key: 'floating', name: { en: 'Floating rubbish', zh: '漂浮垃圾' } },
          { key: 'smell', name: { en: 'Smell or colour', zh: '异味或变色' } },
          { key: 'drain', name: { en: 'Blocked drain', zh: '下水道堵塞' } },
          { key: 'flooding', name: { en: 'Leak or flooding', zh: '漏水或积水' } },
        ],
      },
    ],
  },
  {
    code: 'wifi-down',
    department: 'wifi',
    name: { en: 'Wi-Fi not working', zh: '无线网络故障' },
    description: {
      en: 'The town’s free Wi-Fi does not connect or is very slow here.',
      zh: '镇上的免费无线网络在此处连不上或很慢。',
    },
    keywords: { en: ['wifi', 'internet', 'network'], zh: ['无线', '上网', '网络', 'WiFi'] },
    attributes: [
      {
        code: 'network',
        datatype: 'string',
        required: false,
        description: { en: 'The network’s name, as your phone shows it.', zh: '手机上显示的网络名称。' },
      },
    ],
  },
  {
    code: 'health-concern',
    department: 'health',
    name: { en: 'Health concern', zh: '卫生健康问题' },
    description: {
      en: 'A public health worry: dead animals, pests, unsafe food stalls. Not for emergencies: call 120.',
      zh: '公共卫生隐患：动物尸体、虫鼠害、不卫生的食品摊。紧急情况请拨打120。',
    },
    keywords: { en: ['pests', 'rats', 'hygiene', 'food'], zh: ['卫生', '老鼠', '蚊虫', '食品'] },
    attributes: [],
  },
  {
    code: 'other',
    department: 'other',
    name: { en: 'Something else', zh: '其他问题' },
    description: {
      en: 'Any other problem in the town the office should know about.',
      zh: '需要告知镇政府的其他问题。',
    },
    keywords: { en: ['other', 'help'], zh: ['其他', '求助'] },
    attributes: [],
  },
];

export function serviceByCode(code: string): Service | undefined {
  return services.find((service) => service.code === code);
}

/** The service a stored request names; a code no longer in the catalogue reads as "other". */
export function serviceOf(request: Pick<ServiceRequest, 'serviceCode'>): Service {
  const service = serviceByCode(request.serviceCode) ?? serviceByCode('other');
  if (!service) throw new Error('The catalogue has no "other" service.');
  return service;
}

/** The department working a request: the one staff assigned, else its service's own. */
export const departmentOf = (request: Pick<ServiceRequest, 'serviceCode' | 'department'>): Department =>
  request.department ?? serviceOf(request).department;

/**
 * What the requester can expect (Open311's `service_notice`), with the first-response target the
 * deployment keeps.
 */
export function serviceNotice(service: Service, locale: keyof LocalizedText, targetMinutes: number): string {
  const answer =
    locale === 'zh'
      ? `工作人员全天候在${targetMinutes}分钟内首次回复。`
      : `Staff first answer within ${targetMinutes} minutes, day and night.`;
  if (service.department !== 'health') return answer;
  return locale === 'zh' ? `${answer}紧急情况请拨打120。` : `${answer} Not for emergencies: call 120.`;
}
