import { LETTER_FONT_FILES } from './fonts';

/**
 * The characters the letter fonts print, as sorted [first, last] code point ranges: those that every
 * regular and every bold stack prints (a name is bold in the address block and regular in the body).
 * Core refuses other characters at import from the generated copy in @plh/contracts; a test keeps the
 * two equal.
 */
export function letterCharsetRanges(): Array<[number, number]> {
  const coverage = (loaders: typeof LETTER_FONT_FILES.regular) => {
    const all = new Set<number>();
    for (const load of loaders) for (const cp of load().font.characterSet) all.add(cp);
    return all;
  };
  const bold = coverage(LETTER_FONT_FILES.bold);
  const both = [...coverage(LETTER_FONT_FILES.regular)].filter((cp) => bold.has(cp) && printable(cp));
  both.sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const cp of both) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
}

/** The ranges as stored in @plh/contracts: "first,length-1" (or "first" alone), separated by ";". */
export function serialiseRanges(ranges: Array<[number, number]>): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a},${b - a}`)).join(';');
}

/**
 * Control and private-use characters are never letter text, whatever a font maps them to; and the
 * right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms) need bidi
 * reordering and shaping the renderer does not do, so a name in them would print reversed.
 */
const NOT_PRINTED: Array<[number, number]> = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x0590, 0x07ff],
  [0x0860, 0x08ff],
  [0xe000, 0xf8ff],
  [0xfb1d, 0xfdff],
  [0xfe70, 0xfeff],
  [0xfffd, 0xfffd],
];
const printable = (cp: number) => !NOT_PRINTED.some(([a, b]) => cp >= a && cp <= b);
