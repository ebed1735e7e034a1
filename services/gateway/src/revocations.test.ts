import { createEvent, UserChanged } from '@plh/contracts';
import type { Principal } from '@plh/service-kit';
import { Revocations } from './revocations';

describe('Revocations', () => {
  const user: Principal = { kind: 'user', id: 'u-1', tenantId: 't-1', role: 'approver', scopes: [] };
  const changedAt = new Date('2026-11-30T12:00:00.700Z');

  function revokedAt(at: Date) {
    const revocations = new Revocations(15 * 60_000, { apiKey: () => undefined, tenant: () => undefined });
    const event = createEvent(UserChanged, {
      source: 'tenant',
      tenantId: 't-1',
      data: { userId: 'u-1', changedBy: 'u-0', role: 'viewer' },
    });
    revocations.apply({ ...event, occurredAt: at.toISOString() });
    return revocations;
  }

  it('cuts a token issued earlier in the same second as the change and spares one issued after it', () => {
    const revocations = revokedAt(changedAt);
    expect(revocations.isRevoked(user, new Date('2026-11-30T12:00:00.500Z'))).toBe(true);
    expect(revocations.isRevoked(user, new Date('2026-11-30T12:00:00.800Z'))).toBe(false);
    expect(revocations.isRevoked(user, new Date('2026-11-30T11:59:59.000Z'))).toBe(true);
  });

  it('leaves other users alone', () => {
    const revocations = revokedAt(changedAt);
    expect(revocations.isRevoked({ ...user, id: 'u-2' }, new Date('2026-11-30T12:00:00.500Z'))).toBe(false);
  });
});
