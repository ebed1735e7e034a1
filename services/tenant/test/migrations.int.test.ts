import { checkMigrationDrift } from '@plh/service-kit/testing';
import { tenantService } from '../src/service';

describe('tenant migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const report = await checkMigrationDrift(tenantService);
    expect(Object.keys(report.migrated.tables).length).toBeGreaterThan(0);
    expect(report.migrated).toEqual(report.prisma);
  });
});
