import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { practiceFileKey, type FileKeyring } from './file-keys';

/**
 * Streamed envelope encryption of a stored file, in the segmented shape of Tink's streaming AEAD and
 * age (the "STREAM" construction of Hoang, Reyhanitabar, Rogaway and Vizár, 2015):
 *
 *   header  "PLHE" · version 1 · master key id (32 bytes, zero-padded) · the file's random 256-bit key
 *           sealed with the practice's file key (AES-256-GCM: 12-byte IV, 32, 16-byte tag; the object
 *           key as associated data) · 7-byte nonce prefix                                  = 104 bytes
 *   body    64 KiB plaintext segments, each AES-256-GCM under the file key with the nonce
 *           prefix · segment number (4 bytes) · last-segment flag (1 byte), each followed by its tag
 *
 * Each segment is authenticated before a byte of it is released, so a reader never sees tampered
 * plaintext; reordered, dropped or appended segments and a truncated file fail (numbers and the
 * last flag are in the nonce); a file copied under another key or practice fails at the header.
 */
export const SEGMENT_BYTES = 64 * 1024;
const TAG = 16;
const MAGIC = Buffer.from('PLHE');
const VERSION = 1;
const KEY_ID_BYTES = 32;
const WRAPPED_BYTES = 12 + 32 + TAG;
const PREFIX_BYTES = 7;
export const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + WRAPPED_BYTES + PREFIX_BYTES;

/** The stored size of `plaintextBytes` (the limit handed to the driver). */
export function encryptedSize(plaintextBytes: number): number {
  return HEADER_BYTES + plaintextBytes + TAG * Math.max(1, Math.ceil(plaintextBytes / SEGMENT_BYTES));
}

/** The plaintext size of a stored file of `storedBytes`. */
export function plaintextSize(storedBytes: number): number {
  const body = storedBytes - HEADER_BYTES;
  if (body < TAG) return 0;
  return body - TAG * Math.ceil(body / (SEGMENT_BYTES + TAG));
}

export class FileDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDecryptionError';
  }
}

function nonce(prefix: Buffer, segment: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(segment, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

/** Collects chunks and hands out whole blocks once more than one block is buffered (the last is held back). */
class Blocks {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  /** Blocks of `size` that are certainly not the last (bytes follow them). */
  *takeAllBut(size: number): Generator<Buffer> {
    if (this.length <= size) return;
    let all = Buffer.concat(this.chunks, this.length);
    while (all.length > size) {
      yield all.subarray(0, size);
      all = all.subarray(size);
    }
    this.chunks = [all];
    this.length = all.length;
  }
  rest(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
  /** Starts over with `bytes` buffered. */
  replace(bytes: Buffer): void {
    this.chunks = bytes.length ? [bytes] : [];
    this.length = bytes.length;
  }
}

/** Plaintext in, the stored form out. */
export class EncryptStream extends Transform {
  private readonly fileKey = randomBytes(32);
  private readonly prefix = randomBytes(PREFIX_BYTES);
  private readonly pending = new Blocks();
  private segment = 0;
  private headerSent = false;

  constructor(
    private readonly keys: FileKeyring,
    private readonly tenantId: string,
    private readonly objectKey: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.header();
      this.pending.push(chunk);
      for (const block of this.pending.takeAllBut(SEGMENT_BYTES)) this.push(this.seal(block, false));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.header();
      this.push(this.seal(this.pending.rest(), true));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private header(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    const master = this.keys.active;
    const iv = randomBytes(12);
    const wrap = createCipheriv('aes-256-gcm', practiceFileKey(master, this.tenantId), iv);
    wrap.setAAD(Buffer.from(this.objectKey, 'utf8'));
    const wrapped = Buffer.concat([iv, wrap.update(this.fileKey), wrap.final(), wrap.getAuthTag()]);
    const id = Buffer.alloc(KEY_ID_BYTES);
    id.write(master.id, 'ascii');
    this.push(Buffer.concat([MAGIC, Buffer.from([VERSION]), id, wrapped, this.prefix]));
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    if (this.segment === 0xffffffff) throw new Error('file too large to encrypt');
    const cipher = createCipheriv('aes-256-gcm', this.fileKey, nonce(this.prefix, this.segment++, last));
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  }
}

/**
 * The stored form in, plaintext out, each segment checked before it is passed on. Objects without the
 * header are refused unless `readUnencrypted` (files stored before encryption was turned on).
 */
export class DecryptStream extends Transform {
  private readonly pending = new Blocks();
  private mode: 'header' | 'encrypted' | 'legacy' = 'header';
  private fileKey: Buffer | undefined;
  private prefix: Buffer | undefined;
  private segment = 0;

  constructor(
    private readonly keys: FileKeyring,
    private readonly tenantId: string,
    private readonly objectKey: string,
    private readonly readUnencrypted = false,
  ) {
    super();
  }

  private legacy(): void {
    if (!this.readUnencrypted)
      throw new FileDecryptionError(
        'the stored file is not encrypted (set FILE_ENCRYPTION_READ_UNENCRYPTED to read it)',
      );
    this.mode = 'legacy';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.mode === 'legacy') return done(null, chunk);
      this.pending.push(chunk);
      if (this.mode === 'header') {
        if (this.pending.length < MAGIC.length) return done();
        const head = this.pending.rest();
        if (!head.subarray(0, MAGIC.length).equals(MAGIC)) {
          this.legacy();
          return done(null, head);
        }
        if (head.length < HEADER_BYTES) return done();
        this.openHeader(head.subarray(0, HEADER_BYTES));
        this.pending.replace(head.subarray(HEADER_BYTES));
        this.mode = 'encrypted';
      }
      for (const block of this.pending.takeAllBut(SEGMENT_BYTES + TAG)) this.push(this.open(block, false));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.mode === 'legacy') return done();
      if (this.mode === 'header') {
        const head = this.pending.rest();
        if (head.length > 0 && !MAGIC.subarray(0, head.length).equals(head)) {
          this.legacy();
          return done(null, head);
        }
        throw new FileDecryptionError('the stored file is truncated (no complete header)');
      }
      const last = this.pending.rest();
      if (last.length < TAG) throw new FileDecryptionError('the stored file is truncated');
      this.push(this.open(last, true));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private openHeader(header: Buffer): void {
    let at = MAGIC.length;
    if (header[at++] !== VERSION) throw new FileDecryptionError(`unknown file encryption version ${header[at - 1]}`);
    const id = header
      .subarray(at, at + KEY_ID_BYTES)
      .toString('ascii')
      .replace(/\0+$/, '');
    at += KEY_ID_BYTES;
    const master = this.keys.byId(id);
    if (!master)
      throw new FileDecryptionError(`the file was encrypted with master key "${id}", which is not configured`);
    const wrapped = header.subarray(at, at + WRAPPED_BYTES);
    at += WRAPPED_BYTES;
    this.prefix = Buffer.from(header.subarray(at, at + PREFIX_BYTES));
    const unwrap = createDecipheriv('aes-256-gcm', practiceFileKey(master, this.tenantId), wrapped.subarray(0, 12));
    unwrap.setAAD(Buffer.from(this.objectKey, 'utf8'));
    unwrap.setAuthTag(wrapped.subarray(12 + 32));
    try {
      this.fileKey = Buffer.concat([unwrap.update(wrapped.subarray(12, 12 + 32)), unwrap.final()]);
    } catch {
      throw new FileDecryptionError('the file key does not open: another practice, another object or tampered');
    }
  }

  private open(sealed: Buffer, last: boolean): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.fileKey!, nonce(this.prefix!, this.segment++, last));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
    } catch {
      throw new FileDecryptionError('the stored file was modified or truncated (a segment does not authenticate)');
    }
  }
}
