/**
 * Points the `oig-leie` source at the bundled sample (served locally by `npm start`) and asks for a
 * sync, so a newcomer's compliance page shows a screened roster without reaching OIG. Leaves a source
 * ops have pointed elsewhere alone, and syncs only a source that never imported anything. Reads
 * DATABASE_URL (the compliance runtime role) and DEMO_LEIE_BASE_URL.
 */
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { prismaAdapter } from '@plh/db';
import { Conflict } from '@plh/service-kit';
import { PrismaClient } from '../generated/prisma';
import { complianceUnitOfWork } from './data/unit-of-work';
import { LEIE_SOURCE } from './domain/leie/sync-leie';
import { requestSync } from './domain/sources/request-sync';

const OIG = 'https://oig.hhs.gov/exclusions/downloadables/';

/**
 * Asks for a sync of the sample. The scheduler may have started one (against OIG, before the source
 * pointed here) a moment earlier: wait for it to end, then ask again.
 */
async function syncOnce(systemWork: ReturnType<typeof complianceUnitOfWork>['system']): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await requestSync({ systemWork }, { source: LEIE_SOURCE, trigger: 'manual', requestedBy: null });
      return;
    } catch (err) {
      if (!(err instanceof Conflict) || attempt >= 60) throw err;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const db = new PrismaClient({ adapter: prismaAdapter(env('DATABASE_URL'), 'compliance', { max: 2 }) });
  try {
    const work = complianceUnitOfWork(db, new EventRegistry(ALL_EVENTS));
    const source = await work.system(async ({ sources }) => {
      const current = await sources.lock(LEIE_SOURCE);
      if (!current || current.config.baseUrl !== OIG) return current;
      return sources.update(LEIE_SOURCE, {
        config: { ...current.config, baseUrl: env('DEMO_LEIE_BASE_URL') },
        etag: null,
        lastModified: null,
      });
    });
    if (source && source.snapshotVersion === 0 && source.config.baseUrl === env('DEMO_LEIE_BASE_URL'))
      await syncOnce(work.system);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`compliance seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
