import { isLetterPrintable, LETTER_CHARSET_RANGES, unprintableCharacter } from '@plh/contracts';
import { letterFonts } from './fonts';
import { letterCharsetRanges, serialiseRanges } from './letter-charset';

describe('the letter charset core checks lists against', () => {
  it('is exactly what the letter fonts print (run `pnpm charset:letters` after changing a font)', () => {
    expect(LETTER_CHARSET_RANGES).toBe(serialiseRanges(letterCharsetRanges()));
  });

  it('prints the names practices have, and names what it cannot print', () => {
    for (const name of [
      'Seán O’Brien',
      'Nguyễn Thị Minh Khai',
      'Łukasz Żółć',
      'Σωκράτης',
      'Пётр',
      '王小明',
      '김민준',
      'さくら',
    ])
      expect(unprintableCharacter(name)).toBeUndefined();
    expect(unprintableCharacter('Ana 🙂')).toBe('🙂');
    expect(unprintableCharacter('דוד כהן')).toBe('ד'); // right-to-left: would print reversed
    expect(unprintableCharacter('Ama\u0085')).toBe('\u0085');
    expect(isLetterPrintable(0x738b)).toBe(true);
  });

  it('measures every printable character in both stacks (no character falls between the table and the fonts)', () => {
    const { regular, bold } = letterFonts();
    for (const ch of ['王', '김', 'ễ', 'Ж', '’', '€']) {
      expect(regular.widthOfTextAtSize(ch, 10)).toBeGreaterThan(0);
      expect(bold.widthOfTextAtSize(ch, 10)).toBeGreaterThan(0);
    }
    expect(() => regular.widthOfTextAtSize('🙂', 10)).toThrow(/no glyph for U\+1F642/);
  });
});
