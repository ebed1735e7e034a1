/**
 * Files encrypted at rest against the same driver bare, in the same run on the same disk: write and
 * read back BENCH_FILES files of BENCH_FILE_MIB MiB each (streamed), as a patient-list upload or a
 * production file download would. Reports MiB/s of each and the encrypted/bare ratio.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { encryptedStorage, localStorage, parseFileKeys, tenantObjectKey, type ObjectStorage } from '@plh/storage';
import { fmt, report } from './stats';

const FILES = Number(process.env.BENCH_FILES ?? 12);
const MIB = 1024 * 1024;
const FILE_MIB = Number(process.env.BENCH_FILE_MIB ?? 16);
const chunk = randomBytes(MIB);

function file(): Readable {
  let sent = 0;
  return new Readable({
    read() {
      this.push(sent++ < FILE_MIB ? chunk : null);
    },
  });
}

async function run(storage: ObjectStorage): Promise<{ writeMiBs: number; readMiBs: number }> {
  const tenant = '2b0c3a52-8f1e-4a57-9d7e-0c1f3a2b4c5d';
  const keys = Array.from({ length: FILES }, (_, i) => tenantObjectKey(tenant, 'bench', `f${i}`));
  let start = performance.now();
  for (const key of keys) await storage.put(key, file(), { maxBytes: (FILE_MIB + 1) * MIB });
  const writeMs = performance.now() - start;
  start = performance.now();
  for (const key of keys) for await (const _ of await storage.get(key)) void _;
  const readMs = performance.now() - start;
  const mib = FILES * FILE_MIB;
  return { writeMiBs: mib / (writeMs / 1000), readMiBs: mib / (readMs / 1000) };
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plh-bench-storage-'));
  try {
    const secret = randomBytes(32);
    const bare = localStorage({
      root: path.join(root, 'bare'),
      publicBaseUrl: 'http://x/api/files',
      urlSecret: secret,
    });
    const encrypted = encryptedStorage(
      localStorage({ root: path.join(root, 'enc'), publicBaseUrl: 'http://x/api/files', urlSecret: secret }),
      { keys: parseFileKeys(`b1:${randomBytes(32).toString('base64')}`), signedUrls: { baseUrl: 'http://x', secret } },
    );
    await run(bare); // warm-up: page cache, JIT
    await run(encrypted);
    const b = await run(bare);
    const e = await run(encrypted);
    console.log(`storage: ${FILES} files × ${FILE_MIB} MiB, local disk`);
    console.log(`  bare       write ${fmt(b.writeMiBs)} MiB/s   read ${fmt(b.readMiBs)} MiB/s`);
    console.log(`  encrypted  write ${fmt(e.writeMiBs)} MiB/s   read ${fmt(e.readMiBs)} MiB/s`);
    console.log(
      `  ratio      write ${(e.writeMiBs / b.writeMiBs).toFixed(2)}×   read ${(e.readMiBs / b.readMiBs).toFixed(2)}×`,
    );
    report('storage', {
      bareWriteMiBs: b.writeMiBs,
      bareReadMiBs: b.readMiBs,
      encryptedWriteMiBs: e.writeMiBs,
      encryptedReadMiBs: e.readMiBs,
      writeRatio: e.writeMiBs / b.writeMiBs,
      readRatio: e.readMiBs / b.readMiBs,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
