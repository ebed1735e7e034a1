import { createInternalTokenMinter, ServiceUnavailable } from '@plh/service-kit';
import { Pool } from 'undici';

export interface Mailing {
  orderId: string;
  orderNumber: number;
  projectId: string;
  letterType: string;
  listId: string;
  recipients: number;
  duplex: boolean;
  color: boolean;
  letterhead: { storageKey: string; contentType: string } | null;
  logo: { storageKey: string; contentType: string } | null;
  signature: { storageKey: string; contentType: string } | null;
}

export interface MailingRecipient {
  row: number;
  lines: string[];
}

export interface CoreMailing {
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
 * Core's internal mailing API (service token with `mailing:read`): an order's layout facts and its
 * decrypted recipients. Recipients travel only over this call, never in events or logs.
 */
export function coreMailingClient(input: {
  coreUrl: string;
  mint: ReturnType<typeof createInternalTokenMinter>;
}): CoreMailing {
  const pool = new Pool(input.coreUrl, { connections: 4, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const get = async <T>(path: string): Promise<T> => {
    const token = await input.mint(
      { kind: 'service', id: 'proof-engine', tenantId: null, role: null, scopes: ['mailing:read'] },
      'core',
    );
    let res;
    try {
      res = await pool.request({ method: 'GET', path, headers: { 'x-plh-internal-token': token } });
    } catch {
      throw new ServiceUnavailable('The core service did not answer; the job can be retried.');
    }
    if (res.statusCode === 404) {
      await res.body.dump();
      throw new MailingNotFound();
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new ServiceUnavailable(`The core service answered ${res.statusCode}; the job can be retried.`);
    }
    return (await res.body.json()) as T;
  };
  const base = (tenantId: string, orderId: string) =>
    `/internal/tenants/${encodeURIComponent(tenantId)}/orders/${encodeURIComponent(orderId)}`;
  return {
    mailing: (tenantId, orderId) => get<Mailing>(`${base(tenantId, orderId)}/mailing`),
    recipients: async (tenantId, orderId, query) => {
      const qs = 'sample' in query ? `sample=${query.sample}` : `afterRow=${query.afterRow}&take=${query.take}`;
      return (await get<{ items: MailingRecipient[] }>(`${base(tenantId, orderId)}/recipients?${qs}`)).items;
    },
    close: () => pool.close(),
  };
}

/** Core does not know the order (in this tenant). */
export class MailingNotFound extends Error {
  constructor() {
    super('The order does not exist in this practice.');
    this.name = 'MailingNotFound';
  }
}
