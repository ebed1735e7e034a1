import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * DejaVu Sans (Bitstream Vera licence, free to embed): Latin, Latin Extended, Vietnamese, Greek and
 * Cyrillic, so "Nuñez", "Nguyễn" or "Łukasz" print as written. Read once per process.
 */
let cached: { regular: Uint8Array; bold: Uint8Array } | undefined;
export function letterFonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cached) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cached = {
      regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return cached;
}
