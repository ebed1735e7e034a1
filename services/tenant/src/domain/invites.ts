import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createEvent, TenantCreated, UserActivated, UserInvited, type EventRegistry } from '@plh/contracts';
import { enqueueEvent } from '@plh/event-bus';
import { Conflict, ProblemError, ValidationFailed } from '@plh/service-kit';
import type { PrismaClient } from '../../generated/prisma';
import { isValidNpi } from './npi';
import { checkPasswordPolicy, hashPassword } from './password';
import { normalizeEmail, sessionFor, type Session, type SessionDeps } from './sessions';

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class InvalidInvite extends ProblemError {
  constructor() {
    super(
      401,
      'INVALID_INVITE',
      'Invalid invitation',
      'The invitation is unknown, used or expired; ask for a new one.',
    );
  }
}

export interface InviteDeps {
  db: PrismaClient;
  registry: EventRegistry;
}

/**
 * Ops-side provisioning: a practice and its first owner, who is invited (no password yet). The
 * one-time token is returned once, to be sent to the owner; only its SHA-256 is stored.
 */
export async function provisionTenantWithInvite(
  deps: InviteDeps,
  input: { actorId: string; name: string; orgNpi?: string; timezone?: string; ownerEmail: string },
): Promise<{ tenantId: string; ownerUserId: string; inviteToken: string; inviteExpiresAt: Date }> {
  if (input.orgNpi && !isValidNpi(input.orgNpi)) {
    throw new ValidationFailed([
      { pointer: '/body/orgNpi', message: 'is not a valid NPI (10 digits, Luhn check digit)' },
    ]);
  }
  const email = normalizeEmail(input.ownerEmail);
  const inviteToken = `plh_inv_${randomBytes(32).toString('base64url')}`;
  const inviteExpiresAt = new Date(Date.now() + INVITE_TTL_MS);
  return deps.db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } }))
      throw new Conflict('EMAIL_TAKEN', 'A user with this email exists already.');
    const tenant = await tx.tenant.create({
      data: {
        id: randomUUID(),
        name: input.name,
        orgNpi: input.orgNpi ?? null,
        ...(input.timezone ? { timezone: input.timezone } : {}),
      },
    });
    const user = await tx.user.create({
      data: { id: randomUUID(), tenantId: tenant.id, email, passwordHash: null, role: 'owner', status: 'invited' },
    });
    const invite = await tx.invite.create({
      data: {
        id: randomUUID(),
        userId: user.id,
        tokenHash: hashToken(inviteToken),
        expiresAt: inviteExpiresAt,
        createdBy: input.actorId,
      },
    });
    const events = [
      createEvent(TenantCreated, {
        source: 'tenant',
        tenantId: tenant.id,
        data: { tenantId: tenant.id, createdBy: input.actorId },
      }),
      createEvent(UserInvited, {
        source: 'tenant',
        tenantId: tenant.id,
        data: { userId: user.id, inviteId: invite.id, role: 'owner' },
      }),
    ];
    for (const event of events) await enqueueEvent(tx, deps.registry, event);
    return { tenantId: tenant.id, ownerUserId: user.id, inviteToken, inviteExpiresAt };
  });
}

/** Accepts an invitation: sets the password (policy-checked), activates the user, signs them in. */
export async function acceptInvite(
  deps: InviteDeps & SessionDeps,
  input: { token: string; password: string },
): Promise<Session> {
  const userId = await deps.db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({
      where: { tokenHash: hashToken(input.token) },
      include: { user: true },
    });
    if (!invite || invite.acceptedAt || invite.expiresAt <= new Date() || invite.user.status !== 'invited')
      throw new InvalidInvite();
    checkPasswordPolicy(input.password, invite.user.email);
    // Conditional update: two concurrent accepts of one token cannot both win.
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (count === 0) throw new InvalidInvite();
    await tx.user.update({
      where: { id: invite.userId },
      data: { passwordHash: await hashPassword(input.password), status: 'active' },
    });
    await enqueueEvent(
      tx,
      deps.registry,
      createEvent(UserActivated, { source: 'tenant', tenantId: invite.user.tenantId, data: { userId: invite.userId } }),
    );
    return invite.userId;
  });
  return sessionFor(deps, userId);
}
