import { defineJob } from '@plh/jobs';
import { Type } from '@sinclair/typebox';
import type { ComplianceDeps } from '../deps';
import { LEIE_SOURCE } from '../leie/leie-format';
import { foldLicense } from '../matching/names';
import { activeNppes, isNpi, verifyNpis } from '../nppes/verify-npis';
import { screenRoster } from './screen-roster';
import { loadScreeningBasis, toRosterProvider } from './screening-basis';

const ROSTER_PAGE = 1_000;
/** Practices screened per transaction after a snapshot: one commit, one read of the sources, for all. */
const BATCH = 50;
/** Unaffected practices wait this long, so the affected ones (the alerts) go first. */
const AFTER_AFFECTED_MS = 1_000;
const FetchedAt = Type.Union([Type.String({ minLength: 20, maxLength: 40 }), Type.Null()]);

/**
 * After a new snapshot: every practice with a roster gets its own screening job. `sourceFetchedAt` is
 * when the data that caused it was fetched: each alert raised records its latency from there.
 */
export const ScreenPractices = defineJob(
  'compliance.screen-practices',
  Type.Object(
    {
      /** The source whose snapshot it is (the LEIE when absent: jobs queued before state lists). */
      source: Type.Optional(Type.String({ minLength: 2, maxLength: 40 })),
      snapshotVersion: Type.Integer({ minimum: 0 }),
      sourceFetchedAt: FetchedAt,
      syncId: Type.Union([Type.String({ minLength: 36, maxLength: 36 }), Type.Null()]),
    },
    { additionalProperties: false },
  ),
  { maxAttempts: 8 },
);

/** One practice's whole roster screened (a new snapshot, a roster change); idempotent, so retried freely. */
export const ScreenPractice = defineJob(
  'compliance.screen-practice',
  Type.Object(
    {
      sourceFetchedAt: Type.Optional(FetchedAt),
      /** A roster change: look up the NPIs the NPI Registry has not answered for yet, then screen. */
      verifyNpis: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  { maxAttempts: 8 },
);

/** A batch of practices screened against a new snapshot in one transaction (see screenPracticeBatchNow). */
export const ScreenPracticeBatch = defineJob(
  'compliance.screen-practice-batch',
  Type.Object(
    {
      tenantIds: Type.Array(Type.String({ minLength: 36, maxLength: 36 }), { minItems: 1, maxItems: BATCH }),
      sourceFetchedAt: FetchedAt,
    },
    { additionalProperties: false },
  ),
  { maxAttempts: 8 },
);

/**
 * Finds the practices with providers (the tenant service's roster, a page at a time) and queues their
 * screening, in batches of BATCH practices. Practices with a provider whose NPI, date of birth or licence is among the listings the
 * snapshot added or removed are queued first: theirs are the results that can change, and the alerts
 * the SLA clock runs for; the others follow a moment later (their results are only re-labelled).
 */
export async function queuePracticeScreenings(
  deps: Pick<ComplianceDeps, 'systemWork' | 'rosters'>,
  input: { source?: string; sourceFetchedAt: string | null; snapshotVersion: number },
): Promise<{ practices: number; affected: number }> {
  const source = input.source ?? LEIE_SOURCE;
  const changed = await deps.systemWork(async ({ leie, stateLists }) =>
    source === LEIE_SOURCE
      ? { ...(await leie.changedAt(input.snapshotVersion)), licenses: new Set<string>() }
      : { ...(await stateLists.changedAt(source, input.snapshotVersion)), datesOfBirth: new Set<string>() },
  );
  const practices = new Set<string>();
  const affected = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await deps.rosters.page(cursor, ROSTER_PAGE);
    for (const p of page.items) {
      practices.add(p.tenantId);
      if (
        changed.npis.has(p.npi) ||
        changed.datesOfBirth.has(p.dateOfBirth) ||
        changed.licenses.has(foldLicense(p.licenseNumber))
      )
        affected.add(p.tenantId);
    }
    cursor = page.next;
  } while (cursor);
  const first = [...affected];
  const later = [...practices].filter((id) => !affected.has(id));
  await deps.systemWork(async ({ queue }) => {
    for (const [ids, delayMs] of [
      [first, 0],
      [later, AFTER_AFFECTED_MS],
    ] as const)
      for (let i = 0; i < ids.length; i += BATCH)
        await queue.enqueue(
          ScreenPracticeBatch,
          { tenantIds: ids.slice(i, i + BATCH), sourceFetchedAt: input.sourceFetchedAt },
          delayMs ? { delayMs } : {},
        );
  });
  return { practices: practices.size, affected: affected.size };
}

/**
 * A practice's roster, read from the tenant service while holding the practice's screening lock, and
 * screened in the same transaction: two screenings of one practice (a snapshot's and a roster change's)
 * run one after the other, and the later always works from the roster as it is then — an older roster
 * can never overwrite a newer result or resolve an event a newer screening raised.
 */
export async function screenPracticeNow(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'systemWork' | 'rosters' | 'nppes' | 'sources'>,
  tenantId: string,
  sourceFetchedAt: Date | null,
  options: { verifyNpis?: boolean } = {},
): Promise<void> {
  if (options.verifyNpis) await verifyNewNpis(deps, tenantId);
  await deps.unitOfWork(
    tenantId,
    async (uow) => {
      await uow.screenings.lockPractice();
      await screenRoster(uow, await deps.rosters.ofPractice(tenantId), { sourceFetchedAt });
    },
    { timeoutMs: 60_000 },
  );
}

/**
 * Before a roster change is screened: the practice's NPIs the registry was never asked about (new
 * ones) are looked up, outside any transaction, when the `cms-nppes` source is on. A snapshot's
 * screening does not wait for this: exclusion alerts go first.
 */
async function verifyNewNpis(
  deps: Pick<ComplianceDeps, 'systemWork' | 'rosters' | 'nppes' | 'sources'>,
  tenantId: string,
): Promise<void> {
  const options = await activeNppes(deps);
  if (!options) return;
  const npis = (await deps.rosters.ofPractice(tenantId)).map((p) => p.npi).filter(isNpi);
  const unasked = await deps.systemWork(({ npis: registry }) => registry.neverAsked(npis));
  // Once, briefly: the screening (and its exclusion alerts) must not wait out a registry outage; a
  // failed lookup is shown as `error` and asked again by the next cms-nppes sync.
  if (unasked.length > 0)
    await verifyNpis(deps, unasked, { ...options, attempts: 1, timeoutMs: Math.min(options.timeoutMs, 10_000) });
}

/**
 * A batch of practices screened in one transaction: their screening locks taken first (in id order),
 * then their rosters read from the tenant service (in one call), the public sources read once for
 * all of them, and each practice screened with only its own rows visible (the transaction switches
 * practice between them). The same guarantees as screenPracticeNow, for many practices per commit.
 */
export async function screenPracticeBatchNow(
  deps: Pick<ComplianceDeps, 'batchWork' | 'rosters'>,
  tenantIds: readonly string[],
  sourceFetchedAt: Date | null,
): Promise<void> {
  await deps.batchWork(
    async ({ practice, platform }) => {
      await platform.screeningLocks.lockPractices(tenantIds);
      const rosters = await deps.rosters.ofPractices(tenantIds);
      const basis = await loadScreeningBasis(platform, rosters.flat().map(toRosterProvider));
      for (const [i, tenantId] of tenantIds.entries())
        await screenRoster(await practice(tenantId), rosters[i]!, { sourceFetchedAt }, basis);
    },
    { timeoutMs: 60_000 },
  );
}
