import { checkMigrationDrift } from '@plh/service-kit/testing';
import { proofEngineService } from '../src/service';

describe('proof-engine migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const report = await checkMigrationDrift(proofEngineService);
    expect(Object.keys(report.migrated.tables)).toEqual(expect.arrayContaining(['job', 'template', 'letter_setup']));
    expect(report.migrated).toEqual(report.prisma);
  });
});
