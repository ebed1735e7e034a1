import type { DirectoryUser } from '@plh/contracts';
import type { NotificationUnitOfWork } from '../data/unit-of-work';
import type { EmailSender } from './email/email-sender';
import type { SmsSender } from './sms/twilio-client';
import type { WebhookSender } from './webhooks/webhook-sender';

/** The tenant service's users (internal API, service token with users:read). */
export interface UserDirectory {
  practiceUsers(tenantId: string): Promise<DirectoryUser[]>;
  /** Null when the user no longer exists. */
  user(userId: string): Promise<DirectoryUser | null>;
  opsUsers(): Promise<DirectoryUser[]>;
  close(): Promise<void>;
}

/** What use cases need; built once in app.ts. */
export interface NotificationDeps {
  unitOfWork: NotificationUnitOfWork['run'];
  systemWork: NotificationUnitOfWork['system'];
  directory: UserDirectory;
  /** Null when no email provider is configured: email messages fail with that reason, visibly. */
  email: EmailSender | null;
  /** Null when Twilio is not configured. */
  sms: SmsSender | null;
  webhooks: WebhookSender;
  settings: {
    /** Where people reach the app: the links in messages. */
    appUrl: string;
    /** Where Twilio posts status callbacks (signed with this exact URL). */
    callbackBaseUrl: string;
    twilioAuthToken: string;
    sendgridWebhookPublicKey: string;
    retrySchedule: readonly number[];
    webhookDisableAfterHours: number;
    allowPrivateTargets: boolean;
    maxWebhookPayloadBytes: number;
    alertSlaMinutes: number;
  };
}
