import { randomUUID } from 'node:crypto';
import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { RegulationRecord } from '../../data/regulation.system-repository';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';
import { announceRaised, resolveBySystem } from '../events/system-events';

export const FEDERAL_REGISTER_SOURCE = 'federal-register';
const PRACTICE_PAGE = 1_000;
const DAY_MS = 86_400_000;
/** The second, louder warning of a deadline. */
const LAST_WEEK_DAYS = 7;

/** After a sync brought news, and once a day for the deadlines: every practice's bulletins brought up to date. */
export const ShareBulletins = defineJob(
  'compliance.share-bulletins',
  Type.Object({}, { additionalProperties: false }),
  { maxAttempts: 8 },
);

/** One practice's bulletins; idempotent (each event has its dedupe key), so retried freely. */
export const PracticeBulletins = defineJob(
  'compliance.practice-bulletins',
  Type.Object({}, { additionalProperties: false }),
  { maxAttempts: 8 },
);

/** Every active practice (with a roster or not) gets a PracticeBulletins job. */
export async function queuePracticeBulletins(deps: Pick<ComplianceDeps, 'systemWork' | 'rosters'>): Promise<number> {
  let queued = 0;
  let cursor: string | null = null;
  do {
    const page = await deps.rosters.practices(cursor, PRACTICE_PAGE);
    await deps.systemWork(async ({ queue }) => {
      for (const { tenantId } of page.items) await queue.enqueue(PracticeBulletins, {}, { tenantId });
    });
    queued += page.items.length;
    cursor = page.next;
  } while (cursor);
  return queued;
}

export interface BulletinWindow {
  /** Documents published in the last this many days are shown to a practice. */
  sinceDays: number;
  /** A deadline this close raises a `deadline_alert` (medium), and again in its last week (high). */
  deadlineWarningDays: number;
}

/**
 * A practice's regulation bulletins: a `regulation_change` event per document (medium for a rule,
 * low for a proposed rule or anything else), with its effective date and comment deadline; a
 * `deadline_alert` when one of those dates comes within the warning window, and a high one in its last
 * week; open deadline alerts whose date has passed, or was corrected, resolved. Every practice
 * acknowledges its own.
 */
export async function raiseBulletins(uow: UnitOfWork, window: BulletinWindow, now = new Date()): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const since = new Date(now.getTime() - window.sinceDays * DAY_MS).toISOString().slice(0, 10);
  const docs = await uow.regulations.current({ since, today });
  for (const doc of docs) {
    const raised = await uow.events.raise({
      id: randomUUID(),
      eventType: 'regulation_change',
      source: FEDERAL_REGISTER_SOURCE,
      priority: doc.type === 'Rule' ? 'medium' : 'low',
      title: doc.title.slice(0, 300),
      description: describe(doc),
      providerId: null,
      dedupeKey: `regulation_change:${doc.documentNumber}`,
      sourceFetchedAt: doc.fetchedAt,
      effectiveDate: dateOf(doc.effectiveOn),
      deadlineDate: dateOf(doc.commentsCloseOn),
      metadata: metadataOf(doc),
    });
    if (raised) await announceRaised(uow, raised);
    for (const [kind, deadline] of [
      ['effective', doc.effectiveOn],
      ['comments', doc.commentsCloseOn],
    ] as const) {
      if (!deadline || deadline < today) continue;
      const daysLeft = Math.round((Date.parse(deadline) - Date.parse(today)) / DAY_MS);
      if (daysLeft > window.deadlineWarningDays) continue;
      const lastWeek = daysLeft <= LAST_WEEK_DAYS;
      const alert = await uow.events.raise({
        id: randomUUID(),
        eventType: 'deadline_alert',
        source: FEDERAL_REGISTER_SOURCE,
        priority: lastWeek ? 'high' : 'medium',
        title: `${kind === 'effective' ? 'Takes effect' : 'Comments close'} ${deadline}: ${doc.title}`.slice(0, 300),
        description:
          `${kind === 'effective' ? `${doc.type} ${doc.documentNumber} takes effect` : `Comments on ${doc.type.toLowerCase()} ${doc.documentNumber} close`}` +
          ` on ${deadline}, in ${daysLeft} day${daysLeft === 1 ? '' : 's'}. ${doc.htmlUrl}`,
        providerId: null,
        dedupeKey: `deadline_alert:${doc.documentNumber}:${kind}:${deadline}:${lastWeek ? 'week' : 'window'}`,
        sourceFetchedAt: null,
        effectiveDate: dateOf(doc.effectiveOn),
        deadlineDate: dateOf(deadline),
        metadata: { ...metadataOf(doc), deadline: kind },
      });
      if (alert) await announceRaised(uow, alert);
    }
  }
  // A deadline that passed, or whose date the Federal Register corrected, is settled.
  const dates = new Map(
    docs.flatMap((d) => [
      [`${d.documentNumber}:effective`, d.effectiveOn],
      [`${d.documentNumber}:comments`, d.commentsCloseOn],
    ]),
  );
  for (const open of await uow.events.openOfType('deadline_alert')) {
    const date = open.deadlineDate?.toISOString().slice(0, 10) ?? null;
    const key = `${String(open.metadata.documentNumber)}:${String(open.metadata.deadline)}`;
    if (date !== null && date < today) await resolveBySystem(uow, open, 'The deadline has passed.');
    else if (dates.has(key) && dates.get(key) !== date)
      await resolveBySystem(uow, open, `The Federal Register corrected the date to ${dates.get(key) ?? 'none'}.`);
  }
}

const dateOf = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

const metadataOf = (doc: RegulationRecord) => ({
  documentNumber: doc.documentNumber,
  type: doc.type,
  htmlUrl: doc.htmlUrl,
  agencies: doc.agencies,
  publicationDate: doc.publicationDate,
});

function describe(doc: RegulationRecord): string {
  const dates = [
    doc.effectiveOn ? `effective ${doc.effectiveOn}` : null,
    doc.commentsCloseOn ? `comments close ${doc.commentsCloseOn}` : null,
  ].filter(Boolean);
  const head = `${doc.type || 'Document'} ${doc.documentNumber}, published ${doc.publicationDate}${dates.length ? ` (${dates.join('; ')})` : ''}: ${doc.htmlUrl}`;
  return (doc.abstract ? `${head}\n\n${doc.abstract}` : head).slice(0, 4000);
}
