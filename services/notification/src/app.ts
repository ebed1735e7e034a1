import {
  createInternalTokenMinter,
  createService,
  internalSigner,
  registerInternalRoutes,
  type Platform,
  type ServiceApp,
} from '@plh/service-kit';
import { SecretBox } from '@plh/storage';
import type { PrismaClient } from '../generated/prisma';
import type { Config } from './config';
import { notificationUnitOfWork } from './data/unit-of-work';
import { userDirectoryClient } from './data/user-directory.client';
import type { NotificationDeps, UserDirectory } from './domain/deps';
import type { EmailProvider } from './domain/email/email-provider';
import { failoverEmailSender } from './domain/email/email-sender';
import { sendgridProvider } from './domain/email/sendgrid-provider';
import { smtpProvider } from './domain/email/smtp-provider';
import { twilioClient } from './domain/sms/twilio-client';
import { parseSchedule } from './domain/webhooks/retry-schedule';
import { webhookSender } from './domain/webhooks/webhook-sender';
import { startPlatformConsumers } from './events/platform-events.handler';
import { deliveryMetrics } from './metrics/delivery-metrics';
import { deliverMessageHandler } from './jobs/deliver.job';
import { escalateHandler, escalationSchedule } from './jobs/escalate.job';
import { planNoticeHandler } from './jobs/plan-notice.job';
import callbackRoutes from './routes/callbacks';
import messageRoutes from './routes/messages';
import preferenceRoutes from './routes/preferences';
import sendRoutes from './routes/send';
import webhookEndpointRoutes from './routes/webhook-endpoints';

export interface Deps {
  platform: Platform<PrismaClient>;
  /** Replaces the tenant service's user directory (tests that do not run the tenant service). */
  directory?: UserDirectory;
}

/** The configured email providers, the chosen one first: the other takes over on its failures. */
function emailProviders(config: Config): EmailProvider[] {
  const sendgrid = config.SENDGRID_API_KEY
    ? sendgridProvider({
        apiKey: config.SENDGRID_API_KEY,
        apiUrl: config.SENDGRID_API_URL,
        from: config.EMAIL_FROM,
        timeoutMs: config.EMAIL_TIMEOUT_MS,
      })
    : null;
  const smtp = config.SMTP_URL
    ? smtpProvider({ url: config.SMTP_URL, from: config.EMAIL_FROM, timeoutMs: config.EMAIL_TIMEOUT_MS })
    : null;
  const ordered = config.EMAIL_PROVIDER === 'sendgrid' ? [sendgrid, smtp] : [smtp, sendgrid];
  return ordered.filter((p): p is EmailProvider => p !== null);
}

/**
 * The notification service: platform events → messages by preferences → email (SendGrid, SMTP
 * fail-over), SMS (Twilio) and signed webhooks, each attempt in the delivery log; the compliance
 * alerts' SLA clock. Deliveries run as jobs in this process unless RUN_JOBS is false.
 */
export async function buildApp(config: Config, deps: Deps): Promise<ServiceApp> {
  const app = await createService({ name: 'notification', config, readiness: deps.platform.readiness });
  const unitOfWork = notificationUnitOfWork(
    deps.platform.db,
    deps.platform.registry,
    SecretBox.fromSetting(config.WEBHOOK_SECRET_KEYS, 'WEBHOOK_SECRET_KEYS'),
  );
  const mint = createInternalTokenMinter(await internalSigner(config.INTERNAL_TOKEN_PRIVATE_JWK));
  const directory = deps.directory ?? userDirectoryClient({ tenantUrl: config.TENANT_URL, mint });
  const providers = emailProviders(config);
  const email = providers.length ? failoverEmailSender(providers, { retries: config.EMAIL_PROVIDER_RETRIES }) : null;
  const sms =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? twilioClient({
          apiUrl: config.TWILIO_API_URL,
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          timeoutMs: config.EMAIL_TIMEOUT_MS,
        })
      : null;
  const webhooks = webhookSender({
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    connections: 8,
  });
  const notification: NotificationDeps = {
    observer: deliveryMetrics(app.metrics),
    unitOfWork: unitOfWork.run,
    systemWork: unitOfWork.system,
    directory,
    email,
    sms,
    webhooks,
    settings: {
      appUrl: config.PUBLIC_BASE_URL,
      callbackBaseUrl: config.PUBLIC_BASE_URL,
      twilioAuthToken: config.TWILIO_AUTH_TOKEN,
      sendgridWebhookPublicKey: config.SENDGRID_WEBHOOK_PUBLIC_KEY,
      retrySchedule: parseSchedule(config.WEBHOOK_RETRY_SCHEDULE),
      webhookDisableAfterHours: config.WEBHOOK_DISABLE_AFTER_HOURS,
      allowPrivateTargets: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      maxWebhookPayloadBytes: config.WEBHOOK_MAX_PAYLOAD_BYTES,
      alertSlaMinutes: config.ALERT_DELIVERY_SLA_MINUTES,
    },
  };
  if (!email)
    app.log.warn('notification: no email provider configured (SENDGRID_API_KEY, SMTP_URL); emails fail visibly');
  // Order matters on close: the platform stops the worker (running deliveries finish), then the clients.
  app.addHook('onClose', async () => {
    await deps.platform.close();
    await directory.close();
    await email?.close();
    await webhooks.close();
  });
  if (config.RUN_JOBS)
    await deps.platform.runJobs({
      handlers: [
        planNoticeHandler(notification),
        deliverMessageHandler(notification, config.DELIVERY_CONCURRENCY),
        escalateHandler(notification, app.log),
      ],
      schedules: [escalationSchedule(config.ALERT_ESCALATION_CRON)],
      pollIntervalMs: config.JOB_POLL_MS,
    });
  await app.register(callbackRoutes, { deps: notification });
  await registerInternalRoutes(app, { jwks: config.INTERNAL_TOKEN_JWKS, audience: 'notification' }, async (scope) => {
    await scope.register(sendRoutes, { deps: notification });
    await scope.register(preferenceRoutes, { deps: notification });
    await scope.register(webhookEndpointRoutes, { deps: notification });
    await scope.register(messageRoutes, { deps: notification });
  });
  await startPlatformConsumers(deps.platform, unitOfWork);
  return app;
}
