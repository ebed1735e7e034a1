import { ChainVerifier, type ChainReport } from '@plh/audit-chain';
import type { ComplianceDeps } from '../deps';

const PAGE = 5_000;

export interface TrailVerification extends ChainReport {
  /** The head row's size and hash agree with the entries (they are kept by the appender, not trusted). */
  headMatches: boolean;
  verifiedAt: string;
}

/**
 * Re-computes a practice's whole chain from its first entry: each hash, each link, no number missing,
 * and every signed checkpoint's root over the entries it covers. Names the first broken entry.
 */
export async function verifyTrail(
  deps: Pick<ComplianceDeps, 'audit' | 'unitOfWork'>,
  tenantId: string,
  now = new Date(),
): Promise<TrailVerification> {
  // The head and checkpoints in one short transaction; the entries, read after it, are immutable.
  const { head, checkpoints } = await deps.unitOfWork(tenantId, async (uow) => ({
    head: await uow.auditTrail.head(),
    checkpoints: await uow.auditTrail.checkpoints(),
  }));
  const verifier = new ChainVerifier(tenantId, checkpoints, deps.audit.publicKeys);
  // Up to the head read first: entries appended while this runs are the next verification's. The next
  // range is asked for before this one is hashed, so PostgreSQL and the hashing overlap on two cores.
  const read = (after: number) => deps.audit.entries.between(tenantId, after, Math.min(after + PAGE, head.size));
  for (let after = 0, page = read(0); after < head.size; after += PAGE) {
    const entries = await page;
    if (after + PAGE < head.size) page = read(after + PAGE);
    for (const entry of entries) verifier.push(entry);
  }
  const report = verifier.finish();
  return {
    ...report,
    headMatches: report.entries === head.size && report.headHash === head.headHash,
    valid: report.valid && report.entries === head.size && report.headHash === head.headHash,
    verifiedAt: now.toISOString(),
  };
}
