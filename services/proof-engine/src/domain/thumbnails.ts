import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * PNG thumbnails of the first `pages` pages, rendered by poppler's pdftoppm (a real PDF renderer:
 * what the web app shows is what a viewer shows). Returns [] when pdftoppm is not installed, so a
 * missing renderer costs the pictures, not the proof. PDFTOPPM_BIN overrides the binary.
 */
export async function renderThumbnails(pdf: Uint8Array, pages: number, dpi = 50): Promise<Buffer[]> {
  if (pages <= 0) return [];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'plh-thumbs-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    try {
      await run(
        process.env.PDFTOPPM_BIN ?? 'pdftoppm',
        ['-png', '-r', String(dpi), '-f', '1', '-l', String(pages), 'in.pdf', 'page'],
        { cwd: dir, timeout: 60_000 },
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const files = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    return Promise.all(files.map((f) => readFile(path.join(dir, f))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
