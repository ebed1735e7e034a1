import { Type } from '@sinclair/typebox';
import { defineEvent } from '../registry';

const Id = Type.String({ minLength: 1, maxLength: 64 });

/**
 * A critical or high compliance event was raised for a practice (an exclusion match, later an NPI
 * deactivation or an escalation): ids, type and priority only — never a clinician's or patient's
 * name. The notification service delivers it; `sourceFetchedAt` starts the 15-minute SLA clock.
 */
export const ComplianceAlertRaised = defineEvent(
  'plh.compliance.alert.raised',
  Type.Object(
    {
      eventId: Id,
      eventType: Type.String({ minLength: 1, maxLength: 40 }),
      priority: Type.Union([Type.Literal('critical'), Type.Literal('high')]),
      providerId: Type.Union([Id, Type.Null()]),
      source: Type.String({ minLength: 1, maxLength: 40 }),
      sourceFetchedAt: Type.Union([Type.String({ minLength: 20, maxLength: 40 }), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  'A critical or high compliance event needs a practice’s attention',
);

/**
 * A critical or high compliance event was not acknowledged in time: ops are to chase the practice.
 * Ids, type and priority only; `eventId` is the `alert_escalated` event, `escalatedEventId` the alert.
 */
export const ComplianceAlertEscalated = defineEvent(
  'plh.compliance.alert.escalated',
  Type.Object(
    {
      eventId: Id,
      escalatedEventId: Id,
      eventType: Type.String({ minLength: 1, maxLength: 40 }),
      priority: Type.Union([Type.Literal('critical'), Type.Literal('high')]),
      providerId: Type.Union([Id, Type.Null()]),
      unacknowledgedMinutes: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  'A compliance alert was not acknowledged in time; ops follow it up',
);

/** A source sync applied new data (platform-wide, no tenant): its new snapshot version and diff counts. */
export const ComplianceSourceSynced = defineEvent(
  'plh.compliance.source.synced',
  Type.Object(
    {
      source: Type.String({ minLength: 1, maxLength: 40 }),
      syncId: Id,
      snapshotVersion: Type.Integer({ minimum: 1 }),
      added: Type.Integer({ minimum: 0 }),
      removed: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  'A compliance source has a new snapshot',
);

export const COMPLIANCE_EVENTS = [ComplianceAlertRaised, ComplianceAlertEscalated, ComplianceSourceSynced] as const;
