import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { startS3Server, type S3ServerHandle } from '@plh/test-kit';
import {
  encryptedStorage,
  localStorage,
  parseFileKeys,
  s3Storage,
  StorageError,
  tenantObjectKey,
  verifyLocalUrl,
  type ObjectStorage,
} from '../src';

const MIB = 1024 * 1024;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]);
const CSV = Buffer.from('\uFEFFfirst_name,last_name,address\n"Nuñez, Ana",Q,"1 Main St"\n');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** `count` chunks of 1 MiB, generated lazily: the test never holds the whole file. */
function megabytes(count: number): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(MIB, 'a,b,c\n');
  return new Readable({
    read() {
      this.push(sent++ < count ? chunk : null);
    },
  });
}

const secret = randomBytes(32);
let s3: S3ServerHandle;
let localRoot: string;

beforeAll(async () => {
  s3 = await startS3Server();
  localRoot = mkdtempSync(path.join(os.tmpdir(), 'plh-files-'));
});
afterAll(async () => {
  await s3?.stop();
  rmSync(localRoot, { recursive: true, force: true });
});

const local = () => localStorage({ root: localRoot, publicBaseUrl: 'http://files.test/api/files', urlSecret: secret });
const s3Driver = () =>
  s3Storage({
    bucket: s3.bucket,
    prefix: 'env-test',
    partSizeBytes: 5 * MIB,
    client: { endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials, forcePathStyle: true },
  });
const keys = parseFileKeys(`k1:${randomBytes(32).toString('base64')}`);
const encrypted = (inner: ObjectStorage) =>
  encryptedStorage(inner, { keys, signedUrls: { baseUrl: 'http://files.test/api/files', secret } });

/** Every driver, bare and encrypted: the same contract holds for the plaintext either way. */
const drivers: Array<[string, () => ObjectStorage]> = [
  ['local', local],
  ['s3', s3Driver],
  ['local+encrypted', () => encrypted(local())],
  ['s3+encrypted', () => encrypted(s3Driver())],
];

describe.each(drivers)('%s storage', (name, make) => {
  let storage: ObjectStorage;
  const tenant = randomUUID();
  beforeAll(() => {
    storage = make();
  });

  it('stores bytes with their size, SHA-256 and sniffed type, and gives them back', async () => {
    const key = tenantObjectKey(tenant, 'files', randomUUID());
    const stored = await storage.put(key, CSV, { maxBytes: MIB, accept: ['text/csv'] });
    expect(stored).toEqual({ key, size: CSV.length, sha256: sha(CSV), contentType: 'text/csv' });
    expect(await readAll(await storage.get(key))).toEqual(CSV);
    expect(await storage.head(key)).toEqual({ size: CSV.length });
  });

  it('streams a 12 MiB upload (multipart on S3) without changing a byte', async () => {
    const key = tenantObjectKey(tenant, 'big', randomUUID());
    const expected = createHash('sha256');
    const chunk = Buffer.alloc(MIB, 'a,b,c\n');
    for (let i = 0; i < 12; i++) expected.update(chunk);
    const stored = await storage.put(key, megabytes(12), { maxBytes: 50 * MIB });
    expect(stored.size).toBe(12 * MIB);
    expect(stored.sha256).toBe(expected.digest('hex'));
    expect(sha(await readAll(await storage.get(key)))).toBe(stored.sha256);
  });

  it('refuses an upload past the limit while it streams, and keeps nothing', async () => {
    const key = tenantObjectKey(tenant, 'too-big', randomUUID());
    await expect(storage.put(key, megabytes(8), { maxBytes: 3 * MIB })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    expect(await storage.head(key)).toBeNull();
    if (name.startsWith('local')) expect(readdirSync(path.join(localRoot, 'tenants', tenant, 'too-big'))).toEqual([]);
  });

  it('refuses a file whose bytes are not an accepted type, whatever its name, and an empty file', async () => {
    const key = tenantObjectKey(tenant, 'list.csv');
    const refused = await storage.put(key, PNG, { maxBytes: MIB, accept: ['text/csv'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageError);
    expect(refused).toMatchObject({ code: 'UNSUPPORTED_CONTENT_TYPE' });
    expect(await storage.head(key)).toBeNull();
    await expect(storage.put(key, Buffer.alloc(0), { maxBytes: MIB })).rejects.toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('leaves no partial file behind when many refused uploads race their temp files opening', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => tenantObjectKey(tenant, 'race', `list-${i}.csv`));
    const results = await Promise.allSettled(
      keys.map((key) => storage.put(key, PNG, { maxBytes: MIB, accept: ['text/csv'] })),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    if (name.startsWith('local')) {
      const dir = path.join(localRoot, 'tenants', tenant, 'race');
      expect(readdirSync(dir)).toEqual([]);
    }
    for (const key of keys) expect(await storage.head(key)).toBeNull();
  });

  it('answers OBJECT_NOT_FOUND for a missing object and refuses keys outside a tenant prefix', async () => {
    await expect(storage.get(tenantObjectKey(tenant, 'missing'))).rejects.toMatchObject({ code: 'OBJECT_NOT_FOUND' });
    for (const bad of ['../etc/passwd', 'tenants/../x/y', '/tenants/a/b', 'other/a/b'])
      await expect(storage.get(bad)).rejects.toMatchObject({ code: 'INVALID_OBJECT_KEY' });
    expect(() => tenantObjectKey(tenant, '..')).toThrow(StorageError);
    expect(() => tenantObjectKey(tenant, 'a/b')).toThrow(StorageError);
  });

  it('signs short-lived download links bound to one object', async () => {
    const key = tenantObjectKey(tenant, 'signed', randomUUID());
    await storage.put(key, CSV, { maxBytes: MIB });
    const url = new URL(await storage.signedDownloadUrl(key, { expiresInSec: 60, filename: 'list.csv' }));
    if (name === 's3') {
      expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
      expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      expect(url.pathname).toBe(`/${s3.bucket}/env-test/${key}`);
      const res = await fetch(url); // s3rver serves it (it does not check signatures, see test-kit)
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(CSV);
    } else {
      const q = (n: string) => url.searchParams.get(n) ?? undefined;
      const keyOfUrl = decodeURIComponent(url.pathname.replace('/api/files/', ''));
      expect(keyOfUrl).toBe(key);
      const check = { key: keyOfUrl, expires: q('expires'), signature: q('signature'), filename: 'list.csv', secret };
      expect(verifyLocalUrl(check)).toMatchObject({ ok: true, key });
      expect(verifyLocalUrl({ ...check, key: tenantObjectKey(randomUUID(), 'signed', 'x') })).toEqual({
        ok: false,
        reason: 'invalid',
      });
      expect(verifyLocalUrl({ ...check, filename: 'other.csv' })).toMatchObject({ ok: false });
      expect(verifyLocalUrl({ ...check, now: Date.now() + 61_000 })).toEqual({ ok: false, reason: 'expired' });
    }
  });
});
