import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = path.resolve(__dirname, '../dist');
/** The budget for the JavaScript a first visit downloads before anything is shown. */
const BUDGET_GZIP_BYTES = 250_000;

/**
 * The initial JavaScript of the built app: the entry module and every module index.html preloads (the
 * pages other than the dashboard are separate chunks, fetched when opened), gzipped as a server sends them.
 */
describe('the built web app', () => {
  it(`loads under ${BUDGET_GZIP_BYTES / 1000} kB of gzipped JavaScript on a first visit`, () => {
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const scripts = [
      ...html.matchAll(/<(?:script type="module"[^>]*src|link rel="modulepreload"[^>]*href)="([^"]+\.js)"/g),
    ].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(path.join(DIST, src))).length, 0);
    console.log(`initial JavaScript: ${scripts.length} file(s), ${(gzipped / 1000).toFixed(1)} kB gzipped`);
    expect(gzipped).toBeLessThan(BUDGET_GZIP_BYTES);
  });
});
