import { attachmentDisposition } from './signed-url';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PassThrough, type Readable } from 'node:stream';
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

export interface S3StorageOptions {
  bucket: string;
  /** Prefix inside the bucket (an environment's folder), without a trailing slash; may be empty. */
  prefix?: string;
  client: S3ClientConfig;
  /** Multipart part size; uploads larger than this go in parts (S3 minimum 5 MiB). */
  partSizeBytes?: number;
  /**
   * S3 server-side encryption with a KMS key (SSE-KMS) on every object: S3 encrypts at rest and decrypts
   * for presigned downloads of callers KMS allows. Without a key id, the bucket's AWS-managed key.
   */
  kms?: { keyId?: string };
}

const MIB = 1024 * 1024;

/**
 * Objects in S3 (or anything speaking its API) through @aws-sdk/client-s3. Uploads stream through
 * lib-storage's multipart Upload (parts of 8 MiB, four in flight), measured on the way; a refused or
 * failed upload is aborted, so no parts or object remain. The object carries its SHA-256 as metadata.
 * Downloads are presigned GETs with a short expiry.
 */
export function s3Storage(options: S3StorageOptions): ObjectStorage {
  const client = new S3Client(options.client);
  const objectKey = (key: string) => {
    assertValidKey(key);
    return options.prefix ? `${options.prefix}/${key}` : key;
  };
  return {
    driver: 's3',
    async put(key: string, body: Readable | Buffer, put: PutOptions): Promise<StoredObject> {
      const measure = new MeasuringStream(put.maxBytes, put.accept);
      const passThrough = new PassThrough();
      const upload = new Upload({
        client,
        params: {
          Bucket: options.bucket,
          Key: objectKey(key),
          Body: passThrough,
          ...(options.kms
            ? {
                ServerSideEncryption: 'aws:kms' as const,
                ...(options.kms.keyId ? { SSEKMSKeyId: options.kms.keyId } : {}),
              }
            : {}),
        },
        partSize: options.partSizeBytes ?? 8 * MIB,
        queueSize: 4,
        leavePartsOnError: false,
      });
      feed(body, measure);
      const feeding = pipeline(measure, passThrough);
      try {
        await Promise.all([feeding, upload.done()]);
      } catch (err) {
        await upload.abort().catch(() => undefined);
        // A completed single-part upload cannot be aborted: remove what may have landed.
        await client
          .send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }))
          .catch(() => undefined);
        // The measuring stream's refusal (too large, wrong type) is the cause, whichever side failed first.
        throw measure.errored instanceof StorageError ? measure.errored : err;
      }
      return { key, size: measure.size, sha256: measure.sha256(), contentType: measure.contentType! };
    },
    async get(key: string): Promise<Readable> {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
        return res.Body as Readable;
      } catch (err) {
        if (isNotFound(err)) throw new StorageError('OBJECT_NOT_FOUND', 'no such object');
        throw err;
      }
    },
    async head(key: string) {
      try {
        const res = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
        return { size: res.ContentLength ?? 0 };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async delete(key: string) {
      await client.send(new DeleteObjectCommand({ Bucket: options.bucket, Key: objectKey(key) }));
    },
    async signedDownloadUrl(key: string, signed: SignedUrlOptions) {
      const command = new GetObjectCommand({
        Bucket: options.bucket,
        Key: objectKey(key),
        ...(signed.filename ? { ResponseContentDisposition: attachmentDisposition(signed.filename) } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: signed.expiresInSec });
    },
  };
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
