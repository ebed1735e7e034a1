import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { NoticeRecord } from '../../data/notice.repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { NotificationDeps } from '../deps';
import { isTopic, NIL_UUID, TOPICS } from '../topics';
import type { Notice } from './notice';
import { endpointMessages, personMessages, queueMessages } from './plan-messages';
import { peopleFor } from './recipients';

/**
 * Works out a notice's messages. Retried with backoff for hours while the tenant service (whom to
 * tell) does not answer; the partner systems' webhooks, which need no directory, go at once.
 */
export const PlanNotice = defineJob(
  'notification.plan-notice',
  Type.Object({ noticeId: Type.String({ minLength: 36, maxLength: 36 }) }),
  { maxAttempts: 20 },
);

/**
 * Records what is to be told, in the caller's transaction (an event's, with its inbox row): the notice
 * exists once per (event, topic), and a job plans its messages. No HTTP here: a transaction never
 * waits on another service.
 */
export async function recordNotice(uow: UnitOfWork, notice: Notice, requestedBy: string): Promise<void> {
  const id = await uow.notices.record(notice, requestedBy);
  if (id) await uow.queue.enqueue(PlanNotice, { noticeId: id });
}

const toNotice = (n: NoticeRecord): Notice | null =>
  isTopic(n.topic)
    ? {
        topic: n.topic,
        tenantId: n.tenantId,
        eventId: n.eventId,
        occurredAt: n.occurredAt.toISOString(),
        ...(n.userId ? { userId: n.userId } : {}),
        values: n.values as Notice['values'],
        ...(n.secretValues ? { secretValues: n.secretValues as Record<string, string> } : {}),
        critical: n.critical,
        sourceAvailableAt: n.sourceAvailableAt,
      }
    : null;

/**
 * A notice's messages: to its subscribed endpoints first, then to the people of its topic's audience
 * (read from the tenant service outside any transaction; the ops team's messages are kept with the
 * platform's, not in the practice's log). Each message is created once however often this runs.
 */
export async function planNotice(
  deps: Pick<NotificationDeps, 'unitOfWork' | 'directory'>,
  tenantId: string,
  noticeId: string,
): Promise<void> {
  const record = await deps.unitOfWork(tenantId, ({ notices }) => notices.byId(noticeId));
  const notice = record && !record.plannedAt ? toNotice(record) : null;
  if (!record || !notice) return;
  await deps.unitOfWork(tenantId, async (uow) =>
    queueMessages(uow, await endpointMessages(uow, notice, record.requestedBy)),
  );
  const people = await peopleFor(deps.directory, notice.topic, tenantId, notice.userId);
  const forOps = 'opsTeam' in TOPICS[notice.topic].audience;
  if (forOps)
    await deps.unitOfWork(NIL_UUID, async (uow) =>
      queueMessages(uow, await personMessages(uow, notice, people, record.requestedBy)),
    );
  await deps.unitOfWork(tenantId, async (uow) => {
    if (!forOps) await queueMessages(uow, await personMessages(uow, notice, people, record.requestedBy));
    await uow.notices.markPlanned(noticeId, new Date());
  });
}
