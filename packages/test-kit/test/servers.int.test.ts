import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { createTestDatabase, startNatsServer, testNatsUrl } from '../src';

describe('test-kit servers', () => {
  it('gives each caller its own empty database on a real PostgreSQL', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      const client = new Client({ connectionString: a.adminUrl });
      await client.connect();
      const { rows } = await client.query<{ db: string; version: number }>(
        "SELECT current_database() AS db, current_setting('server_version_num')::int AS version",
      );
      await client.end();
      expect(rows[0]?.db).toBe(a.name);
      expect(rows[0]?.version).toBeGreaterThanOrEqual(150000);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('runs NATS with JetStream enabled', async () => {
    const nc = await connect({ servers: testNatsUrl() });
    const jsm = await jetstreamManager(nc);
    const info = await jsm.getAccountInfo();
    expect(info.limits).toBeDefined();
    await nc.close();
  });

  it('starts a private nats-server that survives SIGKILL and restart with its store', async () => {
    const server = await startNatsServer();
    try {
      let nc = await connect({ servers: server.url });
      let jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'KIT', subjects: ['kit.>'] });
      await nc.close();
      await server.kill('SIGKILL');
      await server.restart();
      nc = await connect({ servers: server.url });
      jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info('KIT')).config.name).toBe('KIT');
      await nc.close();
    } finally {
      await server.stop();
    }
  });
});
