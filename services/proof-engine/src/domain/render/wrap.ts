/** Measures text at a size (pdf-lib font). */
export interface Measurer {
  widthOfTextAtSize(text: string, size: number): number;
}

/**
 * Greedy word wrap to `width`: paragraphs split on blank lines, single line breaks kept, a word
 * longer than a line (a URL) broken by characters. Returns paragraphs of lines.
 */
export function wrapParagraphs(text: string, font: Measurer, size: number, width: number): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((paragraph) => paragraph.split('\n').flatMap((line) => wrapLine(line.trim(), font, size, width)));
}

function wrapLine(line: string, font: Measurer, size: number, width: number): string[] {
  if (!line) return [''];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    if (font.widthOfTextAtSize(word, size) <= width) {
      current = word;
      continue;
    }
    // A single word wider than the line: break it where it must.
    let piece = '';
    for (const ch of word) {
      if (font.widthOfTextAtSize(piece + ch, size) > width && piece) {
        out.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Widths from a per-character cache: fontkit lays text out on every measurement (slow), while a
 * letter's words are measured many times during wrapping. Kerning is ignored, which errs by a hair
 * on the wide side of a line, never past the margin by more than that.
 */
export function cachedMeasurer(font: Measurer): Measurer {
  const unit = new Map<string, number>();
  return {
    widthOfTextAtSize(text: string, size: number): number {
      let width = 0;
      for (const ch of text) {
        let w = unit.get(ch);
        if (w === undefined) {
          w = font.widthOfTextAtSize(ch, 1000);
          unit.set(ch, w);
        }
        width += w;
      }
      return (width * size) / 1000;
    },
  };
}
