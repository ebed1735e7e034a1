import type { PostgresHandle } from './postgres';
import type { NatsServerHandle } from './nats-server';
import { natsConfig } from './nats-server';

/**
 * True when testcontainers finds a Docker (or Podman) engine. Without one it rejects within a few ms
 * ("Could not find a working container runtime strategy"), and we fall back to local binaries.
 * `PLH_TEST_CONTAINERS=0` skips the probe.
 */
export async function containerRuntimeAvailable(): Promise<boolean> {
  if (process.env.PLH_TEST_CONTAINERS === '0') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startPostgresContainer(): Promise<Omit<PostgresHandle, 'restart'>> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('postgres:18-alpine')
    .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
    .withCommand(['postgres', '-c', 'max_connections=400', '-c', 'fsync=off'])
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    adminUrl: `postgres://postgres:postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => void (await container.stop()),
  };
}

export async function startNatsContainer(): Promise<Omit<NatsServerHandle, 'kill' | 'restart' | 'monitorUrl'>> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('nats:2.11-alpine')
    .withCopyContentToContainer([
      { content: natsConfig(4222, '/data').replace('127.0.0.1', '0.0.0.0'), target: '/etc/nats/plh.conf' },
    ])
    .withCommand(['-c', '/etc/nats/plh.conf'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  const port = container.getMappedPort(4222);
  return {
    url: `nats://${container.getHost()}:${port}`,
    port,
    storeDir: '/data',
    stop: async () => void (await container.stop()),
  };
}
