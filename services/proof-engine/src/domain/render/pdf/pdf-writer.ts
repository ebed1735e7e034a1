import { createHash, type Hash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** Where finished bytes go (a file, a storage upload, a buffer). Called in order. */
export type Sink = (chunk: Buffer) => void;

/**
 * A minimal PDF 1.7 writer that streams: objects are written as they are finished, only their byte
 * offsets are kept (8 bytes each) for the cross-reference table at the end. Object numbers can be
 * reserved before their object is written (the page tree and fonts are referenced by every page but
 * written last), so memory does not grow with the document.
 * Output is deterministic: no clock, no random ids — the trailer /ID is a hash of the bytes before it.
 */
export class PdfWriter {
  private offset = 0;
  private readonly offsets: number[] = [0];
  private readonly hash: Hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly sink: Sink) {
    // Header with a binary comment line, so transfer tools treat the file as binary.
    this.raw(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  /** A new object number, to reference now and write later. */
  reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  get bytesWritten(): number {
    return this.offset;
  }

  /** `n 0 obj <body> endobj`, body in PDF syntax (ASCII). */
  object(num: number, body: string): void {
    this.begin(num);
    this.raw(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /**
   * A stream object; `dict` holds extra entries (without << >>), Length and Filter are added here.
   * Deflate level 1: page text compresses nearly as well as at 6 (repetitive operators) for a third of the CPU.
   */
  stream(num: number, dict: string, data: Buffer, compress = true): void {
    const body = compress ? deflateSync(data, { level: 1 }) : data;
    const filter = compress ? '/Filter /FlateDecode ' : '';
    this.begin(num);
    this.raw(Buffer.from(`${num} 0 obj\n<< ${dict} ${filter}/Length ${body.length} >>\nstream\n`, 'latin1'));
    this.raw(body);
    this.raw(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /** Cross-reference table and trailer; every reserved object must have been written. */
  finish(root: number, info: number): void {
    const missing = this.offsets.findIndex((o, i) => i > 0 && o < 0);
    if (missing > 0) throw new Error(`PDF object ${missing} was reserved but never written`);
    const xrefAt = this.offset;
    const lines = [`xref\n0 ${this.offsets.length}\n0000000000 65535 f \n`];
    for (let i = 1; i < this.offsets.length; i++) lines.push(`${String(this.offsets[i]).padStart(10, '0')} 00000 n \n`);
    this.raw(Buffer.from(lines.join(''), 'latin1'));
    const id = this.hash.copy().digest('hex').slice(0, 32);
    this.raw(
      Buffer.from(
        `trailer\n<< /Size ${this.offsets.length} /Root ${root} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`,
        'latin1',
      ),
    );
    this.flush();
  }

  /** Hands buffered bytes to the sink (about every 256 KB, and at the end). */
  flush(): void {
    if (!this.pendingBytes) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.sink(chunk);
  }

  private begin(num: number): void {
    if (this.offsets[num] !== -1) throw new Error(`PDF object ${num} is not reserved or already written`);
    this.offsets[num] = this.offset;
  }

  private raw(bytes: Buffer): void {
    this.offset += bytes.length;
    this.hash.update(bytes);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= 256 * 1024) this.flush();
  }
}

/** A PDF literal string: `(text)` with the characters PDF treats specially escaped; Latin-1 only. */
export function pdfText(text: string): string {
  const printable = text.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
  return `(${printable.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A PDF date `D:YYYYMMDDHHmmSSZ`. */
export function pdfDate(date: Date): string {
  return `D:${date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d{3}Z$/, '')}Z`;
}

/** A number as PDF writes it: at most 3 decimals, no exponent, no trailing zeros. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}
