import { Readable } from 'node:stream';
import { COMPLIANCE_ACCESS } from '@plh/contracts';
import {
  decodeCursor,
  encodeCursor,
  NotFound,
  PageQuery,
  principalOf,
  Type,
  Unprocessable,
  ValidationFailed,
  type FastifyPluginAsyncTypebox,
} from '@plh/service-kit';
import type { ChainEntry } from '@plh/audit-chain';
import type { AuditFilter } from '../data/audit-trail.repository';
import { checkpointChain } from '../domain/audit/checkpoints';
import { exportTrail } from '../domain/audit/export-trail';
import { checkpointConsistencyProof, entryInclusionProof, ProofNotAvailable } from '../domain/audit/proofs';
import { auditCsvHeader, auditCsvRow, readTrail, recordOutsideRead } from '../domain/audit/read-trail';
import { verifyTrail } from '../domain/audit/verify-trail';
import type { ComplianceDeps } from '../domain/deps';
import { errors, literals, Problem, TenantParams, Uuid } from './schemas';

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Scalar = Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()]));

const EntryView = Type.Object({
  chain: Uuid,
  seq: Type.Integer({ minimum: 1, description: 'Position in the practice’s chain (1 is the first entry)' }),
  eventId: Uuid,
  service: Type.String(),
  action: Type.String({ description: '`<resource>.<verb>`: order.approve, patient-list.read, auth.login' }),
  outcome: literals(['success', 'failure', 'denied'] as const),
  resourceType: Type.String(),
  resourceId: Nullable(Type.String()),
  actorKind: literals(['user', 'api_key', 'service', 'anonymous'] as const),
  actorId: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  phi: Type.Boolean({ description: 'The action disclosed PHI (HIPAA accounting of disclosures)' }),
  changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Optional(Scalar), to: Type.Optional(Scalar) }), {
    description: 'Fields changed; a PHI field is named without its values',
  }),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  traceId: Nullable(Type.String()),
  clientIp: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  occurredAt: Type.String({ format: 'date-time' }),
  recordedAt: Type.String({ format: 'date-time' }),
  prevHash: Hash,
  hash: Hash,
});
const CheckpointView = Type.Object({
  chain: Uuid,
  treeSize: Type.Integer({ minimum: 0 }),
  rootHash: Hash,
  issuedAt: Type.String({ format: 'date-time' }),
  keyId: Type.String(),
  signature: Type.String({ description: 'Ed25519 over the RFC 8785 canonical JSON of the other fields and `type`' }),
});
const Break = Type.Object({
  seq: Type.Integer(),
  reason: literals(['hash_mismatch', 'broken_link', 'gap', 'out_of_order', 'wrong_chain'] as const),
  expectedSeq: Type.Optional(Type.Integer()),
});
const VerificationView = Type.Object({
  valid: Type.Boolean(),
  chain: Uuid,
  entries: Type.Integer(),
  headHash: Hash,
  headMatches: Type.Boolean(),
  firstBreak: Nullable(Break),
  checkpoints: Type.Array(
    Type.Object({
      treeSize: Type.Integer(),
      issuedAt: Type.String({ format: 'date-time' }),
      keyId: Type.String(),
      signatureValid: Type.Boolean(),
      rootMatches: Type.Boolean(),
      covered: Type.Boolean(),
    }),
  ),
  verifiedAt: Type.String({ format: 'date-time' }),
});
const Jwks = Type.Object({
  keys: Type.Array(
    Type.Object(
      { kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.String() },
      { additionalProperties: true },
    ),
  ),
});

const FilterQuery = {
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'The user, API key or service' })),
  action: Type.Optional(
    Type.String({
      pattern: '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*\\.?$',
      maxLength: 64,
      description: 'An action, or a prefix ending in a dot (`order.`)',
    }),
  ),
  resourceType: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 32 })),
  resourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'At or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Before' })),
};
const filterOf = (q: Partial<Record<keyof typeof FilterQuery, string>>): AuditFilter => ({
  ...(q.actorId ? { actorId: q.actorId } : {}),
  ...(q.action ? { action: q.action } : {}),
  ...(q.resourceType ? { resourceType: q.resourceType } : {}),
  ...(q.resourceId ? { resourceId: q.resourceId } : {}),
  ...(q.from ? { from: new Date(q.from) } : {}),
  ...(q.to ? { to: new Date(q.to) } : {}),
});

/** A cursor this list gave out: a position in the chain. */
function cursorSeq(kind: string, cursor: string | undefined): number | null {
  if (!cursor) return null;
  const seq = Number(decodeCursor(kind, cursor)[0]);
  if (!Number.isSafeInteger(seq) || seq < 0)
    throw new ValidationFailed([{ pointer: '/querystring/cursor', message: 'is not a cursor this list gave out' }]);
  return seq;
}

/** `from` after `to` asks for nothing: a mistake to name, not an empty page. */
function checkedFilter(q: Partial<Record<keyof typeof FilterQuery, string>>): AuditFilter {
  const filter = filterOf(q);
  if (filter.from && filter.to && filter.from > filter.to)
    throw new ValidationFailed([{ pointer: '/querystring/from', message: 'is after to' }]);
  return filter;
}

/** Whether the caller is from outside the practice (the ops team): their looking is on the practice's record. */
const outsider = (req: { params: { tenantId: string } } & Parameters<typeof principalOf>[0]) =>
  principalOf(req).tenantId !== req.params.tenantId;

const proofProblem = (err: unknown): never => {
  if (err instanceof ProofNotAvailable)
    throw err.code === 'NOT_COVERED' || err.code === 'BROKEN_TRAIL'
      ? new Unprocessable(err.code, err.message)
      : new NotFound(err.message);
  throw err;
};

/** A practice's audit trail: reading, verification, proofs, checkpoints, exports; and the published keys. */
const auditTrailRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  const base = '/api/tenants/:tenantId/compliance/audit';

  app.get(
    base,
    {
      config: { access: COMPLIANCE_ACCESS.auditRead },
      schema: {
        summary: 'The practice’s audit trail, newest first, a page at a time (filters: actor, action, resource, time)',
        params: TenantParams,
        querystring: Type.Object({ ...FilterQuery, ...PageQuery }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(EntryView), next: Nullable(Type.String()) }), ...errors },
      },
    },
    async (req) => {
      const { limit, cursor, ...filters } = req.query;
      const before = cursorSeq('audit', cursor);
      const page = await readTrail(deps, {
        tenantId: req.params.tenantId,
        filter: checkedFilter(filters),
        before,
        limit,
        // Someone outside the practice (the ops team) reading its trail is itself on the record.
        audited: outsider(req) ? 'audit-trail.read' : null,
      });
      return { items: page.items, next: page.next === null ? null : encodeCursor('audit', [page.next]) };
    },
  );

  app.get(
    `${base}/verify`,
    {
      config: { access: COMPLIANCE_ACCESS.auditRead },
      schema: {
        summary:
          'Re-computes the whole chain and every signed checkpoint; names the first entry that is not what was appended',
        params: TenantParams,
        response: { 200: VerificationView, ...errors },
      },
    },
    async (req) => {
      const report = await verifyTrail(deps, req.params.tenantId);
      if (outsider(req)) await recordOutsideRead(deps, req.params.tenantId, 'verify');
      return report;
    },
  );

  app.get(
    `${base}/entries/:seq/proof`,
    {
      config: { access: COMPLIANCE_ACCESS.auditRead },
      schema: {
        summary: 'RFC 9162 inclusion proof of one entry in a signed checkpoint (the latest unless treeSize is given)',
        params: Type.Object({ tenantId: Uuid, seq: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(
          { treeSize: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            entry: EntryView,
            leafIndex: Type.Integer(),
            checkpoint: CheckpointView,
            proof: Type.Array(Hash),
          }),
          ...errors,
          422: Problem,
        },
      },
    },
    async (req) => {
      const proof = await deps
        .unitOfWork(req.params.tenantId, (uow) => entryInclusionProof(uow, req.params.seq, req.query.treeSize), {
          timeoutMs: 60_000,
        })
        .catch(proofProblem);
      if (outsider(req)) await recordOutsideRead(deps, req.params.tenantId, 'proof');
      return proof;
    },
  );

  app.get(
    `${base}/consistency`,
    {
      config: { access: COMPLIANCE_ACCESS.auditRead },
      schema: {
        summary:
          'RFC 9162 consistency proof that an earlier checkpoint’s tree is a prefix of a later one (the latest by default)',
        params: TenantParams,
        querystring: Type.Object(
          { from: Type.Integer({ minimum: 1 }), to: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ from: CheckpointView, to: CheckpointView, proof: Type.Array(Hash) }),
          ...errors,
          422: Problem,
        },
      },
    },
    async (req) => {
      const proof = await deps
        .unitOfWork(req.params.tenantId, (uow) => checkpointConsistencyProof(uow, req.query.from, req.query.to), {
          timeoutMs: 60_000,
        })
        .catch(proofProblem);
      if (outsider(req)) await recordOutsideRead(deps, req.params.tenantId, 'proof');
      return proof;
    },
  );

  app.get(
    `${base}/checkpoints`,
    {
      config: { access: COMPLIANCE_ACCESS.auditRead },
      schema: {
        summary: 'The chain’s signed checkpoints, newest first',
        params: TenantParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(CheckpointView), next: Nullable(Type.String()) }), ...errors },
      },
    },
    async (req) => {
      const below = cursorSeq('audit-checkpoint', req.query.cursor) ?? Infinity;
      const all = await deps.unitOfWork(req.params.tenantId, (uow) => uow.auditTrail.checkpoints());
      const newer = all.filter((c) => c.treeSize < below).reverse();
      const items = newer.slice(0, req.query.limit);
      const more = newer.length > items.length;
      if (outsider(req)) await recordOutsideRead(deps, req.params.tenantId, 'checkpoints');
      return { items, next: more ? encodeCursor('audit-checkpoint', [items.at(-1)!.treeSize]) : null };
    },
  );

  app.post(
    `${base}/checkpoints`,
    {
      config: { access: COMPLIANCE_ACCESS.auditExport },
      schema: {
        summary: 'Signs a checkpoint of the chain now (the latest one if the chain has not grown since); no body',
        params: TenantParams,
        response: { 200: CheckpointView, ...errors },
      },
    },
    async (req) => deps.unitOfWork(req.params.tenantId, (uow) => checkpointChain(uow, deps.audit.signer)),
  );

  app.get(
    `${base}/export`,
    {
      config: { access: COMPLIANCE_ACCESS.auditExport },
      schema: {
        summary:
          'Exports the trail between two times: JSON lines with the signed checkpoint and proofs (verify offline with plh-audit-verify), or CSV',
        params: TenantParams,
        querystring: Type.Object(
          { ...FilterQuery, format: literals(['jsonl', 'csv'] as const, { default: 'jsonl' }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.String({ description: 'application/x-ndjson or text/csv, as an attachment' }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { tenantId } = req.params;
      const { format, ...filters } = req.query;
      const filter = checkedFilter(filters);
      const stamp = new Date().toISOString().slice(0, 10);
      void reply.header('cache-control', 'no-store');
      if (format === 'csv') {
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-trail-${stamp}.csv"`);
        return reply.send(Readable.from(csvLines(deps, tenantId, filter)));
      }
      const hasOtherFilters = Object.keys(filter).some((k) => k !== 'from' && k !== 'to');
      if (hasOtherFilters)
        throw new Unprocessable(
          'FILTERS_NOT_VERIFIABLE',
          'A verifiable export is a contiguous range of the chain: filter it by time only (from, to), or ask for format=csv.',
        );
      void reply
        .type('application/x-ndjson')
        .header('content-disposition', `attachment; filename="audit-trail-${stamp}.jsonl"`);
      return reply.send(Readable.from(exportTrail(deps, { tenantId, ...filter })));
    },
  );
};
export default auditTrailRoutes;

/** Public, outside the internal-token scope: anyone verifying an export needs the keys. */
export const auditKeyRoutes: FastifyPluginAsyncTypebox<{ deps: ComplianceDeps }> = async (app, { deps }) => {
  app.get(
    '/api/compliance/audit/public-keys',
    {
      schema: {
        summary: 'The public keys (JWKS, Ed25519) that verify the audit trail’s checkpoints, retired ones included',
        response: { 200: Jwks },
      },
    },
    async (_req, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return deps.audit.publishedJwks;
    },
  );
};

/** Every matching entry as CSV, newest first, a page at a time (the first read is the audited one). */
async function* csvLines(deps: ComplianceDeps, tenantId: string, filter: AuditFilter): AsyncGenerator<string> {
  yield auditCsvHeader();
  let before: number | null = null;
  for (let first = true; ; first = false) {
    const page: { items: ChainEntry[]; next: number | null } = await readTrail(deps, {
      tenantId,
      filter,
      before,
      limit: 1_000,
      // One export, one entry: the first page records it.
      audited: first ? 'audit-trail.export' : null,
    });
    for (const entry of page.items) yield auditCsvRow(entry);
    if (page.next === null) return;
    before = page.next;
  }
}
