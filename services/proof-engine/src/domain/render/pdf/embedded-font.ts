import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { num, type PdfWriter } from './pdf-writer';

/** A character the font cannot print (the record is refused rather than printed with a gap). */
export class MissingGlyphError extends Error {
  constructor(readonly codePoint: number) {
    super(`The letter font has no glyph for U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`);
    this.name = 'MissingGlyphError';
  }
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  postscriptName: string;
  /** Every code point the font maps to a glyph. */
  characterSet: number[];
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FontkitGlyph;
  createSubset(): {
    includeGlyph(g: number): number;
    encode(stream: unknown): void;
    encodeStream(): NodeJS.ReadableStream;
  };
}

/** A parsed TrueType font and its per-character metrics, shared by every document of the process. */
export class FontFace {
  readonly font: FontkitFont;
  private readonly glyphs = new Map<number, FontkitGlyph>();
  /** Advance widths in 1/1000 em by UTF-16 code unit (NaN: not looked up yet); astral ones in a map. */
  private readonly bmpWidths = new Float64Array(0x10000).fill(NaN);
  private readonly astralWidths = new Map<number, number>();

  constructor(bytes: Uint8Array) {
    this.font = fontkit.create(bytes) as unknown as FontkitFont;
  }

  glyph(codePoint: number): FontkitGlyph {
    let g = this.glyphs.get(codePoint);
    if (!g) {
      if (!this.font.hasGlyphForCodePoint(codePoint)) throw new MissingGlyphError(codePoint);
      g = this.font.glyphForCodePoint(codePoint);
      this.glyphs.set(codePoint, g);
    }
    return g;
  }

  /** Width of `text` at `size` points (advance widths; the letters use no kerning or ligatures). */
  widthOfTextAtSize(text: string, size: number): number {
    let units = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let w = this.bmpWidths[code]!;
      if (Number.isNaN(w)) {
        if (code >= 0xd800 && code <= 0xdbff) {
          const cp = text.codePointAt(i)!;
          i += 1;
          w = this.astralWidths.get(cp) ?? this.unitWidth(cp);
          this.astralWidths.set(cp, w);
        } else {
          w = this.unitWidth(code);
          this.bmpWidths[code] = w;
        }
      }
      units += w;
    }
    return (units * size) / 1000;
  }

  private unitWidth(codePoint: number): number {
    return (this.glyph(codePoint).advanceWidth * 1000) / this.font.unitsPerEm;
  }
}

/**
 * One font in one PDF: a Type0 font with Identity-H encoding whose CIDs are glyph ids of a subset
 * built as pages use characters, so the file carries only the glyphs it prints. A ToUnicode map
 * makes the text extractable and searchable (screen readers, pdftotext, our own tests).
 */
export class EmbeddedFont {
  readonly ref: number;
  private readonly subset: ReturnType<FontkitFont['createSubset']>;
  /** Code point → 4 hex digits of its CID in this document. */
  private readonly cids = new Map<number, string>();
  /** CID → code point and advance width, for /W and ToUnicode. */
  private readonly used: Array<{ cid: number; codePoint: number; width: number }> = [];
  private readonly lines = new Map<string, string>();

  constructor(
    readonly face: FontFace,
    private readonly writer: PdfWriter,
  ) {
    this.ref = writer.reserve();
    this.subset = face.font.createSubset();
  }

  /** `<hex>` string of `text` for Tj (NFC-normalised; memoised, as mail-merge lines repeat). */
  encode(text: string): string {
    let hex = this.lines.get(text);
    if (hex !== undefined) return hex;
    let out = '<';
    for (const ch of text.normalize('NFC')) {
      const cp = ch.codePointAt(0)!;
      let cid = this.cids.get(cp);
      if (cid === undefined) {
        const glyph = this.face.glyph(cp);
        const id = this.subset.includeGlyph(glyph.id);
        cid = id.toString(16).padStart(4, '0');
        this.cids.set(cp, cid);
        this.used.push({ cid: id, codePoint: cp, width: (glyph.advanceWidth * 1000) / this.face.font.unitsPerEm });
      }
      out += cid;
    }
    hex = `${out}>`;
    if (this.lines.size > 20_000) this.lines.clear();
    this.lines.set(text, hex);
    return hex;
  }

  /** Writes the font's objects; call once, after the last page. */
  async write(): Promise<void> {
    const w = this.writer;
    const fontFile = await encodeSubset(this.subset);
    const sorted = [...this.used].sort((a, b) => a.cid - b.cid);
    // Subset fonts are named TAG+Name, the tag derived from the subset (deterministic).
    const tag = createHash('sha256')
      .update(sorted.map((u) => u.codePoint).join(','))
      .digest()
      .subarray(0, 6)
      .reduce((s, b) => s + String.fromCharCode(65 + (b % 26)), '');
    const name = `${tag}+${this.face.font.postscriptName.replace(/[^A-Za-z0-9-]/g, '')}`;
    const scale = 1000 / this.face.font.unitsPerEm;
    const f = this.face.font;
    const [cidFont, descriptor, file, toUnicode] = [w.reserve(), w.reserve(), w.reserve(), w.reserve()];
    w.object(
      this.ref,
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
    const widths = sorted.map((u) => `${u.cid} [${num(u.width)}]`).join(' ');
    w.object(
      cidFont,
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /CIDToGIDMap /Identity /DW 1000 /W [${widths}] >>`,
    );
    w.object(
      descriptor,
      `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${[
        f.bbox.minX,
        f.bbox.minY,
        f.bbox.maxX,
        f.bbox.maxY,
      ]
        .map((v) => num(v * scale))
        .join(
          ' ',
        )}] /ItalicAngle ${num(f.italicAngle)} /Ascent ${num(f.ascent * scale)} /Descent ${num(f.descent * scale)} /CapHeight ${num(
        (f.capHeight || f.ascent) * scale,
      )} /StemV 80 /FontFile2 ${file} 0 R >>`,
    );
    w.stream(file, `/Length1 ${fontFile.length}`, fontFile);
    w.stream(toUnicode, '', Buffer.from(toUnicodeCMap(sorted), 'latin1'));
  }
}

function encodeSubset(subset: ReturnType<FontkitFont['createSubset']>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const stream = subset.encodeStream();
    stream.on('data', (d: Uint8Array) => parts.push(Buffer.from(d)));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

const utf16Hex = (codePoint: number) =>
  Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex');

function toUnicodeCMap(used: Array<{ cid: number; codePoint: number }>): string {
  const blocks: string[] = [];
  for (let i = 0; i < used.length; i += 100) {
    const part = used.slice(i, i + 100);
    blocks.push(
      `${part.length} beginbfchar\n${part.map((u) => `<${u.cid.toString(16).padStart(4, '0')}> <${utf16Hex(u.codePoint)}>`).join('\n')}\nendbfchar`,
    );
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
