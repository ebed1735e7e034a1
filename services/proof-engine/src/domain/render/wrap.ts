/** Measures text at a size (a font face). */
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
  const space = font.widthOfTextAtSize(' ', size);
  let current = '';
  let currentWidth = 0;
  // Each word is measured once and widths are added up (advance widths add; no kerning is used).
  for (const word of line.split(/\s+/)) {
    const wordWidth = font.widthOfTextAtSize(word, size);
    const candidateWidth = current ? currentWidth + space + wordWidth : wordWidth;
    if (candidateWidth <= width) {
      current = current ? `${current} ${word}` : word;
      currentWidth = candidateWidth;
      continue;
    }
    if (current) out.push(current);
    if (wordWidth <= width) {
      current = word;
      currentWidth = wordWidth;
      continue;
    }
    // A single word wider than the line: break it where it must.
    let piece = '';
    let pieceWidth = 0;
    for (const ch of word) {
      const w = font.widthOfTextAtSize(ch, size);
      if (pieceWidth + w > width && piece) {
        out.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += w;
    }
    current = piece;
    currentWidth = pieceWidth;
  }
  if (current) out.push(current);
  return out;
}
