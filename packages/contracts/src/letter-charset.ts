import { LETTER_CHARSET_RANGES } from './letter-charset.generated';
export { LETTER_CHARSET_RANGES } from './letter-charset.generated';

let starts: Uint32Array | undefined;
let ends: Uint32Array | undefined;

function load(): [Uint32Array, Uint32Array] {
  if (!starts || !ends) {
    const parts = LETTER_CHARSET_RANGES.split(';');
    starts = new Uint32Array(parts.length);
    ends = new Uint32Array(parts.length);
    parts.forEach((part, i) => {
      const [first, extra] = part.split(',').map(Number) as [number, number | undefined];
      starts![i] = first;
      ends![i] = first + (extra ?? 0);
    });
  }
  return [starts, ends];
}

/** Whether the letter fonts (the proof engine's, regular and bold) print this character. */
export function isLetterPrintable(codePoint: number): boolean {
  const [s, e] = load();
  let [lo, hi] = [0, s.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (codePoint < s[mid]!) hi = mid - 1;
    else if (codePoint > e[mid]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Printable ASCII, the letter fonts' first range: most names and every street pass this test alone. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The first character of `text` (NFC) that a letter cannot print, or undefined. */
export function unprintableCharacter(text: string): string | undefined {
  if (PRINTABLE_ASCII.test(text)) return undefined;
  for (const ch of text.normalize('NFC')) if (!isLetterPrintable(ch.codePointAt(0)!)) return ch;
  return undefined;
}

/** `U+738B`: how a character is named in messages (never the character alone, which may not display). */
export const codePointName = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
