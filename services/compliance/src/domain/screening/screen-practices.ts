import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { RosterProviderView } from '@plh/contracts';
import type { ComplianceDeps } from '../deps';
import { screenPractice } from './screen-practice';

const ROSTER_PAGE = 1_000;

/**
 * Screens every practice's roster against the LEIE's active set (after a new snapshot), or one
 * practice's (after a roster change or a decision). `sourceFetchedAt` is when the data that caused it
 * was fetched: each alert raised records its latency from there (the 15-minute SLA).
 */
export const ScreenPractices = defineJob(
  'compliance.screen-practices',
  Type.Object(
    {
      snapshotVersion: Type.Integer({ minimum: 0 }),
      sourceFetchedAt: Type.Union([Type.String({ minLength: 20, maxLength: 40 }), Type.Null()]),
      syncId: Type.Union([Type.String({ minLength: 36, maxLength: 36 }), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  { maxAttempts: 8 },
);

/**
 * Every active practice, a page of the tenant service's roster at a time; each practice's providers of
 * a page in one transaction of that practice. Idempotent: a repeated run finds the same results and
 * raises no event twice (events are keyed), so a retried job or a duplicate delivery changes nothing.
 */
export async function screenAllPractices(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'rosters'>,
  input: { sourceFetchedAt: Date | null },
): Promise<{ practices: number; providers: number }> {
  let cursor: string | null = null;
  const practices = new Set<string>();
  let providers = 0;
  do {
    const page = await deps.rosters.page(cursor, ROSTER_PAGE);
    const byPractice = new Map<string, RosterProviderView[]>();
    for (const p of page.items) byPractice.set(p.tenantId, [...(byPractice.get(p.tenantId) ?? []), p]);
    for (const [tenantId, roster] of byPractice) {
      await screenPractice(deps, tenantId, roster, { sourceFetchedAt: input.sourceFetchedAt, wholeRoster: false });
      practices.add(tenantId);
      providers += roster.length;
    }
    cursor = page.next;
  } while (cursor);
  return { practices: practices.size, providers };
}

/** One practice's roster screened again (a roster change or a decision): queued per change, idempotent. */
export const ScreenPractice = defineJob(
  'compliance.screen-practice',
  Type.Object({}, { additionalProperties: false }),
  {
    maxAttempts: 8,
  },
);

/** The practice's whole roster as the tenant service has it now, screened; providers gone are removed. */
export async function screenPracticeNow(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'rosters'>,
  tenantId: string,
): Promise<void> {
  const roster = await deps.rosters.ofPractice(tenantId);
  await screenPractice(deps, tenantId, roster, { sourceFetchedAt: null, wholeRoster: true });
}
