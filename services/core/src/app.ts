import {
  createInternalTokenMinter,
  createService,
  internalSigner,
  registerInternalRoutes,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import type { ObjectStorage } from '@plh/storage';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { startProofConsumer } from './events/proof-job-ready.handler';
import { coreUnitOfWork } from './data/unit-of-work';
import { practiceTermsClient } from './data/practice-terms.client';
import type { CoreDeps } from './domain/deps';
import { Keyring } from './domain/keyring';
import { parseMasterKeys } from './domain/keyring';
import fileRoutes, { fileReadRoutes } from './routes/files';
import fulfilmentRoutes from './routes/fulfilment';
import fulfilmentWebhookRoutes, { parseWebhookSecrets } from './routes/fulfilment-webhook';
import internalMailingRoutes from './routes/internal-mailing';
import internalProjectRoutes from './routes/internal-projects';
import overviewRoutes from './routes/overview';
import { idempotency } from './routes/idempotency';
import orderRoutes from './routes/orders';
import { patientListRoutes, patientListUploadRoutes } from './routes/patient-lists';
import projectRoutes from './routes/projects';
import quoteRoutes from './routes/quotes';
import signedFileRoutes from './routes/signed-files';
import { housekeepingHandler, housekeepingSchedule } from './jobs/housekeeping.job';
import { importListHandler } from './jobs/import-list.job';
import { retentionHandler, retentionSchedule } from './jobs/retention.job';
import { storageFromConfig } from './storage';

export interface Deps {
  platform: Platform<PrismaClient>;
  /** Replaces the storage config describes (tests). */
  storage?: ObjectStorage;
}

/** The core service: projects, files, patient lists, quotes, orders and their timeline. */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'core', config, readiness: deps.platform.readiness });
  app.addHook('onClose', () => deps.platform.close());
  const storage = deps.storage ?? storageFromConfig(config);
  const defaults = { perLetterCents: null, cancelWindowMinutes: config.CANCEL_WINDOW_MINUTES };
  const termsClient =
    config.TENANT_URL && config.INTERNAL_TOKEN_PRIVATE_JWK
      ? practiceTermsClient({
          tenantUrl: config.TENANT_URL,
          mint: createInternalTokenMinter(await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK)),
          defaults,
        })
      : undefined;
  if (termsClient) app.addHook('onClose', () => termsClient.close());
  const unitOfWork = coreUnitOfWork(deps.platform.db, deps.platform.registry);
  const core: CoreDeps = {
    terms: termsClient?.terms ?? (() => Promise.resolve(defaults)),
    unitOfWork: unitOfWork.run,
    systemWork: unitOfWork.system,
    storage,
    keyring: new Keyring(parseMasterKeys(config.PHI_MASTER_KEYS)),
    limits: {
      maxUploadBytes: config.MAX_UPLOAD_BYTES,
      maxListRows: config.PATIENT_LIST_MAX_ROWS,
      quoteTtlDays: config.QUOTE_TTL_DAYS,
      cancelWindowMinutes: config.CANCEL_WINDOW_MINUTES,
    },
  };
  // Background work (RUN_JOBS=false: a worker process runs it): list imports, the daily retention
  // sweep, hourly housekeeping.
  if (config.RUN_JOBS)
    await deps.platform.runJobs({
      handlers: [
        importListHandler(core, app.log),
        retentionHandler(core, { rawListDays: config.RETENTION_RAW_LIST_DAYS }, app.log),
        housekeepingHandler(core, app.log),
      ],
      schedules: [retentionSchedule(config.RETENTION_SWEEP_CRON), housekeepingSchedule],
      pollIntervalMs: config.JOB_POLL_MS,
    });
  // Signed links of the local driver, and of any driver whose files this process encrypts, come here.
  if (config.STORAGE_DRIVER === 'local' || config.STORAGE_ENCRYPTION === 'app')
    await app.register(signedFileRoutes, { storage, secret: Buffer.from(config.FILE_URL_SECRET, 'utf8') });

  await app.register(fulfilmentWebhookRoutes, {
    deps: core,
    signers: parseWebhookSecrets(config.FULFILMENT_WEBHOOK_SECRETS),
  });

  await registerInternalRoutes(app, { jwks: config.INTERNAL_TOKEN_JWKS, audience: 'core' }, async (scope) => {
    await scope.register(idempotency, { unitOfWork: core.unitOfWork });
    await scope.register(projectRoutes, { deps: core });
    await scope.register(fileReadRoutes, { deps: core, downloadTtlSec: config.DOWNLOAD_URL_TTL_SEC });
    await scope.register(patientListRoutes, { deps: core });
    await scope.register(quoteRoutes, { deps: core });
    await scope.register(orderRoutes, { deps: core });
    await scope.register(fulfilmentRoutes, { deps: core, downloadTtlSec: config.DOWNLOAD_URL_TTL_SEC });
    await scope.register(overviewRoutes, { deps: core });
    await scope.register(internalMailingRoutes, { deps: core });
    await scope.register(internalProjectRoutes, { deps: core });
    // Uploads: the body stays a stream (not parsed, not buffered); storage measures and limits it.
    await scope.register(async (uploads) => {
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
      await uploads.register(fileRoutes, { deps: core });
      await uploads.register(patientListUploadRoutes, { deps: core });
    });
  });
  await startProofConsumer(deps.platform, unitOfWork, app.log);
  return app;
}
