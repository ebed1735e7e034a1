import {
  entryLeaf,
  EXPORT_FORMAT,
  exportStatement,
  type ChainEntry,
  type ExportHeader,
  type ExportLine,
} from '@plh/audit-chain';
import type { ComplianceDeps } from '../deps';
import { checkpointChain } from './checkpoints';
import { exportProofs } from './proofs';

const PAGE = 5_000;

/**
 * A practice's trail between two times as JSON lines an auditor verifies offline (packages/audit-chain's
 * `plh-audit-verify` with the published public key): the header, the entries, the latest checkpoint
 * (signed now if the chain grew since the last one, so it covers every exported entry), the
 * checkpoints issued in the range, and the proofs tying them together. The export itself is audited.
 */
export async function* exportTrail(
  deps: Pick<ComplianceDeps, 'unitOfWork' | 'audit'>,
  input: { tenantId: string; from?: Date; to?: Date },
  now = new Date(),
): AsyncGenerator<string> {
  const { tenantId } = input;
  const anchor = await deps.unitOfWork(tenantId, async (uow) => {
    await uow.audit.record({
      action: 'audit-trail.export',
      resource: { type: 'audit-trail', id: tenantId },
      changes: [
        { field: 'from', to: input.from?.toISOString() ?? null },
        { field: 'to', to: input.to?.toISOString() ?? null },
      ],
    });
    return checkpointChain(uow, deps.audit.signer, now);
  });
  // Entries are immutable and numbered: reading them in several short transactions is consistent.
  const read = <R>(fn: Parameters<typeof deps.unitOfWork<R>>[1]) => deps.unitOfWork(tenantId, fn);
  const treeSize = anchor.treeSize;
  const firstSeq = input.from ? await read((uow) => uow.auditTrail.firstSeqFrom(input.from!)) : 1;
  const range = { afterSeq: (firstSeq ?? treeSize + 1) - 1, upToSeq: treeSize, recordedBefore: input.to };
  const unsigned: Omit<ExportHeader, 'signature'> = {
    type: 'export',
    format: EXPORT_FORMAT,
    chain: tenantId,
    from: input.from?.toISOString() ?? null,
    to: input.to?.toISOString() ?? null,
    exportedAt: now.toISOString(),
    ...(await read((uow) => uow.auditTrail.rangeOf(range))),
    treeSize,
    keyId: deps.audit.signer.keyId,
  };
  // Signed: an export with entries cut from either end (and its count edited) does not verify.
  const header: ExportLine = { ...unsigned, signature: deps.audit.signer.signStatement(exportStatement(unsigned)) };
  yield `${JSON.stringify(header)}\n`;
  // Streamed a page at a time (an export may hold millions of entries); only its ends are kept.
  const ends: ChainEntry[] = [];
  for (let after = range.afterSeq; after < treeSize; after += PAGE) {
    const from = after;
    const page = await read((uow) => uow.auditTrail.entriesBetween(from, Math.min(from + PAGE, treeSize), input.to));
    for (const entry of page) yield `${JSON.stringify({ type: 'entry', ...entry })}\n`;
    if (page.length > 0) {
      if (ends.length === 0) ends.push(page[0]!);
      ends[1] = page.at(-1)!;
    }
  }
  const checkpoints = await read((uow) => uow.auditTrail.checkpoints());
  // One earlier checkpoint, proven consistent with the anchor: the last one issued before the range
  // (what an auditor may hold from the previous export), else the first ever. One proof, not one per
  // checkpoint of the range (a month holds thousands).
  const earlier = checkpoints.filter((c) => c.treeSize > 0 && c.treeSize < anchor.treeSize);
  const before = input.from ? earlier.filter((c) => new Date(c.issuedAt) < input.from!).at(-1) : undefined;
  const inRange = [before ?? earlier[0]].filter((c): c is NonNullable<typeof c> => !!c);
  for (const c of [...inRange, anchor]) yield `${JSON.stringify({ type: 'checkpoint', ...c })}\n`;
  // The stored hashes (what the checkpoint signed); if any were edited, the verifier's re-hash names them.
  const leaves = (
    await deps.unitOfWork(tenantId, (uow) => uow.auditTrail.hashesUpTo(anchor.treeSize), { timeoutMs: 120_000 })
  ).map(entryLeaf);
  const proofs = exportProofs(leaves, anchor, ends[0] === ends[1] ? ends.slice(0, 1) : ends, inRange);
  for (const line of [...proofs.inclusions, ...proofs.consistencies]) yield `${JSON.stringify(line)}\n`;
}
