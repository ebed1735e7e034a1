import { parseKeyList } from '@plh/storage';
import { newDataKey, PhiSealer, unwrapDataKey, wrapDataKey, type MasterKey } from './phi-cipher';

/** `PHI_MASTER_KEYS` = `id:base64,id:base64…`, the first one active (wraps new data keys). */
export function parseMasterKeys(value: string): MasterKey[] {
  return parseKeyList(value, 'PHI_MASTER_KEYS');
}

export interface DataKeyStore {
  find(): Promise<{ wrappedKey: string; masterKeyId: string } | null>;
  insertIfAbsent(wrapped: {
    masterKeyId: string;
    wrapped: string;
  }): Promise<{ wrappedKey: string; masterKeyId: string }>;
}

/**
 * Hands out each tenant's PhiSealer: unwraps the stored data key with the master keys (creating and
 * wrapping one with the active master key on first use), and keeps unwrapped keys in memory briefly.
 */
export class Keyring {
  private readonly cache = new Map<string, { sealer: PhiSealer; until: number }>();

  constructor(
    private readonly masters: MasterKey[],
    private readonly cacheMs = 5 * 60_000,
  ) {}

  async sealerFor(tenantId: string, store: DataKeyStore): Promise<PhiSealer> {
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > Date.now()) return hit.sealer;
    let row = await store.find();
    if (!row) row = await store.insertIfAbsent(wrapDataKey(this.masters[0]!, tenantId, newDataKey()));
    const sealer = new PhiSealer(
      unwrapDataKey(this.masters, tenantId, { masterKeyId: row.masterKeyId, wrapped: row.wrappedKey }),
    );
    if (this.cache.size > 1_000) this.cache.clear();
    this.cache.set(tenantId, { sealer, until: Date.now() + this.cacheMs });
    return sealer;
  }
}
