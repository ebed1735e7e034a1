/**
 * Points each compliance source at its bundled sample (`samples/<source>/`, served locally by
 * `npm start`) and asks for a sync, so a newcomer's compliance page shows a screened roster without
 * reaching OIG, CMS, a state or the Federal Register. Leaves a source ops have pointed elsewhere alone, and syncs only a source that
 * never synced successfully. Reads DATABASE_URL (the compliance runtime role), DEMO_SAMPLES_URL and
 * DEMO_STARTED_AT (when `npm start` started the services).
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
 * pointed here) a moment earlier: wait for it to end, then ask again. A sync still in progress after a
 * minute is one an earlier start left running when it was stopped: its job is taken over once its lease
 * runs out and it ends by itself, so the start goes on (a demo source is no reason to refuse to start).
 */
async function syncOnce(systemWork: ReturnType<typeof complianceUnitOfWork>['system'], source: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await requestSync({ systemWork }, { source, trigger: 'manual', requestedBy: null });
      return;
    } catch (err) {
      if (!(err instanceof Conflict)) throw err;
      if (attempt === 0) console.error(`compliance seed-demo: ${err.message} Waiting up to a minute for it to end.`);
      if (attempt >= 60) {
        console.error(`compliance seed-demo: ${err.message} It ends by itself; its results show when it does.`);
        return;
      }
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
    // When `npm start` started the services: a live sync from before is an earlier start's.
    const startedAt = new Date(env('DEMO_STARTED_AT'));
    for (const [name, production] of Object.entries(PRODUCTION_URLS)) {
      const sample = `${env('DEMO_SAMPLES_URL')}/${name}/`;
      const source = await work.system(async ({ sources }) => {
        const current = await sources.lock(name);
        if (!current || current.config.baseUrl !== production) return current;
        return sources.update(name, { config: { ...current.config, baseUrl: sample }, etag: null, lastModified: null });
      });
      if (!source || source.lastSuccessAt !== null || source.config.baseUrl !== sample) continue;
      // A sync an earlier start left queued or running (stopped mid-way) ends by itself, on the sample it
      // was started for: nothing to wait for. Only one the scheduler began moments ago may be OIG's.
      const live = await work.system(({ sources }) => sources.liveSync(name));
      if (live && live.createdAt < startedAt) {
        console.error(`compliance seed-demo: the ${name} sync left by an earlier start (${live.id}) ends by itself.`);
        continue;
      }
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
