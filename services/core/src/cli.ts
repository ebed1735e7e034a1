#!/usr/bin/env node
/**
 * Operations on the core service's data that run as a one-off job (k8s Job, or by hand):
 *   rewrap-data-keys   after putting a new master key first in PHI_MASTER_KEYS (old ones after it),
 *                      re-wraps every practice's data key with it; patient rows are untouched.
 * Needs MIGRATION_DATABASE_URL (the core migrator role) and PHI_MASTER_KEYS.
 */
import { Pool } from 'pg';
import { dataKeyRewrapStore } from './data/data-key-rewrap.store';
import { parseMasterKeys } from './domain/keyring';
import { rewrapDataKeys } from './domain/rewrap-data-keys';

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== 'rewrap-data-keys') {
    console.error('usage: plh-core rewrap-data-keys   (env: MIGRATION_DATABASE_URL, PHI_MASTER_KEYS)');
    process.exit(2);
  }
  const url = process.env.MIGRATION_DATABASE_URL;
  const keys = process.env.PHI_MASTER_KEYS;
  if (!url || !keys) {
    console.error('plh-core: MIGRATION_DATABASE_URL and PHI_MASTER_KEYS are required');
    process.exit(2);
  }
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const masters = parseMasterKeys(keys);
    const { rewrapped } = await rewrapDataKeys(dataKeyRewrapStore(pool), masters);
    process.stdout.write(`${JSON.stringify({ rewrapped, activeMasterKey: masters[0]!.id })}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error('plh-core:', err instanceof Error ? err.message : err);
  process.exit(1);
});
