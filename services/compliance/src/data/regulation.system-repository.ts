import type { RegulationDocument } from '../domain/federal-register/federal-register-answer';
import type { Tx } from './db';

export interface RegulationRecord extends RegulationDocument {
  fetchedAt: Date;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** The Federal Register documents followed (public, platform-wide). */
export function regulationSystemRepository(tx: Tx) {
  return {
    /**
     * Records a document as the API answered it; answers whether it is new or its title or dates
     * changed (a corrected effective date is news to the practices), or is as it was.
     */
    async save(doc: RegulationDocument, at: { syncId: string; fetchedAt: Date }): Promise<'new' | 'changed' | 'same'> {
      const before = await tx.regulation.findUnique({ where: { documentNumber: doc.documentNumber } });
      const data = {
        docType: doc.type,
        title: doc.title,
        abstract: doc.abstract,
        htmlUrl: doc.htmlUrl,
        agencies: doc.agencies,
        publicationDate: date(doc.publicationDate)!,
        effectiveOn: date(doc.effectiveOn),
        commentsCloseOn: date(doc.commentsCloseOn),
      };
      if (!before) {
        await tx.regulation.create({ data: { documentNumber: doc.documentNumber, ...data, ...at } });
        return 'new';
      }
      const changed =
        before.title !== doc.title ||
        day(before.effectiveOn) !== doc.effectiveOn ||
        day(before.commentsCloseOn) !== doc.commentsCloseOn;
      if (!changed) return 'same';
      await tx.regulation.update({
        where: { documentNumber: doc.documentNumber },
        data: { ...data, ...at, updatedAt: new Date() },
      });
      return 'changed';
    },
    count: () => tx.regulation.count(),
    /** The latest publication date recorded (where the next sync starts, with a day of overlap). */
    async latestPublication(): Promise<string | null> {
      const row = await tx.regulation.findFirst({
        orderBy: { publicationDate: 'desc' },
        select: { publicationDate: true },
      });
      return day(row?.publicationDate ?? null);
    },
    /** What a practice is told about: published since `since`, or with a deadline from `today` on. */
    async current(input: { since: string; today: string }): Promise<RegulationRecord[]> {
      const rows = await tx.regulation.findMany({
        where: {
          OR: [
            { publicationDate: { gte: date(input.since)! } },
            { effectiveOn: { gte: date(input.today)! } },
            { commentsCloseOn: { gte: date(input.today)! } },
          ],
        },
        orderBy: [{ publicationDate: 'asc' }, { documentNumber: 'asc' }],
      });
      return rows.map((r) => ({
        documentNumber: r.documentNumber,
        type: r.docType,
        title: r.title,
        abstract: r.abstract,
        htmlUrl: r.htmlUrl,
        agencies: r.agencies,
        publicationDate: day(r.publicationDate)!,
        effectiveOn: day(r.effectiveOn),
        commentsCloseOn: day(r.commentsCloseOn),
        fetchedAt: r.fetchedAt,
      }));
    },
  };
}
