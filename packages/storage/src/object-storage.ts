import type { Readable } from 'node:stream';

/** What a stored object is known by, after it was written in full. */
export interface StoredObject {
  key: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes as stored. */
  sha256: string;
  /** Sniffed from the first bytes, not taken from the uploader's word. */
  contentType: string;
}

export interface PutOptions {
  /** The upload is refused (and nothing kept) once it passes this many bytes. */
  maxBytes: number;
  /** Content types accepted after sniffing; anything else is refused and nothing kept. */
  accept?: readonly string[];
}

export interface SignedUrlOptions {
  expiresInSec: number;
  /** Suggested file name for the download (Content-Disposition). */
  filename?: string;
}

/**
 * One interface, two drivers: the local filesystem (default) and S3. Keys are relative paths made by
 * `tenantObjectKey()`; drivers refuse anything else. Writes are all-or-nothing: an upload that is too
 * large, of a refused type or interrupted leaves no object behind.
 */
export interface ObjectStorage {
  readonly driver: 'local' | 's3';
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredObject>;
  /** A stream of the object's bytes; ObjectNotFoundError when it does not exist. */
  get(key: string): Promise<Readable>;
  head(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  signedDownloadUrl(key: string, options: SignedUrlOptions): Promise<string>;
}

export class StorageError extends Error {
  constructor(
    readonly code:
      'FILE_TOO_LARGE' | 'UNSUPPORTED_CONTENT_TYPE' | 'OBJECT_NOT_FOUND' | 'INVALID_OBJECT_KEY' | 'EMPTY_FILE',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}
