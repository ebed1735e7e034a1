/**
 * One variant of the proof benchmark in its own process (so its peak RSS is its own):
 *   ours          the proof engine's renderer (services/proof-engine), one document streamed to a file
 *   ours-batched  the same, written as batch files of 500 letters (the production file)
 *   pdf-lib       a minimal pdf-lib loop drawing the same text with the same embedded font
 *   pdfkit        pdfkit streaming to a file with the same font
 * Prints one JSON line: seconds, output bytes, peak RSS (VmHWM).
 */
import { closeSync, createWriteStream, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { libraryTemplate, renderInBatches, sampleMergeData, writeLetters } from '@plh/proof-engine';

const [variant, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 10_000);
const fontPath = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
const template = libraryTemplate('practice_closure');

function* letters() {
  for (let i = 0; i < count; i++) {
    const name = `${['Ana', 'Bo', 'Nguyễn Thị', 'María José'][i % 4]} Patient${i}`;
    yield {
      recipient: [name, `${i + 1} NORTH MAIN ST APT ${i % 40}`, 'BOSTON MA 02134-1234'],
      body: template.render(sampleMergeData('practice_closure', name)),
    };
  }
}

const peakRssMb = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024;

async function main(): Promise<void> {
  const out = path.join(os.tmpdir(), `plh-bench-proof-${variant}-${process.pid}.pdf`);
  const start = performance.now();
  if (variant === 'ours') {
    // One production PDF streamed to a file as pages are laid out.
    const fd = openSync(out, 'w');
    await writeLetters((chunk) => writeSync(fd, chunk), letters(), {
      returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970-1234'],
      proof: false,
      duplex: false,
      title: 'Production',
      createdAt: new Date('2026-11-25T00:00:00Z'),
    });
    closeSync(fd);
  } else if (variant === 'ours-batched') {
    // The production file as batch PDFs of 500 letters, written as they are done.
    let bytes = 0;
    for await (const batch of renderInBatches(letters(), {
      returnAddress: ['Harbor Family Medicine', '12 HARBOR ST STE 200', 'SALEM MA 01970-1234'],
      proof: false,
      duplex: false,
      title: 'Production',
      createdAt: new Date('2026-11-25T00:00:00Z'),
    })) {
      writeFileSync(`${out}.${batch.batch}`, batch.pdf);
      bytes += batch.pdf.length;
    }
    writeFileSync(out, `${bytes}`);
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(`${JSON.stringify({ variant, count, seconds, bytes, peakRssMb: peakRssMb() })}\n`);
    return;
  } else if (variant === 'pdf-lib') {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(readFileSync(fontPath), { subset: true });
    for (const letter of letters()) {
      const page = doc.addPage([612, 792]);
      let y = 650;
      for (const line of letter.recipient) page.drawText(line, { x: 72, y: (y -= 12), size: 10, font });
      y = 540;
      for (const paragraph of letter.body.split('\n')) {
        if (paragraph.trim()) page.drawText(paragraph.slice(0, 90), { x: 54, y: (y -= 15), size: 11, font });
      }
    }
    writeFileSync(out, await doc.save());
  } else if (variant === 'pdfkit') {
    const doc = new PDFKit({ size: 'LETTER', autoFirstPage: false, compress: true });
    const file = createWriteStream(out);
    doc.pipe(file);
    doc.registerFont('body', fontPath);
    for (const letter of letters()) {
      doc.addPage({ margin: 54 });
      doc.font('body').fontSize(10).text(letter.recipient.join('\n'), 72, 144);
      doc.fontSize(11).text(letter.body, 54, 260, { width: 504 });
    }
    doc.end();
    await once(file, 'finish');
  } else {
    throw new Error(`unknown variant ${variant}`);
  }
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    `${JSON.stringify({ variant, count, seconds, bytes: statSync(out).size, peakRssMb: peakRssMb() })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
