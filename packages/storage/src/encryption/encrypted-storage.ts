import type { Readable } from 'node:stream';
import { assertValidKey } from '../keys';
import { feed, MeasuringStream } from '../measure';
import { StorageError, type ObjectStorage, type PutOptions, type StoredObject } from '../object-storage';
import { signLocalUrl } from '../signed-url';
import type { FileKeyring } from './file-keys';
import { DecryptStream, EncryptStream, encryptedSize, plaintextSize } from './stream-cipher';

export interface EncryptedStorageOptions {
  keys: FileKeyring;
  /**
   * Serve objects without the encryption header as stored (files written before encryption was
   * turned on). Off by default: otherwise anyone able to write to the bucket could swap a file for
   * unauthenticated content.
   */
  readUnencrypted?: boolean;
  /** Downloads go through the service that can decrypt (`/api/files/*`), never straight to the bucket. */
  signedUrls: { baseUrl: string; secret: Buffer };
}

/** `tenants/<practice>/…`: the practice whose key protects the object. */
function tenantOf(key: string): string {
  const [root, tenantId] = key.split('/');
  return root === 'tenants' && tenantId ? tenantId : 'platform';
}

/**
 * Any driver, with every object encrypted before it leaves the process (stream-cipher.ts): neither the
 * disk nor the bucket ever holds a patient's name. Limits, content types and the SHA-256 apply to the
 * plaintext (the hash an approver's proof is identified by), and signed links point at the files route
 * of the service, which decrypts as it streams.
 */
export function encryptedStorage(inner: ObjectStorage, options: EncryptedStorageOptions): ObjectStorage {
  return {
    driver: inner.driver,
    async put(key: string, body: Readable | Buffer, put: PutOptions): Promise<StoredObject> {
      const measure = new MeasuringStream(put.maxBytes, put.accept);
      const encrypt = new EncryptStream(options.keys, tenantOf(key), key);
      feed(body, measure);
      // A refusal of the plaintext (too large, wrong type, empty) fails the ciphertext stream with it, so
      // the driver discards what it holds before the put answers.
      measure.once('error', (err) => encrypt.destroy(err));
      // Seen by the driver once it starts reading (feed() checks `errored`); until then, not unhandled.
      encrypt.on('error', () => undefined);
      measure.pipe(encrypt);
      try {
        await inner.put(key, encrypt, { maxBytes: encryptedSize(put.maxBytes) });
      } catch (err) {
        throw measure.errored instanceof StorageError ? measure.errored : err;
      }
      return { key, size: measure.size, sha256: measure.sha256(), contentType: measure.contentType! };
    },
    async get(key: string): Promise<Readable> {
      const stored = await inner.get(key);
      const decrypt = new DecryptStream(options.keys, tenantOf(key), key, options.readUnencrypted ?? false);
      stored.on('error', (err) => decrypt.destroy(err));
      // A reader that stops early (a header peek, a client gone) frees the file handle or S3 socket.
      decrypt.on('close', () => stored.destroy());
      return stored.pipe(decrypt);
    },
    async head(key: string) {
      const stored = await inner.head(key);
      return stored ? { size: plaintextSize(stored.size) } : null;
    },
    delete: (key) => inner.delete(key),
    async signedDownloadUrl(key, signed) {
      assertValidKey(key);
      return signLocalUrl({
        baseUrl: options.signedUrls.baseUrl,
        key,
        secret: options.signedUrls.secret,
        expiresAt: Date.now() + signed.expiresInSec * 1000,
        ...(signed.filename ? { filename: signed.filename } : {}),
      });
    },
  };
}
