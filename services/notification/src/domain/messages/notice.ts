import type { Topic } from '../topics';

/**
 * Something people or partner systems are to hear about: a topic, the practice, and values that are
 * ids, codes, counts and links, never PHI. Built from a platform event (or the send API) and turned
 * into one message per recipient and channel.
 */
export interface Notice {
  topic: Topic;
  tenantId: string;
  /** The event that caused it: the key that makes each message exist once however often it is delivered. */
  eventId: string;
  occurredAt: string;
  /** The user an invitation or a reset link is for. */
  userId?: string;
  /** Shown in messages and sent as a webhook's `data`. */
  values: Record<string, string | number | boolean | null>;
  /** Used to render the message and dropped once it is delivered (one-time links): never in a webhook. */
  secretValues?: Record<string, string>;
  /** Ignores quiet hours (a critical compliance alert). */
  critical: boolean;
  /** A compliance alert's source data became available: the SLA clock starts here. */
  sourceAvailableAt: Date | null;
}
