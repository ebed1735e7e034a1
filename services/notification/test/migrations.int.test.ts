import { checkMigrationDrift } from '@plh/service-kit/testing';
import { notificationService } from '../src/service';

describe('notification migrations', () => {
  it('apply on an empty database and match the Prisma schema (drift check)', async () => {
    const report = await checkMigrationDrift(notificationService);
    expect(Object.keys(report.migrated.tables)).toEqual(
      expect.arrayContaining([
        'message',
        'delivery_attempt',
        'webhook_endpoint',
        'preference',
        'alert_delivery',
        'sms_opt_out',
      ]),
    );
    expect(report.migrated).toEqual(report.prisma);
  });
});
