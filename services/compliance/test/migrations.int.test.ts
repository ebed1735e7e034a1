import { checkMigrationDrift } from '@plh/service-kit/testing';
import { complianceService } from '../src/service';

describe('compliance migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const report = await checkMigrationDrift(complianceService);
    expect(Object.keys(report.migrated.tables)).toEqual(
      expect.arrayContaining(['source', 'source_sync', 'leie_listing', 'screening', 'compliance_event']),
    );
    expect(report.migrated).toEqual(report.prisma);
  });
});
