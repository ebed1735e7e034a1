import { CORE_ACCESS } from '@plh/contracts';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { renderInvoicePdf } from '../domain/invoice-pdf';
import { listMailPieces } from '../domain/mail-pieces';
import { getInvoice, invoiceOfOrder, listInvoices } from '../domain/invoices';
import { decideProof, listProofs } from '../domain/proofs';
import { MAIL_STATUSES, recordScans, trackingRollup } from '../domain/tracking';
import { actorOf } from './access';
import { errors, etagOf, literals, Money, PriceLine, Problem, versionFromIfMatch } from './schemas';

const Uuid = Type.String({ format: 'uuid' });
const OrderParams = Type.Object({ tenantId: Uuid, orderId: Uuid });
const InvoiceView = Type.Object({
  id: Uuid,
  orderId: Uuid,
  number: Type.Integer(),
  lines: Type.Array(PriceLine),
  adjustments: Type.Array(Type.Object({ description: Type.String(), totalCents: Money })),
  subtotalCents: Money,
  totalCents: Money,
  currency: Type.String(),
  issuedAt: Type.String({ format: 'date-time' }),
});
const toInvoiceView = (i: Awaited<ReturnType<typeof getInvoice>>) => ({
  ...i,
  lines: i.lines.map(({ code, description, quantity, unitCents, totalCents }) => ({
    code,
    description,
    quantity,
    unitCents,
    totalCents,
  })),
  issuedAt: i.issuedAt.toISOString(),
});

/** After the order: proofs and approvals, invoices, mail tracking. */
const fulfilmentRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps; downloadTtlSec: number }> = async (
  app,
  { deps, downloadTtlSec },
) => {
  app.get(
    '/api/tenants/:tenantId/orders/:orderId/proofs',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'Proof revisions of an order (newest first) with signed links, and the decisions taken',
        params: OrderParams,
        response: {
          200: Type.Object({
            proofs: Type.Array(
              Type.Object({
                id: Uuid,
                revision: Type.Integer(),
                sha256: Type.String(),
                pageCount: Type.Integer(),
                url: Type.String(),
                createdAt: Type.String(),
              }),
            ),
            approvals: Type.Array(
              Type.Object({
                proofId: Uuid,
                proofSha256: Type.String(),
                decision: Type.String(),
                comment: Type.Union([Type.String(), Type.Null()]),
                decidedBy: Uuid,
                createdAt: Type.String(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { proofs, approvals } = await listProofs(deps, req.params.tenantId, req.params.orderId);
      reply.header('cache-control', 'no-store');
      return {
        proofs: await Promise.all(
          proofs.map(async (p) => ({
            id: p.id,
            revision: p.revision,
            sha256: p.sha256,
            pageCount: p.pageCount,
            url: await deps.storage.signedDownloadUrl(p.storageKey, {
              expiresInSec: downloadTtlSec,
              filename: `proof-${p.revision}.pdf`,
            }),
            createdAt: p.createdAt.toISOString(),
          })),
        ),
        approvals: approvals.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      };
    },
  );
  app.post(
    '/api/tenants/:tenantId/orders/:orderId/approval',
    {
      config: { access: CORE_ACCESS.approve },
      schema: {
        summary: 'Approve or reject the latest proof, naming the proof and the hash of the file reviewed',
        params: OrderParams,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String()) }),
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
            proofId: Uuid,
            proofSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ decision: Type.String(), proofId: Uuid, status: Type.String(), version: Type.Integer() }),
          ...errors,
          409: Problem,
          412: Problem,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const result = await decideProof(deps, {
        tenantId: req.params.tenantId,
        orderId: req.params.orderId,
        actor: actorOf(principal),
        ...req.body,
        expectedVersion: versionFromIfMatch(req.headers['if-match']),
      });
      reply.header('etag', etagOf(result.orderVersion));
      return {
        decision: result.approval.decision,
        proofId: result.approval.proofId,
        status: result.status,
        version: result.orderVersion,
      };
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders/:orderId/invoice',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The order’s invoice (once mailed)',
        params: OrderParams,
        response: { 200: InvoiceView, ...errors },
      },
    },
    async (req) => toInvoiceView(await invoiceOfOrder(deps, req.params.tenantId, req.params.orderId)),
  );
  app.get(
    '/api/tenants/:tenantId/invoices',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The practice’s invoices, newest first, a page at a time (filter: issued from / to)',
        params: Type.Object({ tenantId: Uuid }),
        querystring: Type.Object({
          issuedFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Issued at or after' })),
          issuedTo: Type.Optional(Type.String({ format: 'date-time', description: 'Issued before' })),
          ...PageQuery,
        }),
        response: { 200: Page(InvoiceView), ...errors },
      },
    },
    async (req) => {
      const page = await listInvoices(deps, req.params.tenantId, req.query);
      return { items: page.items.map(toInvoiceView), next: page.next };
    },
  );
  app.get(
    '/api/tenants/:tenantId/invoices/:invoiceId/pdf',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'An invoice as PDF',
        params: Type.Object({ tenantId: Uuid, invoiceId: Uuid }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (req, reply) => {
      const invoice = await getInvoice(deps, req.params.tenantId, req.params.invoiceId);
      const pdf = await renderInvoicePdf(invoice, `practice ${req.params.tenantId.slice(0, 8)}`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="invoice-${invoice.number}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );
  app.post(
    '/api/tenants/:tenantId/orders/:orderId/tracking',
    {
      config: { access: CORE_ACCESS.track },
      schema: {
        summary: 'Record tracking scans of an order’s letters (ops, or a fulfilment provider through the same path)',
        params: OrderParams,
        body: Type.Object(
          {
            source: Type.String({ minLength: 1, maxLength: 40, default: 'ops' }),
            scans: Type.Array(
              Type.Object(
                {
                  mailPieceId: Uuid,
                  status: Type.Unsafe<(typeof MAIL_STATUSES)[number]>({ type: 'string', enum: [...MAIL_STATUSES] }),
                  occurredAt: Type.String({ format: 'date-time' }),
                  externalId: Type.String({ minLength: 1, maxLength: 128 }),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ recorded: Type.Integer(), duplicates: Type.Integer() }), ...errors },
      },
    },
    async (req) => {
      return recordScans(deps, { tenantId: req.params.tenantId, orderId: req.params.orderId, ...req.body });
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders/:orderId/tracking',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'Where an order’s letters are: counts by status, delivered %, the returned ones',
        params: OrderParams,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            deliveredPercent: Type.Number(),
            returned: Type.Array(
              Type.Object({
                mailPieceId: Uuid,
                patientId: Uuid,
                row: Type.Union([Type.Integer(), Type.Null()], { description: 'Row of the uploaded list' }),
                returnedAt: Type.String(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      return trackingRollup(deps, req.params.tenantId, req.params.orderId);
    },
  );
  app.get(
    '/api/tenants/:tenantId/orders/:orderId/mail-pieces',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The letters of a mailed order (ids and status; recipients via the list), a page at a time',
        params: OrderParams,
        querystring: Type.Object({ status: Type.Optional(literals(MAIL_STATUSES)), ...PageQuery }),
        response: {
          200: Page(Type.Object({ id: Uuid, patientId: Uuid, status: Type.String() })),
          ...errors,
        },
      },
    },
    async (req) => listMailPieces(deps, { ...req.params, ...req.query }),
  );
};
export default fulfilmentRoutes;
