import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { Agent, errors, request } from 'undici';

/** Why a source could not be read; the sync fails with it and the previous snapshot stays. */
export class SourceFetchError extends Error {
  constructor(
    readonly code:
      | 'HTTP_ERROR'
      | 'TIMEOUT'
      | 'NETWORK'
      | 'TOO_LARGE'
      | 'TRUNCATED'
      | 'NOT_CSV'
      | 'LOOKUPS_FAILED'
      | 'BAD_ANSWER'
      | 'HOST_NOT_ALLOWED',
    message: string,
  ) {
    super(message);
    this.name = 'SourceFetchError';
  }
}

const dispatcher = new Agent();
/** Redirects followed (OIG's downloads have moved between hosts before), each checked like the URL. */
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { status: 'not_modified' }
  | { status: 'not_found' }
  | { status: 'ok'; body: MeteredBody; validators: Validators; fetchedAt: Date };

export interface FetchOptions {
  /** Validators of the copy already imported: the server answers 304 when the file did not change. */
  validators?: Validators;
  maxBytes: number;
  timeoutMs: number;
  /** Whether a URL may be read (SOURCE_HOSTS): checked on every redirect, so none leads elsewhere. */
  allowedHost?: (url: string) => boolean;
}

/**
 * GETs a source file with undici: conditional (If-None-Match / If-Modified-Since), a timeout on the
 * headers and on every chunk of the body, a size cap (Content-Length checked up front, counted bytes
 * while streaming), a SHA-256 of what was read, and a Content-Length that must be met (a connection cut
 * short is a truncated file, not a smaller list). 404 is `not_found` (a supplement not published yet).
 */
export async function fetchSourceFile(url: string, options: FetchOptions): Promise<FetchResult> {
  const headers: Record<string, string> = {
    accept: 'text/csv, */*;q=0.5',
    'user-agent': 'PatientLetterHub-compliance/1',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  let res: Awaited<ReturnType<typeof request>>;
  let current = url;
  for (let hop = 0; ; hop++) {
    try {
      res = await request(current, {
        method: 'GET',
        headers,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        dispatcher,
      });
    } catch (err) {
      throw fetchError(err, url);
    }
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode) || typeof location !== 'string') break;
    await res.body.dump().catch(() => undefined);
    if (hop === MAX_REDIRECTS)
      throw new SourceFetchError('HTTP_ERROR', `${url} redirected more than ${MAX_REDIRECTS} times.`);
    const next = URL.canParse(location, current) ? new URL(location, current).href : null;
    if (!next || (options.allowedHost && !options.allowedHost(next)))
      throw new SourceFetchError(
        'HOST_NOT_ALLOWED',
        `${url} redirected to ${next ? new URL(next).host : 'an address that is not a URL'}, not a host sources may be read from.`,
      );
    current = next;
  }
  if (res.statusCode === 304) {
    await res.body.dump();
    return { status: 'not_modified' };
  }
  if (res.statusCode === 404) {
    await res.body.dump();
    return { status: 'not_found' };
  }
  if (res.statusCode !== 200) {
    await res.body.dump().catch(() => undefined);
    throw new SourceFetchError('HTTP_ERROR', `${url} answered HTTP ${res.statusCode}.`);
  }
  const type = String(res.headers['content-type'] ?? '');
  if (/text\/html|application\/xhtml/i.test(type)) {
    await res.body.dump().catch(() => undefined);
    throw new SourceFetchError('NOT_CSV', `${url} answered with an HTML page (${type}), not the file.`);
  }
  const length = Number(res.headers['content-length'] ?? NaN);
  if (Number.isFinite(length) && length > options.maxBytes) {
    res.body.destroy();
    throw new SourceFetchError('TOO_LARGE', `${url} is ${length} bytes, over the ${options.maxBytes}-byte limit.`);
  }
  const header = (name: string) => {
    const v = res.headers[name];
    return typeof v === 'string' ? v : null;
  };
  const body = new MeteredBody(options.maxBytes, Number.isFinite(length) ? length : null, url);
  res.body.on('error', (err) => body.destroy(fetchError(err, url)));
  res.body.pipe(body);
  return {
    status: 'ok',
    body,
    validators: { etag: header('etag'), lastModified: header('last-modified') },
    fetchedAt: new Date(),
  };
}

function fetchError(err: unknown, url: string): SourceFetchError {
  if (err instanceof SourceFetchError) return err;
  if (err instanceof errors.HeadersTimeoutError || err instanceof errors.BodyTimeoutError)
    return new SourceFetchError('TIMEOUT', `${url} did not answer in time.`);
  const message = err instanceof Error ? err.message : String(err);
  return new SourceFetchError('NETWORK', `${url} could not be read (${message.slice(0, 200)}).`);
}

/**
 * The bytes of a file as they pass: counted against a cap, hashed (SHA-256), and checked against the
 * announced length at the end. Also what a hand-uploaded file goes through.
 */
export class MeteredBody extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  private digest: string | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly expectedBytes: number | null,
    private readonly label: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new SourceFetchError('TOO_LARGE', `${this.label} is over the ${this.maxBytes}-byte limit.`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.expectedBytes !== null && this.bytes !== this.expectedBytes) {
      done(
        new SourceFetchError(
          'TRUNCATED',
          `${this.label} ended after ${this.bytes} of ${this.expectedBytes} bytes: the file was cut short.`,
        ),
      );
      return;
    }
    this.digest = this.hash.digest('hex');
    done();
  }

  /** The SHA-256 of everything read; only once the stream has ended. */
  get sha256(): string {
    if (!this.digest) throw new Error('the file has not been read to its end');
    return this.digest;
  }
}

/** A stream that is read through `MeteredBody` (a hand-uploaded file). */
export function metered(source: Readable, maxBytes: number, label: string): MeteredBody {
  const body = new MeteredBody(maxBytes, null, label);
  source.on('error', () =>
    body.destroy(
      new SourceFetchError('NETWORK', `${label} was interrupted before its end; nothing of it was applied.`),
    ),
  );
  source.pipe(body);
  return body;
}
