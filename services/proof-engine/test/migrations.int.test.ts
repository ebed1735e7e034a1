import path from 'node:path';
import { compareWithPrisma } from '@plh/db';
import { createTestDatabase } from '@plh/test-kit';

describe('proof-engine migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const [migrated, expected] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      const report = await compareWithPrisma({
        serviceDir: path.join(__dirname, '..'),
        schema: 'proof',
        migratedDbUrl: migrated.adminUrl,
        prismaDbUrl: expected.adminUrl,
      });
      expect(Object.keys(report.migrated.tables)).toEqual(expect.arrayContaining(['job', 'template', 'letter_setup']));
      expect(report.migrated).toEqual(report.prisma);
    } finally {
      await Promise.all([migrated.drop(), expected.drop()]);
    }
  });
});
