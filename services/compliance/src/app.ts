import {
  createInternalTokenMinter,
  createService,
  internalSigner,
  registerInternalRoutes,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import { sourceMetrics } from './metrics/source-metrics';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { tenantRostersClient } from './data/tenant-rosters.client';
import { auditEntriesReader } from './data/audit-entries.reader';
import { complianceUnitOfWork } from './data/unit-of-work';
import type { ComplianceDeps, PracticeLetters, Rosters } from './domain/deps';
import { practiceLettersClient } from './data/practice-letters.client';
import { auditKeys } from './domain/audit/audit-keys';
import { PARTITION_MONTHS_AHEAD } from './domain/audit/partitions';
import { nppesClient } from './domain/nppes/nppes-client';
import { sourceHostPolicy } from './domain/sources/source-hosts';
import { startAlertDeliveryConsumer } from './events/alert-deliveries.handler';
import { startAuditConsumers } from './events/audit-records.handler';
import { startPracticeConsumer } from './events/practice-events.handler';
import { startRosterConsumer } from './events/roster-events.handler';
import { bulletinsSchedule, practiceBulletinsHandler, shareBulletinsHandler } from './jobs/bulletins.job';
import { escalateAlertsHandler, escalationSchedule } from './jobs/escalate-alerts.job';
import { screenPracticeBatchHandler, screenPracticeHandler } from './jobs/screen-practice.job';
import { screenPracticesHandler } from './jobs/screen-practices.job';
import { sourceTickHandler, sourceTickSchedule } from './jobs/source-tick.job';
import { syncSourceHandler } from './jobs/sync-source.job';
import { checkpointHandler, checkpointSchedule, partitionsHandler, partitionsSchedule } from './jobs/audit-trail.job';
import attestationRoutes from './routes/attestation';
import auditTrailRoutes, { auditKeyRoutes } from './routes/audit-trail';
import departureLetterRoutes from './routes/departure-letter';
import escalationRoutes from './routes/escalations';
import eventRoutes from './routes/events';
import leieUploadRoutes from './routes/leie-upload';
import screeningRoutes from './routes/screenings';
import sourceRoutes from './routes/sources';

export interface Deps {
  platform: Platform<PrismaClient>;
  /** Replaces the tenant service's rosters (unit tests only). */
  rosters?: Rosters;
  /** Replaces core's and the proof engine's clients (tests that start those services after this one). */
  letters?: PracticeLetters;
}

/**
 * The compliance service: sources (synced on their interval by the job worker, one replica at a time),
 * screening of every practice's roster, compliance events and their alerts. Its jobs run in this process
 * unless RUN_JOBS is false.
 */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'compliance', config, readiness: deps.platform.readiness });
  sourceMetrics(app.metrics, deps.platform.db);
  const unitOfWork = complianceUnitOfWork(deps.platform.db, deps.platform.registry);
  const mint = createInternalTokenMinter(await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK));
  const rosters = deps.rosters ?? tenantRostersClient({ tenantUrl: config.TENANT_URL, mint });
  const letters =
    deps.letters ?? practiceLettersClient({ coreUrl: config.CORE_URL, proofEngineUrl: config.PROOF_ENGINE_URL, mint });
  const nppes = nppesClient();
  const auditEntries = auditEntriesReader(config.DATABASE_URL);
  const compliance: ComplianceDeps = {
    unitOfWork: unitOfWork.run,
    batchWork: unitOfWork.runBatch,
    systemWork: unitOfWork.system,
    rosters,
    letters,
    nppes,
    audit: {
      ...auditKeys(config.AUDIT_SIGNING_PRIVATE_JWK, config.AUDIT_RETIRED_PUBLIC_JWKS),
      entries: auditEntries,
    },
    sources: {
      maxBytes: config.SOURCE_MAX_BYTES,
      timeoutMs: config.SOURCE_TIMEOUT_MS,
      allowedHost: sourceHostPolicy(config.SOURCE_HOSTS),
    },
  };
  // Order matters on close: the platform stops the worker (the running job finishes), then the client.
  app.addHook('onClose', async () => {
    await deps.platform.close();
    await rosters.close();
    await letters.close();
    await nppes.close();
    await auditEntries.close();
  });
  if (config.RUN_JOBS)
    await deps.platform.runJobs({
      handlers: [
        syncSourceHandler(compliance),
        sourceTickHandler(compliance, app.log),
        screenPracticesHandler(compliance, app.log),
        screenPracticeHandler(compliance),
        screenPracticeBatchHandler(compliance, app.log),
        shareBulletinsHandler(compliance, app.log),
        practiceBulletinsHandler(compliance),
        escalateAlertsHandler(compliance, config.ALERT_ESCALATION_MINUTES, app.log),
        checkpointHandler(compliance, app.log),
        partitionsHandler(compliance),
      ],
      schedules: [
        sourceTickSchedule(config.SOURCE_TICK_CRON),
        bulletinsSchedule(config.BULLETINS_CRON),
        escalationSchedule(config.ESCALATION_CRON),
        checkpointSchedule(config.AUDIT_CHECKPOINT_CRON),
        partitionsSchedule,
      ],
      pollIntervalMs: config.JOB_POLL_MS,
    });

  // The month's audit partition must exist before the first entry of the month arrives.
  await unitOfWork.system(({ auditChains }) => auditChains.ensurePartitions(PARTITION_MONTHS_AHEAD));
  await app.register(auditKeyRoutes, { deps: compliance });
  await registerInternalRoutes(app, { jwks: config.INTERNAL_TOKEN_JWKS, audience: 'compliance' }, async (scope) => {
    await scope.register(sourceRoutes, { deps: compliance });
    await scope.register(screeningRoutes, { deps: compliance });
    await scope.register(eventRoutes, { deps: compliance });
    await scope.register(escalationRoutes, { deps: compliance });
    await scope.register(attestationRoutes, { deps: compliance });
    await scope.register(departureLetterRoutes, { deps: compliance });
    await scope.register(auditTrailRoutes, { deps: compliance });
    await scope.register(async (uploads) => {
      uploads.removeAllContentTypeParsers();
      uploads.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
      await uploads.register(leieUploadRoutes, { deps: compliance });
    });
  });
  await startRosterConsumer(deps.platform, unitOfWork);
  await startPracticeConsumer(deps.platform, unitOfWork);
  await startAuditConsumers(deps.platform, unitOfWork.db);
  await startAlertDeliveryConsumer(deps.platform, unitOfWork);
  return app;
}
