import { localStorage, s3Storage, type ObjectStorage } from '@plh/storage';
import path from 'node:path';
import type { Config } from './config';

/** The storage driver config asks for (S3 credentials come from the AWS default chain: env, profile, role). */
export function storageFromConfig(config: Config): ObjectStorage {
  if (config.STORAGE_DRIVER === 's3') {
    if (!config.S3_BUCKET) throw new Error('STORAGE_DRIVER=s3 needs S3_BUCKET');
    return s3Storage({
      bucket: config.S3_BUCKET,
      prefix: config.S3_PREFIX.replace(/^\/+|\/+$/g, ''),
      client: {
        region: config.S3_REGION,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      },
    });
  }
  return localStorage({
    root: path.resolve(config.STORAGE_LOCAL_DIR),
    publicBaseUrl: `${config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/files`,
    urlSecret: Buffer.from(config.FILE_URL_SECRET, 'utf8'),
  });
}
