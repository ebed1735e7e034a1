import type {
  EventDefinition,
  ApiKeyCreated,
  ApiKeyRevoked,
  ComplianceAlertEscalated,
  ComplianceAlertRaised,
  EventEnvelope,
  InvoiceIssued,
  OrderApproved,
  OrderCancelled,
  OrderStatusChanged,
  PasswordResetRequested,
  UserInvited,
} from '@plh/contracts';
import type { Static } from '@sinclair/typebox';
import type { Notice } from './notice';

type Envelope<D> = D extends EventDefinition<infer S> ? EventEnvelope<Static<S>> : never;

const base = (event: EventEnvelope, tenantId: string) => ({
  tenantId,
  eventId: event.id,
  occurredAt: event.occurredAt,
  critical: false,
  sourceAvailableAt: null,
});

/** Platform events → notices: which topic, for whom, with which values (ids, statuses, amounts, links). */
export const notices = {
  invited: (e: Envelope<typeof UserInvited>, tenantId: string): Notice | null =>
    // Events from before invitations carried their link have nothing to send.
    e.data.acceptToken
      ? {
          ...base(e, tenantId),
          topic: 'user.invited',
          userId: e.data.userId,
          values: { role: e.data.role, expiresAt: e.data.expiresAt ?? null },
          secretValues: { acceptToken: e.data.acceptToken },
        }
      : null,
  passwordReset: (e: Envelope<typeof PasswordResetRequested>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'user.password-reset',
    userId: e.data.userId,
    values: { expiresAt: e.data.expiresAt },
    secretValues: { resetToken: e.data.resetToken },
  }),
  apiKeyCreated: (e: Envelope<typeof ApiKeyCreated>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'api-key.created',
    values: { apiKeyId: e.data.apiKeyId, scopes: e.data.scopes.join(', '), createdBy: e.data.createdBy },
  }),
  apiKeyRevoked: (e: Envelope<typeof ApiKeyRevoked>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'api-key.revoked',
    values: { apiKeyId: e.data.apiKeyId, revokedBy: e.data.revokedBy },
  }),
  /** proof_ready is its own topic; approvals and cancellations have their own events. */
  orderStatusChanged: (e: Envelope<typeof OrderStatusChanged>, tenantId: string): Notice | null =>
    e.data.to === 'approved' || e.data.to === 'cancelled'
      ? null
      : {
          ...base(e, tenantId),
          topic: e.data.to === 'proof_ready' ? 'order.proof-ready' : 'order.status-changed',
          values: { orderId: e.data.orderId, from: e.data.from, to: e.data.to },
        },
  orderApproved: (e: Envelope<typeof OrderApproved>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'order.approved',
    values: { orderId: e.data.orderId, proofId: e.data.proofId },
  }),
  orderCancelled: (e: Envelope<typeof OrderCancelled>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'order.cancelled',
    values: { orderId: e.data.orderId, byOps: e.data.byOps },
  }),
  invoiceIssued: (e: Envelope<typeof InvoiceIssued>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'invoice.issued',
    values: {
      invoiceId: e.data.invoiceId,
      orderId: e.data.orderId,
      number: e.data.number,
      totalCents: e.data.totalCents,
    },
  }),
  alertRaised: (e: Envelope<typeof ComplianceAlertRaised>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'compliance.alert',
    values: {
      complianceEventId: e.data.eventId,
      eventType: e.data.eventType,
      priority: e.data.priority,
      providerId: e.data.providerId,
      source: e.data.source,
    },
    critical: e.data.priority === 'critical',
    sourceAvailableAt: e.data.sourceFetchedAt ? new Date(e.data.sourceFetchedAt) : null,
  }),
  alertEscalated: (e: Envelope<typeof ComplianceAlertEscalated>, tenantId: string): Notice => ({
    ...base(e, tenantId),
    topic: 'compliance.alert-escalated',
    values: {
      practiceId: tenantId,
      complianceEventId: e.data.escalatedEventId,
      eventType: e.data.eventType,
      priority: e.data.priority,
      minutes: e.data.unacknowledgedMinutes,
      reason: 'unacknowledged',
    },
  }),
};
