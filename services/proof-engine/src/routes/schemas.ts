import { Type, type Static } from '@plh/service-kit';
import type { JobRecord } from '../data/job.repository';
import type { LetterSetupRecord } from '../data/letter-setup.repository';
import type { TemplateRecord } from '../data/template.repository';
import { LIBRARY } from '../domain/templates/library';

export const Problem = Type.Ref('Problem');
export const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
export const LetterType = Type.Unsafe<keyof typeof LIBRARY>({ type: 'string', enum: Object.keys(LIBRARY) });

export const TenantParams = Type.Object({ tenantId: Uuid });
export const TemplateParams = Type.Object({ tenantId: Uuid, templateId: Uuid });
export const ProjectParams = Type.Object({ tenantId: Uuid, projectId: Uuid });
export const JobParams = Type.Object({ tenantId: Uuid, jobId: Uuid });

export const TemplateView = Type.Object({
  id: Uuid,
  letterType: Type.String(),
  name: Type.String(),
  revision: Type.Integer(),
  createdBy: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export const toTemplateView = (t: TemplateRecord): Static<typeof TemplateView> => ({
  id: t.id,
  letterType: t.letterType,
  name: t.name,
  revision: t.revision,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

export const LetterSetupBody = Type.Object(
  {
    letterType: LetterType,
    templateId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    values: Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' }), Type.String({ maxLength: 4000 }), {
      maxProperties: 50,
    }),
    returnAddress: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 2, maxItems: 5 }),
  },
  { additionalProperties: false },
);
export const LetterSetupView = Type.Object({
  projectId: Uuid,
  letterType: Type.String(),
  templateId: Type.Union([Uuid, Type.Null()]),
  values: Type.Record(Type.String(), Type.String()),
  returnAddress: Type.Array(Type.String()),
  updatedBy: Type.String(),
  updatedAt: DateTime,
});
/** `values` are the fields of the template's `letter` object (`effectiveDate` is `{{letter.effectiveDate}}`). */
export const toSetupView = (s: LetterSetupRecord): Static<typeof LetterSetupView> => ({
  ...s,
  updatedAt: s.updatedAt.toISOString(),
});

export const JobView = Type.Object({
  id: Uuid,
  orderId: Uuid,
  kind: Type.String(),
  state: Type.String({ description: 'queued, running, done or failed' }),
  progress: Type.Object({ lettersDone: Type.Integer(), lettersTotal: Type.Integer(), parts: Type.Integer() }),
  attempts: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  failedRow: Type.Union([Type.Integer(), Type.Null()], { description: 'The list row whose letter failed' }),
  pageCount: Type.Union([Type.Integer(), Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
  mailedAt: Type.Union([DateTime, Type.Null()], { description: 'Production jobs: when the order was mailed' }),
  filesDeletedAt: Type.Union([DateTime, Type.Null()], {
    description:
      'When the retention policy deleted the files (PRODUCTION_RETENTION_DAYS after mailing); the hashes remain',
  }),
});
export const toJobView = (j: JobRecord): Static<typeof JobView> => ({
  id: j.id,
  orderId: j.orderId,
  kind: j.kind,
  state: j.state,
  progress: { lettersDone: j.lettersDone, lettersTotal: j.lettersTotal, parts: j.parts.length },
  attempts: j.attempts,
  error: j.error,
  failedRow: j.failedRow,
  pageCount: j.pageCount,
  sha256: j.sha256,
  createdAt: j.createdAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
  mailedAt: j.mailedAt?.toISOString() ?? null,
  filesDeletedAt: j.filesDeletedAt?.toISOString() ?? null,
});
