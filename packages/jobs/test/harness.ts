import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PgDatabase, setupServiceDatabase } from '@plh/db';
import { createTestDatabase, migrationsFolder, type TestDatabase } from '@plh/test-kit';
import { JobWorker, type JobHandler, type JobWorkerOptions } from '../src';

export const SCHEMA = 'svc';

/** The job tables exactly as services get them, plus a table the test handlers write their effects to. */
function migrations(): string {
  return migrationsFolder({
    '20260101000000_job_queue': readFileSync(path.join(__dirname, '../sql/jobs.sql'), 'utf8'),
    '20260101000001_test_tables': `CREATE TABLE effect (job_id uuid NOT NULL, worker text NOT NULL, attempt int NOT NULL,
       handled_at timestamptz NOT NULL DEFAULT now());`,
  });
}

export interface Harness {
  appUrl: string;
  /** Superuser URL of the test database (to take privileges away mid-test). */
  adminUrl: string;
  db: PgDatabase;
  worker(handlers: JobHandler[], extra?: Partial<JobWorkerOptions>): Promise<JobWorker>;
  /** Stops every worker started so far (each test starts its own). */
  stopWorkers(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const testDb: TestDatabase = await createTestDatabase();
  const { appUrl } = await setupServiceDatabase(testDb.adminUrl, SCHEMA, migrations(), {
    migratorPassword: 'jobs-migrator',
    appPassword: 'jobs-app',
  });
  const db = new PgDatabase({ connectionString: appUrl, max: 4 });
  const workers: JobWorker[] = [];
  return {
    appUrl,
    adminUrl: testDb.adminUrl,
    db,
    worker: async (handlers, extra = {}) => {
      const worker = await new JobWorker({
        connectionString: appUrl,
        schema: SCHEMA,
        handlers,
        pollIntervalMs: 100,
        ...extra,
      }).start();
      workers.push(worker);
      return worker;
    },
    stopWorkers: async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await db.end();
      await testDb.drop();
    },
  };
}

export async function jobRow(h: Harness, id: string) {
  const [row] = await h.db.$queryRawUnsafe<
    Array<{ state: string; attempts: number; last_error: string | null; run_at: Date; finished_at: Date | null }>
  >(`SELECT state, attempts, last_error, run_at, finished_at FROM ${SCHEMA}.job_queue WHERE id = $1::uuid`, id);
  if (!row) throw new Error(`no job ${id}`);
  return row;
}

export async function effects(h: Harness): Promise<Array<{ job_id: string; worker: string; attempt: number }>> {
  return h.db.$queryRawUnsafe(`SELECT job_id::text, worker, attempt FROM ${SCHEMA}.effect ORDER BY handled_at`);
}
