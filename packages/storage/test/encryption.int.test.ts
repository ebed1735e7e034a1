import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  encryptedStorage,
  FileDecryptionError,
  localStorage,
  parseFileKeys,
  s3Storage,
  tenantObjectKey,
  type FileKeyring,
  type ObjectStorage,
} from '../src';
import { SEGMENT_BYTES } from '../src/encryption/stream-cipher';

const MIB = 1024 * 1024;
const secret = randomBytes(32);
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** What a practice uploads: a patient list whose names must never be readable on disk. */
function patientList(rows: number): Buffer {
  const lines = ['first_name,last_name,address'];
  for (let i = 0; i < rows; i++) lines.push(`Seán,O’Brien-${i},${i} Harbor St`);
  return Buffer.from(lines.join('\n'));
}

describe('files encrypted at rest', () => {
  let root: string;
  const tenant = randomUUID();
  const with_ = (keys: FileKeyring): ObjectStorage =>
    encryptedStorage(localStorage({ root, publicBaseUrl: 'http://x/api/files', urlSecret: secret }), {
      keys,
      signedUrls: { baseUrl: 'http://gw/api/files', secret },
    });
  const onDisk = (key: string) => path.join(root, ...key.split('/'));
  let storage: ObjectStorage;

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'plh-enc-'));
    storage = with_(parseFileKeys(k1));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps no patient name in the bytes on disk, and gives the plaintext back', async () => {
    const list = patientList(5_000); // several 64 KiB segments
    const key = tenantObjectKey(tenant, 'lists', 'a.csv');
    const stored = await storage.put(key, list, { maxBytes: MIB, accept: ['text/csv'] });
    expect(stored.size).toBe(list.length);
    const disk = readFileSync(onDisk(key));
    expect(disk.subarray(0, 4).toString()).toBe('PLHE');
    expect(disk.includes(Buffer.from('Brien'))).toBe(false);
    expect(disk.includes(Buffer.from('Harbor'))).toBe(false);
    expect(await readAll(await storage.get(key))).toEqual(list);
    expect(await storage.head(key)).toEqual({ size: list.length });
  });

  it.each([1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES])(
    'round-trips %i bytes exactly (segment boundaries)',
    async (n) => {
      const bytes = randomBytes(n);
      const key = tenantObjectKey(tenant, 'sizes', `${n}.bin`);
      await storage.put(key, bytes, { maxBytes: MIB });
      expect(await readAll(await storage.get(key))).toEqual(bytes);
      expect(await storage.head(key)).toEqual({ size: n });
    },
  );

  const failsToRead = async (key: string, s = storage) => {
    const error = await readAll(await s.get(key)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileDecryptionError);
    return error as FileDecryptionError;
  };

  it('refuses a file with one byte changed, a truncated file and one cut at a segment boundary', async () => {
    const list = patientList(5_000);
    const key = tenantObjectKey(tenant, 'lists', 'tamper.csv');
    await storage.put(key, list, { maxBytes: MIB });
    const original = readFileSync(onDisk(key));

    const flipped = Buffer.from(original);
    flipped[original.length >> 1]! ^= 1;
    writeFileSync(onDisk(key), flipped);
    await failsToRead(key);

    writeFileSync(onDisk(key), original.subarray(0, original.length - 10));
    await failsToRead(key);

    // Exactly the header and the first two whole segments: every byte authentic, but not the end.
    writeFileSync(onDisk(key), original.subarray(0, 104 + 2 * (SEGMENT_BYTES + 16)));
    expect((await failsToRead(key)).message).toMatch(/modified or truncated/);
  });

  it("refuses another practice's (or another object's) file copied under a key", async () => {
    const key = tenantObjectKey(tenant, 'lists', 'mine.csv');
    await storage.put(key, patientList(3), { maxBytes: MIB });
    const stolen = tenantObjectKey(randomUUID(), 'lists', 'mine.csv');
    mkdirSync(path.dirname(onDisk(stolen)), { recursive: true });
    writeFileSync(onDisk(stolen), readFileSync(onDisk(key)));
    expect((await failsToRead(stolen)).message).toMatch(/another practice, another object/);
  });

  it('reads files of a retired master key while a new one encrypts, and names a missing key', async () => {
    const key = tenantObjectKey(tenant, 'lists', 'old.csv');
    await storage.put(key, patientList(3), { maxBytes: MIB });
    const rotated = with_(parseFileKeys(`${k2},${k1}`));
    expect((await readAll(await rotated.get(key))).toString()).toContain('Seán');
    const fresh = tenantObjectKey(tenant, 'lists', 'new.csv');
    await rotated.put(fresh, patientList(3), { maxBytes: MIB });
    expect(readFileSync(onDisk(fresh)).subarray(5, 7).toString()).toBe('k2');
    expect((await failsToRead(key, with_(parseFileKeys(k2)))).message).toMatch(/master key "k1"/);
  });

  it('refuses an unencrypted file (swapped in the bucket), unless told to read files from before encryption', async () => {
    const key = tenantObjectKey(tenant, 'lists', 'legacy.csv');
    mkdirSync(path.dirname(onDisk(key)), { recursive: true });
    writeFileSync(onDisk(key), 'first_name\nAna\n');
    expect((await failsToRead(key)).message).toMatch(/not encrypted/);
    const legacy = encryptedStorage(localStorage({ root, publicBaseUrl: 'http://x/api/files', urlSecret: secret }), {
      keys: parseFileKeys(k1),
      signedUrls: { baseUrl: 'http://gw/api/files', secret },
      readUnencrypted: true,
    });
    expect((await readAll(await legacy.get(key))).toString()).toBe('first_name\nAna\n');
  });

  it('signs links to the service that decrypts, never to the bucket', async () => {
    const key = tenantObjectKey(tenant, 'lists', 'a.csv');
    expect(await storage.signedDownloadUrl(key, { expiresInSec: 60 })).toMatch(
      new RegExp(`^http://gw/api/files/tenants/${tenant}/lists/a\\.csv\\?expires=`),
    );
  });
});

describe('S3 server-side encryption (STORAGE_ENCRYPTION=s3-kms)', () => {
  it('asks S3 to encrypt every object with the KMS key, in the headers of the real PutObject request', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    // A recorder in S3's place: what the AWS SDK really sends, answered as S3 answers a PutObject.
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(200, { ETag: '"0"' }).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const storage = s3Storage({
        bucket: 'plh-files',
        kms: { keyId: 'arn:aws:kms:us-east-1:111122223333:key/plh' },
        client: {
          endpoint: `http://127.0.0.1:${port}`,
          region: 'us-east-1',
          forcePathStyle: true,
          credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
        },
      });
      await storage.put(tenantObjectKey(randomUUID(), 'lists', 'a.csv'), patientList(2), { maxBytes: MIB });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': 'arn:aws:kms:us-east-1:111122223333:key/plh',
      });
    } finally {
      server.close();
    }
  });
});
