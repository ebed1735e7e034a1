import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';

export interface S3ServerHandle {
  /** Endpoint for `@aws-sdk/client-s3` (with `forcePathStyle: true`). */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bucket: string;
  directory: string;
  stop(): Promise<void>;
}

/**
 * A local S3 stand-in (s3rver 3.7, PLATFORM.md) with one bucket, storing under a temp directory.
 * It speaks the S3 REST API (multipart and presigned URLs included) but does not verify signatures:
 * tests of signing check the URL's parameters, not s3rver's answer.
 */
export async function startS3Server(bucket = 'plh-test'): Promise<S3ServerHandle> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships CommonJS without types
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
    run(): Promise<unknown>;
    close(): Promise<void>;
    httpServer?: Server;
  };
  const directory = mkdtempSync(path.join(os.tmpdir(), 'plh-s3-'));
  const port = await freePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    bucket,
    directory,
    stop: async () => {
      server.httpServer?.closeAllConnections?.();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
