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
/** What the service counts of its deliveries (its metrics); called once each change has committed. */
export interface DeliveryObserver {
  /** One attempt's result: `sent`/`delivered`, `queued` (a retry is due), `failed` or `suppressed`. */
  attempt(channel: string, status: string): void;
  /** A compliance alert's first delivery: how long after its source data, and the channel. */
  alertDelivered(channel: string, deliveryMs: number): void;
}

export interface NotificationDeps {
  /** Counts deliveries for /metrics (absent: nothing counted). */
  observer?: DeliveryObserver;
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
