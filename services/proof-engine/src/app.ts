import {
  createInternalTokenMinter,
  createService,
  internalSigner,
  registerInternalRoutes,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import { storageFromConfig, type ObjectStorage } from '@plh/storage';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { coreMailingClient, type CoreMailing } from './data/core-mailing.client';
import { proofUnitOfWork } from './data/unit-of-work';
import type { ProofDeps } from './domain/deps';
import { startOrderConsumer } from './events/order-events.handler';
import { retentionHandler, retentionSchedule } from './jobs/retention.job';
import { runJobHandler } from './jobs/run-job.handler';
import jobRoutes from './routes/jobs';
import internalLetterRoutes from './routes/internal-letters';
import letterRoutes from './routes/letters';
import templateRoutes from './routes/templates';

export interface Deps {
  platform: Platform<PrismaClient>;
  /** Replaces the storage config describes (tests). */
  storage?: ObjectStorage;
  /** Replaces the core client (unit tests only). */
  core?: CoreMailing;
}

/** The use cases' dependencies, the same in the API process and in a worker process. */
async function proofDeps(config: Config, deps: Deps) {
  const core =
    deps.core ??
    coreMailingClient({
      coreUrl: config.CORE_URL,
      mint: createInternalTokenMinter(await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK)),
    });
  const unitOfWork = proofUnitOfWork(deps.platform.db, deps.platform.registry);
  const proof: ProofDeps = {
    unitOfWork: unitOfWork.run,
    systemWork: unitOfWork.system,
    storage: deps.storage ?? storageFromConfig(config),
    core,
    settings: {
      proofSampleLetters: config.PROOF_SAMPLE_LETTERS,
      partLetters: config.PRODUCTION_PART_LETTERS,
      thumbnailPages: config.THUMBNAIL_PAGES,
      downloadTtlSec: config.DOWNLOAD_URL_TTL_SEC,
      productionRetentionDays: config.PRODUCTION_RETENTION_DAYS,
    },
  };
  return { proof, unitOfWork, core };
}

/**
 * Runs proof jobs and the daily retention sweep on the platform's job queue; stopped (the running job
 * finishes) with the platform.
 */
function runProofJobs(config: Config, deps: Deps, proof: ProofDeps, log: ServiceApp['log']) {
  return deps.platform.runJobs({
    handlers: [runJobHandler(proof, log), retentionHandler(proof, log)],
    schedules: [retentionSchedule(config.RETENTION_SWEEP_CRON)],
    pollIntervalMs: config.JOB_POLL_MS,
  });
}

/**
 * The proof engine's API: templates, letter setups, proof and production jobs. Its worker runs in the
 * same process unless RUN_JOBS is false (then `node dist/worker.js` runs it: see buildWorkerApp).
 */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'proof-engine', config, readiness: deps.platform.readiness });
  const { proof, unitOfWork, core } = await proofDeps(config, deps);
  // Order matters on close: the platform stops the worker (the running job finishes), then the rest.
  app.addHook('onClose', async () => {
    await deps.platform.close();
    await core.close();
  });
  if (config.RUN_JOBS) await runProofJobs(config, deps, proof, app.log);

  await registerInternalRoutes(app, { jwks: config.INTERNAL_TOKEN_JWKS, audience: 'proof-engine' }, async (scope) => {
    await scope.register(templateRoutes, { deps: proof });
    await scope.register(letterRoutes, { deps: proof });
    await scope.register(internalLetterRoutes, { deps: proof });
    await scope.register(jobRoutes, { deps: proof });
  });
  await startOrderConsumer(deps.platform, unitOfWork);
  return app;
}

/**
 * A worker process (`node dist/worker.js`): proof jobs only, scaled apart from the API. It serves
 * `/healthz` and `/readyz` for its orchestrator and nothing else.
 */
export async function buildWorkerApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({
    name: 'proof-engine-worker',
    config,
    readiness: deps.platform.readiness,
    openApi: false,
  });
  const { proof, core } = await proofDeps(config, deps);
  app.addHook('onClose', async () => {
    await deps.platform.close();
    await core.close();
  });
  await runProofJobs(config, deps, proof, app.log);
  return app;
}
