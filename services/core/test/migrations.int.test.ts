import { checkMigrationDrift } from '@plh/service-kit/testing';
import { coreService } from '../src/service';

describe('core migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const report = await checkMigrationDrift(coreService);
    expect(Object.keys(report.migrated.tables)).toEqual(expect.arrayContaining(['orders', 'patient', 'quote']));
    expect(report.migrated).toEqual(report.prisma);
  });
});
