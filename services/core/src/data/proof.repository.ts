import type { Tx } from './db';

export interface ProofRecord {
  id: string;
  orderId: string;
  revision: number;
  jobId: string;
  storageKey: string;
  sha256: string;
  pageCount: number;
  createdAt: Date;
}

export interface ApprovalRecord {
  id: string;
  orderId: string;
  proofId: string;
  proofSha256: string;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decidedBy: string;
  createdAt: Date;
}

/** Proof revisions of orders and the decisions on them. */
export function proofRepository(tx: Tx, tenantId: string) {
  const scope = { tenantId };
  return {
    async add(p: Omit<ProofRecord, 'revision' | 'createdAt'>): Promise<ProofRecord> {
      const last = await tx.proof.findFirst({
        where: { ...scope, orderId: p.orderId },
        orderBy: { revision: 'desc' },
        select: { revision: true },
      });
      return tx.proof.create({ data: { ...p, revision: (last?.revision ?? 0) + 1, ...scope } });
    },
    findByJob: (jobId: string): Promise<ProofRecord | null> => tx.proof.findFirst({ where: { ...scope, jobId } }),
    latest: (orderId: string): Promise<ProofRecord | null> =>
      tx.proof.findFirst({ where: { ...scope, orderId }, orderBy: { revision: 'desc' } }),
    findById: (id: string): Promise<ProofRecord | null> => tx.proof.findFirst({ where: { ...scope, id } }),
    list: (orderId: string): Promise<ProofRecord[]> =>
      tx.proof.findMany({ where: { ...scope, orderId }, orderBy: { revision: 'desc' } }),
    addApproval: async (a: Omit<ApprovalRecord, 'createdAt'>): Promise<ApprovalRecord> =>
      (await tx.approval.create({ data: { ...a, ...scope } })) as ApprovalRecord,
    approvals: async (orderId: string): Promise<ApprovalRecord[]> =>
      (await tx.approval.findMany({ where: { ...scope, orderId }, orderBy: { createdAt: 'asc' } })) as ApprovalRecord[],
  };
}
