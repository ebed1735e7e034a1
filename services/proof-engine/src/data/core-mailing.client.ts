import {
  MAILING_READ_SCOPE,
  type Mailing,
  type MailingRecipient,
  type MailingRecipients,
  type ProjectRef,
} from '@plh/contracts';
import { createServiceClient, type createInternalTokenMinter } from '@plh/service-kit';

export type { Mailing, MailingRecipient };

export interface CoreMailing {
  /** The practice's project, or null when it has none with that id. */
  project(tenantId: string, projectId: string): Promise<ProjectRef | null>;
  mailing(tenantId: string, orderId: string): Promise<Mailing>;
  /** Rows after `afterRow`, in order; or a proof sample (first N plus the layout-stressing rows). */
  recipients(
    tenantId: string,
    orderId: string,
    query: { afterRow: number; take: number } | { sample: number },
  ): Promise<MailingRecipient[]>;
  close(): Promise<void>;
}

/**
 * Core's internal mailing API (service token with `mailing:read`): a project's type, an order's layout facts and its
 * decrypted recipients. Recipients travel only over this call, never in events or logs.
 */
export function coreMailingClient(input: {
  coreUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
}): CoreMailing {
  const core = createServiceClient({
    baseUrl: input.coreUrl,
    mint: input.mint,
    caller: 'proof-engine',
    audience: 'core',
    scopes: [MAILING_READ_SCOPE],
    unavailable: 'The core service did not answer; the job can be retried.',
    timeoutMs: 30_000,
    connections: 4,
  });
  const base = (tenantId: string, orderId: string) =>
    `/internal/tenants/${encodeURIComponent(tenantId)}/orders/${encodeURIComponent(orderId)}`;
  const found = <T>(answer: T | null): T => {
    if (answer === null) throw new MailingNotFound();
    return answer;
  };
  return {
    project: (tenantId, projectId) =>
      core.get<ProjectRef>(
        `/internal/tenants/${encodeURIComponent(tenantId)}/projects/${encodeURIComponent(projectId)}`,
      ),
    mailing: async (tenantId, orderId) => found(await core.get<Mailing>(`${base(tenantId, orderId)}/mailing`)),
    recipients: async (tenantId, orderId, query) => {
      const qs = 'sample' in query ? `sample=${query.sample}` : `afterRow=${query.afterRow}&take=${query.take}`;
      return found(await core.get<MailingRecipients>(`${base(tenantId, orderId)}/recipients?${qs}`)).items;
    },
    close: () => core.close(),
  };
}

/** Core does not know the order (in this tenant). */
export class MailingNotFound extends Error {
  constructor() {
    super('The order does not exist in this practice.');
    this.name = 'MailingNotFound';
  }
}
