import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Time = Type.String({ minLength: 20, maxLength: 40 });

/**
 * A compliance alert (`plh.compliance.alert.raised`) reached someone for the first time: the alert's
 * SLA figure, measured from the source data becoming available (or from the alert, when the source
 * gave no time) to the first message a provider or partner endpoint accepted.
 */
export const ComplianceAlertDelivered = defineEvent(
  'plh.notification.alert.delivered',
  Type.Object(
    {
      /** The compliance event (compliance_event.id). */
      eventId: Id,
      /** The alert.raised event's id. */
      alertEventId: Id,
      priority: Type.Union([Type.Literal('critical'), Type.Literal('high')]),
      channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('webhook')]),
      sourceAvailableAt: Type.Union([Time, Type.Null()]),
      raisedAt: Time,
      deliveredAt: Time,
      /** deliveredAt − (sourceAvailableAt ?? raisedAt), in milliseconds. */
      deliveryMs: Type.Integer({ minimum: 0 }),
      withinSla: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  'A compliance alert reached its first recipient (its SLA figure)',
);

/** A critical compliance alert reached nobody within the SLA: the ops team is told (escalation). */
export const ComplianceAlertUndelivered = defineEvent(
  'plh.notification.alert.undelivered',
  Type.Object(
    {
      eventId: Id,
      alertEventId: Id,
      raisedAt: Time,
      minutes: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  'A critical compliance alert was not delivered within the SLA; ops were told',
);

export const NOTIFICATION_EVENTS = [ComplianceAlertDelivered, ComplianceAlertUndelivered] as const;
