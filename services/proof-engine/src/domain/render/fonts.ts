import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FontFace } from './pdf/embedded-font';
import { FontStack } from './pdf/font-stack';

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const file =
  (name: string, ...parts: string[]) =>
  () =>
    new FontFace(readFileSync(path.join(packageDir(name), ...parts)));

/**
 * The letter fonts, tried in order for each character (all free to embed, subset like any font):
 * - DejaVu Sans (Bitstream Vera licence): Latin, Latin Extended, Vietnamese, Greek, Cyrillic, so
 *   "Nuñez", "Nguyễn" or "Łukasz" print as written;
 * - Noto Sans SC (OFL): Chinese, Japanese kana, and the CJK ideographs of every locale it has;
 * - Noto Sans KR (OFL): Hangul, and the ideographs SC lacks that Korean names use.
 * A character none of them has is refused at import (see LETTER_CHARSET in @plh/contracts, generated
 * from these files), never found at production.
 */
export const LETTER_FONT_FILES = {
  regular: [
    file('dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'),
    file('@expo-google-fonts/noto-sans-sc', '400Regular', 'NotoSansSC_400Regular.ttf'),
    file('@expo-google-fonts/noto-sans-kr', '400Regular', 'NotoSansKR_400Regular.ttf'),
  ],
  bold: [
    file('dejavu-fonts-ttf', 'ttf', 'DejaVuSans-Bold.ttf'),
    file('@expo-google-fonts/noto-sans-sc', '700Bold', 'NotoSansSC_700Bold.ttf'),
    file('@expo-google-fonts/noto-sans-kr', '700Bold', 'NotoSansKR_700Bold.ttf'),
  ],
};

/** The process's font stacks (faces parsed on first use, then shared by every document). */
let cached: { regular: FontStack; bold: FontStack } | undefined;
export function letterFonts(): { regular: FontStack; bold: FontStack } {
  cached ??= { regular: new FontStack(LETTER_FONT_FILES.regular), bold: new FontStack(LETTER_FONT_FILES.bold) };
  return cached;
}
