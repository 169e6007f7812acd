/**
 * Name badges (functions/badges/): for each layout, the time and bytes of one PDF of 1, 100 and 2,000
 * badges; then 2,000 A6 and butterfly badges as the route serves them, in parts of badgesPerPart:
 * each part's time, bytes and base64 bytes against API Gateway's 6 MB answer, and the peak memory
 * (a process of its own, as a Lambda container would). Half the names are Chinese, drawn from many characters,
 * so the font subsets grow as a real list's would. Exits 1 only when something is broken: a file that
 * is not a PDF, or a part that would not fit an answer.
 */
import { spawnSync } from 'node:child_process';
import { type LayoutId, layoutIds } from '../functions/badges/badge-layouts.ts';
import { printBadges } from '../functions/badges/print-badges.ts';
import { badgesPerPart } from '../functions/contract/badges.ts';
import { generateCheckinCode } from '../functions/domain/checkin-code-generator.ts';
import { checkinSigningKey } from '../functions/domain/checkin-signing-key.ts';
import type { Registration } from '../functions/domain/registration-model.ts';

const answerLimit = 6 * 1024 * 1024;
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳';
const givenCharacters =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强文博宇浩然梓涵欣怡子轩雨萱思远晨曦嘉怡俊杰诗涵一诺佳琪天佑梦琪晓明海燕春梅玉兰红霞凤英金凤翠花德华振宇昊天';
const latinNames = [
  'Maximiliane Alexandra von Hohenzollern-Sigmaringen Brandenbu',
  'Jean-Baptiste Émile Dubois',
  'Li Wei',
  'Ana',
  'Oluwaseun Adeyemi',
  'Siddharth Ramachandran',
];
const countries = ['CN', 'DE', 'FR', 'US', 'SG', 'BR', 'NG', 'IN', 'TW', 'JP'];

function registrationAt(index: number): Registration {
  const chinese = index % 2 === 0;
  const pick = (text: string, seed: number) => [...text][seed % [...text].length] ?? '';
  const name = chinese
    ? `${pick(surnames, index * 7)}${pick(givenCharacters, index * 13)}${index % 3 ? pick(givenCharacters, index * 31) : ''}`
    : (latinNames[index % latinNames.length] ?? 'Ana');
  return {
    id: `01JD3Z6Q8N4X2V7B5C${String(index).padStart(8, '0')}`,
    edition: '2027',
    category: 'delegate',
    status: 'confirmed',
    name,
    email: `person${index}@example.org`,
    country: countries[index % countries.length] ?? 'CN',
    ...(index % 4 ? { organization: chinese ? '浙江大学计算机科学与技术学院' : 'Internet Society' } : {}),
    language: 'en',
    needsVisaLetter: false,
    code: generateCheckinCode(),
    createdAt: '2027-10-01T00:00:00.000Z',
    updatedAt: '2027-10-01T00:00:00.000Z',
  };
}

const settings = {
  editionName: { en: 'World Internet Conference Wuzhen Summit', zh: '世界互联网大会乌镇峰会' },
  categories: new Map([['delegate', { name: { en: 'Delegate', zh: '参会代表' }, badgeColour: '#1D4ED8' }]]),
  signingKey: checkinSigningKey('bench secret', '2027'),
};
const people = Array.from({ length: 2000 }, (_, index) => registrationAt(index));
let broken = false;

async function timed(layout: LayoutId, registrations: Registration[]) {
  const started = performance.now();
  const pdf = await printBadges(layout, registrations, settings);
  const ms = performance.now() - started;
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') broken = true;
  return { ms, bytes: pdf.length, base64: Math.ceil(pdf.length / 3) * 4 };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const partsLayout = process.argv[2] === 'parts' ? (process.argv[3] as LayoutId) : undefined;
if (partsLayout) {
  // 2,000 badges in the parts the route serves, in a process of its own for its peak memory.
  let total = 0;
  for (let offset = 0; offset < people.length; offset += badgesPerPart) {
    const part = await timed(partsLayout, people.slice(offset, offset + badgesPerPart));
    total += part.ms;
    console.log(
      `  part ${offset / badgesPerPart + 1}: ${seconds(part.ms)}, ${megabytes(part.bytes)} (${megabytes(part.base64)} as base64)`,
    );
    if (part.base64 > answerLimit) broken = true;
  }
  console.log(`  total ${seconds(total)}; peak memory ${megabytes(process.resourceUsage().maxRSS * 1024)}`);
  process.exit(broken ? 1 : 0);
}

// The first PDF also reads and parses the two 10 MB fonts: a cold container's first print.
console.log('layout        badges      time        bytes');
for (const layout of layoutIds) {
  for (const count of [1, 100, 2000]) {
    const { ms, bytes } = await timed(layout, people.slice(0, count));
    console.log(
      `${layout.padEnd(12)} ${String(count).padStart(7)} ${seconds(ms).padStart(9)} ${megabytes(bytes).padStart(11)}`,
    );
  }
}
// A6 has the most pages, butterfly the most text and codes (each badge twice).
let partsFailed = false;
for (const layout of ['a6', 'butterfly'] as const) {
  console.log(
    `\n2,000 badges (${layout}) in parts of ${badgesPerPart}, as GET /api/admin/badges.pdf serves them:`,
  );
  const parts = spawnSync(process.execPath, [import.meta.filename, 'parts', layout], { stdio: 'inherit' });
  partsFailed ||= parts.status !== 0;
}
process.exit(broken || partsFailed ? 1 : 0);
