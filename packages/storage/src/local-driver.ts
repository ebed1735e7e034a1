import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey } from './keys';
import { feed, MeasuringStream } from './measure';
import {
  StorageError,
  type ObjectStorage,
  type PutOptions,
  type SignedUrlOptions,
  type StoredObject,
} from './object-storage';
import { signLocalUrl } from './signed-url';

export interface LocalStorageOptions {
  /** Folder that holds the objects (git-ignored `.data/files` under `npm start`). */
  root: string;
  /** Public base of the route that serves signed links, e.g. `http://127.0.0.1:3000/api/files`. */
  publicBaseUrl: string;
  /** HMAC secret for signed links (32+ bytes). */
  urlSecret: Buffer;
}

/**
 * Objects as files under `root`, written to a temporary name and renamed into place only once complete,
 * measured and accepted: a reader never sees half a file, and a refused upload leaves nothing behind.
 */
export function localStorage(options: LocalStorageOptions): ObjectStorage {
  const fileOf = (key: string) => {
    assertValidKey(key);
    return path.join(options.root, ...key.split('/'));
  };
  return {
    driver: 'local',
    async put(key: string, body: Readable | Buffer, put: PutOptions): Promise<StoredObject> {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${randomUUID()}.partial`;
      const measure = new MeasuringStream(put.maxBytes, put.accept);
      const out = createWriteStream(temp, { flags: 'wx' });
      try {
        feed(body, measure);
        await pipeline(measure, out);
        await rename(temp, file);
      } catch (err) {
        // A refusal can come while the temp file is still being opened: removing it before the stream
        // has closed would let the open create it afterwards and leave a `.partial` behind.
        if (!out.closed) await once(out, 'close').catch(() => undefined);
        await rm(temp, { force: true });
        throw err;
      }
      return { key, size: measure.size, sha256: measure.sha256(), contentType: measure.contentType! };
    },
    async get(key: string): Promise<Readable> {
      const file = fileOf(key);
      const exists = await stat(file).catch(() => null);
      if (!exists?.isFile()) throw new StorageError('OBJECT_NOT_FOUND', 'no such object');
      return createReadStream(file);
    },
    async head(key: string) {
      const s = await stat(fileOf(key)).catch(() => null);
      return s?.isFile() ? { size: s.size } : null;
    },
    async delete(key: string) {
      await rm(fileOf(key), { force: true });
    },
    async signedDownloadUrl(key: string, signed: SignedUrlOptions) {
      assertValidKey(key);
      return signLocalUrl({
        baseUrl: options.publicBaseUrl,
        key,
        secret: options.urlSecret,
        expiresAt: Date.now() + signed.expiresInSec * 1000,
        ...(signed.filename ? { filename: signed.filename } : {}),
      });
    },
  };
}
