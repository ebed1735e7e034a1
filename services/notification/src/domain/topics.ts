import type { Role } from '@plh/contracts';

export type Channel = 'email' | 'sms' | 'webhook';
export type PersonChannel = Exclude<Channel, 'webhook'>;

/** Who hears about a topic: roles of the practice, the user the event names, or the ops team. */
export type Audience = { roles: readonly Role[] } | { subjectUser: true } | { opsTeam: true };

export interface TopicDefinition {
  title: string;
  audience: Audience;
  /** Channels when neither the practice nor the user chose any. */
  defaultChannels: readonly PersonChannel[];
  /** People may change its channels (an invitation or a reset link always goes by email). */
  configurable: boolean;
  /** Partner systems may subscribe their webhook endpoints to it (never a topic carrying a one-time link). */
  webhook: boolean;
}

/**
 * What people and partner systems hear about: one topic per kind of notice, with its audience and
 * default channels (Novu's workflows per event type). The preferences and webhook subscriptions name
 * these topics; the event handlers turn platform events into them.
 */
export const TOPICS = {
  'user.invited': {
    title: 'Invitation to PatientLetterHub',
    audience: { subjectUser: true },
    defaultChannels: ['email'],
    configurable: false,
    webhook: false,
  },
  'user.password-reset': {
    title: 'Password reset link',
    audience: { subjectUser: true },
    defaultChannels: ['email'],
    configurable: false,
    webhook: false,
  },
  'order.proof-ready': {
    title: 'A proof is ready for approval',
    audience: { roles: ['owner', 'approver'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'order.approved': {
    title: 'A proof was approved',
    audience: { roles: ['owner', 'approver'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'order.status-changed': {
    title: 'An order moved on',
    audience: { roles: ['owner'] },
    defaultChannels: [],
    configurable: true,
    webhook: true,
  },
  'order.cancelled': {
    title: 'An order was cancelled',
    audience: { roles: ['owner', 'approver'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'invoice.issued': {
    title: 'An invoice was issued',
    audience: { roles: ['owner'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'api-key.created': {
    title: 'An API key was created',
    audience: { roles: ['owner'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'api-key.revoked': {
    title: 'An API key was revoked',
    audience: { roles: ['owner'] },
    defaultChannels: ['email'],
    configurable: true,
    webhook: true,
  },
  'compliance.alert': {
    title: 'Compliance alert',
    audience: { roles: ['owner', 'approver'] },
    defaultChannels: ['email', 'sms'],
    configurable: true,
    webhook: true,
  },
  'compliance.alert-escalated': {
    title: 'A compliance alert was not acknowledged in time',
    audience: { opsTeam: true },
    defaultChannels: ['email'],
    configurable: false,
    webhook: false,
  },
  'webhook.endpoint-disabled': {
    title: 'A webhook endpoint was disabled',
    audience: { roles: ['owner'] },
    defaultChannels: ['email'],
    configurable: false,
    webhook: false,
  },
  direct: {
    title: 'A message sent through the send API',
    audience: { roles: [] },
    defaultChannels: [],
    configurable: false,
    webhook: false,
  },
  'notification.test': {
    title: 'Test message',
    audience: { roles: [] },
    defaultChannels: [],
    configurable: false,
    webhook: true,
  },
} as const satisfies Record<string, TopicDefinition>;

export type Topic = keyof typeof TOPICS;
export const TOPIC_NAMES = Object.keys(TOPICS) as Topic[];
export const WEBHOOK_TOPICS = TOPIC_NAMES.filter((t) => TOPICS[t].webhook);
export const CONFIGURABLE_TOPICS = TOPIC_NAMES.filter((t) => TOPICS[t].configurable);
export const isTopic = (value: string): value is Topic => Object.hasOwn(TOPICS, value);

/** The nil UUID: the practice-wide row of a preference, and the "practice" of the ops team's messages. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
