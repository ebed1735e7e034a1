import type { EventDefinition } from '../registry';
import { AUDIT_EVENTS } from './audit';
import { ComplianceAlertEscalated, ComplianceAlertRaised } from './compliance';
import { ComplianceAlertDelivered, ComplianceAlertUndelivered } from './notification';
import { InvoiceIssued, OrderApproved, OrderCancelled, OrderPlaced, OrderStatusChanged } from './core';
import { ProofJobFailed, ProofJobReady } from './proof';
import {
  ApiKeyCreated,
  ApiKeyRevoked,
  PasswordResetRequested,
  UserInvited,
  ProviderAdded,
  ProviderChanged,
  ProviderRemoved,
  TenantCreated,
  TenantSuspended,
  UserChanged,
} from './tenant';

/**
 * Who listens to what, declared once. A durable consumer (`platform.consume({ name })`) must be
 * declared here with exactly the event types its handlers take, or it refuses to start; the event
 * catalogue (docs/events.md, generated from this file and the contracts) lists it under each event.
 */
export interface Subscription {
  /** The durable consumer's name (also its inbox key), or the name of a non-durable watch. */
  name: string;
  service: string;
  events: readonly EventDefinition[];
  /** What the subscriber does with them, in a sentence. */
  purpose: string;
  /** Durable consumers get every event exactly once (inbox); a watch is best effort (in memory). */
  delivery: 'durable' | 'watch';
}

export const SUBSCRIPTIONS: readonly Subscription[] = [
  // The audit trail: one consumer per service stream (a durable consumer reads one stream).
  ...(['tenant', 'core', 'proof', 'compliance', 'notification'] as const).map((service): Subscription => ({
    name: `compliance-audit-${service}`,
    service: 'compliance',
    events: [AUDIT_EVENTS[service]],
    purpose: `Appends ${service === 'proof' ? 'the proof engine' : `the ${service} service`}’s audit records to each practice’s hash chain (once each, however often delivered).`,
    delivery: 'durable',
  })),
  {
    name: 'proof-order-events',
    service: 'proof-engine',
    events: [OrderPlaced, OrderApproved, OrderStatusChanged],
    purpose:
      'Queues the proof of a placed (or re-proofed) order and the production file of an approved one; a cancellation fails its queued jobs; mailing starts the production files’ retention clock.',
    delivery: 'durable',
  },
  {
    name: 'core-proof-jobs',
    service: 'core',
    events: [ProofJobReady, ProofJobFailed],
    purpose:
      'Records a finished proof as the order’s next proof revision and moves the order to proof_ready; a failed job becomes a problem on the order’s timeline and in the ops queue until a proof or the production file is made.',
    delivery: 'durable',
  },
  {
    name: 'compliance-roster-events',
    service: 'compliance',
    events: [ProviderAdded, ProviderChanged, ProviderRemoved],
    purpose:
      'Screens the practice’s whole roster again (LEIE and state exclusions, NPI Registry for new NPIs), so a new or changed provider is checked at once and a removed one’s events are resolved.',
    delivery: 'durable',
  },
  {
    name: 'compliance-practice-events',
    service: 'compliance',
    events: [TenantCreated],
    purpose: 'Gives a new practice the current regulation bulletins and deadline alerts at once.',
    delivery: 'durable',
  },
  {
    name: 'notification-tenant-events',
    service: 'notification',
    events: [UserInvited, PasswordResetRequested, ApiKeyCreated, ApiKeyRevoked],
    purpose:
      'Emails the invitation or password-reset link to the user it is for; tells the practice’s owners (and their webhook endpoints) about API keys created or revoked.',
    delivery: 'durable',
  },
  {
    name: 'notification-core-events',
    service: 'notification',
    events: [OrderStatusChanged, OrderApproved, OrderCancelled, InvoiceIssued],
    purpose:
      'Tells the practice’s people (by their preferences) and webhook endpoints that a proof is ready, an order was approved, moved on or was cancelled, or an invoice was issued: one message per recipient and channel, however often delivered.',
    delivery: 'durable',
  },
  {
    name: 'notification-compliance-events',
    service: 'notification',
    events: [ComplianceAlertRaised, ComplianceAlertEscalated],
    purpose:
      'Delivers compliance alerts to the practice (email, SMS, webhooks; critical ones ignore quiet hours) and starts their SLA clock; escalations go to the ops team.',
    delivery: 'durable',
  },
  {
    name: 'compliance-alert-deliveries',
    service: 'compliance',
    events: [ComplianceAlertDelivered, ComplianceAlertUndelivered],
    purpose:
      'Keeps on each compliance event when its alert first reached someone and how long after the source data (the SLA figure), or that it reached nobody in time.',
    delivery: 'durable',
  },
  {
    name: 'gateway-revocations',
    service: 'gateway',
    events: [ApiKeyRevoked, TenantSuspended, UserChanged],
    purpose: 'Refuses access tokens and cached API-key verdicts issued before a suspension, role change or revocation.',
    delivery: 'watch',
  },
];

/** The declaration of durable consumer `name`, checked against the handlers it starts with. */
export function assertDeclaredSubscription(name: string, types: readonly string[]): Subscription {
  const declared = SUBSCRIPTIONS.find((s) => s.name === name && s.delivery === 'durable');
  if (!declared) throw new Error(`consumer ${name} is not declared in @plh/contracts SUBSCRIPTIONS`);
  const want = declared.events.map((e) => e.type).sort();
  const have = [...types].sort();
  if (want.join() !== have.join())
    throw new Error(`consumer ${name} handles ${have.join(', ')} but SUBSCRIPTIONS declares ${want.join(', ')}`);
  return declared;
}
