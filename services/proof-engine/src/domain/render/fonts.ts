import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FontFace } from './pdf/embedded-font';

/**
 * DejaVu Sans (Bitstream Vera licence, free to embed): Latin, Latin Extended, Vietnamese, Greek and
 * Cyrillic, so "Nuñez", "Nguyễn" or "Łukasz" print as written. Parsed once per process.
 */
let cached: { regular: FontFace; bold: FontFace } | undefined;
export function letterFaces(): { regular: FontFace; bold: FontFace } {
  if (!cached) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    cached = {
      regular: new FontFace(readFileSync(path.join(dir, 'DejaVuSans.ttf'))),
      bold: new FontFace(readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf'))),
    };
  }
  return cached;
}
