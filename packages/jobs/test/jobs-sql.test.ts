import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A service that runs jobs carries sql/jobs.sql verbatim (Prisma folders must be self-contained). */
describe('job tables in service migrations', () => {
  const canonical = readFileSync(path.join(__dirname, '../sql/jobs.sql'), 'utf8');
  const servicesDir = path.join(__dirname, '../../../services');
  const copies = readdirSync(servicesDir).flatMap((service) => {
    const migrations = path.join(servicesDir, service, 'prisma/migrations');
    if (!existsSync(migrations)) return [];
    return readdirSync(migrations)
      .filter((name) => name.endsWith('_job_queue'))
      .map((folder) => [service, path.join(migrations, folder, 'migration.sql')] as const);
  });

  it('finds the proof engine among the services that run jobs', () => {
    expect(copies.map(([service]) => service)).toContain('proof-engine');
  });

  it.each(copies)('%s carries an unmodified copy', (_service, file) => {
    expect(readFileSync(file, 'utf8')).toBe(canonical);
  });
});
