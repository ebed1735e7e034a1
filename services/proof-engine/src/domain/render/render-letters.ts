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
import { EmbeddedFontStack } from './pdf/font-stack';
import { embedImage, type EmbeddedImage, type ImageInput } from './pdf/embedded-image';
import { num, pdfDate, PdfWriter, pdfText, type Sink } from './pdf/pdf-writer';
import { wrapParagraphs } from './wrap';

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
  logo?: ImageInput;
  /**
   * A letterhead image across the top of page 1, right of the return-address window (where the
   * envelope shows nothing); it replaces the logo, which a letterhead normally carries.
   */
  letterhead?: ImageInput;
  /** PNG or JPEG signature printed under the last line of each letter. */
  signature?: ImageInput;
  /** Diagonal "PROOF" on every page. */
  proof: boolean;
  /** Start every letter on a front side (a blank back after odd page counts). */
  duplex: boolean;
  /** Document title and dates: fixed inputs, so identical input gives identical bytes. */
  title: string;
  createdAt: Date;
}

export interface PlacedLetter {
  /** Where its first page is (0-based) and how many pages it has. */
  firstPage: number;
  pages: number;
}

export interface RenderedDocument {
  pdf: Uint8Array;
  pageCount: number;
  letters: PlacedLetter[];
}

/** One letter could not be rendered; `index` is its position in the input (0-based). */
export class LetterRenderError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: Error,
  ) {
    super(`Letter ${index + 1} could not be rendered: ${cause.message}`);
    this.name = 'LetterRenderError';
  }
}

/** Mail-merged letters as one PDF in memory (proofs, previews). */
export async function renderLetters(
  letters: Iterable<Letter> | AsyncIterable<Letter>,
  options: RenderOptions,
): Promise<RenderedDocument> {
  const chunks: Buffer[] = [];
  const result = await writeLetters((c) => chunks.push(c), letters, options);
  return { pdf: Buffer.concat(chunks), ...result };
}

/**
 * Mail-merged letters streamed into `sink` as one PDF (the production file): pages are written as
 * they are laid out, fonts (subset to the characters used) and images once at the end/start, so
 * memory does not grow with the letter count. Text is wrapped and paginated, multi-page letters get
 * page numbers, recipient and return blocks sit inside the #10 envelope windows (shrunk to fit, never
 * spilling out), and the metadata carries no patient data.
 */
export async function writeLetters(
  sink: Sink,
  letters: Iterable<Letter> | AsyncIterable<Letter>,
  options: RenderOptions,
): Promise<{ pageCount: number; letters: PlacedLetter[] }> {
  const w = new PdfWriter(sink);
  const fonts = letterFonts();
  const [catalog, pagesRef, info, resources] = [w.reserve(), w.reserve(), w.reserve(), w.reserve()];
  const regular = new EmbeddedFontStack(fonts.regular, w, 'R');
  const bold = new EmbeddedFontStack(fonts.bold, w, 'B');
  const head = options.letterhead ?? options.logo;
  const logo = head ? { ...embedImage(w, head), wide: Boolean(options.letterhead) } : undefined;
  const signature = options.signature ? embedImage(w, options.signature) : undefined;
  const images = [logo && `/Logo ${logo.ref} 0 R`, signature && `/Sig ${signature.ref} 0 R`].filter(Boolean);

  const pageRefs: number[] = [];
  const addPage = (content: string) => {
    const [page, stream] = [w.reserve(), w.reserve()];
    w.object(
      page,
      `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources ${resources} 0 R /Contents ${stream} 0 R >>`,
    );
    w.stream(stream, '', Buffer.from(content, 'latin1'));
    pageRefs.push(page);
  };
  const watermark = options.proof ? proofWatermark(bold) : '';
  const returnBlock = addressBlock(options.returnAddress, RETURN_WINDOW, regular, bold);
  const placed: PlacedLetter[] = [];
  const bodyWidth = PAGE.width - MARGIN.left - MARGIN.right;

  let index = 0;
  for await (const letter of letters) {
    let pages: string[];
    try {
      pages = letterPages(letter, { regular, bold, bodyWidth, returnBlock, logo, signature, watermark });
    } catch (err) {
      throw new LetterRenderError(index, err as Error);
    }
    const firstPage = pageRefs.length;
    for (const content of pages) addPage(content);
    if (options.duplex && pages.length % 2 === 1) addPage(watermark);
    placed.push({ firstPage, pages: pages.length });
    index += 1;
  }
  if (pageRefs.length === 0) throw new Error('A PDF needs at least one letter');

  await regular.write();
  await bold.write();
  // Written last: which fallback fonts the letters needed is known only now.
  w.object(
    resources,
    `<< /Font << ${regular.resourceEntries()} ${bold.resourceEntries()} >> /ExtGState << /Faint << /ca 0.35 /CA 0.35 >> >>${
      images.length ? ` /XObject << ${images.join(' ')} >>` : ''
    } >>`,
  );
  w.object(
    pagesRef,
    `<< /Type /Pages /Count ${pageRefs.length} /Kids [${pageRefs.map((p) => `${p} 0 R`).join(' ')}] >>`,
  );
  w.object(catalog, `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  const date = pdfText(pdfDate(options.createdAt));
  w.object(
    info,
    `<< /Title ${pdfText(options.title)} /Producer (PatientLetterHub) /Creator (PatientLetterHub proof engine) /CreationDate ${date} /ModDate ${date} >>`,
  );
  w.finish(catalog, info);
  return { pageCount: pageRefs.length, letters: placed };
}

interface PageKit {
  regular: EmbeddedFontStack;
  bold: EmbeddedFontStack;
  bodyWidth: number;
  returnBlock: string;
  logo?: EmbeddedImage & { wide: boolean };
  signature?: EmbeddedImage;
  watermark: string;
}

const INK = '0.1 0.1 0.1 rg\n';
const SIGNATURE_BOX = { width: 2 * 72, height: 0.6 * 72 };
const LOGO_BOX = { width: 1.75 * 72, height: 0.75 * 72 };
/** From a quarter inch right of the return window to the right margin, as tall as the window. */
const LETTERHEAD_BOX = {
  width: PAGE.width - MARGIN.right - (RETURN_WINDOW.x + RETURN_WINDOW.width + 0.25 * 72),
  height: RETURN_WINDOW.height,
};

/** The content streams of one letter's pages. */
function letterPages(letter: Letter, kit: PageKit): string[] {
  const { regular } = kit;
  const paragraphs = wrapParagraphs(letter.body, regular.stack, BODY.fontSize, kit.bodyWidth);
  const pages = paginate(paragraphs, kit.signature ? SIGNATURE_BOX.height + 6 : 0);
  return pages.map((lines, index) => {
    let out = INK;
    if (index === 0) {
      out += kit.returnBlock;
      out += addressBlock(letter.recipient, RECIPIENT_WINDOW, regular, kit.bold);
      if (kit.logo) out += image(kit.logo, '/Logo', kit.logo.wide ? LETTERHEAD_BOX : LOGO_BOX, 'right', 0.5 * 72);
    }
    let y = index === 0 ? BODY_TOP_FIRST : MARGIN.top;
    out += 'BT\n';
    for (const line of lines) {
      if (line !== null && line !== '')
        out += `1 0 0 1 ${num(MARGIN.left)} ${num(pdfY(y + BODY.fontSize))} Tm ${regular.show(line, BODY.fontSize)}\n`;
      y += line === null ? BODY.paragraphGap : BODY.leading;
    }
    if (pages.length > 1) {
      const label = `Page ${index + 1} of ${pages.length}`;
      const x = PAGE.width - MARGIN.right - regular.stack.widthOfTextAtSize(label, 8);
      out += `1 0 0 1 ${num(x)} ${num(MARGIN.bottom / 2)} Tm ${regular.show(label, 8)}\n`;
    }
    out += 'ET\n';
    if (kit.signature && index === pages.length - 1) out += image(kit.signature, '/Sig', SIGNATURE_BOX, 'left', y + 4);
    return out + kit.watermark;
  });
}

/** Lines per page; `null` marks the gap between paragraphs. `reserve` keeps room after the last line. */
function paginate(paragraphs: string[][], reserve: number): Array<Array<string | null>> {
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
  if (reserve && y + reserve > bottom) pages.push([]);
  return pages;
}

/** An address block inside a window: first line bold, shrunk until every line fits, never outside. */
function addressBlock(lines: string[], window: Rect, regular: EmbeddedFontStack, bold: EmbeddedFontStack): string {
  const fontOf = (i: number) => (i === 0 ? bold : regular);
  const widthOf = (i: number, text: string, size: number) => fontOf(i).stack.widthOfTextAtSize(text, size);
  const width = window.width - 2 * WINDOW_PADDING;
  const height = window.height - 2 * WINDOW_PADDING;
  let size = ADDRESS.fontSize;
  const fits = (s: number) =>
    lines.length * s * (ADDRESS.leading / ADDRESS.fontSize) <= height &&
    lines.every((l, i) => widthOf(i, l, s) <= width);
  while (size > ADDRESS.minFontSize && !fits(size)) size -= 0.5;
  const leading = size * (ADDRESS.leading / ADDRESS.fontSize);
  let out = 'BT\n';
  lines.forEach((raw, i) => {
    let line = raw;
    while (line.length > 1 && widthOf(i, line, size) > width) line = line.slice(0, -1);
    const top = window.y + WINDOW_PADDING + i * leading;
    if (top + leading > window.y + window.height - WINDOW_PADDING + 0.01) return; // more lines than the window holds
    out += `1 0 0 1 ${num(window.x + WINDOW_PADDING)} ${num(pdfY(top + size))} Tm ${fontOf(i).show(line, size)}\n`;
  });
  return `${out}ET\n`;
}

/** An image scaled into `box` (never enlarged), its top `top` points from the page top. */
function image(
  img: EmbeddedImage,
  name: string,
  box: { width: number; height: number },
  align: 'left' | 'right',
  top: number,
): string {
  const scale = Math.min(box.width / img.width, box.height / img.height, 1);
  const [w, h] = [img.width * scale, img.height * scale];
  const x = align === 'right' ? PAGE.width - MARGIN.right - w : MARGIN.left;
  return `q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(pdfY(top + h))} cm ${name} Do Q\n`;
}

/** A faint diagonal "PROOF" across the page. */
function proofWatermark(bold: EmbeddedFontStack): string {
  const c = Math.SQRT1_2;
  return `q /Faint gs 0.85 0.85 0.85 rg BT ${num(c)} ${num(c)} ${num(-c)} ${num(c)} ${num(PAGE.width / 2 - 180)} ${num(
    PAGE.height / 2 - 120,
  )} Tm ${bold.show('PROOF', 120)} ET Q\n`;
}
