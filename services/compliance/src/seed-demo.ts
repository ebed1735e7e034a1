/**
 * Points the `oig-leie` source at the bundled sample (served locally by `npm start`) and asks for a
 * sync, so a newcomer's compliance page shows a screened roster without reaching OIG. Leaves a source
 * ops have pointed elsewhere alone, and syncs only a source that never imported anything. Reads
 * DATABASE_URL (the compliance runtime role) and DEMO_LEIE_BASE_URL.
 */
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { prismaAdapter } from '@plh/db';
import { PrismaClient } from '../generated/prisma';
import { complianceUnitOfWork } from './data/unit-of-work';
import { LEIE_SOURCE } from './domain/leie/sync-leie';
import { requestSync } from './domain/sources/request-sync';

const OIG = 'https://oig.hhs.gov/exclusions/downloadables/';

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
      return sources.update(LEIE_SOURCE, { config: { ...current.config, baseUrl: env('DEMO_LEIE_BASE_URL') } });
    });
    if (source && source.snapshotVersion === 0 && source.config.baseUrl === env('DEMO_LEIE_BASE_URL'))
      await requestSync({ systemWork: work.system }, { source: LEIE_SOURCE, trigger: 'manual', requestedBy: null });
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`compliance seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
