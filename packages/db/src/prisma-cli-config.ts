import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';

/**
 * The settings of a service's `prisma.config.ts` (`export default defineConfig(prismaCliConfig(__dirname))`).
 * The Prisma CLI is used for `generate` and `migrate diff` only (migrations are SQL folders applied
 * by this package's runner). `engine: 'js'` with a driver adapter keeps the CLI on its wasm schema
 * engine, so it never downloads a native one (impossible here: see ../../shared/PLATFORM.md).
 */
export function prismaCliConfig(serviceDir: string) {
  return {
    experimental: { adapter: true },
    engine: 'js' as const,
    schema: path.join(serviceDir, 'prisma', 'schema.prisma'),
    async adapter() {
      const url = new URL(process.env.MIGRATION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
      return new PrismaPg({
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
        // The CLI does not close the pool; idle clients would keep it alive for pg's default 10 s.
        idleTimeoutMillis: 50,
      });
    },
  };
}
