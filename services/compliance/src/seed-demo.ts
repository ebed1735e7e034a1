/**
 * Points each compliance source at its bundled sample (`samples/<source>/`, served locally by
 * `npm start`) and asks for a sync, so a newcomer's compliance page shows a screened roster without
 * reaching OIG, CMS, a state or the Federal Register. Leaves a source ops have pointed elsewhere alone, and syncs only a source that
 * never synced successfully. Reads DATABASE_URL (the compliance runtime role) and DEMO_SAMPLES_URL.
 */
import { ALL_EVENTS, EventRegistry } from '@plh/contracts';
import { prismaAdapter } from '@plh/db';
import { Conflict } from '@plh/service-kit';
import { PrismaClient } from '../generated/prisma';
import { complianceUnitOfWork } from './data/unit-of-work';
import { FEDERAL_REGISTER_SOURCE } from './domain/federal-register/practice-bulletins';
import { LEIE_SOURCE } from './domain/leie/leie-format';
import { NPPES_SOURCE } from './domain/nppes/verify-npis';
import { requestSync } from './domain/sources/request-sync';
import { PA_MEDICHECK } from './domain/state-lists/pa-medicheck';

/** Each source's production location, as the migrations set it: only these are pointed at a sample. */
const PRODUCTION_URLS: Record<string, string> = {
  [LEIE_SOURCE]: 'https://oig.hhs.gov/exclusions/downloadables/',
  [NPPES_SOURCE]: 'https://npiregistry.cms.hhs.gov/api/',
  [PA_MEDICHECK.source]: 'https://www.humanservices.state.pa.us/Medchk/MedchkSearch/',
  [FEDERAL_REGISTER_SOURCE]: 'https://www.federalregister.gov/api/v1/',
};

/**
 * Asks for a sync of the sample. The scheduler may have started one (against OIG, before the source
 * pointed here) a moment earlier: wait for it to end, then ask again.
 */
async function syncOnce(systemWork: ReturnType<typeof complianceUnitOfWork>['system'], source: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await requestSync({ systemWork }, { source, trigger: 'manual', requestedBy: null });
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
    for (const [name, production] of Object.entries(PRODUCTION_URLS)) {
      const sample = `${env('DEMO_SAMPLES_URL')}/${name}/`;
      const source = await work.system(async ({ sources }) => {
        const current = await sources.lock(name);
        if (!current || current.config.baseUrl !== production) return current;
        return sources.update(name, { config: { ...current.config, baseUrl: sample }, etag: null, lastModified: null });
      });
      if (source && source.lastSuccessAt === null && source.config.baseUrl === sample)
        await syncOnce(work.system, name);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(`compliance seed-demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
