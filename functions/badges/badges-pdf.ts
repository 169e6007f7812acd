import PDFDocument from 'pdfkit';
import type { BadgeContent } from './badge-content.ts';
import { type BadgeFontWeight, badgeFonts } from './badge-fonts.ts';
import { type Face, type FaceDesign, faceDesign, type Layout, type Rect } from './badge-layouts.ts';
import { type FittedText, fitText, type TextBox } from './fit-text.ts';
import { qrCodeImage } from './qr-code-image.ts';

/** The texts of a badge, each in its box: what the PDF draws, and what the tests check positions against. */
export interface PlacedText {
  text: string;
  /** The box on the page (for an upside-down face: where the box lands after the half turn). */
  box: Rect;
  /** The size it was set in, in points, and its lines. */
  size: number;
  lines: string[];
}

type Field = 'header' | 'name' | 'pinyin' | 'organization' | 'country' | 'code' | 'category';

const weights: Record<Field, BadgeFontWeight> = {
  header: 'regular',
  name: 'bold',
  pinyin: 'regular',
  organization: 'regular',
  country: 'regular',
  code: 'bold',
  category: 'bold',
};

/** The largest size of each text relative to its box's height; the name may fill its box. */
const largest = (field: Field, box: Rect, leading: number) =>
  Math.min(field === 'name' ? 40 : 16, box.height / leading);

/** The page coordinates of a rectangle of a face (turned half a turn with the face when upside down). */
function onPage(face: Face, rect: Rect): Rect {
  if (!face.upsideDown) return { ...rect, x: face.x + rect.x, y: face.y + rect.y };
  return {
    x: face.x + face.width - rect.x - rect.width,
    y: face.y + face.height - rect.y - rect.height,
    width: rect.width,
    height: rect.height,
  };
}

/** Measures texts with the document's fonts; widths scale with the size, so each is measured once. */
function measurer(document: PDFKit.PDFDocument) {
  const widths = new Map<string, number>();
  return (weight: BadgeFontWeight) => (text: string, size: number) => {
    const key = `${weight} ${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      width = document.font(weight).fontSize(1).widthOfString(text);
      widths.set(key, width);
    }
    return width * size;
  };
}

function drawText(
  document: PDFKit.PDFDocument,
  weight: BadgeFontWeight,
  fitted: FittedText,
  box: Rect,
  { leading, align, colour }: { leading: number; align: 'left' | 'center'; colour: string },
  measure: (text: string, size: number) => number,
) {
  const lineHeight = fitted.size * leading;
  let y = box.y + (box.height - fitted.lines.length * lineHeight) / 2;
  document.font(weight).fontSize(fitted.size).fillColor(colour);
  for (const line of fitted.lines) {
    const x = align === 'center' ? box.x + (box.width - measure(line, fitted.size)) / 2 : box.x;
    document.text(line, x, y, { lineBreak: false });
    y += lineHeight;
  }
}

function drawQrCode(document: PDFKit.PDFDocument, text: string, box: Rect) {
  document.image(qrCodeImage(text), box.x, box.y, { width: box.width, height: box.height });
}

/** Draws one face of a badge and answers where its texts went on the page. */
function drawFace(
  document: PDFKit.PDFDocument,
  face: Face,
  badge: BadgeContent,
  measureWith: ReturnType<typeof measurer>,
): PlacedText[] {
  const design: FaceDesign = faceDesign(face.width, face.height);
  const leading = document.font('regular').fontSize(1).currentLineHeight(false);
  const align = face.height > face.width ? 'center' : 'left';
  document.save();
  if (face.upsideDown) {
    document.rotate(180, { origin: [face.x + face.width / 2, face.y + face.height / 2] });
  }
  document.translate(face.x, face.y);
  const { band } = design;
  document.rect(band.x, band.y, band.width, band.height).fillColor(badge.bandColour).fill();
  const texts: Array<[Field, string | undefined, string]> = [
    ['header', badge.header, '#374151'],
    ['name', badge.name, '#000000'],
    ['pinyin', badge.pinyin, '#111827'],
    ['organization', badge.organization, '#111827'],
    ['country', badge.country, '#374151'],
    ['code', badge.code, '#000000'],
    ['category', badge.category, badge.bandTextColour],
  ];
  const placed: PlacedText[] = [];
  for (const [field, text, colour] of texts) {
    if (!text) continue;
    const rect = design[field];
    const minSize = field === 'name' ? design.nameMinSize : design.detailMinSize;
    const box: TextBox = {
      width: rect.width,
      height: rect.height,
      maxSize: Math.max(minSize, largest(field, rect, leading)),
      minSize,
      leading,
    };
    const measure = measureWith(weights[field]);
    const fitted = fitText(text, box, measure);
    const centred = field === 'code' || field === 'category' ? 'center' : align;
    drawText(document, weights[field], fitted, rect, { leading, align: centred, colour }, measure);
    placed.push({ text, box: onPage(face, rect), size: fitted.size, lines: fitted.lines });
  }
  drawQrCode(document, badge.signedCode, design.qr);
  document.restore();
  return placed;
}

/** Short marks on each cut line at the sheet's edges, where the guillotine's blade goes. */
function drawCutMarks(document: PDFKit.PDFDocument, layout: Layout) {
  const length = 14;
  const { width, height } = layout.page;
  if (layout.cuts) {
    for (const x of layout.cuts.xs) {
      document
        .moveTo(x, 0)
        .lineTo(x, length)
        .moveTo(x, height - length)
        .lineTo(x, height);
    }
    for (const y of layout.cuts.ys) {
      document
        .moveTo(0, y)
        .lineTo(length, y)
        .moveTo(width - length, y)
        .lineTo(width, y);
    }
  }
  document.lineWidth(0.3).strokeColor('#000000').stroke();
  if (layout.fold !== undefined) {
    document
      .moveTo(0, layout.fold)
      .lineTo(width, layout.fold)
      .dash(3, { space: 3 })
      .strokeColor('#9CA3AF')
      .stroke()
      .undash();
  }
}

export interface BadgesPdf {
  pdf: Buffer;
  /** Per page, the texts drawn and their boxes. */
  pages: PlacedText[][];
}

/**
 * The badges as one PDF, in order, as many a page as the layout holds. Both fonts are embedded as
 * subsets of the glyphs used, so a file of 2,000 badges carries a few thousand glyphs, not 10 MB fonts.
 */
export async function badgesPdf(layout: Layout, badges: readonly BadgeContent[]): Promise<BadgesPdf> {
  const document = new PDFDocument({
    size: [layout.page.width, layout.page.height],
    margin: 0,
    autoFirstPage: false,
    // No default font: pdfkit would load Helvetica through a require() that a bundle cannot follow
    // (it skips a null font; @types/pdfkit knows only strings). The badges set their own fonts.
    font: null as unknown as string,
    info: { Title: 'Name badges', Creator: 'Wuzhen portal' },
  });
  const fonts = badgeFonts();
  document.registerFont('regular', fonts.regular);
  document.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    document.on('end', resolve);
    document.on('error', reject);
  });
  const measureWith = measurer(document);
  const pages: PlacedText[][] = [];
  const perPage = layout.slots.length;
  for (let first = 0; first < badges.length; first += perPage) {
    document.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
    const placed: PlacedText[] = [];
    for (const [index, badge] of badges.slice(first, first + perPage).entries()) {
      for (const face of layout.slots[index] ?? [])
        placed.push(...drawFace(document, face, badge, measureWith));
    }
    drawCutMarks(document, layout);
    pages.push(placed);
  }
  document.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages };
}
