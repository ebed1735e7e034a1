import type { SourceRecord, SyncRecord } from '../../data/source.system-repository';
import type { ComplianceDeps } from '../deps';
import type { SyncProgress } from '../leie/sync-leie';
import { ScreenPractice } from '../screening/screen-practices';
import { SourceFetchError } from '../sources/fetch-source-file';
import { isNpi, nppesOptions, verifyNpis } from './verify-npis';

const ROSTER_PAGE = 1_000;

/**
 * One `cms-nppes` sync: every NPI on every practice's roster looked up in the NPI Registry (each NPI
 * once, however many practices list it), and the practices whose NPIs' records changed screened again.
 * Lookups that failed after their retries fail the sync (LOOKUPS_FAILED, with the first reason) once
 * the others are recorded: the screenings show those NPIs as `error` until a later sync answers them.
 */
export async function syncNppes(
  deps: Pick<ComplianceDeps, 'systemWork' | 'sources' | 'rosters' | 'nppes'>,
  _sync: SyncRecord,
  source: SourceRecord,
  progress: SyncProgress,
): Promise<void> {
  const practicesOf = new Map<string, Set<string>>();
  let cursor: string | null = null;
  do {
    const page = await deps.rosters.page(cursor, ROSTER_PAGE);
    for (const p of page.items) {
      if (!isNpi(p.npi)) continue;
      const practices = practicesOf.get(p.npi) ?? new Set<string>();
      practicesOf.set(p.npi, practices.add(p.tenantId));
    }
    cursor = page.next;
  } while (cursor);
  progress.fetchedAt = new Date();
  const outcome = await verifyNpis(deps, practicesOf.keys(), nppesOptions(source, deps.sources.timeoutMs));
  progress.rowsRead = outcome.checked;
  progress.added = outcome.changed.size;
  progress.files.push({
    name: 'NPI Registry lookups',
    kind: 'lookups',
    outcome: outcome.changed.size > 0 ? 'applied' : 'unchanged',
    sha256: null,
    bytes: 0,
    rows: outcome.checked,
  });
  const affected = new Set([...outcome.changed].flatMap((npi) => [...(practicesOf.get(npi) ?? [])]));
  if (affected.size > 0)
    await deps.systemWork(async ({ queue }) => {
      for (const tenantId of affected)
        await queue.enqueue(ScreenPractice, { sourceFetchedAt: progress.fetchedAt!.toISOString() }, { tenantId });
    });
  if (outcome.failed > 0)
    throw new SourceFetchError(
      'LOOKUPS_FAILED',
      `${outcome.failed} of ${outcome.checked} NPI lookups failed after retries (first: ${outcome.firstError}); their screenings show npiStatus error until a later sync answers them.`,
    );
}
