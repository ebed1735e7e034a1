import { ChainVerifier, type ChainReport } from '@plh/audit-chain';
import type { UnitOfWork } from '../../data/unit-of-work';
import type { ComplianceDeps } from '../deps';

const PAGE = 10_000;

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
  deps: Pick<ComplianceDeps, 'audit'>,
  uow: Pick<UnitOfWork, 'tenantId' | 'auditTrail'>,
  now = new Date(),
): Promise<TrailVerification> {
  const [head, checkpoints] = await Promise.all([uow.auditTrail.head(), uow.auditTrail.checkpoints()]);
  const verifier = new ChainVerifier(uow.tenantId, checkpoints, deps.audit.publicKeys);
  // Up to the head read first: entries appended while this runs are the next verification's.
  for (let after = 0; after < head.size;) {
    const page = await uow.auditTrail.entriesAfter(after, Math.min(PAGE, head.size - after));
    if (page.length === 0) break;
    for (const entry of page) verifier.push(entry);
    after = page.at(-1)!.seq;
  }
  const report = verifier.finish();
  return {
    ...report,
    headMatches: report.entries === head.size && report.headHash === head.headHash,
    valid: report.valid && report.entries === head.size && report.headHash === head.headHash,
    verifiedAt: now.toISOString(),
  };
}
