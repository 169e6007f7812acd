/**
 * The badge layouts organizers can print, from the sizes of badge holders and card sheets they buy.
 * Everything is in PDF points (1/72 inch) with the origin at the page's top left, as pdfkit draws.
 */

export const layoutIds = ['a6', 'a7', 'a4-4xa6', 'a4-8xa7', 'a4-10-cards', 'butterfly'] as const;
export type LayoutId = (typeof layoutIds)[number];

export const mm = (millimetres: number) => (millimetres * 72) / 25.4;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where one copy of a badge goes on a page; an upside-down one is turned half a turn about its centre. */
export interface Face extends Rect {
  upsideDown: boolean;
}

export interface Layout {
  id: LayoutId;
  /** Page width and height. */
  page: { width: number; height: number };
  /** Each badge's place on a page, filled in this order: its faces (two on a butterfly badge). */
  slots: Face[][];
  /** Cuts across the sheet (x of vertical cuts, y of horizontal ones), marked in the sheet's margins. */
  cuts?: { xs: number[]; ys: number[] };
  /** Where a butterfly badge folds (y), drawn as a dashed line. */
  fold?: number;
}

const upright = (rect: Rect): Face => ({ ...rect, upsideDown: false });

/** A grid of equal badges, `columns` × `rows`, centred on the page with no gap between them. */
function grid(page: Layout['page'], width: number, height: number, columns: number, rows: number) {
  const left = (page.width - columns * width) / 2;
  const top = (page.height - rows * height) / 2;
  const slots: Face[][] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      slots.push([upright({ x: left + column * width, y: top + row * height, width, height })]);
    }
  }
  const xs = Array.from({ length: columns + 1 }, (_, index) => left + index * width);
  const ys = Array.from({ length: rows + 1 }, (_, index) => top + index * height);
  return { slots, cuts: { xs, ys } };
}

const a4 = { width: mm(210), height: mm(297) };
const a6 = { width: mm(105), height: mm(148) };
/** A7 lies landscape: eight of them fill an A4 sheet (2 × 4), and landscape A7 holders are the common ones. */
const a7 = { width: mm(105), height: mm(74) };
const butterfly = { width: mm(82), height: mm(203) };

function single(id: LayoutId, page: Layout['page']): Layout {
  return { id, page, slots: [[upright({ x: 0, y: 0, ...page })]] };
}

export const layouts: Record<LayoutId, Layout> = {
  a6: single('a6', a6),
  a7: single('a7', a7),
  'a4-4xa6': { id: 'a4-4xa6', page: a4, ...grid(a4, a6.width, a6.height, 2, 2) },
  'a4-8xa7': { id: 'a4-8xa7', page: a4, ...grid(a4, a7.width, a7.height, 2, 4) },
  // 90 × 54 mm business-card sheets, 2 × 5 on A4 with 15 mm and 13.5 mm margins.
  'a4-10-cards': { id: 'a4-10-cards', page: a4, ...grid(a4, mm(90), mm(54), 2, 5) },
  // Folded at the middle: the upper half turned upside down reads upright on the back after the fold,
  // so the name shows whichever way the lanyard turns.
  butterfly: {
    id: 'butterfly',
    page: butterfly,
    fold: butterfly.height / 2,
    slots: [
      [
        { x: 0, y: 0, width: butterfly.width, height: butterfly.height / 2, upsideDown: true },
        upright({ x: 0, y: butterfly.height / 2, width: butterfly.width, height: butterfly.height / 2 }),
      ],
    ],
  },
};

export const badgesPerPage = (layout: Layout) => layout.slots.length;

/** The text boxes of a badge face and the minimum sizes its texts may shrink to (fit-text.ts). */
export interface FaceDesign {
  padding: number;
  header: Rect;
  name: Rect;
  pinyin: Rect;
  organization: Rect;
  country: Rect;
  qr: Rect;
  code: Rect;
  band: Rect;
  category: Rect;
  /** The size a name may shrink to before it wraps: legible across a conference hall's aisle. */
  nameMinSize: number;
  /** The same for the smaller lines. */
  detailMinSize: number;
}

/**
 * Where each text of a badge goes, in the face's own coordinates (its top left at 0,0): portrait
 * faces stack the texts above a centred QR code; landscape ones put the QR code to the right.
 * A colour band of the category runs along the bottom.
 */
export function faceDesign(width: number, height: number): FaceDesign {
  const padding = Math.max(mm(3), width * 0.04);
  const inner = width - 2 * padding;
  const large = width >= mm(100) && height >= mm(140);
  const bandHeight = height * (height > width ? 0.1 : 0.15);
  const band = { x: 0, y: height - bandHeight, width, height: bandHeight };
  const category = {
    x: padding,
    y: band.y + bandHeight * 0.15,
    width: inner,
    height: bandHeight * 0.7,
  };
  const nameMinSize = large ? 14 : 10;
  const detailMinSize = large ? 7 : 6;
  // At least one line at the minimum size (Noto Sans SC's line box is 1.448 of its size).
  const headerHeight = Math.max(height * 0.055, detailMinSize * 1.45);
  const header = { x: padding, y: padding * 0.8, width: inner, height: headerHeight };
  const top = header.y + header.height + padding * 0.4;
  const bottom = band.y - padding * 0.5;
  if (height > width) {
    const available = bottom - top;
    const codeHeight = available * 0.06;
    const qrSide = Math.min(inner * 0.62, available * 0.42);
    const qr = { x: (width - qrSide) / 2, y: bottom - codeHeight - qrSide, width: qrSide, height: qrSide };
    const code = { x: padding, y: bottom - codeHeight, width: inner, height: codeHeight };
    const textHeight = qr.y - top - padding * 0.3;
    const rows = stack(top, padding, inner, textHeight, [0.46, 0.14, 0.24, 0.16]);
    return { padding, header, ...rows, qr, code, band, category, nameMinSize, detailMinSize };
  }
  const available = bottom - top;
  const codeHeight = available * 0.13;
  const qrSide = Math.min(available - codeHeight, inner * 0.3);
  const qr = { x: width - padding - qrSide, y: top, width: qrSide, height: qrSide };
  const code = { x: qr.x, y: top + qrSide, width: qrSide, height: codeHeight };
  const textWidth = qr.x - padding * 1.5;
  const rows = stack(top, padding, textWidth, available, [0.5, 0.17, 0.18, 0.15]);
  return { padding, header, ...rows, qr, code, band, category, nameMinSize, detailMinSize };
}

/** The name, pinyin, organisation and country boxes, one above the other, sharing a height. */
function stack(top: number, left: number, width: number, height: number, shares: number[]) {
  const [name = 0, pinyin = 0, organization = 0, country = 0] = shares.map((share) => share * height);
  return {
    name: { x: left, y: top, width, height: name },
    pinyin: { x: left, y: top + name, width, height: pinyin },
    organization: { x: left, y: top + name + pinyin, width, height: organization },
    country: { x: left, y: top + name + pinyin + organization, width, height: country },
  };
}
