import fontkit from '@pdf-lib/fontkit';
import { degrees, PDFDocument, PDFHexString, rgb, type PDFFont, type PDFImage } from 'pdf-lib';
import { letterFonts } from './fonts';
import {
  ADDRESS,
  BODY,
  BODY_TOP_FIRST,
  MARGIN,
  PAGE,
  pdfY,
  RECIPIENT_WINDOW,
  RETURN_WINDOW,
  WINDOW_PADDING,
  type Rect,
} from './layout';
import { cachedMeasurer, wrapParagraphs, type Measurer } from './wrap';

export interface Letter {
  /** Recipient block: name, then address lines in USPS style. */
  recipient: string[];
  /** Merged letter text: paragraphs separated by blank lines. */
  body: string;
}

export interface RenderOptions {
  /** Return address block (practice name and address lines). */
  returnAddress: string[];
  /** PNG or JPEG bytes printed top-right on page 1 of each letter. */
  logo?: { bytes: Uint8Array; type: 'png' | 'jpeg' };
  /** Diagonal "PROOF" on every page. */
  proof: boolean;
  /** Start every letter on a front side (a blank back after odd page counts). */
  duplex: boolean;
  /** Document title and dates: fixed inputs, so identical input gives identical bytes. */
  title: string;
  createdAt: Date;
}

export interface RenderedDocument {
  pdf: Uint8Array;
  pageCount: number;
  /** Per letter: where its first page is (0-based) and how many pages it has. */
  letters: Array<{ firstPage: number; pages: number }>;
}

const INK = rgb(0.1, 0.1, 0.1);

/**
 * Mail-merged letters in one PDF: fonts and logo embedded once, text wrapped and paginated, page
 * numbers on multi-page letters, recipient and return blocks inside the envelope windows (shrunk
 * to fit, never spilling out), metadata without patient data.
 */
export async function renderLetters(letters: Iterable<Letter>, options: RenderOptions): Promise<RenderedDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts = letterFonts();
  const regular = await doc.embedFont(fonts.regular, { subset: true });
  const bold = await doc.embedFont(fonts.bold, { subset: true });
  const logo = options.logo
    ? options.logo.type === 'png'
      ? await doc.embedPng(options.logo.bytes)
      : await doc.embedJpg(options.logo.bytes)
    : undefined;
  doc.setTitle(options.title);
  doc.setProducer('PatientLetterHub');
  doc.setCreator('PatientLetterHub proof engine');
  doc.setCreationDate(options.createdAt);
  doc.setModificationDate(options.createdAt);

  memoizeEncoding(regular);
  memoizeEncoding(bold);
  const measure = cachedMeasurer(regular);
  const measureBold = cachedMeasurer(bold);
  const placed: RenderedDocument['letters'] = [];
  const bodyWidth = PAGE.width - MARGIN.left - MARGIN.right;
  for (const letter of letters) {
    const paragraphs = wrapParagraphs(letter.body, measure, BODY.fontSize, bodyWidth);
    const pages = paginate(paragraphs);
    const firstPage = doc.getPageCount();
    pages.forEach((lines, index) => {
      const page = doc.addPage([PAGE.width, PAGE.height]);
      if (index === 0) {
        drawBlock(page, options.returnAddress, RETURN_WINDOW, { regular, bold, measure, measureBold });
        drawBlock(page, letter.recipient, RECIPIENT_WINDOW, { regular, bold, measure, measureBold });
        if (logo) drawLogo(page, logo);
      }
      let y = index === 0 ? BODY_TOP_FIRST : MARGIN.top;
      for (const line of lines) {
        if (line !== null)
          page.drawText(line, {
            x: MARGIN.left,
            y: pdfY(y + BODY.fontSize),
            size: BODY.fontSize,
            font: regular,
            color: INK,
          });
        y += line === null ? BODY.paragraphGap : BODY.leading;
      }
      if (pages.length > 1) {
        const label = `Page ${index + 1} of ${pages.length}`;
        page.drawText(label, {
          x: PAGE.width - MARGIN.right - regular.widthOfTextAtSize(label, 8),
          y: MARGIN.bottom / 2,
          size: 8,
          font: regular,
          color: INK,
        });
      }
      if (options.proof) drawWatermark(page, bold);
    });
    if (options.duplex && pages.length % 2 === 1) {
      const blank = doc.addPage([PAGE.width, PAGE.height]);
      if (options.proof) drawWatermark(blank, bold);
    }
    placed.push({ firstPage, pages: pages.length });
  }
  const pdf = await doc.save({ useObjectStreams: true });
  return { pdf, pageCount: doc.getPageCount(), letters: placed };
}

/** Lines per page; `null` marks the gap between paragraphs. */
function paginate(paragraphs: string[][]): Array<Array<string | null>> {
  const pages: Array<Array<string | null>> = [[]];
  let y = BODY_TOP_FIRST;
  const bottom = PAGE.height - MARGIN.bottom - BODY.leading;
  paragraphs.forEach((lines, p) => {
    for (const line of lines) {
      if (y + BODY.leading > bottom) {
        pages.push([]);
        y = MARGIN.top;
      }
      pages[pages.length - 1]!.push(line);
      y += BODY.leading;
    }
    if (p < paragraphs.length - 1) {
      pages[pages.length - 1]!.push(null);
      y += BODY.paragraphGap;
    }
  });
  return pages;
}

/** An address block inside a window: first line bold, shrunk until every line fits, never outside. */
function drawBlock(
  page: ReturnType<PDFDocument['addPage']>,
  lines: string[],
  window: Rect,
  fonts: { regular: PDFFont; bold: PDFFont; measure: Measurer; measureBold: Measurer },
): void {
  const { regular, bold } = fonts;
  const widthOf = (i: number, text: string, size: number) =>
    (i === 0 ? fonts.measureBold : fonts.measure).widthOfTextAtSize(text, size);
  const width = window.width - 2 * WINDOW_PADDING;
  const height = window.height - 2 * WINDOW_PADDING;
  let size = ADDRESS.fontSize;
  const fits = (s: number) =>
    lines.length * s * (ADDRESS.leading / ADDRESS.fontSize) <= height &&
    lines.every((l, i) => widthOf(i, l, s) <= width);
  while (size > ADDRESS.minFontSize && !fits(size)) size -= 0.5;
  const leading = size * (ADDRESS.leading / ADDRESS.fontSize);
  lines.forEach((raw, i) => {
    const font = i === 0 ? bold : regular;
    let line = raw;
    while (line.length > 1 && widthOf(i, line, size) > width) line = line.slice(0, -1);
    const top = window.y + WINDOW_PADDING + i * leading;
    if (top + leading > window.y + window.height - WINDOW_PADDING + 0.01) return; // more lines than the window holds
    page.drawText(line, { x: window.x + WINDOW_PADDING, y: pdfY(top + size), size, font, color: INK });
  });
}

function drawLogo(page: ReturnType<PDFDocument['addPage']>, logo: PDFImage): void {
  const box = { width: 1.75 * 72, height: 0.75 * 72 };
  const scale = Math.min(box.width / logo.width, box.height / logo.height, 1);
  const w = logo.width * scale;
  const h = logo.height * scale;
  page.drawImage(logo, { x: PAGE.width - MARGIN.right - w, y: pdfY(0.5 * 72 + h), width: w, height: h });
}

function drawWatermark(page: ReturnType<PDFDocument['addPage']>, font: PDFFont): void {
  page.drawText('PROOF', {
    x: PAGE.width / 2 - 180,
    y: PAGE.height / 2 - 120,
    size: 120,
    font,
    color: rgb(0.85, 0.85, 0.85),
    rotate: degrees(45),
    opacity: 0.35,
  });
}

/**
 * pdf-lib encodes each drawn line through fontkit's full layout (shaping, GSUB/GPOS), the renderer's
 * largest cost. Two shortcuts keep the result identical in print: a line drawn before reuses its
 * encoding (most lines of a mail merge repeat), and a new line without combining marks is encoded
 * character by character from cached single-character encodings (the fonts' ligatures and kerning
 * are not used in letters; a line with combining marks still goes through full layout).
 */
const COMBINING = /\p{M}/u;

function memoizeEncoding(font: PDFFont): void {
  const encode = font.encodeText.bind(font);
  const lines = new Map<string, PDFHexString>();
  const chars = new Map<string, string>();
  const hexOf = (ch: string) => {
    let hex = chars.get(ch);
    if (hex === undefined) {
      hex = encode(ch).asString();
      chars.set(ch, hex);
    }
    return hex;
  };
  font.encodeText = (text: string) => {
    let hit = lines.get(text);
    if (!hit) {
      if (lines.size > 50_000) lines.clear();
      hit = COMBINING.test(text) ? encode(text) : PDFHexString.of([...text].map(hexOf).join(''));
      lines.set(text, hit);
    }
    return hit;
  };
}
