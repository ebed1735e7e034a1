import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { encryptedStorage } from './encryption/encrypted-storage';
import { parseFileKeys } from './encryption/file-keys';
import { localStorage } from './local-driver';
import type { ObjectStorage } from './object-storage';
import { s3Storage } from './s3-driver';

/**
 * The storage settings every service that reads or writes files shares (core, proof engine): one
 * schema, so the same environment variables mean the same thing everywhere.
 */
export const StorageConfigSchema = Type.Object({
  STORAGE_DRIVER: Type.Union([Type.Literal('local'), Type.Literal('s3')], { default: 'local' }),
  STORAGE_LOCAL_DIR: Type.String({ minLength: 1, default: '.data/files', description: 'Folder of the local driver' }),
  FILE_URL_SECRET: Type.String({
    minLength: 32,
    description: 'HMAC secret of signed download links served by the local driver (the same in every service)',
  }),
  PUBLIC_BASE_URL: Type.String({
    pattern: '^https?://',
    default: 'http://127.0.0.1:3000',
    description: 'Where clients reach the gateway (signed links point here)',
  }),
  S3_BUCKET: Type.Optional(Type.String({ minLength: 3 })),
  S3_PREFIX: Type.String({ default: '', description: 'Folder inside the bucket for this environment' }),
  S3_REGION: Type.String({ default: 'us-east-1' }),
  S3_ENDPOINT: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'S3-compatible endpoint (MinIO, s3rver)' }),
  ),
  S3_FORCE_PATH_STYLE: Type.Boolean({ default: false }),
  STORAGE_ENCRYPTION: Type.Union([Type.Literal('app'), Type.Literal('s3-kms')], {
    default: 'app',
    description:
      'app: every file encrypted in the service with the practice’s key before it is stored (any driver); s3-kms: S3 SSE-KMS instead (STORAGE_DRIVER=s3 only)',
  }),
  FILE_ENCRYPTION_KEYS: Type.Optional(
    Type.String({
      minLength: 10,
      description:
        'id:<32 bytes base64>[,id:<base64>…]: master keys of file encryption (the same in every service); the first encrypts, all decrypt',
    }),
  ),
  FILE_ENCRYPTION_READ_UNENCRYPTED: Type.Boolean({
    default: false,
    description: 'Serve files stored before encryption was turned on as they are (off: such files are refused)',
  }),
  S3_KMS_KEY_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'KMS key (id or ARN) for STORAGE_ENCRYPTION=s3-kms; default: aws/s3' }),
  ),
});
export type StorageConfig = Static<typeof StorageConfigSchema>;

/**
 * The driver the settings ask for (S3 credentials come from the AWS default chain: env, profile,
 * role). Local signed links are served by core's `/api/files/*` through the gateway.
 */
export function storageFromConfig(config: StorageConfig): ObjectStorage {
  const filesUrl = `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/files`;
  const urlSecret = Buffer.from(config.FILE_URL_SECRET, 'utf8');
  const kms = config.STORAGE_ENCRYPTION === 's3-kms';
  if (kms && config.STORAGE_DRIVER !== 's3') throw new Error('STORAGE_ENCRYPTION=s3-kms needs STORAGE_DRIVER=s3');
  if (!kms && !config.FILE_ENCRYPTION_KEYS)
    throw new Error('FILE_ENCRYPTION_KEYS is required (or STORAGE_ENCRYPTION=s3-kms with S3): files hold PHI');
  let driver: ObjectStorage;
  if (config.STORAGE_DRIVER === 's3') {
    if (!config.S3_BUCKET) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET');
    driver = s3Storage({
      bucket: config.S3_BUCKET,
      prefix: config.S3_PREFIX.replace(/^\/+|\/+$/g, ''),
      client: {
        region: config.S3_REGION,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      },
      ...(kms ? { kms: config.S3_KMS_KEY_ID ? { keyId: config.S3_KMS_KEY_ID } : {} } : {}),
    });
  } else {
    driver = localStorage({ root: path.resolve(config.STORAGE_LOCAL_DIR), publicBaseUrl: filesUrl, urlSecret });
  }
  if (kms) return driver;
  return encryptedStorage(driver, {
    keys: parseFileKeys(config.FILE_ENCRYPTION_KEYS!),
    readUnencrypted: config.FILE_ENCRYPTION_READ_UNENCRYPTED,
    signedUrls: { baseUrl: filesUrl, secret: urlSecret },
  });
}
