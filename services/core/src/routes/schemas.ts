import { Type, type Static } from '@plh/service-kit';
import type { RevisionRecord } from '../data/file.repository';
import type { OrderRecord, TimelineEntry } from '../data/order.repository';
import type { ProjectRecord } from '../data/project.repository';
import type { QuoteRecord } from '../data/quote.repository';
import { LIST_STATUSES } from '../data/patient-list.repository';
import { ISSUE_PREVIEW, type ListWithIssues } from '../domain/patient-list/issues';
import { LETTER_TYPES } from '../domain/projects';
import { ORDER_STATUSES } from '../domain/order-state-machine';

export const Problem = Type.Ref('Problem');
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
/** A string enum with its TypeScript union type (JSON Schema `enum`). */
export const literals = <T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const TenantParams = Type.Object({ tenantId: Uuid });
export const ProjectParams = Type.Object({ tenantId: Uuid, projectId: Uuid });
export const LetterType = literals(LETTER_TYPES);
export const OrderStatus = literals(ORDER_STATUSES);

export const ProjectView = Type.Object({
  id: Uuid,
  name: Type.String(),
  letterType: Type.String(),
  createdBy: Uuid,
  createdAt: DateTime,
  updatedAt: DateTime,
  archivedAt: Type.Union([DateTime, Type.Null()]),
});
export const toProjectView = (p: ProjectRecord): Static<typeof ProjectView> => ({
  ...p,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  archivedAt: p.archivedAt?.toISOString() ?? null,
});

export const RevisionView = Type.Object({
  id: Uuid,
  revision: Type.Integer(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  contentType: Type.String(),
  filename: Type.String({
    description: 'What a download of it is called (the uploaded name, or <kind>-<revision>.<ext>)',
  }),
  uploadedBy: Uuid,
  createdAt: DateTime,
  deletedAt: Type.Union([DateTime, Type.Null()], {
    description:
      'When the retention policy deleted the bytes (the record, size and hash remain); downloads then answer 410',
  }),
});
export const toRevisionView = (r: RevisionRecord): Static<typeof RevisionView> => ({
  id: r.id,
  revision: r.revision,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  contentType: r.contentType,
  filename: r.filename,
  uploadedBy: r.uploadedBy,
  createdAt: r.createdAt.toISOString(),
  deletedAt: r.deletedAt?.toISOString() ?? null,
});

export const RowIssue = Type.Object({
  line: Type.Integer({ description: 'Line in the file as a spreadsheet numbers it (the header is line 1)' }),
  severity: literals(['error', 'warning'] as const),
  field: Type.Union([Type.String(), Type.Null()], { description: 'The field (mapping name); null for the whole row' }),
  code: Type.String({ description: 'Stable code, e.g. MISSING_ZIP, ZIP_PADDED, DUPLICATE' }),
  reason: Type.String(),
});

export const PatientListView = Type.Object({
  id: Uuid,
  projectId: Uuid,
  fileRevisionId: Uuid,
  status: literals(LIST_STATUSES, {
    description:
      '`importing` (a job validates the rows; see progress) → `validated` (review, then accept) → `accepted`; ' +
      '`needs_mapping` (PUT …/mapping); `rejected` (the file is unusable: fileError) or `failed` (upload again)',
  }),
  progress: Type.Object({
    rowsRead: Type.Integer(),
    percent: Type.Integer({ minimum: 0, maximum: 100, description: 'Of the file’s bytes validated' }),
    updatedAt: Type.Union([DateTime, Type.Null()]),
  }),
  fileError: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()], {
    description: 'Why a `rejected` or `failed` list was not imported',
  }),
  headers: Type.Array(Type.String(), { description: 'Column headers of the file (never cell values)' }),
  mapping: Type.Record(Type.String(), Type.Integer(), { description: 'field → column index' }),
  missingFields: Type.Array(Type.String()),
  summary: Type.Object({
    totalRows: Type.Integer(),
    validRows: Type.Integer(),
    invalidRows: Type.Integer(),
    duplicateRows: Type.Integer(),
    warningRows: Type.Integer({ description: 'Imported rows with at least one warning' }),
  }),
  rowErrors: Type.Array(RowIssue, {
    description: `The first ${ISSUE_PREVIEW} issues of refused rows (every one: GET …/issues or …/issues.csv)`,
  }),
  rowWarnings: Type.Array(RowIssue, {
    description: `The first ${ISSUE_PREVIEW} warnings of imported rows (every one: GET …/issues or …/issues.csv)`,
  }),
  links: Type.Object({
    self: Type.String({ description: 'This list (poll it while importing)' }),
    issues: Type.String({ description: 'Every error and warning, paged' }),
    issuesCsv: Type.String({ description: 'Every error and warning as CSV' }),
  }),
  createdAt: DateTime,
  acceptedAt: Type.Union([DateTime, Type.Null()]),
});
export const toListView = (
  { list: l, rowErrors, rowWarnings }: ListWithIssues,
  missingFields: string[],
): Static<typeof PatientListView> => ({
  id: l.id,
  projectId: l.projectId,
  fileRevisionId: l.fileRevisionId,
  status: l.status,
  progress: {
    rowsRead: l.totalRows,
    percent: ['importing', 'needs_mapping'].includes(l.status)
      ? l.bytesTotal > 0
        ? Math.min(99, Math.floor((100 * l.bytesRead) / l.bytesTotal))
        : 0
      : 100,
    updatedAt: l.progressAt?.toISOString() ?? null,
  },
  fileError: l.fileErrorCode ? { code: l.fileErrorCode, message: l.fileError ?? '' } : null,
  headers: l.headers,
  mapping: l.mapping,
  missingFields,
  summary: {
    totalRows: l.totalRows,
    validRows: l.validRows,
    invalidRows: l.invalidRows,
    duplicateRows: l.duplicateRows,
    warningRows: l.warningRows,
  },
  rowErrors,
  rowWarnings,
  links: {
    self: `/api/tenants/${l.tenantId}/patient-lists/${l.id}`,
    issues: `/api/tenants/${l.tenantId}/patient-lists/${l.id}/issues`,
    issuesCsv: `/api/tenants/${l.tenantId}/patient-lists/${l.id}/issues.csv`,
  },
  createdAt: l.createdAt.toISOString(),
  acceptedAt: l.acceptedAt?.toISOString() ?? null,
});

export const PriceOptions = Type.Object(
  {
    pages: Type.Integer({ minimum: 1, maximum: 12 }),
    color: Type.Boolean({ default: false }),
    duplex: Type.Boolean({ default: false }),
    postageClass: literals(['first_class', 'marketing', 'certified_return_receipt'] as const),
  },
  { additionalProperties: false },
);
export const Money = Type.Integer({ description: 'US cents' });
/** A priced line of a quote or invoice. */
export const PriceLine = Type.Object({
  code: Type.String(),
  description: Type.String(),
  quantity: Type.Integer(),
  unitCents: Money,
  totalCents: Money,
});
export const QuoteView = Type.Object({
  id: Uuid,
  projectId: Uuid,
  listId: Uuid,
  status: Type.String(),
  options: PriceOptions,
  recipients: Type.Integer(),
  lines: Type.Array(Type.Object({ ...PriceLine.properties, kind: Type.String() })),
  subtotalCents: Money,
  postageCents: Money,
  totalCents: Money,
  currency: Type.String(),
  expiresAt: DateTime,
  createdAt: DateTime,
});
export const toQuoteView = (q: QuoteRecord): Static<typeof QuoteView> => ({
  id: q.id,
  projectId: q.projectId,
  listId: q.listId,
  status: q.status,
  options: q.options,
  recipients: q.recipients,
  lines: q.lines,
  subtotalCents: q.subtotalCents,
  postageCents: q.postageCents,
  totalCents: q.totalCents,
  currency: q.currency,
  expiresAt: q.expiresAt.toISOString(),
  createdAt: q.createdAt.toISOString(),
});

export const TimelineView = Type.Object({
  kind: literals(['status', 'problem'] as const, {
    description: '`status`: a transition; `problem`: a job failed (the status stays; see code, row, jobId)',
  }),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  actorKind: Type.String(),
  actorId: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  row: Type.Union([Type.Integer(), Type.Null()], { description: 'The list row (line) the failure names' }),
  jobId: Type.Union([Uuid, Type.Null()]),
  at: DateTime,
});

export const toTimelineView = (t: TimelineEntry): Static<typeof TimelineView> => ({
  kind: t.kind,
  from: t.fromStatus,
  to: t.toStatus,
  actorKind: t.actorKind,
  actorId: t.actorId,
  reason: t.reason,
  code: t.code,
  row: t.failedRow,
  jobId: t.jobId,
  at: t.createdAt.toISOString(),
});

/** An order's open problem (a failed proof or production job) and the one call that retries it. */
export const ProblemSummary = Type.Object({
  code: Type.String({ description: 'The job’s code: NO_LETTER_SETUP, CONTENT_CHECKS_FAILED, ROW_NOT_RENDERABLE…' }),
  row: Type.Union([Type.Integer(), Type.Null()]),
  jobId: Uuid,
  at: DateTime,
  details: Type.String({ description: 'GET: the job with its full reason' }),
  retry: Type.Object({ method: Type.Literal('POST'), path: Type.String() }),
});
export function problemSummary(
  tenantId: string,
  o: Pick<OrderRecord, 'problemCode' | 'problemRow' | 'problemJobId' | 'problemAt'>,
): Static<typeof ProblemSummary> | null {
  if (!o.problemCode || !o.problemJobId || !o.problemAt) return null;
  const job = `/api/tenants/${tenantId}/proof/jobs/${o.problemJobId}`;
  return {
    code: o.problemCode,
    row: o.problemRow,
    jobId: o.problemJobId,
    at: o.problemAt.toISOString(),
    details: `/api/tenants/${tenantId}/proof/status/${o.problemJobId}`,
    retry: { method: 'POST', path: `${job}/retry` },
  };
}
export const ActionLinkSchema = Type.Object({
  action: Type.String({ description: 'place, cancel, approve, reject, start_production, mark_mailed, complete, fail' }),
  method: Type.Literal('POST'),
  path: Type.String(),
  ifMatch: Type.Boolean({ description: 'Send the order’s ETag in If-Match' }),
  body: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()], {
    description: 'The body to send, each field with what to put in it; null: no body',
  }),
});
export type ActionLink = Static<typeof ActionLinkSchema>;

export const OrderView = Type.Object({
  id: Uuid,
  number: Type.Integer(),
  projectId: Uuid,
  quoteId: Uuid,
  status: OrderStatus,
  version: Type.Integer({ description: 'Also the ETag; send it back in If-Match' }),
  cancelWindowEndsAt: DateTime,
  problem: Type.Union([ProblemSummary, Type.Null()], {
    description: 'A failed proof or production job, until a proof arrives or the order moves on',
  }),
  availableActions: Type.Array(ActionLinkSchema, {
    description: 'What the caller may do next, as the request that does it',
  }),
  createdAt: DateTime,
  updatedAt: DateTime,
  timeline: Type.Optional(Type.Array(TimelineView)),
});
export const toOrderView = (
  o: OrderRecord,
  availableActions: ActionLink[],
  timeline?: TimelineEntry[],
): Static<typeof OrderView> => ({
  id: o.id,
  number: o.number,
  projectId: o.projectId,
  quoteId: o.quoteId,
  status: o.status,
  version: o.version,
  cancelWindowEndsAt: o.cancelWindowEndsAt.toISOString(),
  problem: problemSummary(o.tenantId, o),
  availableActions,
  createdAt: o.createdAt.toISOString(),
  updatedAt: o.updatedAt.toISOString(),
  ...(timeline
    ? {
        timeline: timeline.map(toTimelineView),
      }
    : {}),
});

/** `W/"<version>"` ⇄ version. */
export const etagOf = (version: number) => `W/"${version}"`;
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  return m ? Number(m[1]) : -1; // unparseable: never matches, so 412
}
