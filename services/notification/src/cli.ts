#!/usr/bin/env node
/**
 * Operations on the notification service's data that run as a one-off job (k8s Job, or by hand):
 *   reseal-webhook-secrets   after putting a new key first in WEBHOOK_SECRET_KEYS (old ones after it,
 *                            and the service rolled), seals every endpoint's signing secret (and the
 *                            previous one during a rotation) under it; secrets written before sealing
 *                            existed are sealed too. Then the old key can go.
 * Needs MIGRATION_DATABASE_URL (the notification migrator role: every practice's endpoints) and
 * WEBHOOK_SECRET_KEYS. Prints how many secrets it sealed.
 */
import { SecretBox } from '@plh/storage';
import { Pool } from 'pg';
import { resealWebhookSecrets } from './data/reseal-webhook-secrets';

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== 'reseal-webhook-secrets') {
    console.error(
      'usage: plh-notification reseal-webhook-secrets   (env: MIGRATION_DATABASE_URL, WEBHOOK_SECRET_KEYS)',
    );
    process.exit(2);
  }
  const url = process.env.MIGRATION_DATABASE_URL;
  const keys = process.env.WEBHOOK_SECRET_KEYS;
  if (!url || !keys) {
    console.error('plh-notification: MIGRATION_DATABASE_URL and WEBHOOK_SECRET_KEYS are required');
    process.exit(2);
  }
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    const box = SecretBox.fromSetting(keys, 'WEBHOOK_SECRET_KEYS');
    const resealed = await resealWebhookSecrets(pool, box);
    process.stdout.write(`${JSON.stringify({ resealed, activeKeyId: box.activeKeyId })}\n`);
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error('plh-notification:', err instanceof Error ? err.message : err);
  process.exit(1);
});
