import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every service's first migration carries sql/event-bus.sql verbatim (Prisma folders must be self-contained). */
describe('event-bus tables in service migrations', () => {
  const canonical = readFileSync(path.join(__dirname, '../sql/event-bus.sql'), 'utf8');
  const servicesDir = path.join(__dirname, '../../../services');
  const services = readdirSync(servicesDir).filter((s) => existsSync(path.join(servicesDir, s, 'prisma/migrations')));

  it('finds the services that own data', () => {
    expect(services.length).toBeGreaterThan(0);
  });

  it.each(services)('%s carries an unmodified copy', (service) => {
    const migrations = path.join(servicesDir, service, 'prisma/migrations');
    const folder = readdirSync(migrations).find((name) => name.endsWith('_event_bus'));
    expect(folder).toBeDefined();
    expect(readFileSync(path.join(migrations, folder!, 'migration.sql'), 'utf8')).toBe(canonical);
  });
});
