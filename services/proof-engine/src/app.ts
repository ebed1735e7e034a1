import {
  createInternalTokenMinter,
  createInternalTokenVerifier,
  createService,
  internalSigner,
  parseJwks,
  requirePrincipal,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import { storageFromConfig, type ObjectStorage } from '@plh/storage';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { coreMailingClient, type CoreMailing } from './data/core-mailing.client';
import { claimNextJob, proofUnitOfWork } from './data/unit-of-work';
import type { ProofDeps } from './domain/deps';
import { startWorker } from './domain/worker';
import { startOrderConsumer } from './events/order-events.handler';
import jobRoutes from './routes/jobs';
import letterRoutes from './routes/letters';
import templateRoutes from './routes/templates';

export interface Deps {
  platform: Platform<PrismaClient>;
  /** Replaces the storage config describes (tests). */
  storage?: ObjectStorage;
  /** Replaces the core client (unit tests only). */
  core?: CoreMailing;
}

/** The proof engine: templates, letter setups, proof and production jobs (worker in the same process). */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'proof-engine', config, readiness: deps.platform.readiness });
  const core =
    deps.core ??
    coreMailingClient({
      coreUrl: config.CORE_URL,
      mint: createInternalTokenMinter(await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK)),
    });
  const unitOfWork = proofUnitOfWork(deps.platform.db, deps.platform.registry);
  const proof: ProofDeps = {
    unitOfWork: unitOfWork.run,
    storage: deps.storage ?? storageFromConfig(config),
    core,
    settings: {
      proofSampleLetters: config.PROOF_SAMPLE_LETTERS,
      partLetters: config.PRODUCTION_PART_LETTERS,
      thumbnailPages: config.THUMBNAIL_PAGES,
      downloadTtlSec: config.DOWNLOAD_URL_TTL_SEC,
    },
  };
  const worker = startWorker(proof, () => claimNextJob(deps.platform.db, 120), app.log, config.JOB_POLL_MS);
  // Order matters on close: stop taking jobs (the running one finishes), then the platform.
  app.addHook('onClose', async () => {
    await worker.stop();
    await core.close();
    await deps.platform.close();
  });

  const verifyInternal = createInternalTokenVerifier({
    jwks: parseJwks(config.INTERNAL_TOKEN_JWKS),
    audience: 'proof-engine',
  });
  await app.register(async (scope) => {
    requirePrincipal(scope, verifyInternal);
    await scope.register(templateRoutes, { deps: proof });
    await scope.register(letterRoutes, { deps: proof });
    await scope.register(jobRoutes, { deps: proof, worker });
  });
  await startOrderConsumer(deps.platform, unitOfWork, worker);
  return app;
}
