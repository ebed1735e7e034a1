import UPNG from '@pdf-lib/upng';
import { libraryTemplate } from '../src/domain/templates/checks';
import { sampleMergeData } from '../src/domain/templates/sample-data';
import { inside, PAGE, RECIPIENT_WINDOW, RETURN_WINDOW, type Rect } from '../src/domain/render/layout';
import { renderInBatches } from '../src/domain/render/render-batches';
import { renderLetters, type Letter } from '../src/domain/render/render-letters';

// pdf.js (legacy CommonJS build) reads the produced PDF back: text, positions and page count.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as {
  getDocument(src: { data: Uint8Array; useSystemFonts?: boolean; isEvalSupported?: boolean }): {
    promise: Promise<PdfDoc>;
  };
  OPS: { paintImageXObject: number; transform: number };
};
interface PdfDoc {
  numPages: number;
  getPage(n: number): Promise<{
    getTextContent(): Promise<{ items: Array<{ str: string; transform: number[]; width: number; height: number }> }>;
    getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  }>;
  getMetadata(): Promise<{ info: Record<string, unknown> }>;
  destroy(): Promise<void>;
}

async function readBack(pdf: Uint8Array) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // Top-left based boxes, like the layout constants.
    pages.push(
      content.items
        .filter((i) => i.str.trim() !== '')
        .map((i) => ({
          text: i.str,
          box: {
            x: i.transform[4]!,
            y: PAGE.height - i.transform[5]! - i.height,
            width: i.width,
            height: i.height,
          } as Rect,
        })),
    );
  }
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { pageCount: pages.length, pages, info: meta.info };
}

const withExtra = (data: ReturnType<typeof sampleMergeData>, extra: string) => ({
  ...data,
  letter: { ...data.letter, whatHappened: data.letter.whatHappened + extra },
});
const letterFor = (name: string, address: string[], extra = ''): Letter => ({
  recipient: [name, ...address],
  body: libraryTemplate('hipaa_breach').render(withExtra(sampleMergeData('hipaa_breach', name), extra)),
});
const options = {
  returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970-1234'],
  proof: true,
  duplex: false,
  title: 'Proof',
  createdAt: new Date('2026-11-25T12:00:00Z'),
};

describe('rendered letters, read back', () => {
  it('puts the recipient block inside the envelope window, fills every field, and keeps non-Latin names', async () => {
    const name = 'Nguyễn Thị Ánh';
    const out = await renderLetters([letterFor(name, ['12 N MAIN ST APT 4', 'BOSTON MA 02134-1234'])], options);
    const back = await readBack(out.pdf);
    expect(back.pageCount).toBe(1);
    const page = back.pages[0]!;
    const all = page.map((i) => i.text).join('\n');
    expect(all).not.toContain('{{');
    expect(all).toContain('1-800-555-0199');
    const recipient = page.filter((i) => [name, '12 N MAIN ST APT 4', 'BOSTON MA 02134-1234'].includes(i.text));
    expect(recipient.map((i) => i.text)).toEqual([name, '12 N MAIN ST APT 4', 'BOSTON MA 02134-1234']);
    for (const item of recipient) expect(inside(item.box, RECIPIENT_WINDOW)).toBe(true);
    const sender = page.find((i) => i.text === '12 HARBOR ST STE 200')!;
    expect(inside(sender.box, RETURN_WINDOW)).toBe(true);
    expect(all).toContain(`Dear ${name},`);
    expect(page.some((i) => i.text === 'PROOF')).toBe(true);
    expect(JSON.stringify(back.info)).not.toContain('Nguy'); // metadata carries no patient data
  });

  it('prints Chinese, Japanese and Korean names from the fallback fonts, subset and embedded', async () => {
    const names = ['王小明', '김민준', 'Sato さくら', 'Chen 陳大文 Jr'];
    const out = await renderLetters(
      names.map((n) => letterFor(n, ['1 MAIN ST', 'BOSTON MA 02134'])),
      options,
    );
    const back = await readBack(out.pdf);
    names.forEach((name, i) => {
      // A line that switches font is several text runs, side by side on one baseline.
      const page = back.pages[i]!;
      const line = page.filter(
        (item) =>
          inside(item.box, RECIPIENT_WINDOW) &&
          Math.abs(item.box.y - page.find((p) => inside(p.box, RECIPIENT_WINDOW))!.box.y) < 1,
      );
      expect(line.map((item) => item.text.trim()).join(' ')).toBe(name);
      expect(
        page
          .map((item) => item.text)
          .join('')
          .replace(/ /g, ''),
      ).toContain(`Dear${name.replace(/ /g, '')},`);
    });
    const text = Buffer.from(out.pdf).toString('latin1');
    const fonts = [...text.matchAll(/\/BaseFont \/([A-Z]{6}\+[A-Za-z0-9-]+)/g)].map((m) => m[1]!.split('+')[1]);
    expect(new Set(fonts)).toEqual(
      new Set([
        'DejaVuSans',
        'DejaVuSans-Bold',
        'NotoSansSC-Regular',
        'NotoSansSC-Bold',
        'NotoSansKR-Regular',
        'NotoSansKR-Bold',
      ]),
    );
    expect(out.pdf.length).toBeLessThan(400_000); // subsets, not the 10 MB faces
  });

  it('shrinks a very long recipient block to stay inside the window', async () => {
    const long = 'Maria de los Ángeles Fernández-Castillo y Rodríguez';
    const out = await renderLetters(
      [letterFor(long, ['1234 SOUTHWEST MEADOWBROOK BLVD APT 1234', 'BLDG 7', 'ALBUQUERQUE NM 87101-1234'])],
      options,
    );
    const page = (await readBack(out.pdf)).pages[0]!;
    for (const item of page.filter(
      (i) => i.box.y < RECIPIENT_WINDOW.y + RECIPIENT_WINDOW.height && i.box.y >= RECIPIENT_WINDOW.y - 1,
    ))
      expect(inside(item.box, RECIPIENT_WINDOW)).toBe(true);
  });

  it('paginates a long letter with page numbers, and pads to even pages for duplex', async () => {
    const extra = ' More detail follows.'.repeat(400);
    const out = await renderLetters(
      [
        letterFor('Ana Lee', ['1 ELM ST', 'SALEM MA 01970'], extra),
        letterFor('Bo Chu', ['2 ELM ST', 'SALEM MA 01970']),
      ],
      { ...options, duplex: true },
    );
    const back = await readBack(out.pdf);
    const first = out.letters[0]!;
    expect(first.pages).toBeGreaterThan(1);
    expect(back.pages[0]!.some((i) => i.text === `Page 1 of ${first.pages}`)).toBe(true);
    // Each letter starts on a front side.
    expect(out.letters[1]!.firstPage % 2).toBe(0);
    expect(back.pageCount).toBe(out.pageCount);
  });

  it('gives identical bytes for identical input', async () => {
    const letters = [letterFor('Ana Lee', ['1 ELM ST', 'SALEM MA 01970'])];
    const [a, b] = [await renderLetters(letters, options), await renderLetters(letters, options)];
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});

describe('images', () => {
  it('embeds a transparent PNG logo and a signature once per document, drawn on every letter', async () => {
    // A 40×20 red logo with a transparent half, and a 30×10 black signature.
    const image = (w: number, h: number, rgba: (x: number) => number[]) => {
      const px = new Uint8Array(w * h * 4);
      for (let i = 0; i < w * h; i++) px.set(rgba(i % w), i * 4);
      return { bytes: new Uint8Array(UPNG.encode([px.buffer], w, h, 0)), type: 'png' as const };
    };
    const logo = image(40, 20, (x) => [200, 0, 0, x < 20 ? 255 : 0]);
    const signature = image(30, 10, () => [0, 0, 0, 255]);
    const letters = [
      letterFor('Ana Lee', ['1 ELM ST', 'SALEM MA 01970']),
      letterFor('Bo Chu', ['2 ELM ST', 'SALEM MA 01970']),
    ];
    const out = await renderLetters(letters, { ...options, logo, signature });
    const raw = Buffer.from(out.pdf).toString('latin1');
    expect(raw.match(/\/Subtype \/Image/g)).toHaveLength(3); // logo, its alpha mask, signature: once each
    expect(raw).toContain('/SMask');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(out.pdf), isEvalSupported: false }).promise;
    for (const n of [1, 2]) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      expect(ops.fnArray.filter((op) => op === pdfjs.OPS.paintImageXObject)).toHaveLength(2);
    }
    await doc.destroy();
  });

  it('puts a letterhead right of the return window, inside the margins, instead of the logo', async () => {
    const wide = {
      bytes: new Uint8Array(UPNG.encode([new Uint8Array(400 * 80 * 4).fill(90).buffer], 400, 80, 0)),
      type: 'png' as const,
    };
    const small = {
      bytes: new Uint8Array(UPNG.encode([new Uint8Array(4 * 4 * 4).fill(200).buffer], 4, 4, 0)),
      type: 'png' as const,
    };
    const out = await renderLetters([letterFor('Ana Lee', ['1 ELM ST', 'SALEM MA 01970'])], {
      ...options,
      letterhead: wide,
      logo: small,
    });
    const doc = await pdfjs.getDocument({ data: new Uint8Array(out.pdf), isEvalSupported: false }).promise;
    const ops = await (await doc.getPage(1)).getOperatorList();
    await doc.destroy();
    const paints = ops.fnArray.flatMap((op, i) => (op === pdfjs.OPS.paintImageXObject ? [i] : []));
    expect(paints).toHaveLength(1);
    // The image is drawn into the unit square under the current matrix: [w 0 0 h x y].
    const matrixAt = ops.fnArray.lastIndexOf(pdfjs.OPS.transform, paints[0]);
    const [w, , , h, x, y] = ops.argsArray[matrixAt] as [number, number, number, number, number, number];
    expect(x).toBeGreaterThanOrEqual(RETURN_WINDOW.x + RETURN_WINDOW.width);
    expect(x + w).toBeLessThanOrEqual(PAGE.width - 0.75 * 72 + 0.01);
    expect(PAGE.height - y - h).toBeGreaterThanOrEqual(0.5 * 72 - 0.01); // top edge below the page top margin
    expect(w / h).toBeCloseTo(5, 1); // not distorted
  });
});

describe('production batches', () => {
  it('splits the letters into print-ready batch files, in order, each readable', async () => {
    const letters = Array.from({ length: 5 }, (_, i) =>
      letterFor(`Patient ${i}`, [`${i + 1} ELM ST`, 'SALEM MA 01970']),
    );
    const batches = [];
    for await (const b of renderInBatches(letters, { ...options, proof: false }, 2)) batches.push(b);
    expect(batches.map((b) => [b.batch, b.firstLetter, b.letters.length])).toEqual([
      [0, 0, 2],
      [1, 2, 2],
      [2, 4, 1],
    ]);
    const last = await readBack(batches[2]!.pdf);
    expect(last.pages[0]!.some((i) => i.text === 'Patient 4')).toBe(true);
    expect(last.pages[0]!.some((i) => i.text === 'PROOF')).toBe(false);
  });
});
