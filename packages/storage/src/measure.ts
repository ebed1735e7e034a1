import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { StorageError } from './object-storage';
import { sniffContentType } from './sniff';

const SNIFF_BYTES = 4096;

/**
 * Passes bytes through while hashing (SHA-256) and counting; sniffs the content type from the first
 * 4 KiB. Fails the stream with FILE_TOO_LARGE as soon as `maxBytes` is passed (a 5 GB upload to a
 * 50 MB limit stops at 50 MB instead of being stored first and checked afterwards), and with
 * UNSUPPORTED_CONTENT_TYPE as soon as the sniffed type is not accepted.
 */
export class MeasuringStream extends Transform {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  size = 0;
  contentType: string | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly accept?: readonly string[],
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new StorageError('FILE_TOO_LARGE', `the file is larger than ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
      if (this.headLength >= SNIFF_BYTES) {
        const refused = this.classify();
        if (refused) return done(refused);
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0) return done(new StorageError('EMPTY_FILE', 'the file is empty'));
    done(this.contentType ? null : this.classify());
  }

  private classify(): StorageError | null {
    this.contentType = sniffContentType(this.head());
    if (this.accept && !this.accept.includes(this.contentType))
      return new StorageError(
        'UNSUPPORTED_CONTENT_TYPE',
        `the file is ${this.contentType}; accepted: ${this.accept.join(', ')}`,
      );
    return null;
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }

  /** Call once the stream has ended. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Pipes `source` into `measure` without tying their fates: when the measure refuses (too large, wrong
 * type), the source is unpiped and drained rather than destroyed, so an HTTP request body keeps its
 * socket and the client receives the 413/415 answer instead of a reset connection.
 */
export function feed(source: Readable | Buffer, measure: MeasuringStream): void {
  if (Buffer.isBuffer(source)) {
    measure.end(source);
    return;
  }
  // A source that failed before it was handed over (a refusal upstream while the driver was still
  // opening its file) fails the measure at once instead of leaving it waiting for bytes.
  if (source.errored || source.destroyed) {
    measure.destroy(source.errored ?? new Error('the upload stream was closed before it was stored'));
    return;
  }
  source.on('error', (err) => measure.destroy(err));
  measure.once('error', () => {
    source.unpipe(measure);
    source.resume();
  });
  source.pipe(measure);
}
