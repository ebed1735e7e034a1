import { EmbeddedFont, type FontFace, MissingGlyphError } from './embedded-font';
import { num, type PdfWriter } from './pdf-writer';

/** Not looked up yet / no face of the stack has the character. */
const UNKNOWN = -2;
const NONE = -1;

/**
 * Faces tried in order for each character, like a browser's font-family list: the first face with a
 * glyph prints it. Faces are loaded on first need (the CJK fallbacks are 10 MB each and most lists
 * never use them). Measures text as the letters print it.
 */
export class FontStack {
  private readonly loaded: Array<FontFace | undefined>;
  /** Face index by UTF-16 code unit (BMP); astral code points in a map. */
  private readonly bmpFace = new Int8Array(0x10000).fill(UNKNOWN);
  private readonly astralFace = new Map<number, number>();
  private readonly bmpWidth = new Float64Array(0x10000).fill(NaN);

  constructor(private readonly loaders: ReadonlyArray<() => FontFace>) {
    this.loaded = loaders.map(() => undefined);
  }

  get size(): number {
    return this.loaders.length;
  }

  face(index: number): FontFace {
    return (this.loaded[index] ??= this.loaders[index]!());
  }

  /** The index of the face that prints `codePoint`; throws MissingGlyphError when none does. */
  faceIndexFor(codePoint: number): number {
    let index = codePoint < 0x10000 ? this.bmpFace[codePoint]! : (this.astralFace.get(codePoint) ?? UNKNOWN);
    if (index === UNKNOWN) {
      index = NONE;
      for (let i = 0; i < this.loaders.length; i++) {
        if (this.face(i).font.hasGlyphForCodePoint(codePoint)) {
          index = i;
          break;
        }
      }
      if (codePoint < 0x10000) this.bmpFace[codePoint] = index;
      else this.astralFace.set(codePoint, index);
    }
    if (index === NONE) throw new MissingGlyphError(codePoint);
    return index;
  }

  /** Width of `text` at `size` points, each character in the face that prints it. */
  widthOfTextAtSize(text: string, size: number): number {
    let units = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const cached = this.bmpWidth[code]!;
      if (!Number.isNaN(cached)) {
        units += cached;
        continue;
      }
      const codePoint = text.codePointAt(i)!;
      if (codePoint > 0xffff) i += 1;
      const width = this.face(this.faceIndexFor(codePoint)).widthOfTextAtSize(String.fromCodePoint(codePoint), 1000);
      if (codePoint <= 0xffff) this.bmpWidth[codePoint] = width;
      units += width;
    }
    return (units * size) / 1000;
  }

  /** `text` cut into runs that one face prints. */
  runs(text: string): Array<{ face: number; text: string }> {
    const out: Array<{ face: number; text: string }> = [];
    for (const ch of text) {
      const face = this.faceIndexFor(ch.codePointAt(0)!);
      const last = out[out.length - 1];
      if (last && last.face === face) last.text += ch;
      else out.push({ face, text: ch });
    }
    return out;
  }
}

/**
 * A font stack in one PDF: one embedded (subset) font per face the document actually uses, named
 * `/<prefix><index>` in the page resources. Text is shown run by run, switching font where a
 * character needs a fallback face.
 */
export class EmbeddedFontStack {
  private readonly embedded: Array<EmbeddedFont | undefined>;
  private readonly shown = new Map<string, string>();

  constructor(
    readonly stack: FontStack,
    private readonly writer: PdfWriter,
    private readonly prefix: string,
  ) {
    this.embedded = Array.from({ length: stack.size }, () => undefined);
  }

  /** Text operators that show `text` at `size` from the current text position (NFC-normalised). */
  show(text: string, size: number): string {
    const key = `${size}|${text}`;
    let ops = this.shown.get(key);
    if (ops !== undefined) return ops;
    ops = this.stack
      .runs(text.normalize('NFC'))
      .map((run) => `/${this.prefix}${run.face} ${num(size)} Tf ${this.font(run.face).encode(run.text)} Tj`)
      .join(' ');
    if (this.shown.size > 20_000) this.shown.clear();
    this.shown.set(key, ops);
    return ops;
  }

  /** Resource entries of the fonts used (`/R0 12 0 R …`); complete once the last page is laid out. */
  resourceEntries(): string {
    return this.embedded
      .map((font, i) => (font ? `/${this.prefix}${i} ${font.ref} 0 R` : ''))
      .filter(Boolean)
      .join(' ');
  }

  /** Writes every used font's objects; call once, after the last page. */
  async write(): Promise<void> {
    for (const font of this.embedded) if (font) await font.write();
  }

  private font(index: number): EmbeddedFont {
    return (this.embedded[index] ??= new EmbeddedFont(this.stack.face(index), this.writer));
  }
}
