import { randomUUID } from 'node:crypto';
import { createEvent, QuoteIssued } from '@plh/contracts';
import { Unprocessable } from '@plh/service-kit';
import type { QuoteRecord } from '../data/quote.repository';
import type { CoreDeps } from './deps';
import { priceLetters, priceTable, PricingError, totals, type PriceOptions, type PriceOverrides } from './pricing';
import { ListNotFound, ListNotReady, QuoteNotFound } from './problems';
import { activeProject } from './projects';

export interface IssueQuoteInput {
  tenantId: string;
  projectId: string;
  listId: string;
  actorId: string;
  options: PriceOptions;
  priceOverrides?: PriceOverrides;
}

/** Prices an accepted list and freezes the result as an issued quote (lines, totals, expiry). */
export async function issueQuote(
  deps: Pick<CoreDeps, 'unitOfWork' | 'limits' | 'terms'>,
  input: IssueQuoteInput,
): Promise<QuoteRecord> {
  const terms = await deps.terms(input.tenantId);
  return deps.unitOfWork(input.tenantId, async (uow) => {
    await activeProject(uow.projects, input.projectId);
    const list = await uow.lists.findById(input.listId);
    if (!list || list.projectId !== input.projectId) throw new ListNotFound();
    if (list.status !== 'accepted') throw new ListNotReady('Accept the patient list before asking for a quote.');
    let lines;
    try {
      lines = priceLetters(
        list.validRows,
        input.options,
        priceTable({ ...input.priceOverrides, negotiatedPerLetterCents: terms.perLetterCents }),
      );
    } catch (err) {
      if (err instanceof PricingError) throw new Unprocessable('UNPRICEABLE', `${err.message}.`);
      throw err;
    }
    const quote = await uow.quotes.create({
      id: randomUUID(),
      projectId: input.projectId,
      listId: list.id,
      status: 'issued',
      options: input.options,
      lines,
      recipients: list.validRows,
      ...totals(lines),
      expiresAt: new Date(Date.now() + deps.limits.quoteTtlDays * 86_400_000),
      createdBy: input.actorId,
    });
    await uow.outbox.enqueue(
      createEvent(QuoteIssued, {
        source: 'core',
        tenantId: input.tenantId,
        data: { quoteId: quote.id, projectId: quote.projectId, totalCents: quote.totalCents },
      }),
    );
    await uow.audit.record({
      action: 'quote.issue',
      resource: { type: 'quote', id: quote.id },
      changes: [{ field: 'totalCents', to: quote.totalCents }],
    });
    return quote;
  });
}

export async function getQuote(deps: Pick<CoreDeps, 'unitOfWork'>, tenantId: string, id: string): Promise<QuoteRecord> {
  const quote = await deps.unitOfWork(tenantId, (uow) => uow.quotes.findById(id));
  if (!quote) throw new QuoteNotFound();
  return quote;
}
