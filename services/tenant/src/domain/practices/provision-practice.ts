import { randomBytes, randomUUID } from 'node:crypto';
import { createEvent, TenantCreated, UserInvited } from '@plh/contracts';
import { ValidationFailed } from '@plh/service-kit';
import { normalizeEmail } from '../auth/email';
import { hashToken } from '../auth/session';
import type { TenantDeps } from '../deps';
import { isValidNpi } from '../npi';
import { EmailTaken } from '../problems';

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

export interface ProvisionPracticeInput {
  actorId: string;
  name: string;
  orgNpi?: string;
  timezone?: string;
  ownerEmail: string;
}

/**
 * Ops-side provisioning: a practice and its first owner, who is invited (no password yet). The
 * one-time token is returned once, to be sent to the owner; only its SHA-256 is stored.
 */
export async function provisionPractice(
  deps: Pick<TenantDeps, 'unitOfWork'>,
  input: ProvisionPracticeInput,
): Promise<{ tenantId: string; ownerUserId: string; inviteToken: string; inviteExpiresAt: Date }> {
  if (input.orgNpi && !isValidNpi(input.orgNpi)) {
    throw new ValidationFailed([
      { pointer: '/body/orgNpi', message: 'is not a valid NPI (10 digits, Luhn check digit)' },
    ]);
  }
  const email = normalizeEmail(input.ownerEmail);
  const inviteToken = `plh_inv_${randomBytes(32).toString('base64url')}`;
  const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
  return deps.unitOfWork.run(randomUUID(), async ({ tenantId, practice, users, outbox, audit }) => {
    if (await users.emailInUse(email)) throw EmailTaken();
    await practice.create({
      name: input.name,
      orgNpi: input.orgNpi ?? null,
      ...(input.timezone ? { timezone: input.timezone } : {}),
    });
    const user = await users.create({ id: randomUUID(), email, passwordHash: null, role: 'owner', status: 'invited' });
    const invite = await users.createInvite({
      id: randomUUID(),
      userId: user.id,
      tokenHash: hashToken(inviteToken),
      expiresAt: inviteExpiresAt,
      createdBy: input.actorId,
    });
    await outbox.enqueue(
      createEvent(TenantCreated, { source: 'tenant', tenantId, data: { tenantId, createdBy: input.actorId } }),
    );
    await outbox.enqueue(
      createEvent(UserInvited, {
        source: 'tenant',
        tenantId,
        data: {
          userId: user.id,
          inviteId: invite.id,
          role: 'owner',
          acceptToken: inviteToken,
          expiresAt: inviteExpiresAt.toISOString(),
        },
      }),
    );
    await audit.record({
      action: 'practice.provision',
      resource: { type: 'practice', id: tenantId },
      changes: [
        { field: 'orgNpi', to: input.orgNpi ?? null },
        { field: 'status', to: 'active' },
      ],
    });
    await audit.record({
      action: 'user.invite',
      resource: { type: 'user', id: user.id },
      changes: [{ field: 'role', to: 'owner' }],
    });
    return { tenantId, ownerUserId: user.id, inviteToken, inviteExpiresAt };
  });
}
