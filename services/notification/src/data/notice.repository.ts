import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/prisma';
import type { Notice } from '../domain/messages/notice';
import type { Tx } from './db';

/** One practice's notices: what is to be told, until its messages are planned. */
export function noticeRepository(tx: Tx, tenantId: string) {
  return {
    /** Records a notice once per (event, topic); answers its id, or null when it was recorded before. */
    async record(notice: Notice, requestedBy: string): Promise<string | null> {
      const id = randomUUID();
      const created = await tx.notice.createMany({
        data: [
          {
            id,
            tenantId,
            eventId: notice.eventId,
            topic: notice.topic,
            userId: notice.userId ?? null,
            values: notice.values as Prisma.InputJsonValue,
            ...(notice.secretValues ? { secretValues: notice.secretValues } : {}),
            critical: notice.critical,
            sourceAvailableAt: notice.sourceAvailableAt,
            occurredAt: new Date(notice.occurredAt),
            requestedBy,
          },
        ],
        skipDuplicates: true,
      });
      return created.count === 1 ? id : null;
    },
    byId: (id: string) => tx.notice.findFirst({ where: { id, tenantId } }),
    /** Its messages exist now: the one-time values moved into them. */
    markPlanned: (id: string, at: Date) =>
      tx.notice.updateMany({ where: { id, tenantId }, data: { plannedAt: at, secretValues: Prisma.DbNull } }),
  };
}
export type NoticeRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof noticeRepository>['byId']>>>;
