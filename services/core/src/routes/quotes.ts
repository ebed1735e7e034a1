import { CORE_ACCESS } from '@plh/contracts';
import { Page, PageQuery, principalOf, Type, type FastifyPluginAsyncTypebox } from '@plh/service-kit';
import type { CoreDeps } from '../domain/deps';
import { getQuote, issueQuote } from '../domain/issue-quote';
import { listQuotes } from '../domain/list-quotes';
import { errors, literals, PriceOptions, Problem, QuoteView, TenantParams, toQuoteView } from './schemas';

/** Quotes: priced from an accepted list and frozen. */
const quoteRoutes: FastifyPluginAsyncTypebox<{ deps: CoreDeps }> = async (app, { deps }) => {
  app.post(
    '/api/tenants/:tenantId/quotes',
    {
      config: { access: CORE_ACCESS.quote },
      schema: {
        summary: 'Price a campaign: an issued quote (lines, totals, expiry) that does not change',
        params: TenantParams,
        body: Type.Object(
          {
            projectId: Type.String({ format: 'uuid' }),
            listId: Type.String({ format: 'uuid' }),
            options: PriceOptions,
          },
          { additionalProperties: false },
        ),
        response: { 201: QuoteView, ...errors, 409: Problem, 422: Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const quote = await issueQuote(deps, { tenantId: req.params.tenantId, actorId: principal.id, ...req.body });
      return reply.code(201).send(toQuoteView(quote));
    },
  );
  app.get(
    '/api/tenants/:tenantId/quotes',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'The practice’s quotes, newest first, a page at a time (filters: project, list, status)',
        params: TenantParams,
        querystring: Type.Object({
          projectId: Type.Optional(Type.String({ format: 'uuid' })),
          listId: Type.Optional(Type.String({ format: 'uuid' })),
          status: Type.Optional(literals(['issued', 'accepted', 'expired'] as const)),
          ...PageQuery,
        }),
        response: { 200: Page(QuoteView), ...errors },
      },
    },
    async (req) => {
      const page = await listQuotes(deps, req.params.tenantId, req.query);
      return { items: page.items.map(toQuoteView), next: page.next };
    },
  );
  app.get(
    '/api/tenants/:tenantId/quotes/:quoteId',
    {
      config: { access: CORE_ACCESS.read },
      schema: {
        summary: 'One quote',
        params: Type.Object({ ...TenantParams.properties, quoteId: Type.String({ format: 'uuid' }) }),
        response: { 200: QuoteView, ...errors },
      },
    },
    async (req) => {
      return toQuoteView(await getQuote(deps, req.params.tenantId, req.params.quoteId));
    },
  );
};
export default quoteRoutes;
