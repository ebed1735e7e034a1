import { Type, type Static } from '@plh/service-kit';
import type { TSchema } from '@sinclair/typebox';
import type { ComplianceEventRecord } from '../data/event.repository';
import type { ScreeningRecord } from '../data/screening.repository';
import type { SourceRecord, SyncRecord } from '../data/source.system-repository';

export const Problem = Type.Ref('Problem');
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
export const Uuid = Type.String({ format: 'uuid' });
export const TenantParams = Type.Object({ tenantId: Uuid });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const literals = <T extends readonly string[]>(values: T, options = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export const SourceView = Type.Object({
  name: Type.String(),
  config: Type.Record(Type.String(), Type.Unknown()),
  pollIntervalMinutes: Type.Integer(),
  isActive: Type.Boolean(),
  snapshotVersion: Type.Integer({ description: 'Each applied file is a new version (0: nothing imported yet)' }),
  activeRows: Type.Integer({ description: 'Listings in the active set' }),
  lastAttemptAt: Nullable(DateTime),
  lastSuccessAt: Nullable(DateTime),
  lastError: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  updatedAt: DateTime,
});
export const toSourceView = (s: SourceRecord): Static<typeof SourceView> => ({
  name: s.name,
  config: s.config,
  pollIntervalMinutes: s.pollIntervalMinutes,
  isActive: s.isActive,
  snapshotVersion: s.snapshotVersion,
  activeRows: s.activeRows,
  lastAttemptAt: iso(s.lastAttemptAt),
  lastSuccessAt: iso(s.lastSuccessAt),
  lastError: s.lastErrorCode ? { code: s.lastErrorCode, message: s.lastError ?? '' } : null,
  updatedAt: s.updatedAt.toISOString(),
});

export const SyncView = Type.Object({
  id: Uuid,
  source: Type.String(),
  trigger: Type.String(),
  state: literals(['queued', 'running', 'succeeded', 'unchanged', 'failed'] as const),
  files: Type.Array(
    Type.Object({
      name: Type.String(),
      kind: Type.String(),
      outcome: Type.String({ description: 'applied, unchanged, already_applied, not_published or failed' }),
      sha256: Nullable(Type.String()),
      bytes: Type.Integer(),
      rows: Type.Integer(),
    }),
  ),
  counts: Type.Object({ rowsRead: Type.Integer(), added: Type.Integer(), removed: Type.Integer() }),
  snapshotVersion: Nullable(Type.Integer()),
  fetchedAt: Nullable(DateTime),
  error: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
});
export const toSyncView = (s: SyncRecord): Static<typeof SyncView> => ({
  id: s.id,
  source: s.source,
  trigger: s.trigger,
  state: s.state,
  files: s.files,
  counts: { rowsRead: s.rowsRead, added: s.added, removed: s.removed },
  snapshotVersion: s.snapshotVersion,
  fetchedAt: iso(s.fetchedAt),
  error: s.errorCode ? { code: s.errorCode, message: s.error ?? '' } : null,
  createdAt: s.createdAt.toISOString(),
  startedAt: iso(s.startedAt),
  finishedAt: iso(s.finishedAt),
});

export const ScreeningView = Type.Object({
  providerId: Uuid,
  providerName: Type.String(),
  npi: Nullable(Type.String()),
  exclusionStatus: literals(['excluded', 'possible_match', 'clear', 'insufficient_data'] as const),
  npiStatus: Nullable(literals(['active', 'deactivated', 'not_found', 'error'] as const)),
  evidence: Type.Array(
    Type.Object({
      source: Type.String(),
      snapshotVersion: Type.Integer(),
      listingKey: Type.String({ description: 'What a decision names' }),
      basis: literals(['npi', 'license', 'license_only', 'name_dob'] as const),
      confirmed: Type.Boolean(),
      listed: Type.Record(Type.String(), Type.Unknown(), {
        description: 'The listing’s key fields as its source publishes them (a state list’s licence number too)',
      }),
    }),
  ),
  npiCheck: Nullable(
    Type.Object(
      {
        source: Type.String(),
        checkedAt: DateTime,
        registry: Type.Record(Type.String(), Type.Unknown(), {
          description: 'What the NPI Registry lists for the NPI: type, names, taxonomies with state and licence',
        }),
        findings: Type.Array(
          Type.Object({
            type: literals(['npi_deactivated', 'npi_not_found', 'name_mismatch', 'license_mismatch'] as const),
            detail: Type.String(),
          }),
        ),
        error: Nullable(Type.String({ description: 'Why the last lookup failed (npiStatus error)' })),
      },
      { description: 'The NPI Registry’s check of the provider (null: not checked yet)' },
    ),
  ),
  snapshotVersion: Type.Integer(),
  screenedAt: DateTime,
});
export const toScreeningView = (s: ScreeningRecord): Static<typeof ScreeningView> => ({
  providerId: s.providerId,
  providerName: s.providerName,
  npi: s.npi,
  exclusionStatus: s.exclusionStatus,
  npiStatus: s.npiStatus,
  evidence: s.evidence.map((e) => ({ ...e, listed: { ...e.listed } })),
  npiCheck: s.npiCheck ? { ...s.npiCheck, registry: { ...s.npiCheck.registry } } : null,
  snapshotVersion: s.snapshotVersion,
  screenedAt: s.screenedAt.toISOString(),
});

export const EventView = Type.Object({
  id: Uuid,
  eventType: Type.String(),
  source: Type.String(),
  priority: Type.String(),
  title: Type.String(),
  description: Type.String(),
  effectiveDate: Nullable(Type.String({ format: 'date' })),
  deadlineDate: Nullable(Type.String({ format: 'date' })),
  metadata: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  providerId: Nullable(Uuid),
  alert: Type.Object({
    sourceFetchedAt: Nullable(DateTime),
    latencyMs: Nullable(Type.Integer({ description: 'From the source data’s fetch to the alert’s publication' })),
    deliveredAt: Nullable(DateTime),
    deliveryLatencyMs: Nullable(
      Type.Integer({
        description: 'From the source data (or the alert) to its first delivery to anyone: the SLA figure',
      }),
    ),
    deliveryChannel: Nullable(Type.String()),
    undeliveredEscalatedAt: Nullable(
      Type.String({ format: 'date-time', description: 'It reached nobody within the SLA and ops were told' }),
    ),
  }),
  acknowledged: Nullable(Type.Object({ at: DateTime, by: Type.String() })),
  resolved: Nullable(Type.Object({ at: DateTime, by: Type.String(), resolution: Nullable(Type.String()) })),
  createdAt: DateTime,
});
export const toEventView = (e: ComplianceEventRecord): Static<typeof EventView> => ({
  id: e.id,
  eventType: e.eventType,
  source: e.source,
  priority: e.priority,
  title: e.title,
  description: e.description,
  effectiveDate: day(e.effectiveDate),
  deadlineDate: day(e.deadlineDate),
  metadata: e.metadata,
  status: e.status,
  providerId: e.providerId,
  alert: {
    sourceFetchedAt: iso(e.sourceFetchedAt),
    latencyMs: e.alertLatencyMs,
    deliveredAt: iso(e.deliveredAt),
    deliveryLatencyMs: e.deliveryLatencyMs,
    deliveryChannel: e.deliveryChannel,
    undeliveredEscalatedAt: iso(e.undeliveredEscalatedAt),
  },
  acknowledged: e.acknowledgedAt ? { at: e.acknowledgedAt.toISOString(), by: e.acknowledgedBy ?? '' } : null,
  resolved: e.resolvedAt ? { at: e.resolvedAt.toISOString(), by: e.resolvedBy ?? '', resolution: e.resolution } : null,
  createdAt: e.createdAt.toISOString(),
});
