import { unwrapDataKey, wrapDataKey, type MasterKey } from './phi-cipher';

export interface WrappedKeyRow {
  tenantId: string;
  wrappedKey: string;
  masterKeyId: string;
}

export interface DataKeyRewrapStore {
  /** Data keys not wrapped by `activeId` (a batch). */
  stale(activeId: string, limit: number): Promise<WrappedKeyRow[]>;
  /** Replaces one wrapped key, only if it is still the one read (concurrent rewraps do not clash). */
  replace(row: WrappedKeyRow, next: { wrappedKey: string; masterKeyId: string }): Promise<boolean>;
}

/**
 * Master-key rotation: every practice's data key is unwrapped with whichever configured master key
 * wrapped it and wrapped again with the active (first) one. Patient rows are never read or written:
 * they stay encrypted under the same data keys. Afterwards the old master key can leave PHI_MASTER_KEYS.
 */
export async function rewrapDataKeys(store: DataKeyRewrapStore, masters: MasterKey[]): Promise<{ rewrapped: number }> {
  const active = masters[0]!;
  let rewrapped = 0;
  for (;;) {
    const batch = await store.stale(active.id, 500);
    if (batch.length === 0) return { rewrapped };
    for (const row of batch) {
      const dataKey = unwrapDataKey(masters, row.tenantId, { masterKeyId: row.masterKeyId, wrapped: row.wrappedKey });
      const next = wrapDataKey(active, row.tenantId, dataKey);
      if (await store.replace(row, { wrappedKey: next.wrapped, masterKeyId: next.masterKeyId })) rewrapped += 1;
    }
  }
}
